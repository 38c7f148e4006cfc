import { formatPath, type ValidationIssue } from '../model/errors.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any honest pack or input; bounds recursion on hostile documents. */
export const MAX_DEPTH = 64;

/**
 * Walk a parsed document before validation: keys that could reach an
 * object's prototype are refused, as is nesting deeper than {@link MAX_DEPTH}.
 * Returns the problems; never modifies the value.
 */
export function unsafeStructure(value: unknown, file?: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0 && issues.length < 100) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (path.length > MAX_DEPTH) {
      issues.push({ path, pointer: formatPath(path), message: `nested deeper than ${MAX_DEPTH} levels`, ...(file ? { file } : {}) });
      continue;
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push({ path: [...path, key], pointer: formatPath([...path, key]), message: `the key "${key}" is not allowed`, ...(file ? { file } : {}) });
        continue;
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return issues;
}

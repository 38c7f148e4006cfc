import { isProxy } from './proxy.js';
import { z } from 'zod';
import { formatPath, issuesFromZod, type ValidationIssue } from '../model/errors.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any honest pack or input; bounds recursion on hostile documents. */
export const MAX_DEPTH = 64;

/**
 * Why a value is not plain data (JSON-like objects and arrays), found without
 * running any of its code: a Proxy's traps, a getter or an inherited getter
 * would run if the value were read, and a sparse array could claim 2^32 - 1
 * items. Undefined when it is plain.
 */
function notPlain(value: object): string | undefined {
  if (isProxy(value)) return 'a Proxy is not accepted; give plain data (JSON-like objects and arrays)';
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) return proto === Array.prototype ? undefined : 'an array of another kind is not accepted; give a plain array';
  if (proto === Object.prototype || proto === null) return undefined;
  if (value instanceof Date) return 'a Date object is not accepted; give the date as a string such as "2020-03-31"';
  return 'an object of another kind (a class instance, Map, Buffer...) is not accepted; give plain data (JSON-like objects and arrays)';
}

/**
 * Walk a parsed document before validation: keys that could reach an
 * object's prototype are refused, as is nesting deeper than {@link MAX_DEPTH},
 * and anything that is not plain data (proxies, getters and setters, class
 * instances, arrays with holes) — so validating a value never runs code that
 * came with it. Returns the problems; never modifies the value.
 */
export function unsafeStructure(value: unknown, file?: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (path: (string | number)[], message: string): ValidationIssue => ({ path, pointer: formatPath(path), message, ...(file ? { file } : {}) });
  // Each entry links to its parent: a path is built only for a problem, not for every value walked.
  interface Entry {
    value: unknown;
    parent: Entry | undefined;
    key: string | number;
    depth: number;
  }
  const pathOf = (entry: Entry): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let e: Entry | undefined = entry; e?.parent; e = e.parent) path.push(e.key);
    return path.reverse();
  };
  const stack: Entry[] = [{ value, parent: undefined, key: '', depth: 0 }];
  while (stack.length > 0 && issues.length < 100) {
    const entry = stack.pop()!;
    const current = entry.value;
    if (current === null || typeof current !== 'object') continue;
    if (entry.depth > MAX_DEPTH) {
      issues.push(at(pathOf(entry), `nested deeper than ${MAX_DEPTH} levels`));
      continue;
    }
    const kind = notPlain(current);
    if (kind) {
      issues.push(at(pathOf(entry), kind));
      continue;
    }
    const isArray = Array.isArray(current);
    const names = Object.getOwnPropertyNames(current);
    if (isArray && names.length - 1 !== (current as unknown[]).length) {
      issues.push(at(pathOf(entry), 'an array with holes (or with extra properties) is not accepted'));
      continue;
    }
    for (const key of names) {
      if (isArray && key === 'length') continue;
      const step = isArray ? Number(key) : key;
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push(at([...pathOf(entry), step], `the key "${key}" is not allowed`));
        continue;
      }
      const descriptor = Object.getOwnPropertyDescriptor(current, key)!;
      if (descriptor.get || descriptor.set) {
        issues.push(at([...pathOf(entry), step], 'a getter or setter is not accepted; give plain data'));
        continue;
      }
      const child = descriptor.value as unknown;
      // Scalars need no entry of their own.
      if (child !== null && typeof child === 'object') stack.push({ value: child, parent: entry, key: step, depth: entry.depth + 1 });
    }
  }
  return issues;
}

/** How many issues are listed when there are too many to gather at once. */
const LISTED_WHEN_TOO_MANY = 1000;

function prefixed(issues: ValidationIssue[], path: (string | number)[]): ValidationIssue[] {
  return issues.map((issue) => ({ ...issue, path: [...path, ...issue.path], pointer: formatPath([...path, ...issue.path]) }));
}

/** Issues of `value` against `schema`, field by field wherever one parse overflows the stack, up to `out`'s limit. */
/** An array this long inside a value that already overflowed is not parsed whole again: its items are. */
const PARSED_ITEM_BY_ITEM = 10_000;

function holdsLongArray(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > PARSED_ITEM_BY_ITEM || value.some((item) => item !== null && typeof item === 'object' && holdsLongArray(item));
  if (value === null || typeof value !== 'object') return false;
  for (const child of Object.values(value)) if (child !== null && typeof child === 'object' && holdsLongArray(child)) return true;
  return false;
}

function collectIssues(schema: z.ZodType, value: unknown, path: (string | number)[], out: ValidationIssue[], file: string | undefined, known = false): void {
  if (out.length >= LISTED_WHEN_TOO_MANY) return;
  // Below a value whose parse overflowed, a part holding a very long array would overflow (slowly) again: go straight to its fields.
  if (!known || !holdsLongArray(value)) try {
    const result = schema.safeParse(value);
    if (!result.success) out.push(...prefixed(issuesFromZod(result.error, file).slice(0, LISTED_WHEN_TOO_MANY - out.length), path));
    return;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    for (let i = 0; i < value.length && out.length < LISTED_WHEN_TOO_MANY; i++) collectIssues(inner.element as z.ZodType, value[i], [...path, i], out, file, true);
  } else if (inner instanceof z.ZodObject && value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(inner.shape as Record<string, z.ZodType>)) collectIssues(child, (value as Record<string, unknown>)[key], [...path, key], out, file, true);
  } else {
    out.push({ path, pointer: formatPath(path), message: 'too many problems in this field to list', ...(file ? { file } : {}) });
  }
}

/**
 * `schema.safeParse`, but never a stack overflow: zod gathers a field's
 * issues into its parent with `push(...issues)`, which throws a RangeError
 * past about 100,000 issues (200,000 unitholders without subscriptions).
 * Then the value is validated field by field and the first
 * {@link LISTED_WHEN_TOO_MANY} issues are listed. Call it on a value that
 * passed {@link unsafeStructure}.
 */
export function safeParseBounded<T extends z.ZodType>(schema: T, value: unknown, file?: string): { success: true; data: z.infer<T> } | { success: false; issues: ValidationIssue[] } {
  try {
    const result = schema.safeParse(value);
    return result.success ? { success: true, data: result.data } : { success: false, issues: issuesFromZod(result.error, file, schema, value) };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  const issues: ValidationIssue[] = [];
  collectIssues(schema, value, [], issues, file, true);
  issues.push({ path: [], pointer: '(root)', message: `too many problems to list them all; the first ${issues.length} are listed above`, ...(file ? { file } : {}) });
  return { success: false, issues };
}

/**
 * The path resolver given to json-rules-engine in place of jsonpath-plus:
 * plain property and index steps only (`$.scheme.minimumFirstSubscription`,
 * `$.items[0]`), own properties only, no filters and no script evaluation, so
 * a pack can read data but never run code.
 */
const STEP = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d{1,6})\]/y;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_PATH_STEPS = 16;

export type PathStep = string | number;

export function parsePath(path: string): { ok: true; steps: PathStep[] } | { ok: false; reason: string } {
  if (!path.startsWith('$')) return { ok: false, reason: `a path starts with "$", e.g. "$.scheme.minimumFirstSubscription"; got ${JSON.stringify(path)}` };
  const steps: PathStep[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < path.length) {
    const at = STEP.lastIndex;
    const match = STEP.exec(path);
    if (!match || match.index !== at) {
      return { ok: false, reason: `unsupported path syntax at character ${at + 1} of ${JSON.stringify(path)}: only ".name" and "[index]" steps are allowed` };
    }
    const name = match[1];
    if (name !== undefined) {
      if (FORBIDDEN.has(name)) return { ok: false, reason: `the path step "${name}" is not allowed` };
      steps.push(name);
    } else steps.push(Number(match[2]));
    if (steps.length > MAX_PATH_STEPS) return { ok: false, reason: `a path has at most ${MAX_PATH_STEPS} steps` };
  }
  return { ok: true, steps };
}

const cache = new Map<string, PathStep[]>();

function stepsOf(path: string): PathStep[] {
  let steps = cache.get(path);
  if (!steps) {
    const parsed = parsePath(path);
    // Packs are validated at load time; reaching this means a path bypassed validation.
    if (!parsed.ok) throw new Error(`Invalid fact path ${JSON.stringify(path)}: ${parsed.reason}`);
    steps = parsed.steps;
    cache.set(path, steps);
  }
  return steps;
}

/** Resolve a validated path against a value; a missing step gives `undefined`. */
export function resolvePath(value: unknown, path: string): unknown {
  return resolveSteps(value, stepsOf(path));
}

/** A validated path's steps, parsed once (for a reader compiled once). */
export function pathSteps(path: string): readonly PathStep[] {
  return stepsOf(path);
}

/** Resolve parsed steps against a value, as {@link resolvePath} does. */
export function resolveSteps(value: unknown, steps: readonly PathStep[]): unknown {
  let current: unknown = value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, step)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

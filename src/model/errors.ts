import type { z } from 'zod';

/** One problem with an input or a pack, with the path of the bad field. */
export interface ValidationIssue {
  /** Path of the field, e.g. ["funds", 0, "unitholders", 2, "subscriptions", 0, "amount"]. */
  path: (string | number)[];
  /** The path written as `funds[0].unitholders[2].subscriptions[0].amount`. */
  pointer: string;
  message: string;
  /** The file the value came from, when it came from a file. */
  file?: string;
  /** How to fix it, when there is an obvious fix. */
  hint?: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

export function issuesFromZod(error: z.ZodError, file?: string): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    return { path, pointer: formatPath(path), message: issue.message, ...(file ? { file } : {}) };
  });
}

/** Thrown by `evaluate` and the loaders when what they were given is not valid. Lists every bad field. */
export class ComplianceInputError extends Error {
  readonly code = 'INVALID_INPUT';
  constructor(
    readonly issues: ValidationIssue[],
    what = 'input',
  ) {
    super(`Invalid ${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${issues.map((i) => `  - ${i.file ? `${i.file}: ` : ''}${i.pointer}: ${i.message}`).join('\n')}`);
    this.name = 'ComplianceInputError';
  }
}

/** Thrown when a rule pack is malformed; each issue names the file and path. */
export class PackError extends Error {
  readonly code = 'INVALID_PACK';
  constructor(readonly issues: ValidationIssue[]) {
    super(`Invalid rule pack: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${issues.map((i) => `  - ${i.file ?? '(pack)'}: ${i.pointer}: ${i.message}`).join('\n')}`);
    this.name = 'PackError';
  }
}

/** Thrown when an evaluation could not account for every rule — never a silent clean report. */
export class EvaluationIncompleteError extends Error {
  readonly code = 'EVALUATION_INCOMPLETE';
  constructor(readonly missingRuleIds: string[], detail: string) {
    super(`Evaluation incomplete: ${detail}`);
    this.name = 'EvaluationIncompleteError';
  }
}

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

/** Longest key or message shown in an issue: a hostile 10 MB key must not become a 10 MB error message. */
const MAX_SHOWN = 200;

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${shorten(String(key), MAX_SHOWN)}` : shorten(String(key), MAX_SHOWN);
  }
  return out || '(root)';
}

export function issuesFromZod(error: z.ZodError, file?: string): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    return { path, pointer: formatPath(path), message: shorten(issue.message, 5 * MAX_SHOWN), ...(file ? { file } : {}) };
  });
}

/** The first 100 issues as lines of an error message (`issues` keeps them all). */
function listed(issues: readonly ValidationIssue[], line: (issue: ValidationIssue) => string): string {
  const shown = issues.slice(0, 100).map(line);
  if (issues.length > shown.length) shown.push(`  ... and ${issues.length - shown.length} more`);
  return shown.join('\n');
}

/** Thrown by `evaluate` and the loaders when what they were given is not valid. `issues` lists every bad field (the message, the first 100). */
export class ComplianceInputError extends Error {
  readonly code = 'INVALID_INPUT';
  constructor(
    readonly issues: ValidationIssue[],
    what = 'input',
  ) {
    super(`Invalid ${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${listed(issues, (i) => `  - ${i.file ? `${i.file}: ` : ''}${i.pointer}: ${i.message}`)}`);
    this.name = 'ComplianceInputError';
  }
}

/** Thrown when a rule pack is malformed; each issue names the file and path. */
export class PackError extends Error {
  readonly code = 'INVALID_PACK';
  constructor(readonly issues: ValidationIssue[]) {
    super(`Invalid rule pack: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${listed(issues, (i) => `  - ${i.file ?? '(pack)'}: ${i.pointer}: ${i.message}`)}`);
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

// ---- Evaluation and extension errors (one evaluation session: engine/session.ts) ----

/** Where an evaluation failed: the pack, the rule, the subject, the condition, and the extension involved if any. */
export interface EvaluationErrorDetail {
  packId?: string;
  ruleId?: string;
  /** Pointer of the subject in the input (`funds[0].unitholders[3]`, a register's `rows[12]`). */
  subject?: string;
  /** Path of the condition in the rule (`violationWhen.all[1]`), when a condition failed. */
  condition?: string;
  /** The custom fact or operator that failed, when one did. */
  extension?: { kind: 'fact' | 'operator'; name: string };
  /** What went wrong, in words. */
  reason: string;
}

function whereOf(detail: Omit<EvaluationErrorDetail, 'reason'>): string {
  const parts: string[] = [];
  if (detail.ruleId) parts.push(`rule ${detail.ruleId}`);
  if (detail.packId) parts.push(`of pack ${detail.packId}`);
  if (detail.subject) parts.push(`on ${detail.subject}`);
  if (detail.condition) parts.push(`at ${detail.condition}`);
  if (detail.extension) parts.push(`(custom ${detail.extension.kind} "${detail.extension.name}")`);
  return parts.join(' ');
}

/**
 * A rule could not be evaluated on a subject: an operator or a custom fact
 * threw, returned a Promise (extensions are synchronous), or an operator
 * answered something other than true or false. Never a pass, never a finding.
 */
export class RuleEvaluationError extends Error {
  readonly code = 'RULE_EVALUATION_FAILED';
  constructor(
    readonly detail: EvaluationErrorDetail,
    options?: { cause?: unknown },
  ) {
    super(`Evaluation failed: ${whereOf(detail) || '(no rule)'}: ${detail.reason}`, options);
    this.name = 'RuleEvaluationError';
  }

  /** The same error, with what the caller knows added (a runner knows the rule, the session the subject). */
  with(more: Partial<EvaluationErrorDetail>): RuleEvaluationError {
    const detail: EvaluationErrorDetail = { ...this.detail };
    for (const [key, value] of Object.entries(more)) if (value !== undefined && (detail as unknown as Record<string, unknown>)[key] === undefined) (detail as unknown as Record<string, unknown>)[key] = value;
    return new RuleEvaluationError(detail, { cause: this.cause });
  }
}

/**
 * A pack uses a custom fact or operator the evaluation was not given (a pack
 * loaded with extensions, evaluated without them). Thrown before anything is
 * evaluated; `missing` lists every use.
 */
export class MissingExtensionError extends Error {
  readonly code = 'MISSING_EXTENSION';
  constructor(readonly missing: { packId: string; ruleId: string; condition: string; kind: 'fact' | 'operator'; name: string }[]) {
    super(
      `Missing extension: ${missing.length} use${missing.length === 1 ? '' : 's'} of a custom fact or operator not given in "extensions"\n` +
        missing.slice(0, 100).map((m) => `  - rule ${m.ruleId} of pack ${m.packId} at ${m.condition}: custom ${m.kind} "${m.name}"`).join('\n'),
    );
    this.name = 'MissingExtensionError';
  }
}

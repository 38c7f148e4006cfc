import type { z } from 'zod';

/**
 * What kind of problem an input issue is, with its parameters (as zod's
 * issues carry them): wording, translation and fix hints are keyed on the
 * code, never on the English message.
 */
export type InputIssueDetail =
  | { code: 'missing_field'; expected: string }
  | { code: 'invalid_type'; expected: string; received: string }
  | { code: 'invalid_value'; values: readonly (string | number | boolean | null)[] }
  | { code: 'unknown_key'; key: string; suggestion?: string }
  | { code: 'too_small'; origin: string; minimum: number; inclusive: boolean }
  | { code: 'too_big'; origin: string; maximum: number; inclusive: boolean }
  | { code: 'invalid_format'; format: string }
  | { code: 'invalid_union' }
  | { code: 'not_multiple_of'; divisor: number }
  | { code: 'invalid_key'; origin: string }
  | { code: 'invalid_element'; origin: string }
  /** A check's own message; `th` is its Thai wording when the check gives one (zod issue `params.th`). */
  | { code: 'custom'; th?: string };

export type InputIssueCode = InputIssueDetail['code'];

/** The codes of the pack checks (see {@link PackIssueCode}). */
export const PACK_ISSUE_CODES = [
  'unknown_fact',
  'fact_not_for_subject',
  'invalid_path',
  'unknown_field',
  'unknown_parameter',
  'unknown_lookup',
  'invalid_lookup_key',
  'parameter_type_mismatch',
  'successor_without_end',
  'unknown_operator',
  'unknown_message',
  'unknown_placeholder',
  'unknown_clause',
  'unknown_clause_part',
  'citation_without_source',
  'invalid_parameter_value',
  'invalid_date_range',
  'overlapping_values',
  'duplicate_id',
  'override_of_nothing',
  'id_taken',
  'disable_of_nothing',
] as const;
/**
 * What a pack check found (the loader's checks beyond the schema, and the
 * combining of packs): `pack lint`'s fix hints are keyed on it.
 */
export type PackIssueCode = (typeof PACK_ISSUE_CODES)[number];

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
  /** What kind of problem it is: an input issue's code, or a pack check's (absent on a few problems of reading a file). */
  code?: InputIssueCode | PackIssueCode;
  /** The code with its parameters. */
  detail?: InputIssueDetail;
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

/** A language of the messages: Thai or English. */
export type Lang = 'th' | 'en';

const TYPE_WORDS: Record<string, { th: string; en: string }> = {
  object: { th: 'ออบเจกต์ (ชุดของฟิลด์)', en: 'an object (a mapping of fields)' },
  array: { th: 'รายการ (list)', en: 'a list' },
  string: { th: 'ข้อความ', en: 'a text value' },
  number: { th: 'ตัวเลข', en: 'a number' },
  boolean: { th: 'true หรือ false', en: 'true or false' },
  null: { th: 'ค่าว่าง (null)', en: 'null' },
  undefined: { th: 'ไม่มีค่า', en: 'nothing' },
};

const typeWord = (type: string, lang: Lang) => TYPE_WORDS[type]?.[lang] ?? type;

function receivedType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The wording of an issue in Thai or English, from its code and parameters. */
export function issueMessage(detail: InputIssueDetail, lang: Lang): string | undefined {
  const th = lang === 'th';
  switch (detail.code) {
    case 'missing_field':
      return th ? `ขาดฟิลด์ที่ต้องระบุ (${typeWord(detail.expected, 'th')})` : `missing: give ${typeWord(detail.expected, 'en')}`;
    case 'invalid_type':
      return th ? `ชนิดข้อมูลไม่ถูกต้อง: ต้องเป็น${typeWord(detail.expected, 'th')} แต่ได้${typeWord(detail.received, 'th')}` : `expected ${typeWord(detail.expected, 'en')}, not ${typeWord(detail.received, 'en')}`;
    case 'invalid_value': {
      const values = detail.values.map((v) => JSON.stringify(v)).join(', ');
      return th ? `ค่าไม่ถูกต้อง: ต้องเป็นหนึ่งใน ${values}` : `expected one of ${values}`;
    }
    case 'unknown_key':
      return th
        ? `ไม่รู้จักฟิลด์ "${detail.key}"${detail.suggestion ? ` หมายถึง "${detail.suggestion}" หรือไม่` : ''}`
        : `unknown field "${detail.key}"${detail.suggestion ? `; did you mean "${detail.suggestion}"?` : ''}`;
    case 'too_small':
      if (detail.origin === 'array') return th ? `ต้องมีอย่างน้อย ${detail.minimum} รายการ` : `give at least ${detail.minimum} item${detail.minimum === 1 ? '' : 's'}`;
      if (detail.origin === 'string') return detail.minimum <= 1 ? (th ? 'ต้องไม่เป็นข้อความว่าง' : 'must not be empty') : th ? `ต้องยาวอย่างน้อย ${detail.minimum} ตัวอักษร` : `at least ${detail.minimum} characters`;
      return th ? `ต้อง${detail.inclusive ? 'ไม่น้อยกว่า' : 'มากกว่า'} ${detail.minimum}` : `must be ${detail.inclusive ? 'at least' : 'more than'} ${detail.minimum}`;
    case 'too_big':
      if (detail.origin === 'array') return th ? `มีได้ไม่เกิน ${detail.maximum} รายการ` : `give at most ${detail.maximum} items`;
      if (detail.origin === 'string') return th ? `ยาวได้ไม่เกิน ${detail.maximum} ตัวอักษร` : `at most ${detail.maximum} characters`;
      return th ? `ต้อง${detail.inclusive ? 'ไม่เกิน' : 'น้อยกว่า'} ${detail.maximum}` : `must be ${detail.inclusive ? 'at most' : 'less than'} ${detail.maximum}`;
    case 'invalid_format':
      return th ? `รูปแบบไม่ถูกต้อง (${detail.format})` : `not a valid ${detail.format}`;
    case 'invalid_union':
      return th ? 'ไม่ตรงกับรูปแบบใดที่รับได้' : 'matches none of the accepted forms';
    case 'not_multiple_of':
      return th ? `ต้องเป็นจำนวนที่หารด้วย ${detail.divisor} ลงตัว` : `must be a multiple of ${detail.divisor}`;
    case 'invalid_key':
      return th ? 'ชื่อฟิลด์ (คีย์) ไม่ถูกต้อง' : 'not a valid key';
    case 'invalid_element':
      return th ? 'มีค่าที่ไม่ถูกต้องในรายการ' : 'holds a value that is not valid';
    default:
      return undefined; // a custom issue keeps its own message
  }
}

/** How to fix an issue, from its code (in the language asked). */
export function issueHint(detail: InputIssueDetail, lang: Lang): string | undefined {
  const th = lang === 'th';
  switch (detail.code) {
    case 'missing_field':
      return th ? 'เพิ่มฟิลด์นี้' : 'add the field';
    case 'unknown_key':
      return detail.suggestion
        ? th ? `เปลี่ยนชื่อเป็น "${detail.suggestion}"` : `rename it to "${detail.suggestion}"`
        : th ? 'ลบฟิลด์นี้หรือแก้การสะกด (ฟิลด์ที่ไม่รู้จักเป็นข้อผิดพลาด ไม่ถูกละเลย)' : 'remove the field or fix its spelling (an unknown field is an error, not ignored)';
    default:
      return undefined;
  }
}

/** Minimal view of a zod 4 schema's definition, enough to find the fields an object accepts. */
interface SchemaDef {
  _zod?: { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; innerType?: unknown; in?: unknown; options?: unknown[]; left?: unknown; right?: unknown; getter?: () => unknown } };
}

/** The field names the object schema at `path` accepts (through optional, default, pipe, union, lazy). */
export function knownKeysAt(schema: unknown, path: readonly PropertyKey[], depth = 0): string[] {
  const def = (schema as SchemaDef | undefined)?._zod?.def;
  if (!def || depth > 64) return [];
  const next = (s: unknown, p: readonly PropertyKey[]) => knownKeysAt(s, p, depth + 1);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return next(def.innerType, path);
    case 'pipe':
      return next(def.in, path);
    case 'lazy':
      return def.getter ? next(def.getter(), path) : [];
    case 'union':
      return [...new Set((def.options ?? []).flatMap((o) => next(o, path)))];
    case 'intersection':
      return [...new Set([...next(def.left, path), ...next(def.right, path)])];
    case 'array':
      return path.length > 0 && typeof path[0] === 'number' ? next(def.element, path.slice(1)) : [];
    case 'object':
      if (path.length === 0) return Object.keys(def.shape ?? {});
      return next(def.shape?.[String(path[0])], path.slice(1));
    default:
      return [];
  }
}

/** The known key nearest to a mistyped one (case, a few letters off), if one is close enough. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8 || a.length > MAX_SHOWN || b.length > MAX_SHOWN) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** zod's own English wording (its default locale), which we replace with ours. */
const ZOD_DEFAULT_MESSAGE = /^(Invalid (input|option|string|key|element|value|number)|Too (small|big)|Unrecognized key)/;

/**
 * The message of an issue in the language asked. In English, its message.
 * In Thai, our wording of its code; when the schema wrote its own English
 * message for it (an example of the expected form, say), that follows in
 * parentheses. A check's own message (code `custom`) is in Thai when the
 * check words it in Thai (zod issue `params.th`), else kept as it is.
 */
export function localizedMessage(issue: ValidationIssue, lang: Lang): string {
  if (!issue.detail || lang === 'en') return issue.message;
  if (issue.detail.code === 'custom') return issue.detail.th ?? issue.message;
  const worded = issueMessage(issue.detail, lang);
  if (worded === undefined) return issue.message;
  return issue.message === issueMessage(issue.detail, 'en') ? worded : `${worded} (${issue.message})`;
}

/** Issues with their message and hint in the language asked (see {@link localizedMessage}). */
export function localizeIssues(issues: readonly ValidationIssue[], lang: Lang): ValidationIssue[] {
  if (lang === 'en') return [...issues];
  return issues.map((issue) => {
    const hint = (issue.detail && issueHint(issue.detail, lang)) ?? issue.hint;
    return { ...issue, message: localizedMessage(issue, lang), ...(hint !== undefined ? { hint } : {}) };
  });
}

/** The code and parameters of a zod issue (zod 4's issue shapes). */
function detailOf(issue: z.core.$ZodIssue, given?: { value: unknown }): InputIssueDetail {
  const raw = issue as unknown as Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = String(raw['expected']);
      // The value itself when the caller gave the input (zod drops it from the issue), else zod's own report of it.
      const received = 'input' in raw ? receivedType(raw['input']) : given ? receivedType(given.value) : /received (\w+)/.exec(issue.message)?.[1] ?? 'unknown';
      return received === 'undefined' ? { code: 'missing_field', expected } : { code: 'invalid_type', expected, received };
    }
    case 'invalid_value':
      return { code: 'invalid_value', values: (raw['values'] as (string | number | boolean | null)[]) ?? [] };
    case 'too_small':
      return { code: 'too_small', origin: String(raw['origin'] ?? 'value'), minimum: Number(raw['minimum']), inclusive: raw['inclusive'] !== false };
    case 'too_big':
      return { code: 'too_big', origin: String(raw['origin'] ?? 'value'), maximum: Number(raw['maximum']), inclusive: raw['inclusive'] !== false };
    case 'invalid_format':
      return { code: 'invalid_format', format: String(raw['format']) };
    case 'invalid_union':
      return { code: 'invalid_union' };
    case 'not_multiple_of':
      return { code: 'not_multiple_of', divisor: Number(raw['divisor']) };
    case 'invalid_key':
      return { code: 'invalid_key', origin: String(raw['origin'] ?? 'record') };
    case 'invalid_element':
      return { code: 'invalid_element', origin: String(raw['origin'] ?? 'map') };
    default: {
      const th = (raw['params'] as { th?: unknown } | undefined)?.th;
      return typeof th === 'string' ? { code: 'custom', th } : { code: 'custom' };
    }
  }
}

/** The value at `path` in the input, when the path leads to one. */
function valueAt(input: unknown, path: readonly PropertyKey[]): { value: unknown } | undefined {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return { value: node };
}

/** Whether the input states the field at `path` (a missing field is reported as missing, whatever its expected type). */
function isAbsent(input: unknown, path: readonly PropertyKey[]): boolean {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return false;
    if (!Object.prototype.hasOwnProperty.call(node, key)) return true;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node === undefined;
}

/**
 * Issues from a zod error, each with a code, parameters and our wording (zod's
 * English defaults such as "Invalid input: expected object, received
 * undefined" never reach a user). An unrecognised key becomes one issue per
 * key, at the key itself, with the nearest known key when `schema` is given.
 */
export function issuesFromZod(error: z.ZodError, file?: string, schema?: unknown, input?: unknown): ValidationIssue[] {
  return error.issues.flatMap((issue): ValidationIssue[] => {
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    const at = file ? { file } : {};
    if (issue.code === 'unrecognized_keys') {
      const known = schema === undefined ? [] : knownKeysAt(schema, path);
      return issue.keys.map((key) => {
        const suggestion = nearestKey(key, known);
        const detail: InputIssueDetail = { code: 'unknown_key', key: shorten(key, MAX_SHOWN), ...(suggestion ? { suggestion } : {}) };
        const keyPath = [...path, key];
        return { path: keyPath, pointer: formatPath(keyPath), message: issueMessage(detail, 'en')!, hint: issueHint(detail, 'en')!, code: detail.code, detail, ...at };
      });
    }
    let detail = detailOf(issue, input === undefined ? undefined : valueAt(input, path));
    if (input !== undefined && detail.code !== 'missing_field' && detail.code !== 'custom' && path.length > 0 && isAbsent(input, path)) {
      const expected = detail.code === 'invalid_value' ? detail.values.map((v) => JSON.stringify(v)).join(' | ') : detail.code === 'invalid_type' ? detail.expected : 'a value';
      detail = { code: 'missing_field', expected };
    }
    // A refinement of a pack's schema names its pack check code in `params.code` (lint's hints are keyed on it).
    const packCode = (issue as { params?: { code?: unknown } }).params?.code;
    if (detail.code === 'custom' && (PACK_ISSUE_CODES as readonly unknown[]).includes(packCode)) {
      return [{ path, pointer: formatPath(path), message: shorten(issue.message, 5 * MAX_SHOWN), code: packCode as PackIssueCode, ...at }];
    }
    // A message the schema wrote (`{ error: ... }`, a refinement) says more than ours; zod's English defaults say less.
    const message = detail.code === 'custom' || (!ZOD_DEFAULT_MESSAGE.test(issue.message) && detail.code !== 'missing_field') ? shorten(issue.message, 5 * MAX_SHOWN) : issueMessage(detail, 'en')!;
    const hint = issueHint(detail, 'en');
    return [{ path, pointer: formatPath(path), message, code: detail.code, detail, ...(hint ? { hint } : {}), ...at }];
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

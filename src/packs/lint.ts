import { formatPath, PackError, type InputIssueCode, type PackIssueCode, type ValidationIssue } from '../model/errors.js';
import { addCalendarDays } from '../model/calendar-date.js';
import type { Extensions } from '../facts/vocabulary.js';
import { planPacks } from './combine.js';
import { tn89Pack } from './built-in.js';
import type { PackFiles } from './files.js';
import { loadPackFromFiles, type LoadedPack } from './load.js';
import type { Condition } from './schema.js';

export interface LintIssue extends ValidationIssue {
  severity: 'error' | 'warning';
}

export interface LintOptions {
  /** Packs this one is evaluated with (its overrides and disables refer to them); default: the built-in TorNor. 89/2558 pack. */
  base?: readonly LoadedPack[];
  extensions?: Extensions;
}

/** Fix hints for the problems the pack checks report, by code: every code has one (the compiler checks the table is complete). */
const PACK_HINTS: Record<PackIssueCode, string> = {
  unknown_fact: 'use a fact listed in rules/README.md ("Facts"), or register a custom fact with defineExtensions and load the pack with it',
  fact_not_for_subject: 'use a fact available to the rule\'s subject (rules/README.md, "Facts"), or change the rule\'s "subject"',
  invalid_path: 'paths are "$.field.field" or "$.list[0]"; no filters, no wildcards',
  unknown_field: 'check the spelling of the path against the fact\'s fields',
  unknown_parameter: 'add the parameter to parameters.yaml (with a dated value and a citation), or fix the id',
  unknown_lookup: 'add the lookup to lookups.yaml, or fix the id',
  invalid_lookup_key: 'read the lookup\'s key from a data fact such as "fund"',
  parameter_type_mismatch: 'use a parameter of the type the operator compares (money with atLeast), or another operator',
  unknown_operator: 'use decimalLessThan/decimalAtLeast/... for amounts and dateBefore/dateOnOrAfter/... for dates; json-rules-engine\'s numeric operators are not offered',
  unknown_message: 'add the message id to messages.yaml with both "th" and "en" text',
  unknown_placeholder: 'add an evidence item with that name to the rule, or remove the placeholder from the message',
  unknown_clause: 'cite a clause that clauses.yaml has, or cite another notice with "notice: { th, en }"',
  unknown_clause_part: 'cite a paragraph, item or term that clauses.yaml has for the clause, or cite the clause alone',
  citation_without_source: 'give "clause: N" for this pack\'s notice, or "notice: { th, en }" for another one',
  invalid_parameter_value: 'money is a decimal string ("250000"), months and days whole numbers, dates YYYY-MM-DD, lists [a, b]',
  invalid_date_range: 'give a "to" on or after "from", or leave "to" out while the value is in force',
  overlapping_values: 'close the earlier value with "to:" the day before the later value\'s "from:"',
  successor_without_end: 'give "inForce.to", the last day the notice was in force',
  duplicate_id: 'give each rule, parameter, notice, clause and evidence item its own id or name',
  override_of_nothing: 'remove "override: true", or fix the id to the one in the pack you mean to override',
  id_taken: 'add "override: true" to replace the built-in rule, or give your rule its own id (e.g. prefix it with your pack id)',
  disable_of_nothing: 'fix the rule id: `thai-fund-compliance rules` lists every rule',
};

/** Hints for schema problems in pack files, by code (pack files are strict: an unknown key is an error, not ignored). */
const INPUT_HINTS: Partial<Record<InputIssueCode, string>> = {
  missing_field: 'add the missing field',
  unknown_key: 'remove the key or fix its spelling (pack files are strict: an unknown key is an error, not ignored)',
};

function hintFor(issue: ValidationIssue): string | undefined {
  const last = issue.path[issue.path.length - 1];
  if (last === 'th' || last === 'en') return 'give the text in both Thai ("th") and English ("en")';
  if (issue.detail?.code === 'unknown_key' && issue.detail.suggestion) return `rename it to "${issue.detail.suggestion}"`;
  if (issue.code === undefined) return issue.hint;
  return (issue.code in PACK_HINTS ? PACK_HINTS[issue.code as PackIssueCode] : INPUT_HINTS[issue.code as InputIssueCode]) ?? issue.hint;
}

function withHint(issue: ValidationIssue): ValidationIssue {
  const hint = hintFor(issue);
  return hint === undefined ? issue : { ...issue, hint };
}

function factsUsed(condition: Condition | undefined, out: Set<string>): Set<string> {
  if (!condition) return out;
  if ('all' in condition) condition.all.forEach((c) => factsUsed(c, out));
  else if ('any' in condition) condition.any.forEach((c) => factsUsed(c, out));
  else if ('not' in condition) factsUsed(condition.not, out);
  else {
    if (condition.fact === 'param') out.add(String(condition.params?.['id']));
    const value = condition.value;
    if (value && typeof value === 'object' && !Array.isArray(value) && value.fact === 'param') out.add(String(value.params?.['id']));
  }
  return out;
}

/** Warnings a loadable pack can still deserve: gaps in dated values, unused parameters and messages, no tests. */
function packWarnings(pack: LoadedPack, files: PackFiles): LintIssue[] {
  const warnings: LintIssue[] = [];
  const warn = (file: string, path: (string | number)[], message: string, hint: string) =>
    warnings.push({ severity: 'warning', file, path, pointer: formatPath(path), message, hint });
  const parametersFile = files.shown('parameters.yaml');
  pack.parameters.forEach((parameter, index) => {
    const values = [...parameter.values].sort((a, b) => (a.from < b.from ? -1 : 1));
    for (let i = 1; i < values.length; i++) {
      const previous = values[i - 1]!;
      if (previous.to && addCalendarDays(previous.to, 1) < values[i]!.from) {
        warn(parametersFile, ['parameters', index, 'values'], `no value of ${parameter.id} is in force from ${addCalendarDays(previous.to, 1)} to ${addCalendarDays(values[i]!.from, -1)}; an evaluation on those dates fails`, `extend "to:" to ${addCalendarDays(values[i]!.from, -1)} or add a value for the gap`);
      }
    }
  });
  const usedParameters = new Set<string>();
  for (const rule of pack.rules) {
    factsUsed(rule.appliesWhen, usedParameters);
    factsUsed(rule.violationWhen, usedParameters);
    for (const item of rule.evidence) if (item.fact === 'param') usedParameters.add(String(item.params?.['id']));
  }
  pack.parameters.forEach((parameter, index) => {
    const usedElsewhere = parameter.override || pack.investorCategories.some((d) => d.anyOf.some((t) => t.parameter === parameter.id));
    if (!usedParameters.has(parameter.id) && !usedElsewhere) warn(parametersFile, ['parameters', index, 'id'], `parameter ${parameter.id} is used by no rule`, 'remove it, or use it in a rule');
  });
  const usedMessages = new Set(pack.rules.flatMap((r) => [r.message, ...(r.consequence ? [r.consequence.message] : [])]));
  for (const id of Object.keys(pack.messages)) {
    if (!usedMessages.has(id)) warn(files.shown('messages.yaml'), ['messages', id], `message ${id} is used by no rule`, 'remove it, or use it in a rule');
  }
  if (pack.rules.length > 0 && files.list('tests').length === 0) {
    warn(files.source, [], 'the pack has rules but no test cases in tests/', 'add tests/*.yaml cases and run `thai-fund-compliance pack test`');
  }
  return warnings;
}

/** The rule file of the pack whose `id` is the given one, as shown in issues. */
function ruleFileOf(files: PackFiles, id: string): string | undefined {
  for (const name of files.list('rules')) {
    // Read as the loader reads it (regular files inside the pack, bounded, no tags).
    const read = files.readYaml(`rules/${name}`);
    if (read.ok && (read.value as { id?: unknown } | null)?.id === id) return files.shown(`rules/${name}`);
  }
  return undefined;
}

/**
 * Issues of combining packs name the pack and a path in the pack object
 * (`rules.<id>.override`, `parameters.<id>.override`, `disable[0].rule`):
 * point them at the file and the path in it instead.
 */
function inFile(issue: ValidationIssue, pack: LoadedPack, files: PackFiles): ValidationIssue {
  const at = (file: string, path: (string | number)[]) => ({ ...issue, file, path, pointer: formatPath(path) });
  const [part, key, field] = issue.path;
  if (part === 'rules' && typeof key === 'string') {
    const file = ruleFileOf(files, key);
    if (file) return at(file, [String(field)]);
  }
  if (part === 'parameters' && typeof key === 'string') {
    const index = pack.parameters.findIndex((p) => p.id === key);
    if (index >= 0) return at(files.shown('parameters.yaml'), ['parameters', index, String(field)]);
  }
  if (part === 'disable' || part === 'id') return at(files.shown('pack.yaml'), issue.path);
  return { ...issue, file: files.source };
}

/**
 * Lint a pack's files: everything the loader refuses (with fix hints),
 * overrides and disables against the packs it is evaluated with, and
 * warnings for gaps in dated values, unused parameters or messages and
 * missing tests. `lintPack` (packs/lint-directory.ts) lints a directory.
 */
export function lintPackFiles(files: PackFiles, options: LintOptions = {}): LintIssue[] {
  return lintAndLoadPackFiles(files, options).issues;
}

/**
 * Lint a pack and keep what linting loaded: the pack itself when it loads (a
 * caller that goes on to evaluate it, such as the playground on every edit,
 * need not load it a second time). `pack` is absent when loading failed.
 */
export function lintAndLoadPackFiles(files: PackFiles, options: LintOptions = {}): { issues: LintIssue[]; pack?: LoadedPack } {
  let pack: LoadedPack;
  try {
    pack = loadPackFromFiles(files, { extensions: options.extensions });
  } catch (error) {
    if (error instanceof PackError) return { issues: error.issues.map((issue) => ({ ...withHint(issue), severity: 'error' as const })) };
    throw error;
  }
  const issues: LintIssue[] = [];
  const base = (options.base ?? [tn89Pack()]).filter((p) => p.meta.id !== pack.meta.id);
  try {
    planPacks([...base, pack]);
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    issues.push(...error.issues.map((issue) => ({ ...withHint(issue.file === pack.source ? inFile(issue, pack, files) : issue), severity: 'error' as const })));
  }
  issues.push(...packWarnings(pack, files));
  return { issues, pack };
}

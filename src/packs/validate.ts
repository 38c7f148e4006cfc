import { isPeriodMonths, parseCalendarDate } from '../model/calendar-date.js';
import { formatPath, type PackIssueCode, type ValidationIssue } from '../model/errors.js';
import { parseMoney } from '../model/money.js';
import { factAvailable, vocabularyOf, type Vocabulary } from '../facts/vocabulary.js';
import { PLACEHOLDERS_BY_SUBJECT, SUBJECT_PLACEHOLDERS } from '../facts/subjects.js';
import { parsePath } from './path.js';
import type { Citation, Condition, Pack, Parameter, Rule, SubjectKind } from './schema.js';

interface Files {
  fileOfRule(id: string): string;
  fileOf(part: 'pack' | 'clauses' | 'parameters' | 'lookups' | 'messages' | 'investor-categories' | 'references'): string;
}

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

// The subject placeholders are part of the subject vocabulary (src/facts/subjects.ts).
export { SUBJECT_PLACEHOLDERS, PLACEHOLDERS_BY_SUBJECT };

function issue(file: string, path: (string | number)[], message: string, code: PackIssueCode): ValidationIssue {
  return { file, path, pointer: formatPath(path), message, code };
}

/** The clause text a citation points to exists in the pack's clauses (when the citation is to the pack's own notice). */
export function citationTarget(pack: Pick<Pack, 'clauses'>, citation: Citation) {
  if (citation.notice || citation.clause === undefined) return undefined;
  const clause = pack.clauses.find((c) => c.clause === citation.clause);
  if (!clause) return undefined;
  const part = clause.parts.find((p) =>
    citation.term !== undefined ? p.ref.term === citation.term : p.ref.paragraph === citation.paragraph && p.ref.item === citation.item && p.ref.term === undefined,
  );
  return { clause, part };
}

function checkCitation(pack: Pack, citation: Citation, file: string, path: (string | number)[], out: ValidationIssue[]): void {
  if (citation.notice || pack.clauses.length === 0) return;
  const target = citationTarget(pack, citation);
  if (!target) {
    out.push(issue(file, [...path, 'clause'], `clause ${citation.clause} is not in clauses.yaml`, 'unknown_clause'));
    return;
  }
  const specific = citation.term !== undefined || citation.paragraph !== undefined;
  if (specific && !target.part) {
    const what = citation.term !== undefined ? `the defined term "${citation.term}"` : `paragraph ${citation.paragraph}${citation.item ? ` item ${citation.item}` : ''}`;
    out.push(issue(file, path, `clause ${citation.clause} has no part for ${what} in clauses.yaml`, 'unknown_clause_part'));
  }
}

function checkParameter(parameter: Parameter, index: number, file: string, out: ValidationIssue[]): void {
  const values = parameter.values;
  values.forEach((value, i) => {
    const at = ['parameters', index, 'values', i];
    if (value.to && value.to < value.from) out.push(issue(file, [...at, 'to'], '"to" is on or after "from"', 'invalid_date_range'));
    const v = value.value;
    const ok =
      v === null ? true :
      parameter.type === 'money' ? parseMoney(v).ok :
      parameter.type === 'months' ? isPeriodMonths(v) : parameter.type === 'days' ? typeof v === 'number' && Number.isInteger(v) && v >= 0 :
      parameter.type === 'date' ? typeof v === 'string' && parseCalendarDate(v).ok :
      parameter.type === 'list' ? Array.isArray(v) :
      typeof v === 'string';
    if (!ok) out.push(issue(file, [...at, 'value'], `not a valid ${parameter.type} value`, 'invalid_parameter_value'));
  });
  const sorted = [...values].sort((a, b) => (a.from < b.from ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (previous.to === undefined || previous.to >= current.from) {
      out.push(issue(file, ['parameters', index, 'values'], `dated values overlap: the value from ${previous.from} runs into the one from ${current.from} (give the earlier one a "to" before ${current.from})`, 'overlapping_values'));
    }
  }
}

function checkFactUse(
  vocab: Vocabulary,
  pack: Pack,
  subject: SubjectKind,
  ref: { fact: string; path?: string | undefined; params?: Record<string, unknown> | undefined },
  file: string,
  path: (string | number)[],
  out: ValidationIssue[],
): void {
  const entry = vocab.facts[ref.fact];
  if (!entry) {
    out.push(issue(file, [...path, 'fact'], `unknown fact "${ref.fact}"; known facts: ${Object.keys(vocab.facts).join(', ')}`, 'unknown_fact'));
    return;
  }
  if (!factAvailable(vocab, ref.fact, subject)) {
    out.push(issue(file, [...path, 'fact'], `the fact "${ref.fact}" is not available for rules whose subject is ${subject}`, 'fact_not_for_subject'));
  }
  if (ref.path !== undefined) {
    const parsed = parsePath(ref.path);
    if (!parsed.ok) out.push(issue(file, [...path, 'path'], parsed.reason, 'invalid_path'));
    else if (entry.fields && typeof parsed.steps[0] === 'string' && !entry.fields.includes(parsed.steps[0])) {
      out.push(issue(file, [...path, 'path'], `the fact "${ref.fact}" has no field "${parsed.steps[0]}"; fields: ${entry.fields.join(', ')}`, 'unknown_field'));
    } else {
      const first = parsed.steps[0];
      const nested = typeof first === 'string' ? entry.nested?.[first] : undefined;
      const second = parsed.steps[1];
      if (nested && typeof second === 'string' && !nested.includes(second)) {
        out.push(issue(file, [...path, 'path'], `"${ref.fact}.${first}" has no field "${second}"; fields: ${nested.join(', ')}`, 'unknown_field'));
      }
    }
  }
  if (ref.fact === 'param') {
    const id = ref.params?.['id'];
    if (typeof id !== 'string' || !pack.parameters.some((p) => p.id === id)) {
      out.push(issue(file, [...path, 'params', 'id'], `no parameter "${String(id)}" in parameters.yaml`, 'unknown_parameter'));
    }
  }
  if (ref.fact === 'lookup') {
    const id = ref.params?.['id'];
    if (typeof id !== 'string' || !pack.lookups.some((l) => l.id === id)) {
      out.push(issue(file, [...path, 'params', 'id'], `no lookup "${String(id)}" in lookups.yaml`, 'unknown_lookup'));
    }
  }
}

function checkCondition(vocab: Vocabulary, pack: Pack, subject: SubjectKind, condition: Condition, file: string, path: (string | number)[], out: ValidationIssue[]): void {
  if ('all' in condition) condition.all.forEach((c, i) => checkCondition(vocab, pack, subject, c, file, [...path, 'all', i], out));
  else if ('any' in condition) condition.any.forEach((c, i) => checkCondition(vocab, pack, subject, c, file, [...path, 'any', i], out));
  else if ('not' in condition) checkCondition(vocab, pack, subject, condition.not, file, [...path, 'not'], out);
  else {
    checkFactUse(vocab, pack, subject, condition, file, path, out);
    if (!vocab.operators.has(condition.operator)) {
      out.push(issue(file, [...path, 'operator'], `unknown operator "${condition.operator}"; known operators: ${[...vocab.operators].join(', ')}`, 'unknown_operator'));
    }
    const value = condition.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) checkFactUse(vocab, pack, subject, value, file, [...path, 'value'], out);
  }
}

function checkRule(vocab: Vocabulary, pack: Pack, rule: Rule, file: string, out: ValidationIssue[]): void {
  checkCitation(pack, rule.citation, file, ['citation'], out);
  rule.basis.forEach((citation, i) => checkCitation(pack, citation, file, ['basis', i], out));
  if (rule.consequence) {
    checkCitation(pack, rule.consequence.citation, file, ['consequence', 'citation'], out);
    if (!Object.hasOwn(pack.messages, rule.consequence.message)) out.push(issue(file, ['consequence', 'message'], `no message "${rule.consequence.message}" in messages.yaml`, 'unknown_message'));
  }
  if (rule.appliesWhen) checkCondition(vocab, pack, rule.subject, rule.appliesWhen, file, ['appliesWhen'], out);
  checkCondition(vocab, pack, rule.subject, rule.violationWhen, file, ['violationWhen'], out);
  const names = new Set<string>();
  rule.evidence.forEach((item, i) => {
    if (names.has(item.name)) out.push(issue(file, ['evidence', i, 'name'], `evidence name "${item.name}" is used twice`, 'duplicate_id'));
    names.add(item.name);
    checkFactUse(vocab, pack, rule.subject, item, file, ['evidence', i], out);
  });
  const message = Object.hasOwn(pack.messages, rule.message) ? pack.messages[rule.message] : undefined;
  if (!message) {
    out.push(issue(file, ['message'], `no message "${rule.message}" in messages.yaml`, 'unknown_message'));
    return;
  }
  for (const locale of ['th', 'en'] as const) {
    for (const match of message[locale].matchAll(PLACEHOLDER)) {
      const name = match[1]!;
      if (!names.has(name) && !PLACEHOLDERS_BY_SUBJECT[rule.subject].includes(name)) {
        out.push(issue(file, ['message'], `message "${rule.message}" (${locale}) uses {${name}}, which is neither an evidence name of this rule nor a placeholder of a ${rule.subject} subject (${PLACEHOLDERS_BY_SUBJECT[rule.subject].join(', ')})`, 'unknown_placeholder'));
      }
    }
  }
}

/** Cross-file checks: ids unique, every reference resolves, dated values do not overlap. */
export function validatePackReferences(pack: Pack, files: Files, vocab: Vocabulary = vocabularyOf()): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const rule of pack.rules) {
    const file = files.fileOfRule(rule.id);
    if (seen.has(rule.id)) out.push(issue(file, ['id'], `duplicate rule id "${rule.id}"`, 'duplicate_id'));
    seen.add(rule.id);
    checkRule(vocab, pack, rule, file, out);
  }
  const paramIds = new Set<string>();
  pack.parameters.forEach((parameter, index) => {
    const file = files.fileOf('parameters');
    if (paramIds.has(parameter.id)) out.push(issue(file, ['parameters', index, 'id'], `duplicate parameter id "${parameter.id}"`, 'duplicate_id'));
    paramIds.add(parameter.id);
    checkParameter(parameter, index, file, out);
    parameter.values.forEach((value, i) => checkCitation(pack, value.citation, file, ['parameters', index, 'values', i, 'citation'], out));
  });
  pack.lookups.forEach((lookup, index) => {
    const file = files.fileOf('lookups');
    checkCitation(pack, lookup.citation, file, ['lookups', index, 'citation'], out);
    const computed = ['param', 'lookup', 'asOf'].includes(lookup.from.fact);
    if (computed || !vocab.facts[lookup.from.fact] || vocab.facts[lookup.from.fact]!.subjects !== 'all') {
      out.push(issue(file, ['lookups', index, 'from', 'fact'], 'a lookup reads its key from a data fact available to every subject (e.g. "fund"), not from param, lookup or asOf', 'invalid_lookup_key'));
    }
    const parsed = parsePath(lookup.from.path);
    if (!parsed.ok) out.push(issue(file, ['lookups', index, 'from', 'path'], parsed.reason, 'invalid_path'));
  });
  pack.investorCategories.forEach((definition, index) => {
    const file = files.fileOf('investor-categories');
    checkCitation(pack, definition.citation, file, ['investorCategories', index, 'citation'], out);
    definition.anyOf.forEach((test, i) => {
      const parameter = pack.parameters.find((p) => p.id === test.parameter);
      const expected = test.operator === 'atLeast' ? 'money' : 'list';
      if (!parameter) out.push(issue(file, ['investorCategories', index, 'anyOf', i, 'parameter'], `no parameter "${test.parameter}" in parameters.yaml`, 'unknown_parameter'));
      else if (parameter.type !== expected) out.push(issue(file, ['investorCategories', index, 'anyOf', i, 'parameter'], `operator ${test.operator} needs a ${expected} parameter; "${test.parameter}" is ${parameter.type}`, 'parameter_type_mismatch'));
    });
  });
  pack.references.forEach((reference, index) => checkCitation(pack, reference.citation, files.fileOf('references'), ['references', index, 'citation'], out));
  checkCitation(pack, pack.meta.inForce.citation, files.fileOf('pack'), ['inForce', 'citation'], out);
  if (pack.meta.successor?.confirmed && pack.meta.inForce.to === undefined) {
    out.push(issue(files.fileOf('pack'), ['successor', 'confirmed'], 'a confirmed successor ends this notice: give "inForce.to" (the last day in force)', 'successor_without_end'));
  }
  const noticeIds = new Set<string>();
  pack.meta.lawNotices.forEach((notice, index) => {
    if (noticeIds.has(notice.id)) out.push(issue(files.fileOf('pack'), ['lawNotices', index, 'id'], `duplicate notice id "${notice.id}"`, 'duplicate_id'));
    noticeIds.add(notice.id);
    checkCitation(pack, notice.citation, files.fileOf('pack'), ['lawNotices', index, 'citation'], out);
  });
  pack.clauses.forEach((clause, index) => {
    const sorted = [...clause.versions].sort((a, b) => (a.from < b.from ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1]!;
      if (previous.to !== undefined && previous.to >= sorted[i]!.from) {
        out.push(issue(files.fileOf('clauses'), ['clauses', index, 'versions'], `clause ${clause.clause}: the version from ${previous.from} runs into the one from ${sorted[i]!.from}`, 'overlapping_values'));
      }
    }
  });
  const clauseNumbers = new Set<number>();
  pack.clauses.forEach((clause, index) => {
    if (clauseNumbers.has(clause.clause)) out.push(issue(files.fileOf('clauses'), ['clauses', index, 'clause'], `clause ${clause.clause} is listed twice`, 'duplicate_id'));
    clauseNumbers.add(clause.clause);
  });
  return out;
}

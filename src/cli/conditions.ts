import { formatDate, formatValue, type Condition, type EvidenceType, type LeafCondition, type LoadedPack, type Parameter } from '../index.js';
import { describeCitation, type ParameterOverrides } from './packs.js';

/**
 * Rule conditions in words, for `explain`: "fund.scheme.minimumFirstSubscription
 * is less than (decimal) parameter hnw-minimum-first-subscription =
 * THB 500,000.00 from 16 Jan 2016 (TorNor. 89/2558 cl. 1 …)".
 */

type Lang = 'th' | 'en';

/** Where a rule's parameters and lookups come from: its own pack, unless a later pack overrides a parameter. */
export interface Scope {
  pack: LoadedPack;
  parameterOverrides?: ParameterOverrides;
}

type Reference = { fact: string; path?: string | undefined; params?: Record<string, unknown> | undefined };

const OPERATORS: Record<string, { th: string; en: string }> = {
  equal: { th: 'เท่ากับ', en: 'is' },
  notEqual: { th: 'ไม่เท่ากับ', en: 'is not' },
  in: { th: 'เป็นค่าใดค่าหนึ่งใน', en: 'is one of' },
  notIn: { th: 'ไม่ใช่ค่าใดใน', en: 'is none of' },
  contains: { th: 'มี', en: 'contains' },
  doesNotContain: { th: 'ไม่มี', en: 'does not contain' },
  decimalLessThan: { th: 'น้อยกว่า (ทศนิยม)', en: 'is less than (decimal)' },
  decimalAtMost: { th: 'ไม่เกิน (ทศนิยม)', en: 'is at most (decimal)' },
  decimalGreaterThan: { th: 'มากกว่า (ทศนิยม)', en: 'is greater than (decimal)' },
  decimalAtLeast: { th: 'ไม่น้อยกว่า (ทศนิยม)', en: 'is at least (decimal)' },
  decimalEqual: { th: 'เท่ากับ (ทศนิยม)', en: 'equals (decimal)' },
  dateBefore: { th: 'ก่อนวันที่', en: 'is before' },
  dateOnOrBefore: { th: 'ไม่หลังวันที่', en: 'is on or before' },
  dateAfter: { th: 'หลังวันที่', en: 'is after' },
  dateOnOrAfter: { th: 'ตั้งแต่วันที่', en: 'is on or after' },
  spanLongerThanMonths: { th: 'เป็นช่วงเวลาที่ยาวเกิน (เดือน)', en: 'is a span longer than (months)' },
  endWithinMonthsOfStart: { th: 'เป็นช่วงเวลาที่สิ้นสุดภายใน (เดือนนับจากวันเริ่ม)', en: 'is a span ending within (months of its start)' },
};

const GROUPS = {
  all: { th: 'ทุกข้อต่อไปนี้', en: 'all of' },
  any: { th: 'ข้อใดข้อหนึ่งต่อไปนี้', en: 'any of' },
  not: { th: 'ไม่ใช่กรณีต่อไปนี้', en: 'not' },
} as const;

const NOT_RECORDED = { th: 'ไม่มีข้อมูล', en: 'is not recorded' };
const RECORDED = { th: 'มีข้อมูล', en: 'is recorded' };

function isReference(value: unknown): value is Reference {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as Reference).fact === 'string';
}

function idParam(ref: Reference): string | undefined {
  const id = ref.params?.['id'];
  return typeof id === 'string' ? id : undefined;
}

/** A parameter's dated values with their citations: `THB 500,000.00 from 16 Jan 2016 (TorNor. 89/2558 cl. 1 …)`. */
export function describeParameterValues(pack: LoadedPack, parameter: Parameter, lang: Lang): string[] {
  const type: EvidenceType = parameter.type;
  return parameter.values.map((v) => {
    const from = `${lang === 'th' ? 'ตั้งแต่' : 'from'} ${formatDate(v.from, lang)}`;
    const to = v.to ? ` ${lang === 'th' ? 'ถึง' : 'to'} ${formatDate(v.to, lang)}` : '';
    return `${formatValue({ type, value: v.value }, lang)} ${from}${to} (${describeCitation(pack, v.citation).text[lang]})`;
  });
}

/** A fact reference in words: `fund.scheme.minimumFirstSubscription`, `parameter x = …`, `lookup y of fund.scheme.investorRestriction`. */
/** The parameter the engine uses for an id: a later pack's override, else the rule's own pack's. */
export function parameterOf(scope: Scope, id: string): { pack: LoadedPack; parameter: Parameter } | undefined {
  const override = scope.parameterOverrides?.get(id);
  if (override) return override;
  const parameter = scope.pack.parameters.find((p) => p.id === id);
  return parameter ? { pack: scope.pack, parameter } : undefined;
}

export function describeReference(ref: Reference, scope: Scope, lang: Lang, withValues = true): string {
  const { pack } = scope;
  const id = idParam(ref);
  if (ref.fact === 'param' && id !== undefined) {
    const found = parameterOf(scope, id);
    const values = found && withValues ? describeParameterValues(found.pack, found.parameter, lang) : [];
    return `${lang === 'th' ? 'พารามิเตอร์' : 'parameter'} ${id}${values.length > 0 ? ` = ${values.join('; ')}` : ''}`;
  }
  if (ref.fact === 'lookup' && id !== undefined) {
    const lookup = pack.lookups.find((l) => l.id === id);
    const from = lookup && withValues ? ` ${lang === 'th' ? 'ของ' : 'of'} ${describeReference(lookup.from, scope, lang)}` : '';
    return `${lang === 'th' ? 'ตาราง' : 'lookup'} ${id}${from}`;
  }
  if (ref.fact === 'asOf' && !ref.path) return lang === 'th' ? 'วันที่ประเมิน (as of)' : 'the as-of date';
  const path = ref.path?.replace(/^\$\.?/, '') ?? '';
  const params = ref.params && id === undefined ? ` ${JSON.stringify(ref.params)}` : '';
  return `${ref.fact}${path ? (path.startsWith('[') ? path : `.${path}`) : ''}${params}`;
}

function describeLiteral(value: unknown, operator: string, lang: Lang): string {
  if (Array.isArray(value)) return value.map((v) => describeLiteral(v, operator, lang)).join(', ');
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'boolean') return lang === 'th' ? (value ? 'จริง' : 'เท็จ') : String(value);
  if (typeof value === 'number' && /Months/.test(operator)) return formatValue({ type: 'months', value }, lang);
  return String(value);
}

export function describeLeaf(leaf: LeafCondition, scope: Scope, lang: Lang): string {
  const subject = describeReference(leaf, scope, lang);
  if (leaf.value === null && (leaf.operator === 'equal' || leaf.operator === 'notEqual')) {
    return `${subject} ${(leaf.operator === 'equal' ? NOT_RECORDED : RECORDED)[lang]}`;
  }
  const operator = OPERATORS[leaf.operator]?.[lang] ?? leaf.operator;
  const value = isReference(leaf.value) ? describeReference(leaf.value, scope, lang) : describeLiteral(leaf.value, leaf.operator, lang);
  return `${subject} ${operator} ${value}`;
}

/** A condition tree as indented lines: groups end in ":" and their members follow, one level deeper. */
export function describeCondition(condition: Condition, scope: Scope, lang: Lang, depth = 0): string[] {
  const indent = '  '.repeat(depth);
  if ('all' in condition) return [`${indent}${GROUPS.all[lang]}:`, ...condition.all.flatMap((c) => describeCondition(c, scope, lang, depth + 1))];
  if ('any' in condition) return [`${indent}${GROUPS.any[lang]}:`, ...condition.any.flatMap((c) => describeCondition(c, scope, lang, depth + 1))];
  if ('not' in condition) return [`${indent}${GROUPS.not[lang]}:`, ...describeCondition(condition.not, scope, lang, depth + 1)];
  return [`${indent}- ${describeLeaf(condition, scope, lang)}`];
}

/** Every parameter and lookup id a condition or evidence list reads, in order of first use. */
export function referencedIds(items: readonly (Condition | Reference)[], fact: 'param' | 'lookup'): string[] {
  const ids: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const ref = node as Reference & { value?: unknown };
    if (ref.fact === fact) {
      const id = idParam(ref);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
    Object.values(node).forEach(visit);
  };
  visit(items);
  return ids;
}

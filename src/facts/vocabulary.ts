import { z } from 'zod';
import { FACTS, type FactField } from './catalog.js';
import type { SubjectKind } from './subjects.js';

/**
 * The vocabulary packs are written in: the facts each subject kind offers
 * (with their fields), the built-in operators' names, and the custom facts
 * and operators an extension adds. Below the packs (which validate against
 * it) and the engine (which computes the facts and implements the
 * operators); it imports zod and the model's schemas, nothing above them.
 */

/** The object fields of an object value (unwrapping `| null`), or undefined for any other value. */
function objectKeys(schema: z.ZodType): string[] | undefined {
  const inner = schema instanceof z.ZodNullable ? (schema.unwrap() as z.ZodType) : schema;
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : undefined;
}

function catalogEntry(definition: { subjects: readonly SubjectKind[] | 'all'; fields: Readonly<Record<string, FactField>> | null; dynamic?: true }): FactEntry {
  const fields = definition.fields ? Object.keys(definition.fields) : null;
  const nested: Record<string, readonly string[]> = {};
  for (const [name, field] of Object.entries(definition.fields ?? {})) {
    const keys = objectKeys(field.schema);
    if (keys) nested[name] = keys;
  }
  return { subjects: definition.subjects, fields, ...(Object.keys(nested).length > 0 ? { nested } : {}), ...(definition.dynamic ? { dynamic: true as const } : {}) };
}

/**
 * The facts each subject kind offers, with their top-level fields (and the
 * fields of their object fields): made from the vocabulary (catalog.ts);
 * packs are checked against it at load time, so a misspelt path fails
 * loudly there.
 */
export const FACT_CATALOG: Readonly<Record<string, FactEntry>> = Object.fromEntries(
  Object.entries(FACTS).map(([name, definition]) => [name, catalogEntry(definition)]),
);

export function factAvailableFor(fact: string, subject: SubjectKind): boolean {
  const entry = FACT_CATALOG[fact];
  return !!entry && (entry.subjects === 'all' || entry.subjects.includes(subject));
}

/**
 * The built-in operators' names (engine/operators.ts implements exactly
 * these; test/architecture keeps the two lists equal).
 */
export const OPERATOR_NAMES: ReadonlySet<string> = new Set([
  'equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain',
  'decimalLessThan', 'decimalAtMost', 'decimalGreaterThan', 'decimalAtLeast', 'decimalEqual',
  'dateBefore', 'dateOnOrBefore', 'dateAfter', 'dateOnOrAfter',
  'spanLongerThanMonths', 'endWithinMonthsOfStart',
]);


/** What a custom fact computes from: the fund's facts, the subject's own facts, the as-of date. */
export interface CustomFactContext {
  fund: Readonly<Record<string, unknown>>;
  /** All facts of the subject being evaluated (`unitholder`, `period`, ...), read-only. */
  facts: Readonly<Record<string, unknown>>;
  asOf: string;
}

/** A fact a compliance engineer adds: computed per subject, before any rule reads it. */
export interface CustomFact {
  /** The subject kinds it is available for, or 'all'. */
  subjects: readonly SubjectKind[] | 'all';
  /** Its top-level fields, so pack paths are checked at load time; omit for a scalar or unchecked object. */
  fields?: readonly string[];
  compute(context: CustomFactContext): unknown;
}

/** An operator a compliance engineer adds: pure, and it throws on a value of the wrong kind rather than answering false. */
export type CustomOperator = (factValue: unknown, conditionValue: unknown) => boolean;

export interface Extensions {
  facts?: Readonly<Record<string, CustomFact>>;
  operators?: Readonly<Record<string, CustomOperator>>;
}

/** Type-checks an extension set in place: `const ext = defineExtensions({ facts: { ... }, operators: { ... } })`. */
export function defineExtensions<const T extends Extensions>(extensions: T): T {
  return extensions;
}

export interface FactEntry {
  subjects: readonly SubjectKind[] | 'all';
  fields: readonly string[] | null;
  /** Fields of the fields that are objects, checked one level down. */
  nested?: Readonly<Record<string, readonly string[]>>;
  /** Its value depends on the condition's `params` (`param`, `lookup`). */
  dynamic?: true;
}

/** The facts and operators a pack may use: the built-in ones and the extensions'. */
export interface Vocabulary {
  facts: Readonly<Record<string, FactEntry>>;
  operators: ReadonlySet<string>;
}

const NAME = /^[a-zA-Z][a-zA-Z0-9]*$/;

/** Merge extensions into the built-in vocabulary; a clash or a bad name is an error at once. */
export function vocabularyOf(extensions: Extensions = {}): Vocabulary {
  // No prototype: a pack naming the fact "constructor" or "toString" finds nothing, not Object's members.
  const facts: Record<string, FactEntry> = Object.assign(Object.create(null) as Record<string, FactEntry>, FACT_CATALOG);
  for (const [name, fact] of Object.entries(extensions.facts ?? {})) {
    if (!NAME.test(name)) throw new Error(`custom fact name "${name}": use a camelCase identifier`);
    if (Object.prototype.hasOwnProperty.call(FACT_CATALOG, name)) throw new Error(`custom fact "${name}" clashes with a built-in fact`);
    if (typeof fact.compute !== 'function') throw new Error(`custom fact "${name}" has no compute function`);
    facts[name] = { subjects: fact.subjects, fields: fact.fields ?? null };
  }
  const operators = new Set(OPERATOR_NAMES);
  for (const [name, operator] of Object.entries(extensions.operators ?? {})) {
    if (!NAME.test(name)) throw new Error(`custom operator name "${name}": use a camelCase identifier`);
    if (OPERATOR_NAMES.has(name)) throw new Error(`custom operator "${name}" clashes with a built-in operator`);
    if (typeof operator !== 'function') throw new Error(`custom operator "${name}" is not a function`);
    operators.add(name);
  }
  return { facts, operators };
}

export function factAvailable(vocabulary: Vocabulary, fact: string, subject: SubjectKind): boolean {
  const entry = vocabulary.facts[fact];
  return !!entry && (entry.subjects === 'all' || entry.subjects.includes(subject));
}

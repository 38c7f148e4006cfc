import type { SubjectKind } from '../packs/schema.js';
import { FACT_CATALOG } from './facts.js';
import { OPERATOR_NAMES } from './operators.js';

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

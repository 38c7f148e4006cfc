import type { SubjectKind } from '../packs/schema.js';

/**
 * The vocabulary packs are written in: the facts each subject kind offers
 * (with their fields), the built-in operators' names, and the custom facts
 * and operators an extension adds. Below the packs (which validate against
 * it) and the engine (which computes the facts and implements the
 * operators); it imports nothing at run time.
 */

/**
 * The facts each subject kind offers, with their top-level fields: packs are
 * checked against this at load time, so a misspelt path fails loudly there.
 */
export const FACT_CATALOG: Record<string, { subjects: readonly SubjectKind[] | 'all'; fields: readonly string[] | null; nested?: Record<string, readonly string[]>; dynamic?: true }> = {
  fund: {
    subjects: 'all',
    fields: [
      'id', 'kind', 'declaredType', 'managementCompanyId', 'approvalDate', 'registrationDate', 'dissolutionDate',
      'registrationToDissolution', 'monthsRegistrationToDissolution', 'offering', 'scheme', 'unitholderCount',
      'accountingPeriodCount', 'fundManagerCount', 'fundManagersRecorded', 'orderCount', 'activeOnAsOf', 'validFundManagerCount', 'daysSinceRegistration',
      'daysSinceLastDisclosure', 'disclosuresRecorded', 'operations',
    ],
    nested: {
      registrationToDissolution: ['start', 'end'],
      offering: ['inThailand', 'abroad', 'allUnitsToNonDomiciled', 'inThailandAndAbroad', 'abroadOnly'],
      scheme: ['investorRestriction', 'minimumFirstSubscription', 'accountingStandard', 'statesForeignAccountingStandard', 'offeringCountries', 'navStandard'],
      daysSinceLastDisclosure: ['nav', 'performance'],
      operations: ['offeringCountries', 'offeringCountriesNotInScheme', 'offeringCountriesNotInSchemeCount'],
    },
  },
  asOf: { subjects: 'all', fields: null },
  param: { subjects: 'all', fields: null, dynamic: true },
  lookup: { subjects: 'all', fields: null, dynamic: true },
  unitholder: {
    subjects: ['unitholder'],
    fields: ['investorId', 'investorType', 'category', 'categoryBasis', 'categoryAtFirstSubscription', 'categoryBasisAtFirstSubscription', 'domicile', 'assessedOn', 'firstSubscription', 'subscriptionCount', 'totalSubscribed', 'subscriptionsWithoutProspectus'],
    nested: {
      firstSubscription: ['date', 'amount', 'orderKnown'],
      categoryBasis: ['source', 'category', 'assessedOn', 'review', 'era', 'test', 'tried', 'unconfirmed'],
      categoryBasisAtFirstSubscription: ['source', 'category', 'assessedOn', 'review', 'era', 'test', 'tried', 'unconfirmed'],
    },
  },
  period: {
    subjects: ['accounting-period'],
    fields: ['index', 'start', 'end', 'span', 'lengthMonths', 'lengthExtraDays', 'standard', 'auditorName', 'auditorSecApproved', 'auditorLicensedIn', 'auditorLicensedWhereOffered', 'endsAtDissolution'],
    nested: { span: ['start', 'end'] },
  },
  order: { subjects: ['office-order'], fields: ['id', 'reference', 'basis', 'issuedOn', 'dueBy', 'completedOn', 'overdue'] },
  amendment: {
    subjects: ['scheme-amendment'],
    fields: ['id', 'date', 'conflictsWith', 'conflictsWithSecuritiesLaw', 'conflictCount', 'otherConflicts', 'resultingInvestorRestriction', 'changesMinimumFirstSubscription', 'newMinimumFirstSubscription', 'changesInvestorRestriction', 'newInvestorRestriction'],
  },
  manager: { subjects: ['fund-manager'], fields: ['name', 'approvalValidFrom', 'approvalValidTo', 'validOnAsOf'] },
  obligation: { subjects: ['obligation'], fields: ['id', 'date', 'relatedInvestment', 'tiedToPermittedInvestment'] },
  waiver: { subjects: ['waiver'], fields: ['reference', 'grantedOn', 'ruleIds', 'affectsThaiInvestors', 'hostCountryShowing'] },
  ground: { subjects: ['recorded-ground'], fields: ['item', 'recordedOn', 'description', 'reference'] },
};

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

/**
 * Unknown is unknown: a rule that reads a fund field the fund's source does
 * not carry (listed in `fund.unknowns`) is not-applicable to that fund, with
 * the reason, and is never run on it — so it is never passed and never found
 * on data that is not there. Likewise a fund the regulator never registered
 * (status `offering`, `offering-ended`, or `cancelled` without registration)
 * is not judged by rules that presuppose a registered fund.
 *
 * The engine asks {@link rulesNotApplicable} once per fund, before running
 * its subjects, and skips the rules it returns.
 */
import type { CalendarDate } from '../model/calendar-date.js';
import type { Fund } from '../model/fund.js';
import type { Condition, Rule, SubjectKind } from '../packs/schema.js';

/** The fund field a subject kind is drawn from. */
const SUBJECT_FIELD: Readonly<Record<SubjectKind, string | null>> = {
  fund: null,
  unitholder: 'unitholders',
  'accounting-period': 'accountingPeriods',
  'office-order': 'orders',
  'scheme-amendment': 'amendments',
  'fund-manager': 'fundManagers',
  obligation: 'obligations',
  waiver: 'waivers',
  'recorded-ground': 'recordedGrounds',
};

/** Subject facts (`unitholder`, `period`, …) come from the subject's own fund field. */
const SUBJECT_FACT_FIELD: Readonly<Record<string, string>> = {
  unitholder: 'unitholders',
  period: 'accountingPeriods',
  order: 'orders',
  amendment: 'amendments',
  manager: 'fundManagers',
  obligation: 'obligations',
  waiver: 'waivers',
  ground: 'recordedGrounds',
};

/** Derived `fund` facts → the fund fields they are computed from (a fact not listed is its own field). */
const FUND_FACT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  managementCompanyId: ['managementCompany.id'],
  registrationToDissolution: ['registrationDate', 'dissolutionDate'],
  monthsRegistrationToDissolution: ['registrationDate', 'dissolutionDate'],
  'offering.inThailandAndAbroad': ['offering.inThailand', 'offering.abroad'],
  unitholderCount: ['unitholders'],
  accountingPeriodCount: ['accountingPeriods'],
  fundManagerCount: ['fundManagers'],
  fundManagersRecorded: ['fundManagers'],
  validFundManagerCount: ['fundManagers'],
  orderCount: ['orders'],
  activeOnAsOf: ['approvalDate', 'dissolutionDate'],
  daysSinceRegistration: ['registrationDate'],
  daysSinceLastDisclosure: ['disclosures'],
  disclosuresRecorded: ['disclosures'],
  'operations.offeringCountriesNotInScheme': ['operations.offeringCountries', 'scheme.offeringCountries'],
  'operations.offeringCountriesNotInSchemeCount': ['operations.offeringCountries', 'scheme.offeringCountries'],
};

/** Fund fields a rule on a fund that was never registered may still read: the approved scheme, not the fund's life. */
const SCHEME_LEVEL = /^(id|kind|declaredType|managementCompany(\.id)?|approvalDate|scheme(\..+)?|offering(\..+)?)$/;

/** A lookup the rule may name: where its key is read from. */
export interface LookupSource {
  id: string;
  from: { fact: string; path: string };
}

function fieldsOfFact(fact: string, path: string | undefined): string[] {
  if (fact in SUBJECT_FACT_FIELD) return [SUBJECT_FACT_FIELD[fact]!];
  if (fact !== 'fund') return [];
  if (!path || path === '$') return ['(whole fund)'];
  const key = path.replace(/^\$\.?/, '').replace(/\[\d+\]/g, '');
  for (let probe = key; probe; probe = probe.includes('.') ? probe.slice(0, probe.lastIndexOf('.')) : '') {
    const mapped = FUND_FACT_FIELDS[probe];
    if (mapped) return [...mapped];
  }
  return [key];
}

/**
 * The fund fields a rule reads: its subject's list, and every fact path in
 * `appliesWhen`, `violationWhen` and `evidence` (a lookup counts as the
 * field its key is read from).
 */
export function fieldsReadBy(rule: Rule, lookups: readonly LookupSource[] = []): string[] {
  const fields = new Set<string>();
  const subjectField = SUBJECT_FIELD[rule.subject];
  if (subjectField) fields.add(subjectField);
  const reference = (ref: { fact: string; path?: string | undefined; params?: Record<string, unknown> | undefined }) => {
    if (ref.fact === 'lookup') {
      const lookup = lookups.find((l) => l.id === ref.params?.['id']);
      if (lookup) for (const f of fieldsOfFact(lookup.from.fact, lookup.from.path)) fields.add(f);
      return;
    }
    for (const f of fieldsOfFact(ref.fact, ref.path)) fields.add(f);
  };
  const walk = (condition: Condition | undefined) => {
    if (!condition) return;
    if ('all' in condition) condition.all.forEach(walk);
    else if ('any' in condition) condition.any.forEach(walk);
    else if ('not' in condition) walk(condition.not);
    else {
      reference(condition);
      if (condition.value !== null && typeof condition.value === 'object' && !Array.isArray(condition.value)) reference(condition.value);
    }
  };
  walk(rule.appliesWhen);
  walk(rule.violationWhen);
  for (const item of rule.evidence ?? []) reference(item);
  return [...fields];
}

function overlaps(unknown: string, field: string): boolean {
  return field === '(whole fund)' || unknown === field || field.startsWith(`${unknown}.`) || unknown.startsWith(`${field}.`);
}

/** Whether the fund was never registered as of the date (only when its status says so; an unrecorded status decides nothing). */
export function neverRegistered(fund: Pick<Fund, 'status' | 'registrationDate'>, asOf: CalendarDate): boolean {
  if (fund.status === undefined || fund.status === 'registered' || fund.status === 'dissolved') return false;
  return fund.registrationDate === undefined || fund.registrationDate > asOf;
}

/** Fields the model requires, so an adapter fills them with a placeholder: their presence proves nothing. */
const REQUIRED_PLACEHOLDER = /^offering(\.|$)/;

/**
 * Whether the fund holds data for a field listed as unknown (someone added
 * it after the adapter): a non-empty list or a present value. Then the entry
 * no longer holds.
 */
function supplied(fund: object, field: string): boolean {
  if (REQUIRED_PLACEHOLDER.test(field)) return false;
  let value: unknown = fund;
  for (const key of field.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
}

export interface NotApplicableBecause {
  reason: string;
  /** The unknown fund fields the rule reads (empty when the fund was never registered). */
  fields: string[];
}

/**
 * The rules that do not apply to a fund because they read what its source
 * does not carry, or presuppose a registration it never had; with the reason.
 */
export function rulesNotApplicable(fund: Pick<Fund, 'unknowns' | 'status' | 'registrationDate'>, rules: readonly { rule: Rule; lookups?: readonly LookupSource[] }[], asOf: CalendarDate): Map<string, NotApplicableBecause> {
  const out = new Map<string, NotApplicableBecause>();
  const unknowns = (fund.unknowns ?? []).filter((u) => !supplied(fund, u.field));
  const unregistered = neverRegistered(fund, asOf);
  if (unknowns.length === 0 && !unregistered) return out;
  for (const { rule, lookups } of rules) {
    const read = fieldsReadBy(rule, lookups);
    if (unregistered && (rule.subject !== 'fund' || read.some((f) => !SCHEME_LEVEL.test(f)))) {
      out.set(rule.id, { reason: `the fund was never registered (status ${fund.status}${fund.registrationDate ? `, registered only on ${fund.registrationDate}` : ''}); the rule presupposes a registered fund`, fields: [] });
      continue;
    }
    const hit = unknowns.filter((u) => read.some((f) => overlaps(u.field, f)));
    if (hit.length > 0) out.set(rule.id, { reason: hit.map((u) => `${u.field} is unknown: ${u.reason}`).join('; '), fields: hit.map((u) => u.field) });
  }
  return out;
}

import Decimal from 'decimal.js';
import { daysBetween, spanLength, type CalendarDate } from '../model/calendar-date.js';
import type { Fund, Subscription, Unitholder } from '../model/fund.js';
import type { Investor } from '../model/investor.js';
import type { SubjectKind } from '../packs/schema.js';
import type { CategoryBasis } from './investor-category.js';

/** An investor as the evaluation sees it: the record, its place in the input, and how its category was decided. */
export interface InvestorRecord {
  investor: Investor;
  index: number;
  basis: CategoryBasis;
  /** The category from the KYC review in force on a date (absent: `basis` serves every date). */
  categoryOn?: (date: CalendarDate) => CategoryBasis | null;
}

/**
 * Derived facts: generic views of the input that rules read. Nothing here
 * knows a legal number or a rule; thresholds come from pack parameters.
 * `null` means "not recorded" — rules guard it with `appliesWhen`.
 */

export interface FundFacts {
  id: string;
  kind: Fund['kind'];
  declaredType: string | null;
  managementCompanyId: string;
  approvalDate: CalendarDate;
  registrationDate: CalendarDate | null;
  dissolutionDate: CalendarDate | null;
  /** Registration to dissolution as an inclusive span, when both are recorded. */
  registrationToDissolution: { start: CalendarDate; end: CalendarDate } | null;
  monthsRegistrationToDissolution: number | null;
  /**
   * `allUnitsToNonDomiciled`: as recorded; when absent, `false` for a fund
   * offered in Thailand (deduced), else `null` (unknown, never defaulted).
   * `abroadOnly`: offered abroad and not in Thailand.
   */
  offering: { inThailand: boolean; abroad: boolean; allUnitsToNonDomiciled: boolean | null; inThailandAndAbroad: boolean; abroadOnly: boolean };
  scheme: {
    investorRestriction: string | null;
    minimumFirstSubscription: string | null;
    accountingStandard: string | null;
    statesForeignAccountingStandard: boolean | null;
    offeringCountries: string[];
    navStandard: string | null;
  };
  unitholderCount: number;
  accountingPeriodCount: number;
  /** null when the input does not track fund managers. */
  fundManagerCount: number | null;
  fundManagersRecorded: boolean;
  orderCount: number;
  /** Approved by the as-of date and not dissolved before it. */
  activeOnAsOf: boolean;
  /** Fund managers whose approval is valid on the as-of date. */
  validFundManagerCount: number;
  daysSinceRegistration: number | null;
  /** Days from the latest disclosure of each kind (on or before the as-of date) to the as-of date; null: none. */
  daysSinceLastDisclosure: { nav: number | null; performance: number | null };
  /** Whether the input tracks disclosures at all (an absent list is not "none made"). */
  disclosuresRecorded: boolean;
  operations: {
    offeringCountries: string[] | null;
    /** Countries the fund is offered in that the approved scheme does not name. */
    offeringCountriesNotInScheme: string[];
    offeringCountriesNotInSchemeCount: number;
  };
}

export interface UnitholderFacts {
  investorId: string;
  investorType: Investor['type'];
  category: NonNullable<Investor['category']>;
  /** Given, or derived from the profile: which test, threshold, notice and review date. */
  categoryBasis: CategoryBasis;
  domicile: string;
  assessedOn: CalendarDate | null;
  /**
   * The category from the KYC review in force on the first subscription's
   * date: what decides eligibility at entry. null: no review was in force then.
   */
  categoryAtFirstSubscription: NonNullable<Investor['category']> | null;
  /** Its basis: the review, the era of the definitions, the test. */
  categoryBasisAtFirstSubscription: CategoryBasis | null;
  /**
   * The earliest subscription in this fund ("ในครั้งแรก"); later top-ups never
   * replace it. `orderKnown` is false when several subscriptions of different
   * amounts share its date with no time or sequence to order them (the
   * smallest is taken, whatever order they are listed in).
   */
  firstSubscription: { date: CalendarDate; amount: string; orderKnown: boolean };
  subscriptionCount: number;
  totalSubscribed: string;
  /** Subscriptions recorded as sold without the prospectus rules being followed. */
  subscriptionsWithoutProspectus: number;
}

export interface AccountingPeriodFacts {
  index: number;
  start: CalendarDate;
  end: CalendarDate;
  span: { start: CalendarDate; end: CalendarDate };
  lengthMonths: number;
  lengthExtraDays: number;
  standard: string;
  auditorName: string;
  auditorSecApproved: boolean;
  auditorLicensedIn: string[];
  /** Every scheme offering country is one the auditor may practise in; null when no offering country is recorded. */
  auditorLicensedWhereOffered: boolean | null;
  /** The period ends on the fund's dissolution date: the fund's final period. */
  endsAtDissolution: boolean;
}

export interface OfficeOrderFacts {
  id: string;
  reference: string | null;
  basis: string;
  issuedOn: CalendarDate;
  dueBy: CalendarDate;
  completedOn: CalendarDate | null;
  /** Not carried out by the due date, judged on the as-of date. */
  overdue: boolean;
}

export interface SchemeAmendmentFacts {
  id: string;
  date: CalendarDate;
  /** Every recorded conflict, as `kind: reference`. */
  conflictsWith: string[];
  /** Conflicts with the securities law or a notice, rule or order issued under it (the §11 ¶1 (1) kinds). */
  conflictsWithSecuritiesLaw: string[];
  conflictCount: number;
  /** Conflicts recorded with something else (a house policy, another law): recorded, not a §11 ¶1 (1) ground. */
  otherConflicts: string[];
  /** Who the scheme admits once the amendment is made: its new restriction, else the scheme's own. */
  resultingInvestorRestriction: string | null;
  changesMinimumFirstSubscription: boolean;
  newMinimumFirstSubscription: string | null;
  changesInvestorRestriction: boolean;
  newInvestorRestriction: string | null;
}

export interface FundManagerFacts {
  name: string;
  approvalValidFrom: CalendarDate;
  approvalValidTo: CalendarDate | null;
  validOnAsOf: boolean;
}

export interface WaiverFacts {
  reference: string;
  grantedOn: CalendarDate;
  ruleIds: string[];
  affectsThaiInvestors: boolean;
  hostCountryShowing: string | null;
}

export interface RecordedGroundFacts {
  item: number;
  recordedOn: CalendarDate;
  description: string;
  reference: string | null;
}

export interface ObligationFacts {
  id: string;
  date: CalendarDate;
  relatedInvestment: string | null;
  tiedToPermittedInvestment: boolean;
}

/** A subject of evaluation: its facts, its identity in the report, and where it sits in the input. */
export interface Subject {
  kind: SubjectKind;
  /** Fact name → value, added to the almanac beside `fund`. */
  facts: Record<string, unknown>;
  identity: SubjectIdentity;
  /**
   * Where each derived fact field came from in the input:
   * `unitholder.firstSubscription.amount` → `funds[0].unitholders[2].subscriptions[0].amount`.
   */
  origins: Record<string, string>;
}

/** What identifies a subject of each kind besides its fund (`period` for an accounting period, and so on). */
export interface SubjectKeys {
  unitholder: { investorId: string };
  'accounting-period': { period: { start: CalendarDate; end: CalendarDate } };
  'office-order': { orderId: string };
  'scheme-amendment': { amendmentId: string };
  'fund-manager': { fundManager: string };
  obligation: { obligationId: string };
  waiver: { waiverReference: string };
  'recorded-ground': { groundItem: number };
  fund: Record<never, never>;
}

/**
 * Who a finding is about, by kind: narrowing on `kind` gives the kind's own
 * key (`subject.kind === 'unitholder'` → `subject.investorId: string`). The
 * other kinds' keys are absent (typed `?: undefined`, so reading one on the
 * union is allowed and gives `undefined`).
 */
export type SubjectOf<K extends SubjectKind> = {
  kind: K;
  fundId: string;
  /** Path of the subject in the evaluated input, e.g. `funds[0].unitholders[3]`. */
  pointer: string;
} & SubjectKeys[K] & { [O in Exclude<{ [Q in SubjectKind]: keyof SubjectKeys[Q] }[SubjectKind], keyof SubjectKeys[K]>]?: undefined };

/** A subject's identity in a report: a union on `kind` (see {@link SubjectOf}). */
export type SubjectIdentity = { [K in SubjectKind]: SubjectOf<K> }[SubjectKind];

export { FACT_CATALOG, factAvailableFor } from '../facts/vocabulary.js';

function daysSinceLast(fund: Fund, kind: NonNullable<Fund['disclosures']>[number]['kind'], asOf: CalendarDate): number | null {
  let latest: CalendarDate | undefined;
  for (const d of fund.disclosures ?? []) if (d.kind === kind && d.date <= asOf && (!latest || d.date > latest)) latest = d.date;
  return latest ? daysBetween(latest, asOf) : null;
}

export function deriveFundFacts(fund: Fund, asOf: CalendarDate): FundFacts {
  const schemeCountries = fund.scheme.offeringCountries ?? [];
  const usedCountries = fund.operations?.offeringCountries;
  const registrationToDissolution =
    fund.registrationDate && fund.dissolutionDate ? { start: fund.registrationDate, end: fund.dissolutionDate } : null;
  return {
    id: fund.id,
    kind: fund.kind,
    declaredType: fund.declaredType ?? null,
    managementCompanyId: fund.managementCompany.id,
    approvalDate: fund.approvalDate,
    registrationDate: fund.registrationDate ?? null,
    dissolutionDate: fund.dissolutionDate ?? null,
    registrationToDissolution,
    monthsRegistrationToDissolution: registrationToDissolution ? spanLength(registrationToDissolution.start, registrationToDissolution.end).months : null,
    offering: {
      inThailand: fund.offering.inThailand,
      abroad: fund.offering.abroad,
      allUnitsToNonDomiciled: fund.offering.allUnitsToNonDomiciled ?? (fund.offering.inThailand ? false : null),
      inThailandAndAbroad: fund.offering.inThailand && fund.offering.abroad,
      abroadOnly: fund.offering.abroad && !fund.offering.inThailand,
    },
    scheme: {
      investorRestriction: fund.scheme.investorRestriction ?? null,
      minimumFirstSubscription: fund.scheme.minimumFirstSubscription ?? null,
      accountingStandard: fund.scheme.accountingStandard ?? null,
      statesForeignAccountingStandard: fund.scheme.statesForeignAccountingStandard ?? null,
      offeringCountries: schemeCountries,
      navStandard: fund.scheme.navStandard ?? null,
    },
    unitholderCount: fund.unitholders.length,
    accountingPeriodCount: fund.accountingPeriods.length,
    fundManagerCount: fund.fundManagers?.length ?? null,
    fundManagersRecorded: fund.fundManagers !== undefined,
    orderCount: fund.orders.length,
    activeOnAsOf: fund.approvalDate <= asOf && (fund.dissolutionDate === undefined || fund.dissolutionDate >= asOf),
    validFundManagerCount: (fund.fundManagers ?? []).filter((m) => m.approvalValidFrom <= asOf && (m.approvalValidTo === undefined || asOf <= m.approvalValidTo)).length,
    daysSinceRegistration: fund.registrationDate && fund.registrationDate <= asOf ? daysBetween(fund.registrationDate, asOf) : null,
    daysSinceLastDisclosure: { nav: daysSinceLast(fund, 'nav', asOf), performance: daysSinceLast(fund, 'performance', asOf) },
    disclosuresRecorded: fund.disclosures !== undefined,
    operations: {
      offeringCountries: usedCountries ?? null,
      offeringCountriesNotInScheme: (usedCountries ?? []).filter((c) => !schemeCountries.includes(c)),
      offeringCountriesNotInSchemeCount: (usedCountries ?? []).filter((c) => !schemeCountries.includes(c)).length,
    },
  };
}

/** Compare two subscriptions made on the same date by sequence, then time; `undefined` when neither orders them. */
function sameDayOrder(a: Subscription, b: Subscription): number | undefined {
  if (a.sequence !== undefined && b.sequence !== undefined && a.sequence !== b.sequence) return a.sequence - b.sequence;
  if (a.time !== undefined && b.time !== undefined && a.time !== b.time) return a.time < b.time ? -1 : 1;
  return undefined;
}

/**
 * The first subscription ("ในครั้งแรก"): the earliest by date, then by
 * `sequence` or `time`. When subscriptions of the earliest date cannot be
 * ordered, the result does not depend on the order they are listed in: the
 * smallest of them is taken (the reading least favourable to the holder)
 * and `ambiguous` says the order was not known.
 */
export function firstSubscriptionWithOrder(subscriptions: readonly Subscription[]): { first: Subscription; ambiguous: boolean } | undefined {
  if (subscriptions.length === 1) return { first: subscriptions[0]!, ambiguous: false };
  let earliest: CalendarDate | undefined;
  for (const s of subscriptions) if (!earliest || s.date < earliest) earliest = s.date;
  if (earliest === undefined) return undefined;
  const sameDay = subscriptions.filter((s) => s.date === earliest);
  // Candidates: those no other same-day subscription is known to precede.
  const candidates = sameDay.filter((s) => !sameDay.some((o) => o !== s && (sameDayOrder(o, s) ?? 0) < 0));
  const byAmount = (a: Subscription, b: Subscription) => {
    const diff = new Decimal(a.amount).comparedTo(b.amount);
    return diff !== 0 ? diff : sameDay.indexOf(a) - sameDay.indexOf(b);
  };
  const first = [...candidates].sort(byAmount)[0]!;
  const ambiguous = candidates.some((c) => c !== first && !new Decimal(c.amount).equals(first.amount));
  return { first, ambiguous };
}

/** The first subscription (see {@link firstSubscriptionWithOrder}). */
export function firstSubscriptionOf(subscriptions: readonly Subscription[]): Subscription | undefined {
  return firstSubscriptionWithOrder(subscriptions)?.first;
}

/** What a unitholder subject's origins are worded from. */
const HOLDER: unique symbol = Symbol('holder');
/** A holder's positions in the input; its origins are worded from them only when a finding asks. */
interface HolderPositions {
  at: string;
  investorAt: number;
  first: number;
  noProspectus: number;
  given: boolean;
  review: string | undefined;
  /** The category at entry: from this review of the investor, else given (`category`), else not known (the first subscription). */
  entryReview: string | undefined;
  entryGiven: boolean;
}
type HolderOrigins = Record<string, string> & { [HOLDER]: HolderPositions };

/** Where the category at the first subscription comes from. */
function entryAt(h: HolderPositions): string {
  if (h.entryReview) return `investors[${h.investorAt}].${h.entryReview}`;
  return h.entryGiven ? `investors[${h.investorAt}].category` : `${h.at}.subscriptions[${h.first}]`;
}

/** The KYC review a derived category comes from (`investors[i].reviews[j]`), or the profile. */
function reviewAt(h: HolderOrigins[typeof HOLDER]): string {
  return h.review ? `investors[${h.investorAt}].${h.review}` : `investors[${h.investorAt}].profile`;
}

/** Where each unitholder fact comes from in the input, worded from the holder's positions. */
const HOLDER_ORIGINS: Record<string, (h: HolderOrigins[typeof HOLDER]) => string> = {
  'unitholder.investorId': (h) => `${h.at}.investorId`,
  'unitholder.investorType': (h) => `investors[${h.investorAt}].type`,
  'unitholder.category': (h) => (h.given ? `investors[${h.investorAt}].category` : reviewAt(h)),
  'unitholder.categoryBasis': (h) => (h.given ? `investors[${h.investorAt}].category` : reviewAt(h)),
  'unitholder.categoryAtFirstSubscription': entryAt,
  'unitholder.categoryBasisAtFirstSubscription': entryAt,
  'unitholder.domicile': (h) => `investors[${h.investorAt}].domicile`,
  'unitholder.assessedOn': (h) => (h.given ? `investors[${h.investorAt}].assessedOn` : `${reviewAt(h)}.assessedOn`),
  'unitholder.firstSubscription': (h) => `${h.at}.subscriptions[${h.first}]`,
  'unitholder.firstSubscription.amount': (h) => `${h.at}.subscriptions[${h.first}].amount`,
  'unitholder.firstSubscription.date': (h) => `${h.at}.subscriptions[${h.first}].date`,
  'unitholder.firstSubscription.orderKnown': (h) => `${h.at}.subscriptions`,
  // Counted and summed over the subscriptions: the list is the input field (there is no subscriptionCount field).
  'unitholder.subscriptionCount': (h) => `${h.at}.subscriptions`,
  'unitholder.totalSubscribed': (h) => `${h.at}.subscriptions`,
  'unitholder.subscriptionsWithoutProspectus': (h) => (h.noProspectus >= 0 ? `${h.at}.subscriptions[${h.noProspectus}].prospectusDelivered` : `${h.at}.subscriptions`),
  unitholder: (h) => h.at,
};

/** Per fund-origins table: the prototype of its holders' origins (getters over the holder's positions, then the fund's origins). */
const holderPrototypes = new WeakMap<object, object>();
function holderOriginsOn(fundOrigins: Readonly<Record<string, string>>): object {
  let proto = holderPrototypes.get(fundOrigins);
  if (!proto) {
    const descriptors: PropertyDescriptorMap = {};
    for (const [key, word] of Object.entries(HOLDER_ORIGINS)) {
      descriptors[key] = { enumerable: true, get(this: HolderOrigins) { return word(this[HOLDER]); } };
    }
    proto = Object.create(fundOrigins, descriptors) as object;
    holderPrototypes.set(fundOrigins, proto);
  }
  return proto;
}

/**
 * The unitholder subject of the holder entry at `position` of a fund's
 * register, or undefined when the holder holds no units on the as-of date.
 * Its origins inherit the fund's (shared, never copied per holder). Used by
 * deriveSubjects and by pre-trade checks (one holder at a time).
 */
export function unitholderSubject(
  holder: Unitholder,
  position: number,
  record: InvestorRecord | undefined,
  where: { base: string; fundId: string; fundOrigins: Readonly<Record<string, string>>; asOf: CalendarDate },
): Subject | undefined {
  const { base, asOf } = where;
  const held = holder.subscriptions.length === 1 ? (holder.subscriptions[0]!.date <= asOf ? holder.subscriptions : []) : holder.subscriptions.filter((s) => s.date <= asOf);
  // One subscription (the common case) is its own first, without an ordering.
  const ordered = held.length === 1 ? undefined : firstSubscriptionWithOrder(held);
  const first = held.length === 1 ? held[0] : ordered?.first;
  if (!first || !record) return undefined;
  const { investor, basis } = record;
  // Eligibility at entry is decided by the KYC review in force on the first subscription's date.
  const atEntry = record.categoryOn ? record.categoryOn(first.date) : basis;
  let withoutProspectus = 0;
  for (const s of held) if (s.prospectusDelivered === false) withoutProspectus++;
  const facts: UnitholderFacts = {
    investorId: holder.investorId,
    investorType: investor.type,
    category: basis.category,
    categoryBasis: basis,
    categoryAtFirstSubscription: atEntry?.category ?? null,
    categoryBasisAtFirstSubscription: atEntry,
    domicile: investor.domicile,
    assessedOn: basis.assessedOn,
    firstSubscription: { date: first.date, amount: first.amount, orderKnown: ordered === undefined || !ordered.ambiguous },
    subscriptionCount: held.length,
    // Amounts are canonical (parseMoney): one subscription is its own total, without decimal arithmetic.
    totalSubscribed: held.length === 1 ? first.amount : held.reduce((sum, s) => sum.plus(s.amount), new Decimal(0)).toFixed(),
    subscriptionsWithoutProspectus: withoutProspectus,
  };
  const at = `${base}.unitholders[${position}]`;
  const noProspectus = withoutProspectus === 0 ? -1 : holder.subscriptions.findIndex((s) => s.date <= asOf && s.prospectusDelivered === false);
  // The pointers are worded only when a finding asks for them (holderOrigins); the fund's are inherited.
  const origins = Object.create(holderOriginsOn(where.fundOrigins)) as HolderOrigins;
  origins[HOLDER] = {
    at,
    investorAt: record.index,
    first: holder.subscriptions.length === 1 ? 0 : holder.subscriptions.indexOf(first),
    noProspectus,
    given: basis.source === 'given',
    review: basis.review,
    entryReview: atEntry?.source === 'derived' ? atEntry.review : undefined,
    entryGiven: atEntry?.source === 'given',
  };
  return { kind: 'unitholder', facts: { unitholder: facts }, identity: { kind: 'unitholder', fundId: where.fundId, investorId: holder.investorId, pointer: at }, origins };
}

/**
 * Build the subjects of one fund as of a date. A unitholder whose first
 * subscription is after the as-of date does not hold units yet and is not a
 * subject; subscriptions after the as-of date are ignored.
 */
export function deriveSubjects(
  fund: Fund,
  fundIndex: number,
  investors: ReadonlyMap<string, InvestorRecord>,
  asOf: CalendarDate,
): Map<SubjectKind, Subject[]> {
  const base = `funds[${fundIndex}]`;
  const fundOrigins = fundFieldOrigins(base);
  const subjects = new Map<SubjectKind, Subject[]>();
  const add = (subject: Subject) => {
    const list = subjects.get(subject.kind) ?? [];
    list.push(subject);
    subjects.set(subject.kind, list);
  };

  add({ kind: 'fund', facts: {}, identity: { kind: 'fund', fundId: fund.id, pointer: base }, origins: fundOrigins });

  fund.unitholders.forEach((holder, index) => {
    const subject = unitholderSubject(holder, index, investors.get(holder.investorId), { base, fundId: fund.id, fundOrigins, asOf });
    if (subject) add(subject);
  });

  const offeringCountries = fund.scheme.offeringCountries ?? [];
  fund.accountingPeriods.forEach((period, index) => {
    const length = spanLength(period.start, period.end);
    const facts: AccountingPeriodFacts = {
      index,
      start: period.start,
      end: period.end,
      span: { start: period.start, end: period.end },
      lengthMonths: length.months,
      lengthExtraDays: length.days,
      standard: period.standard,
      auditorName: period.auditor.name,
      auditorSecApproved: period.auditor.secApproved,
      auditorLicensedIn: period.auditor.licensedIn,
      auditorLicensedWhereOffered: offeringCountries.length === 0 ? null : offeringCountries.every((c) => period.auditor.licensedIn.includes(c)),
      endsAtDissolution: fund.dissolutionDate !== undefined && period.end === fund.dissolutionDate,
    };
    const at = `${base}.accountingPeriods[${index}]`;
    add({
      kind: 'accounting-period',
      facts: { period: facts },
      identity: { kind: 'accounting-period', fundId: fund.id, period: { start: period.start, end: period.end }, pointer: at },
      origins: {
        ...fundOrigins,
        'period.index': at,
        'period.start': `${at}.start`,
        'period.end': `${at}.end`,
        'period.span': `${at}.end`,
        'period.lengthMonths': `${at}.end`,
        'period.lengthExtraDays': `${at}.end`,
        'period.endsAtDissolution': `${at}.end`,
        'period.standard': `${at}.standard`,
        'period.auditorName': `${at}.auditor.name`,
        'period.auditorSecApproved': `${at}.auditor.secApproved`,
        'period.auditorLicensedIn': `${at}.auditor.licensedIn`,
        'period.auditorLicensedWhereOffered': `${at}.auditor.licensedIn`,
        period: at,
      },
    });
  });

  fund.orders.forEach((order, index) => {
    if (order.issuedOn > asOf) return;
    const overdue = order.completedOn !== undefined ? order.completedOn > order.dueBy && order.dueBy < asOf : asOf > order.dueBy;
    const facts: OfficeOrderFacts = {
      id: order.id,
      reference: order.reference ?? null,
      basis: order.basis,
      issuedOn: order.issuedOn,
      dueBy: order.dueBy,
      completedOn: order.completedOn && order.completedOn <= asOf ? order.completedOn : null,
      overdue,
    };
    const at = `${base}.orders[${index}]`;
    add({
      kind: 'office-order',
      facts: { order: facts },
      identity: { kind: 'office-order', fundId: fund.id, orderId: order.id, pointer: at },
      origins: { ...fundOrigins, 'order.overdue': order.completedOn ? `${at}.completedOn` : `${at}.dueBy`, 'order.basis': `${at}.basis`, 'order.dueBy': `${at}.dueBy`, 'order.completedOn': `${at}.completedOn`, 'order.issuedOn': `${at}.issuedOn`, order: at },
    });
  });

  fund.amendments.forEach((amendment, index) => {
    if (amendment.date > asOf) return;
    const facts: SchemeAmendmentFacts = {
      id: amendment.id,
      date: amendment.date,
      conflictsWith: amendment.conflictsWith.map((c) => `${c.kind}: ${c.reference}`),
      conflictsWithSecuritiesLaw: amendment.conflictsWith.filter((c) => c.kind !== 'other').map((c) => c.reference),
      conflictCount: amendment.conflictsWith.filter((c) => c.kind !== 'other').length,
      otherConflicts: amendment.conflictsWith.filter((c) => c.kind === 'other').map((c) => c.reference),
      resultingInvestorRestriction: amendment.changes?.investorRestriction ?? fund.scheme.investorRestriction ?? null,
      changesMinimumFirstSubscription: amendment.changes?.minimumFirstSubscription !== undefined,
      newMinimumFirstSubscription: amendment.changes?.minimumFirstSubscription ?? null,
      changesInvestorRestriction: amendment.changes?.investorRestriction !== undefined,
      newInvestorRestriction: amendment.changes?.investorRestriction ?? null,
    };
    const at = `${base}.amendments[${index}]`;
    add({
      kind: 'scheme-amendment',
      facts: { amendment: facts },
      identity: { kind: 'scheme-amendment', fundId: fund.id, amendmentId: amendment.id, pointer: at },
      origins: {
        ...fundOrigins,
        'amendment.conflictsWith': `${at}.conflictsWith`,
        'amendment.conflictCount': `${at}.conflictsWith`,
        'amendment.conflictsWithSecuritiesLaw': `${at}.conflictsWith`,
        'amendment.otherConflicts': `${at}.conflictsWith`,
        'amendment.resultingInvestorRestriction': amendment.changes?.investorRestriction !== undefined ? `${at}.changes.investorRestriction` : `${base}.scheme.investorRestriction`,
        'amendment.date': `${at}.date`,
        'amendment.changesMinimumFirstSubscription': `${at}.changes.minimumFirstSubscription`,
        'amendment.newMinimumFirstSubscription': `${at}.changes.minimumFirstSubscription`,
        'amendment.changesInvestorRestriction': `${at}.changes.investorRestriction`,
        'amendment.newInvestorRestriction': `${at}.changes.investorRestriction`,
        amendment: at,
      },
    });
  });

  (fund.fundManagers ?? []).forEach((manager, index) => {
    const facts: FundManagerFacts = {
      name: manager.name,
      approvalValidFrom: manager.approvalValidFrom,
      approvalValidTo: manager.approvalValidTo ?? null,
      validOnAsOf: manager.approvalValidFrom <= asOf && (manager.approvalValidTo === undefined || asOf <= manager.approvalValidTo),
    };
    const at = `${base}.fundManagers[${index}]`;
    add({
      kind: 'fund-manager',
      facts: { manager: facts },
      identity: { kind: 'fund-manager', fundId: fund.id, fundManager: manager.name, pointer: at },
      origins: { ...fundOrigins, 'manager.validOnAsOf': manager.approvalValidTo ? `${at}.approvalValidTo` : `${at}.approvalValidFrom`, 'manager.approvalValidFrom': `${at}.approvalValidFrom`, 'manager.approvalValidTo': `${at}.approvalValidTo`, manager: at },
    });
  });

  fund.obligations.forEach((obligation, index) => {
    if (obligation.date > asOf) return;
    const facts: ObligationFacts = {
      id: obligation.id,
      date: obligation.date,
      relatedInvestment: obligation.relatedInvestment ?? null,
      tiedToPermittedInvestment: obligation.tiedToPermittedInvestment,
    };
    const at = `${base}.obligations[${index}]`;
    add({
      kind: 'obligation',
      facts: { obligation: facts },
      identity: { kind: 'obligation', fundId: fund.id, obligationId: obligation.id, pointer: at },
      origins: { ...fundOrigins, 'obligation.tiedToPermittedInvestment': `${at}.tiedToPermittedInvestment`, 'obligation.relatedInvestment': `${at}.relatedInvestment`, obligation: at },
    });
  });

  fund.waivers.forEach((waiver, index) => {
    if (waiver.grantedOn > asOf) return;
    const at = `${base}.waivers[${index}]`;
    const facts: WaiverFacts = {
      reference: waiver.reference,
      grantedOn: waiver.grantedOn,
      ruleIds: waiver.ruleIds,
      affectsThaiInvestors: waiver.affectsThaiInvestors,
      hostCountryShowing: waiver.hostCountryShowing ?? null,
    };
    add({
      kind: 'waiver',
      facts: { waiver: facts },
      identity: { kind: 'waiver', fundId: fund.id, waiverReference: waiver.reference, pointer: at },
      origins: { ...fundOrigins, 'waiver.affectsThaiInvestors': `${at}.affectsThaiInvestors`, 'waiver.hostCountryShowing': `${at}.hostCountryShowing`, 'waiver.ruleIds': `${at}.ruleIds`, 'waiver.grantedOn': `${at}.grantedOn`, waiver: at },
    });
  });

  fund.recordedGrounds.forEach((ground, index) => {
    if (ground.recordedOn > asOf) return;
    const at = `${base}.recordedGrounds[${index}]`;
    const facts: RecordedGroundFacts = { item: ground.item, recordedOn: ground.recordedOn, description: ground.description, reference: ground.reference ?? null };
    add({
      kind: 'recorded-ground',
      facts: { ground: facts },
      identity: { kind: 'recorded-ground', fundId: fund.id, groundItem: ground.item, pointer: at },
      origins: { ...fundOrigins, 'ground.item': `${at}.item`, 'ground.description': `${at}.description`, ground: at },
    });
  });

  return subjects;
}

/** Input pointers of the fund-level facts, shared by every subject of the fund (no prototype: an inherited name is never an origin). */
export function fundFieldOrigins(base: string): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, {
    fund: base,
    'fund.id': `${base}.id`,
    'fund.kind': `${base}.kind`,
    'fund.declaredType': `${base}.declaredType`,
    'fund.managementCompanyId': `${base}.managementCompany.id`,
    'fund.approvalDate': `${base}.approvalDate`,
    'fund.registrationDate': `${base}.registrationDate`,
    'fund.dissolutionDate': `${base}.dissolutionDate`,
    'fund.registrationToDissolution': `${base}.dissolutionDate`,
    'fund.monthsRegistrationToDissolution': `${base}.dissolutionDate`,
    'fund.offering': `${base}.offering`,
    'fund.scheme': `${base}.scheme`,
    'fund.unitholderCount': `${base}.unitholders`,
    'fund.accountingPeriodCount': `${base}.accountingPeriods`,
    'fund.fundManagerCount': `${base}.fundManagers`,
    'fund.orderCount': `${base}.orders`,
    'fund.activeOnAsOf': `${base}.dissolutionDate`,
    'fund.validFundManagerCount': `${base}.fundManagers`,
    'fund.fundManagersRecorded': `${base}.fundManagers`,
    'fund.daysSinceRegistration': `${base}.registrationDate`,
    'fund.daysSinceLastDisclosure': `${base}.disclosures`,
    'fund.daysSinceLastDisclosure.performance': `${base}.disclosures`,
    'fund.daysSinceLastDisclosure.nav': `${base}.disclosures`,
    'fund.offering.inThailandAndAbroad': `${base}.offering`,
    'fund.offering.abroadOnly': `${base}.offering`,
    'fund.scheme.offeringCountries': `${base}.scheme.offeringCountries`,
    'fund.operations': `${base}.operations`,
    'fund.operations.offeringCountriesNotInScheme': `${base}.operations.offeringCountries`,
    'fund.operations.offeringCountriesNotInSchemeCount': `${base}.operations.offeringCountries`,
    'fund.disclosuresRecorded': `${base}.disclosures`,
  });
}

/** Origin keys by path, per fact: a finding asks for one per deciding condition, and rules have few paths. */
const originKeys = new Map<string, Map<string, string>>();
/** Paths kept per fact (a bound on the cache whatever the packs). */
const ORIGIN_KEYS_KEPT = 1024;

/** Key of a fact path in an origins table: fact `fund`, path `$.scheme.minimumFirstSubscription` → `fund.scheme.minimumFirstSubscription`. */
function originKey(fact: string, path: string | undefined): string {
  if (!path) return fact;
  let byPath = originKeys.get(fact);
  if (!byPath) originKeys.set(fact, (byPath = new Map()));
  let key = byPath.get(path);
  if (key === undefined) {
    key = `${fact}${path.slice(1).replace(/\[\d+\]/g, '')}`;
    if (byPath.size < ORIGIN_KEYS_KEPT) byPath.set(path, key);
  }
  return key;
}

/** The input field behind a fact path: the longest recorded prefix, else the same path under the subject's own origin. */
export function originOf(subject: Pick<Subject, 'origins'>, fact: string, path: string | undefined): string | undefined {
  let key = originKey(fact, path);
  const full = key;
  while (key) {
    const origin = subject.origins[key];
    if (origin !== undefined) return key === full ? origin : `${origin}${full.slice(key.length)}`;
    const dot = key.lastIndexOf('.');
    if (dot < 0) break;
    key = key.slice(0, dot);
  }
  return undefined;
}

/** Input pointers of the fields that decided a finding, in the order the conditions read them. */
export function fieldsOf(decidedBy: readonly { fact: string; path?: string }[], subject: Pick<Subject, 'origins'>): string[] {
  const fields: string[] = [];
  for (const condition of decidedBy) {
    const origin = originOf(subject, condition.fact, condition.path);
    if (origin && !fields.includes(origin)) fields.push(origin);
  }
  return fields;
}

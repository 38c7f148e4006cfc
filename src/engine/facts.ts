import Decimal from 'decimal.js';
import { spanLength, type CalendarDate } from '../model/calendar-date.js';
import type { Fund, Subscription } from '../model/fund.js';
import type { Investor } from '../model/investor.js';
import type { SubjectKind } from '../packs/schema.js';

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
  offering: { inThailand: boolean; abroad: boolean; allUnitsToNonDomiciled: boolean; inThailandAndAbroad: boolean };
  scheme: {
    investorRestriction: string;
    minimumFirstSubscription: string | null;
    accountingStandard: string | null;
    statesForeignAccountingStandard: boolean | null;
    offeringCountries: string[];
  };
  unitholderCount: number;
  accountingPeriodCount: number;
  fundManagerCount: number;
  orderCount: number;
}

export interface UnitholderFacts {
  investorId: string;
  investorType: Investor['type'];
  category: Investor['category'];
  domicile: string;
  assessedOn: CalendarDate | null;
  /** The earliest subscription in this fund ("ในครั้งแรก"); later top-ups never replace it. */
  firstSubscription: { date: CalendarDate; amount: string };
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
  conflictsWith: string[];
  conflictCount: number;
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
}

export interface SubjectIdentity {
  kind: SubjectKind;
  fundId: string;
  investorId?: string;
  period?: { start: CalendarDate; end: CalendarDate };
  orderId?: string;
  amendmentId?: string;
  fundManager?: string;
  obligationId?: string;
  /** Path of the subject in the evaluated input, e.g. `funds[0].unitholders[3]`. */
  pointer: string;
}

/**
 * The facts each subject kind offers, with their top-level fields: packs are
 * checked against this at load time, so a misspelt path fails loudly there.
 */
export const FACT_CATALOG: Record<string, { subjects: readonly SubjectKind[] | 'all'; fields: readonly string[] | null; dynamic?: true }> = {
  fund: {
    subjects: 'all',
    fields: [
      'id', 'kind', 'declaredType', 'managementCompanyId', 'approvalDate', 'registrationDate', 'dissolutionDate',
      'registrationToDissolution', 'monthsRegistrationToDissolution', 'offering', 'scheme', 'unitholderCount',
      'accountingPeriodCount', 'fundManagerCount', 'orderCount',
    ],
  },
  asOf: { subjects: 'all', fields: null },
  param: { subjects: 'all', fields: null, dynamic: true },
  lookup: { subjects: 'all', fields: null, dynamic: true },
  unitholder: {
    subjects: ['unitholder'],
    fields: ['investorId', 'investorType', 'category', 'domicile', 'assessedOn', 'firstSubscription', 'subscriptionCount', 'totalSubscribed', 'subscriptionsWithoutProspectus'],
  },
  period: {
    subjects: ['accounting-period'],
    fields: ['index', 'start', 'end', 'span', 'lengthMonths', 'lengthExtraDays', 'standard', 'auditorName', 'auditorSecApproved', 'auditorLicensedIn', 'auditorLicensedWhereOffered', 'endsAtDissolution'],
  },
  order: { subjects: ['office-order'], fields: ['id', 'reference', 'basis', 'issuedOn', 'dueBy', 'completedOn', 'overdue'] },
  amendment: {
    subjects: ['scheme-amendment'],
    fields: ['id', 'date', 'conflictsWith', 'conflictCount', 'changesMinimumFirstSubscription', 'newMinimumFirstSubscription', 'changesInvestorRestriction', 'newInvestorRestriction'],
  },
  manager: { subjects: ['fund-manager'], fields: ['name', 'approvalValidFrom', 'approvalValidTo', 'validOnAsOf'] },
  obligation: { subjects: ['obligation'], fields: ['id', 'date', 'relatedInvestment', 'tiedToPermittedInvestment'] },
};

export function factAvailableFor(fact: string, subject: SubjectKind): boolean {
  const entry = FACT_CATALOG[fact];
  return !!entry && (entry.subjects === 'all' || entry.subjects.includes(subject));
}

export function deriveFundFacts(fund: Fund): FundFacts {
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
    offering: { ...fund.offering, inThailandAndAbroad: fund.offering.inThailand && fund.offering.abroad },
    scheme: {
      investorRestriction: fund.scheme.investorRestriction,
      minimumFirstSubscription: fund.scheme.minimumFirstSubscription ?? null,
      accountingStandard: fund.scheme.accountingStandard ?? null,
      statesForeignAccountingStandard: fund.scheme.statesForeignAccountingStandard ?? null,
      offeringCountries: fund.scheme.offeringCountries ?? [],
    },
    unitholderCount: fund.unitholders.length,
    accountingPeriodCount: fund.accountingPeriods.length,
    fundManagerCount: fund.fundManagers.length,
    orderCount: fund.orders.length,
  };
}

/** The earliest subscription; on the same date the one listed first. */
export function firstSubscriptionOf(subscriptions: readonly Subscription[]): Subscription | undefined {
  let first: Subscription | undefined;
  for (const s of subscriptions) if (!first || s.date < first.date) first = s;
  return first;
}

/**
 * Build the subjects of one fund as of a date. A unitholder whose first
 * subscription is after the as-of date does not hold units yet and is not a
 * subject; subscriptions after the as-of date are ignored.
 */
export function deriveSubjects(fund: Fund, fundIndex: number, investors: ReadonlyMap<string, Investor>, asOf: CalendarDate): Map<SubjectKind, Subject[]> {
  const base = `funds[${fundIndex}]`;
  const subjects = new Map<SubjectKind, Subject[]>();
  const add = (subject: Subject) => {
    const list = subjects.get(subject.kind) ?? [];
    list.push(subject);
    subjects.set(subject.kind, list);
  };

  add({ kind: 'fund', facts: {}, identity: { kind: 'fund', fundId: fund.id, pointer: base } });

  fund.unitholders.forEach((holder, index) => {
    const held = holder.subscriptions.filter((s) => s.date <= asOf);
    const first = firstSubscriptionOf(held);
    const investor = investors.get(holder.investorId);
    if (!first || !investor) return;
    const facts: UnitholderFacts = {
      investorId: holder.investorId,
      investorType: investor.type,
      category: investor.category,
      domicile: investor.domicile,
      assessedOn: investor.assessedOn ?? null,
      firstSubscription: { date: first.date, amount: first.amount },
      subscriptionCount: held.length,
      totalSubscribed: held.reduce((sum, s) => sum.plus(s.amount), new Decimal(0)).toFixed(),
      subscriptionsWithoutProspectus: held.filter((s) => s.prospectusDelivered === false).length,
    };
    add({ kind: 'unitholder', facts: { unitholder: facts }, identity: { kind: 'unitholder', fundId: fund.id, investorId: holder.investorId, pointer: `${base}.unitholders[${index}]` } });
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
    add({
      kind: 'accounting-period',
      facts: { period: facts },
      identity: { kind: 'accounting-period', fundId: fund.id, period: { start: period.start, end: period.end }, pointer: `${base}.accountingPeriods[${index}]` },
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
    add({ kind: 'office-order', facts: { order: facts }, identity: { kind: 'office-order', fundId: fund.id, orderId: order.id, pointer: `${base}.orders[${index}]` } });
  });

  fund.amendments.forEach((amendment, index) => {
    if (amendment.date > asOf) return;
    const facts: SchemeAmendmentFacts = {
      id: amendment.id,
      date: amendment.date,
      conflictsWith: amendment.conflictsWith,
      conflictCount: amendment.conflictsWith.length,
      changesMinimumFirstSubscription: amendment.changes?.minimumFirstSubscription !== undefined,
      newMinimumFirstSubscription: amendment.changes?.minimumFirstSubscription ?? null,
      changesInvestorRestriction: amendment.changes?.investorRestriction !== undefined,
      newInvestorRestriction: amendment.changes?.investorRestriction ?? null,
    };
    add({ kind: 'scheme-amendment', facts: { amendment: facts }, identity: { kind: 'scheme-amendment', fundId: fund.id, amendmentId: amendment.id, pointer: `${base}.amendments[${index}]` } });
  });

  fund.fundManagers.forEach((manager, index) => {
    const facts: FundManagerFacts = {
      name: manager.name,
      approvalValidFrom: manager.approvalValidFrom,
      approvalValidTo: manager.approvalValidTo ?? null,
      validOnAsOf: manager.approvalValidFrom <= asOf && (manager.approvalValidTo === undefined || asOf <= manager.approvalValidTo),
    };
    add({ kind: 'fund-manager', facts: { manager: facts }, identity: { kind: 'fund-manager', fundId: fund.id, fundManager: manager.name, pointer: `${base}.fundManagers[${index}]` } });
  });

  fund.obligations.forEach((obligation, index) => {
    if (obligation.date > asOf) return;
    const facts: ObligationFacts = {
      id: obligation.id,
      date: obligation.date,
      relatedInvestment: obligation.relatedInvestment ?? null,
      tiedToPermittedInvestment: obligation.tiedToPermittedInvestment,
    };
    add({ kind: 'obligation', facts: { obligation: facts }, identity: { kind: 'obligation', fundId: fund.id, obligationId: obligation.id, pointer: `${base}.obligations[${index}]` } });
  });

  return subjects;
}

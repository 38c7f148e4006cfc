/**
 * Builders for scenario tests: a valid minimal mutual fund with overrides,
 * investors, subscriptions and accounting periods, and assertions on a report
 * that every scenario shares. Only the public API is used.
 */
import { expect } from 'vitest';
import {
  evaluate,
  tn89Pack,
  type Finding,
  type FundInput,
  type FundTypeCode,
  type InvestorCategory,
  type InvestorInput,
  type InvestorRestriction,
  type Report,
  type Severity,
} from '../../src/index.js';

/** The as-of date scenarios use unless they are about the date itself. */
export const AS_OF = '2024-06-30';

type SchemeInput = FundInput['scheme'];
type OfferingInput = FundInput['offering'];
type PeriodInput = NonNullable<FundInput['accountingPeriods']>[number];
type SubscriptionInput = NonNullable<FundInput['unitholders']>[number]['subscriptions'][number];
type UnitholderInput = NonNullable<FundInput['unitholders']>[number];
type OrderInput = NonNullable<FundInput['orders']>[number];
type AmendmentInput = NonNullable<FundInput['amendments']>[number];

export type FundOverrides = Omit<Partial<FundInput>, 'scheme' | 'offering'> & {
  scheme?: Partial<SchemeInput>;
  offering?: Partial<OfferingInput>;
};

/** A valid retail (type R) mutual fund offered in Thailand, with no periods, holders, orders or amendments. */
export function mutualFund(overrides: FundOverrides = {}): FundInput {
  const { scheme, offering, ...rest } = overrides;
  return {
    id: 'M0001_2560',
    names: { th: 'กองทุนเปิดทดสอบ', en: 'Test Open-End Fund' },
    kind: 'mutual',
    declaredType: 'R',
    managementCompany: { id: 'C0000000021' },
    approvalDate: '2017-03-01',
    registrationDate: '2017-04-03',
    offering: { inThailand: true, abroad: false, ...offering },
    scheme: { investorRestriction: 'general', ...scheme },
    ...rest,
  };
}

/** The high-net-worth (type B) fund several engine tests evaluate: M0042_2561, approved 2018, with no holders unless given. */
export function typeBFund(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'M0042_2561',
    names: { th: 'กองทุนเปิดผู้มีเงินลงทุนสูง', en: 'High Net Worth Open Fund' },
    kind: 'mutual',
    declaredType: 'B',
    managementCompany: { id: 'C0000000021' },
    approvalDate: '2018-05-01',
    registrationDate: '2018-06-01',
    offering: { inThailand: true, abroad: false },
    scheme: { investorRestriction: 'high-net-worth' },
    ...overrides,
  };
}

/** The type B fund the register tests read rows for (id HNW-B, scheme minimum 500,000 THB). */
export const REGISTER_FUND: FundInput = {
  id: 'HNW-B',
  names: { th: 'กองทุนผู้มีเงินลงทุนสูง', en: 'High Net Worth Fund' },
  kind: 'mutual',
  declaredType: 'B',
  managementCompany: { id: 'C1' },
  approvalDate: '2017-03-01',
  offering: { inThailand: true, abroad: false },
  scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '500000' },
};

/** The scheme restriction that matches each SEC type code (cl. 1). */
export const RESTRICTION_OF: Readonly<Record<FundTypeCode, InvestorRestriction>> = {
  R: 'general',
  A: 'non-retail',
  B: 'high-net-worth',
  H: 'non-retail-or-high-net-worth',
  N: 'institutional',
  X: 'institutional-or-ultra-high-net-worth',
  V: 'provident-funds',
  F: 'liquidity-support',
  G: 'state-policy',
};

/**
 * A correctly classified fund of the given type: the matching scheme
 * restriction, a 500,000 THB scheme minimum for B and H, and for N an
 * approval before the notice came into force.
 */
export function fundOfType(type: FundTypeCode, overrides: FundOverrides = {}): FundInput {
  const { scheme, ...rest } = overrides;
  return mutualFund({
    declaredType: type,
    ...(type === 'N' ? { approvalDate: '2014-06-10', registrationDate: '2014-07-01' } : {}),
    scheme: {
      investorRestriction: RESTRICTION_OF[type],
      ...(type === 'B' || type === 'H' ? { minimumFirstSubscription: '500000.00' } : {}),
      ...scheme,
    },
    ...rest,
  });
}

export function investor(id: string, category: InvestorCategory, overrides: Partial<InvestorInput> = {}): InvestorInput {
  return { id, type: category === 'institutional' ? 'juristic' : 'individual', category, domicile: 'TH', ...overrides };
}

export function subscription(date: string, amount: string | number, overrides: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return { date, amount, ...overrides };
}

export function holder(investorId: string, ...subscriptions: SubscriptionInput[]): UnitholderInput {
  return { investorId, subscriptions };
}

/** An accounting period under the association's guideline, audited by an SEC-approved auditor licensed in Thailand. */
export function period(start: string, end: string, overrides: Partial<PeriodInput> = {}): PeriodInput {
  return {
    start,
    end,
    standard: 'association',
    auditor: { name: 'นางสาวพรทิพย์ ศรีสวัสดิ์ (CPA 7352)', secApproved: true, licensedIn: ['TH'] },
    ...overrides,
  };
}

export function unitholdingOrder(id: string, dates: { issuedOn: string; dueBy: string; completedOn?: string }, overrides: Partial<OrderInput> = {}): OrderInput {
  return { id, basis: 'unitholding-limits', ...dates, ...overrides };
}

export function amendment(id: string, date: string, overrides: Partial<AmendmentInput> = {}): AmendmentInput {
  return { id, date, ...overrides };
}

/**
 * Evaluate as of a date and check the report's accounting: every rule of the
 * pack is accounted for exactly once, as passed, found, not applicable or not
 * in force, and the summary agrees with the per-rule outcomes.
 */
export async function run(funds: FundInput | FundInput[], investors: InvestorInput[] = [], asOf: string = AS_OF): Promise<Report> {
  const report = await evaluate({ funds: Array.isArray(funds) ? funds : [funds], investors }, { asOf });
  expectAccounting(report);
  return report;
}

export function expectAccounting(report: Report): void {
  const packRules = tn89Pack().rules.length;
  const { summary } = report;
  expect(packRules).toBeGreaterThan(0);
  expect(summary.rules).toBe(packRules);
  expect(summary.passed + summary.found + summary.notApplicable + summary.notInForce).toBe(summary.rules);
  expect(report.rules).toHaveLength(packRules);
  expect(new Set(report.rules.map((r) => r.ruleId)).size).toBe(packRules);
  const count = (outcome: string) => report.rules.filter((r) => r.outcome === outcome).length;
  expect({ passed: summary.passed, found: summary.found, notApplicable: summary.notApplicable, notInForce: summary.notInForce }).toEqual({
    passed: count('passed'),
    found: count('found'),
    notApplicable: count('not-applicable'),
    notInForce: count('not-in-force'),
  });
  expect(summary.findings).toBe(report.findings.length);
  // A rule is "found" exactly when it produced a finding.
  const ruleIdsWithFindings = new Set(report.findings.map((f) => f.ruleId));
  expect(report.rules.filter((r) => r.outcome === 'found').map((r) => r.ruleId).sort()).toEqual([...ruleIdsWithFindings].sort());
}

export function findingsOf(report: Report, ruleId: string): Finding[] {
  return report.findings.filter((f) => f.ruleId === ruleId);
}

export function ruleIdsFound(report: Report): string[] {
  return [...new Set(report.findings.map((f) => f.ruleId))].sort();
}

export interface ExpectedFinding {
  ruleId: string;
  severity: Severity;
  /** The subject: the finding must be for this fund (and investor, order, amendment, period when given). */
  fundId?: string;
  investorId?: string;
  orderId?: string;
  amendmentId?: string;
  period?: { start: string; end: string };
  /** Exactly the structured citation: absent parts must be absent. */
  citation: { clause: number; paragraph?: number; item?: number; term?: string };
  /** Evidence values by name; at least one. */
  evidence: Record<string, unknown>;
}

/** Assert there is exactly one finding of the rule for the subject, and that it cites and evidences what the law says. */
export function expectFinding(report: Report, expected: ExpectedFinding): Finding {
  const matches = findingsOf(report, expected.ruleId).filter(
    (f) =>
      (expected.fundId === undefined || f.subject.fundId === expected.fundId) &&
      (expected.investorId === undefined || f.subject.investorId === expected.investorId) &&
      (expected.orderId === undefined || f.subject.orderId === expected.orderId) &&
      (expected.amendmentId === undefined || f.subject.amendmentId === expected.amendmentId) &&
      (expected.period === undefined || (f.subject.period?.start === expected.period.start && f.subject.period?.end === expected.period.end)),
  );
  expect(matches, `one ${expected.ruleId} finding for the subject; findings: ${report.findings.map((f) => f.ruleId).join(', ') || '(none)'}`).toHaveLength(1);
  const finding = matches[0]!;
  expect(finding.severity).toBe(expected.severity);
  expect(finding.status).toBe('violation');
  const { clause, paragraph, item, term } = finding.citation;
  expect({ clause, paragraph, item, term }).toEqual(expected.citation);
  const names = Object.keys(expected.evidence);
  expect(names.length, 'a scenario checks at least one evidence value').toBeGreaterThan(0);
  for (const name of names) {
    const item = finding.evidence.find((e) => e.name === name);
    expect(item, `evidence ${name}`).toBeDefined();
    expect(item!.value, `evidence ${name}`).toEqual(expected.evidence[name]);
  }
  expect(finding.message.th).not.toMatch(/\{[A-Za-z]+\}/);
  expect(finding.message.en).not.toMatch(/\{[A-Za-z]+\}/);
  if (expected.severity === 'revocation-ground') {
    expect(finding.consequence, 'a cl. 11 finding carries its consequence').toBeDefined();
    expect(finding.consequence!.citation.clause).toBe(11);
    expect(finding.consequence!.citation.paragraph).toBe(2);
    expect(finding.consequence!.citation.item).toBeUndefined();
  }
  return finding;
}

export function expectNoFinding(report: Report, ruleId: string): void {
  expect(findingsOf(report, ruleId), `no ${ruleId} finding`).toEqual([]);
}

/** The outcome of one rule in the report (passed / found / not-applicable / not-in-force). */
export function outcomeOf(report: Report, ruleId: string): string | undefined {
  return report.rules.find((r) => r.ruleId === ruleId)?.outcome;
}

// --- Builders for cl. 3, 4, 7, 10 and 12 scenarios and for investor profiles (added, nothing above changed) ---

type FundManagerInput = NonNullable<FundInput['fundManagers']>[number];
type DisclosureInput = NonNullable<FundInput['disclosures']>[number];
type WaiverInput = NonNullable<FundInput['waivers']>[number];
type ObligationInput = NonNullable<FundInput['obligations']>[number];
type RecordedGroundInput = NonNullable<FundInput['recordedGrounds']>[number];
type ProfileInput = NonNullable<InvestorInput['profile']>;

/** A fund manager whose approval runs from `validFrom` to `validTo` (open-ended when omitted). */
export function fundManager(name: string, validFrom: string, validTo?: string, overrides: Partial<FundManagerInput> = {}): FundManagerInput {
  return { name, approvalValidFrom: validFrom, ...(validTo !== undefined ? { approvalValidTo: validTo } : {}), ...overrides };
}

export function disclosure(kind: DisclosureInput['kind'], date: string, overrides: Partial<DisclosureInput> = {}): DisclosureInput {
  return { kind, date, ...overrides };
}

/**
 * A cl. 10 waiver covering `ruleIds`, by default one that does not affect
 * investors in Thailand and has the host-country showing on record.
 */
export function waiver(reference: string, grantedOn: string, ruleIds: string[], overrides: Partial<WaiverInput> = {}): WaiverInput {
  return {
    reference,
    grantedOn,
    ruleIds,
    affectsThaiInvestors: false,
    hostCountryShowing: 'Legal opinion that the waiver does not conflict with the host country\'s investor-protection rules',
    ...overrides,
  };
}

export function obligation(id: string, date: string, tiedToPermittedInvestment: boolean, overrides: Partial<ObligationInput> = {}): ObligationInput {
  return { id, date, tiedToPermittedInvestment, ...overrides };
}

export function recordedGround(item: number, recordedOn: string, description: string, overrides: Partial<RecordedGroundInput> = {}): RecordedGroundInput {
  return { item, recordedOn, description, ...overrides };
}

/** A valid private fund (no declared SEC type) managed in Thailand. */
export function privateFund(overrides: FundOverrides = {}): FundInput {
  const { scheme, offering, ...rest } = overrides;
  return {
    id: 'PF-2563-0042',
    names: { th: 'กองทุนส่วนบุคคลทดสอบ', en: 'Test Private Fund' },
    kind: 'private',
    managementCompany: { id: 'C0000000021' },
    approvalDate: '2020-02-03',
    registrationDate: '2020-02-17',
    offering: { inThailand: true, abroad: false, ...offering },
    scheme: { investorRestriction: 'general', ...scheme },
    ...rest,
  };
}

/** An investor with no category, to be classified from the profile of their KYC review. */
export function profiledInvestor(id: string, type: InvestorInput['type'], profile: ProfileInput, overrides: Partial<InvestorInput> = {}): InvestorInput {
  return { id, type, profile, domicile: 'TH', ...overrides };
}

/**
 * TorNor. 89/2558 cl. 1 defines a non-retail mutual fund ("กองทุนรวมเพื่อผู้ลงทุนที่มิใช่รายย่อย")
 * as one whose units are offered to, and held only by, "ผู้ลงทุนที่มิใช่รายย่อยหรือผู้มีเงินลงทุนสูง";
 * a high-net-worth investor ("ผู้มีเงินลงทุนสูง") is a person whose FIRST subscription in
 * the fund is 500,000 baht or more ("ในครั้งแรกตั้งแต่ 500,000 บาทขึ้นไป", inclusive).
 * Cl. 1 only defines: a holder outside the scheme's investor class is a ground
 * for an Office order under cl. 12 para 1 (5) (operations inconsistent with the
 * approved scheme), with the cl. 1 definitions as its basis — one finding per holder.
 */
import { describe, expect, it } from 'vitest';
import type { InvestorCategory, Report } from '../../src/index.js';
import { expectFinding, expectNoFinding, findingsOf, fundOfType, holder, investor, outcomeOf, run, subscription } from '../helpers/build.js';

const OUTSIDE_CLASS = 'tn89.cl12.holder-outside-non-retail-fund-class';
const OUTSIDE_SCHEME = 'tn89.cl12.holder-outside-scheme-restriction';
const X_RULE = 'tn89.cl12.x-fund-holder-not-institutional-or-uhnw';
const BELOW_MINIMUM = 'tn89.cl12.first-subscription-below-scheme-minimum';
const BEFORE_NOTICE = 'tn89.cl16.first-subscription-before-commencement';
const ORDER_UNKNOWN = 'tn89.cl1.first-subscription-order-unknown';
const SCHEME_BELOW = 'tn89.cl1.hnw-scheme-minimum-below-threshold';
const SCHEME_NOT_STATED = 'tn89.cl1.hnw-scheme-minimum-not-stated';
const ORDER_GROUND = { clause: 12, paragraph: 1, item: 5 };

const somchai = investor('TH-IND-000145', 'retail', { name: 'นายสมชาย ใจดี' });
const insurer = investor('TH-JUR-001207', 'institutional', { name: 'บริษัท ไทยมั่นคงประกันชีวิต จำกัด (มหาชน)' });

/** The cl. 1 terms a finding relies on, in its basis. */
function basisTerms(report: Report, ruleId: string): (string | undefined)[] {
  return findingsOf(report, ruleId)[0]!.basis!.map((c) => c.term);
}

/** A high-net-worth-only (type B) fund held by one investor with the given subscriptions. */
function hnwFundHeldBy(who: { id: string }, ...subscriptions: ReturnType<typeof subscription>[]) {
  return fundOfType('B', { id: 'M0377_2562', unitholders: [holder(who.id, ...subscriptions)] });
}

describe('cl. 1 "ผู้มีเงินลงทุนสูง" in a type B fund: the first subscription decides, inclusive at 500,000 THB', () => {
  it('an investor whose first subscription was 499,999.99 THB holds units outside the scheme\'s class: one order ground under cl. 12 para 1 (5), cl. 1 as its basis', async () => {
    const report = await run(hnwFundHeldBy(somchai, subscription('2023-03-10', '499999.99')), [somchai]);
    const finding = expectFinding(report, {
      ruleId: OUTSIDE_CLASS,
      severity: 'order-ground',
      fundId: 'M0377_2562',
      investorId: somchai.id,
      citation: ORDER_GROUND,
      evidence: { firstSubscriptionAmount: '499999.99', firstSubscriptionDate: '2023-03-10', threshold: '500000', investorRestriction: 'high-net-worth' },
    });
    expect(finding.citation.text.th).toBe('ทน. 89/2558 ข้อ 12 วรรคหนึ่ง (5)');
    expect(basisTerms(report, OUTSIDE_CLASS)).toEqual(['กองทุนรวมเพื่อผู้ลงทุนที่มิใช่รายย่อย', 'ผู้ลงทุนที่มิใช่รายย่อย', 'ผู้มีเงินลงทุนสูง']);
    expect(finding.basis![2]!.text.th).toBe('ทน. 89/2558 ข้อ 1 บทนิยามคำว่า “ผู้มีเงินลงทุนสูง”');
    expect(finding.basis![2]!.clauseText).toContain('500,000 บาทขึ้นไป');
    expect(finding.consequence!.citation.text.en).toBe('TorNor. 89/2558 cl. 12 para 2');
    // The scheme's class in the notice's own term, not the SEC category "ผู้ลงทุนรายใหญ่".
    expect(finding.message.th).toContain('ผู้มีเงินลงทุนสูง');
    expect(finding.message.th).not.toContain('ผู้ลงทุนรายใหญ่');
    expect(finding.message.en).toContain('THB 499,999.99');
    // One finding per breach: the same subscription below the scheme minimum is not reported again.
    expect(report.findings.map((f) => f.ruleId)).toEqual([OUTSIDE_CLASS]);
    expectNoFinding(report, BELOW_MINIMUM);
  });

  it.each([
    ['the string "500000"', '500000'],
    ['the string "500000.00"', '500000.00'],
    ['the integer 500000', 500000],
  ])('an investor whose first subscription was exactly 500,000 THB, written as %s, is a high-net-worth investor', async (_label, amount) => {
    const report = await run(hnwFundHeldBy(somchai, subscription('2023-03-10', amount)), [somchai]);
    expect(outcomeOf(report, OUTSIDE_CLASS)).toBe('passed');
    expect(report.findings).toEqual([]);
  });

  it('a later top-up that brings the total above 500,000 THB does not make the investor a high-net-worth investor', async () => {
    const report = await run(hnwFundHeldBy(somchai, subscription('2022-03-10', '300000.00'), subscription('2022-09-01', '300000.00')), [somchai]);
    expectFinding(report, { ruleId: OUTSIDE_CLASS, severity: 'order-ground', investorId: somchai.id, citation: ORDER_GROUND, evidence: { firstSubscriptionAmount: '300000', totalSubscribed: '600000' } });
  });

  it('the earliest subscription by date is the first one, even when it is listed after a larger one', async () => {
    const report = await run(hnwFundHeldBy(somchai, subscription('2023-06-01', '800000.00'), subscription('2023-01-16', '200000.00')), [somchai]);
    expectFinding(report, { ruleId: OUTSIDE_CLASS, severity: 'order-ground', investorId: somchai.id, citation: ORDER_GROUND, evidence: { firstSubscriptionAmount: '200000', firstSubscriptionDate: '2023-01-16' } });
  });

  it('an institutional investor whose first subscription met the threshold may hold units of a type B fund', async () => {
    const report = await run(hnwFundHeldBy(insurer, subscription('2023-03-10', '2000000')), [insurer]);
    expect(report.findings).toEqual([]);
  });

  it('an institutional investor whose first subscription was below the threshold is admitted by cl. 1 to a non-retail fund, but not by a type B scheme: one order ground, not "outside cl. 1"', async () => {
    const report = await run(hnwFundHeldBy(insurer, subscription('2023-03-10', '100000')), [insurer]);
    expectFinding(report, { ruleId: OUTSIDE_SCHEME, severity: 'order-ground', investorId: insurer.id, citation: ORDER_GROUND, evidence: { category: 'institutional', firstSubscriptionAmount: '100000' } });
    expectNoFinding(report, OUTSIDE_CLASS);
    expect(report.findings.map((f) => f.ruleId)).toEqual([OUTSIDE_SCHEME]);
  });
});

describe('cl. 1 in a type A fund (non-retail investors only)', () => {
  it('a retail investor whose first subscription was below the threshold is outside cl. 1\'s class: an order ground', async () => {
    const fund = fundOfType('A', { unitholders: [holder(somchai.id, subscription('2023-03-10', '100000'))] });
    const report = await run(fund, [somchai]);
    expectFinding(report, { ruleId: OUTSIDE_CLASS, severity: 'order-ground', investorId: somchai.id, citation: ORDER_GROUND, evidence: { category: 'retail' } });
    expect(report.findings).toHaveLength(1);
  });

  it('a retail investor whose first subscription was 800,000 THB is a high-net-worth investor under cl. 1, but outside a type A scheme: not a cl. 1 breach, an order ground under cl. 12 para 1 (5)', async () => {
    const fund = fundOfType('A', { unitholders: [holder(somchai.id, subscription('2023-03-10', '800000'))] });
    const report = await run(fund, [somchai]);
    const finding = expectFinding(report, { ruleId: OUTSIDE_SCHEME, severity: 'order-ground', investorId: somchai.id, citation: ORDER_GROUND, evidence: { category: 'retail', firstSubscriptionAmount: '800000' } });
    expect(report.findings.filter((f) => f.citation.clause === 1)).toEqual([]);
    expect(finding.message.th).toContain('ผู้ลงทุนที่มิใช่รายย่อย');
  });

  it.each<InvestorCategory>(['institutional', 'ultra-high-net-worth', 'high-net-worth'])('a %s investor may hold units of a type A fund whatever the first subscription', async (category) => {
    const who = investor('TH-X-1', category);
    const report = await run(fundOfType('A', { unitholders: [holder(who.id, subscription('2023-03-10', '1000'))] }), [who]);
    expect(report.findings).toEqual([]);
  });
});

describe('cl. 1 in a type H fund: non-retail OR high-net-worth investors', () => {
  it('a retail investor whose first subscription was 499,999.99 THB is neither: an order ground', async () => {
    const fund = fundOfType('H', { unitholders: [holder(somchai.id, subscription('2023-03-10', '499999.99'))] });
    const report = await run(fund, [somchai]);
    expectFinding(report, { ruleId: OUTSIDE_CLASS, severity: 'order-ground', investorId: somchai.id, citation: ORDER_GROUND, evidence: { firstSubscriptionAmount: '499999.99' } });
    expect(report.findings).toHaveLength(1);
  });

  it('a non-retail investor may subscribe any amount, so a 300,000 THB scheme minimum is not a breach by itself', async () => {
    const fund = fundOfType('H', { scheme: { minimumFirstSubscription: '300000' }, unitholders: [holder(insurer.id, subscription('2023-03-10', '300000'))] });
    const report = await run(fund, [insurer]);
    expect(outcomeOf(report, SCHEME_BELOW)).toBe('not-applicable');
    expect(report.findings).toEqual([]);
  });
});

describe('cl. 1: a type B scheme minimum below the threshold', () => {
  it('admits first subscriptions that make no one a high-net-worth investor: a finding on the scheme citing the cl. 1 definition', async () => {
    const report = await run(fundOfType('B', { id: 'M0590_2564', scheme: { minimumFirstSubscription: '300000' } }));
    expectFinding(report, { ruleId: SCHEME_BELOW, severity: 'violation', fundId: 'M0590_2564', citation: { clause: 1, term: 'ผู้มีเงินลงทุนสูง' }, evidence: { minimumFirstSubscription: '300000', threshold: '500000' } });
  });

  it('a type B scheme that states no minimum draws a warning', async () => {
    const fund = fundOfType('B');
    delete fund.scheme.minimumFirstSubscription;
    const report = await run(fund);
    expectFinding(report, { ruleId: SCHEME_NOT_STATED, severity: 'warning', citation: { clause: 1, term: 'ผู้มีเงินลงทุนสูง' }, evidence: { threshold: '500000' } });
  });
});

describe('cl. 1 as amended: a type X fund admits institutional and ultra-high-net-worth investors only', () => {
  it('a high-net-worth investor holding units of a type X fund is an order ground under cl. 12 para 1 (5), the amended cl. 1 as basis', async () => {
    const rich = investor('TH-IND-000900', 'high-net-worth');
    const report = await run(fundOfType('X', { unitholders: [holder(rich.id, subscription('2023-03-10', '20000000'))] }), [rich]);
    const finding = expectFinding(report, { ruleId: X_RULE, severity: 'order-ground', investorId: rich.id, citation: ORDER_GROUND, evidence: { category: 'high-net-worth' } });
    expect(finding.basis![0]!.text.en).toContain('cl. 1 as amended (No. 2)');
    expect(report.findings).toHaveLength(1);
  });

  it('the type X rule comes from the amended law: before 20 Feb 2017 it is not in force', async () => {
    const rich = investor('TH-IND-000900', 'high-net-worth');
    const fund = fundOfType('X', { approvalDate: '2016-03-01', registrationDate: '2016-04-01', unitholders: [holder(rich.id, subscription('2016-06-10', '20000000'))] });
    expect(outcomeOf(await run(fund, [rich], '2017-02-19'), X_RULE)).toBe('not-in-force');
    expect(outcomeOf(await run(fund, [rich], '2017-02-20'), X_RULE)).toBe('found');
  });

  it.each<InvestorCategory>(['institutional', 'ultra-high-net-worth'])('an %s investor may hold units of a type X fund', async (category) => {
    const who = investor('TH-X-2', category);
    const report = await run(fundOfType('X', { unitholders: [holder(who.id, subscription('2023-03-10', '1000'))] }), [who]);
    expect(report.findings).toEqual([]);
  });
});

describe('event dates: a first subscription is judged by the law in force on its date', () => {
  it('a first subscription made before 16 Jan 2016 is not judged by the notice: info, never a breach', async () => {
    const fund = hnwFundHeldBy(somchai, subscription('2015-11-02', '100000'), subscription('2017-01-05', '900000'));
    fund.approvalDate = '2015-06-01';
    fund.registrationDate = '2015-07-01';
    const report = await run(fund, [somchai]);
    expectFinding(report, { ruleId: BEFORE_NOTICE, severity: 'info', investorId: somchai.id, citation: { clause: 16 }, evidence: { firstSubscriptionDate: '2015-11-02', commencement: '2016-01-16' } });
    expect(outcomeOf(report, OUTSIDE_CLASS)).toBe('not-applicable');
    expect(report.findings.map((f) => f.severity)).toEqual(['info']);
  });

  it('the threshold shown is the one read on the first subscription date', async () => {
    const report = await run(hnwFundHeldBy(somchai, subscription('2016-01-16', '499999.99')), [somchai]);
    expectFinding(report, { ruleId: OUTSIDE_CLASS, severity: 'order-ground', investorId: somchai.id, citation: ORDER_GROUND, evidence: { firstSubscriptionDate: '2016-01-16', threshold: '500000' } });
  });
});

describe('same-day subscriptions: "ในครั้งแรก" without a time or sequence', () => {
  const a = subscription('2023-03-10', '100000');
  const b = subscription('2023-03-10', '900000');

  it('give the same result in whatever order they are listed, and the ambiguity is a warning', async () => {
    const one = await run(hnwFundHeldBy(somchai, a, b), [somchai]);
    const other = await run(hnwFundHeldBy(somchai, b, a), [somchai]);
    expect(one.findings.map((f) => [f.ruleId, f.evidence])).toEqual(other.findings.map((f) => [f.ruleId, f.evidence]));
    expectFinding(one, { ruleId: ORDER_UNKNOWN, severity: 'warning', investorId: somchai.id, citation: { clause: 1, term: 'ผู้มีเงินลงทุนสูง' }, evidence: { firstSubscriptionAmount: '100000' } });
  });

  it('a time or a sequence decides which came first, and there is no warning', async () => {
    const report = await run(hnwFundHeldBy(somchai, subscription('2023-03-10', '100000', { time: '14:00' }), subscription('2023-03-10', '900000', { time: '09:30' })), [somchai]);
    expect(report.findings).toEqual([]);
    const bySequence = await run(hnwFundHeldBy(somchai, subscription('2023-03-10', '900000', { sequence: 2 }), subscription('2023-03-10', '100000', { sequence: 1 })), [somchai]);
    expect(bySequence.findings.map((f) => f.ruleId)).toEqual([OUTSIDE_CLASS]);
  });
});

describe('the holder rules do not reach a retail fund', () => {
  it('a retail investor with a 1,000 THB first subscription in a retail (type R) fund raises no eligibility finding', async () => {
    const report = await run(fundOfType('R', { scheme: { minimumFirstSubscription: '1000' }, unitholders: [holder(somchai.id, subscription('2023-03-10', '1000'))] }), [somchai]);
    expect(outcomeOf(report, OUTSIDE_CLASS)).toBe('not-applicable');
    expect(report.findings).toEqual([]);
  });
});

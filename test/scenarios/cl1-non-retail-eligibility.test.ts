/**
 * TorNor. 89/2558 cl. 1 — who may hold units of a non-retail mutual fund:
 * non-retail investors (institutional and large investors) and high-net-worth
 * investors, i.e. persons whose FIRST subscription in the fund was 500,000
 * baht or more ("ในครั้งแรกตั้งแต่ 500,000 บาทขึ้นไป", inclusive).
 */
import { describe, expect, it } from 'vitest';
import type { InvestorCategory } from '../../src/index.js';
import { expectFinding, expectNoFinding, findingsOf, fundOfType, holder, investor, outcomeOf, run, subscription } from '../helpers/build.js';

const A_RULE = 'tn89.cl1.a-fund-holder-not-non-retail';
const B_RULE = 'tn89.cl1.b-fund-holder-first-subscription-below-threshold';
const H_RULE = 'tn89.cl1.h-fund-holder-not-eligible';
const X_RULE = 'tn89.cl1.x-fund-holder-not-institutional-or-uhnw';
const SCHEME_BELOW = 'tn89.cl1.hnw-scheme-minimum-below-threshold';
const SCHEME_NOT_STATED = 'tn89.cl1.hnw-scheme-minimum-not-stated';

const HNW_TERM = 'ผู้มีเงินลงทุนสูง';
const NON_RETAIL_FUND_TERM = 'กองทุนรวมเพื่อผู้ลงทุนที่มิใช่รายย่อย';

const somchai = investor('TH-IND-000145', 'retail', { name: 'นายสมชาย ใจดี' });

/** A high-net-worth-only (type B) fund held by one retail individual with the given subscriptions. */
function hnwFundHeldBy(...subscriptions: ReturnType<typeof subscription>[]) {
  return fundOfType('B', { id: 'M0377_2562', unitholders: [holder(somchai.id, ...subscriptions)] });
}

describe('cl. 1 "ผู้มีเงินลงทุนสูง": the first subscription decides, inclusive at 500,000 THB', () => {
  it('an investor whose first subscription was 499,999.99 THB may not hold units of a high-net-worth fund', async () => {
    const report = await run(hnwFundHeldBy(subscription('2023-03-10', '499999.99')), [somchai]);
    const finding = expectFinding(report, {
      ruleId: B_RULE,
      severity: 'violation',
      fundId: 'M0377_2562',
      investorId: somchai.id,
      citation: { clause: 1, term: HNW_TERM },
      evidence: { firstSubscriptionAmount: '499999.99', firstSubscriptionDate: '2023-03-10', threshold: '500000' },
    });
    expect(finding.subject.kind).toBe('unitholder');
    expect(finding.message.en).toContain('THB 499,999.99');
    expect(finding.message.th).toContain('499,999.99 บาท');
    // The same subscription is also below the scheme's own minimum: operations inconsistent with the scheme (cl. 12 para 1 (5)).
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual([B_RULE, 'tn89.cl12.first-subscription-below-scheme-minimum']);
  });

  it.each([
    ['the string "500000"', '500000'],
    ['the string "500000.00"', '500000.00'],
    ['the integer 500000', 500000],
    ['the string "500000.0000000000"', '500000.0000000000'],
  ])('an investor whose first subscription was exactly 500,000 THB, written as %s, is a high-net-worth investor', async (_label, amount) => {
    const report = await run(hnwFundHeldBy(subscription('2023-03-10', amount)), [somchai]);
    expectNoFinding(report, B_RULE);
    expect(outcomeOf(report, B_RULE)).toBe('passed');
    expect(report.findings).toEqual([]);
  });

  it('a first subscription one satang above the threshold (500,000.01 THB) qualifies', async () => {
    const report = await run(hnwFundHeldBy(subscription('2023-03-10', '500000.01')), [somchai]);
    expectNoFinding(report, B_RULE);
  });

  it('a later top-up that brings the total above 500,000 THB does not make the investor a high-net-worth investor', async () => {
    const report = await run(hnwFundHeldBy(subscription('2022-03-10', '300000.00'), subscription('2022-09-01', '300000.00')), [somchai]);
    expectFinding(report, {
      ruleId: B_RULE,
      severity: 'violation',
      investorId: somchai.id,
      citation: { clause: 1, term: HNW_TERM },
      evidence: { firstSubscriptionAmount: '300000', firstSubscriptionDate: '2022-03-10', totalSubscribed: '600000' },
    });
  });

  it('the earliest subscription by date is the first one, even when it is listed after a larger one', async () => {
    const report = await run(hnwFundHeldBy(subscription('2023-06-01', '800000.00'), subscription('2023-01-16', '200000.00')), [somchai]);
    expectFinding(report, {
      ruleId: B_RULE,
      severity: 'violation',
      investorId: somchai.id,
      citation: { clause: 1, term: HNW_TERM },
      evidence: { firstSubscriptionAmount: '200000', firstSubscriptionDate: '2023-01-16', totalSubscribed: '1000000' },
    });
  });

  it('an earliest subscription of 800,000 THB listed after a smaller later one qualifies the investor', async () => {
    const report = await run(hnwFundHeldBy(subscription('2023-06-01', '200000.00'), subscription('2023-01-16', '800000.00')), [somchai]);
    expectNoFinding(report, B_RULE);
  });

  it('a subscription dated after the as-of date is ignored: an investor whose only subscription is later does not hold units yet', async () => {
    const fund = hnwFundHeldBy(subscription('2024-07-01', '100000.00'));
    const before = await run(fund, [somchai], '2024-06-30');
    expectNoFinding(before, B_RULE);
    expect(before.funds[0]!.notYetHolding).toEqual([somchai.id]);
    const after = await run(fund, [somchai], '2024-07-01');
    expectFinding(after, { ruleId: B_RULE, severity: 'violation', citation: { clause: 1, term: HNW_TERM }, evidence: { firstSubscriptionDate: '2024-07-01', firstSubscriptionAmount: '100000' } });
  });

  it('a subscription dated after the as-of date is left out of the total subscribed', async () => {
    const report = await run(hnwFundHeldBy(subscription('2024-01-10', '450000.00'), subscription('2024-07-15', '900000.00')), [somchai]);
    expectFinding(report, { ruleId: B_RULE, severity: 'violation', citation: { clause: 1, term: HNW_TERM }, evidence: { totalSubscribed: '450000', firstSubscriptionAmount: '450000' } });
  });

  it('the rule counts each holder separately: only the holder below the threshold is reported', async () => {
    const other = investor('TH-IND-006377', 'retail');
    const fund = fundOfType('B', {
      unitholders: [holder(somchai.id, subscription('2023-03-10', '499999.99')), holder(other.id, subscription('2023-03-10', '1200000'))],
    });
    const report = await run(fund, [somchai, other]);
    expectFinding(report, { ruleId: B_RULE, severity: 'violation', investorId: somchai.id, citation: { clause: 1, term: HNW_TERM }, evidence: { firstSubscriptionAmount: '499999.99' } });
    expect(findingsOf(report, B_RULE).map((f) => f.subject.investorId)).toEqual([somchai.id]);
  });
});

describe('cl. 1: a high-net-worth scheme declares a minimum first subscription of at least 500,000 THB', () => {
  it('a type B scheme declaring a 499,999.99 THB minimum first subscription admits investors who are not high-net-worth', async () => {
    const report = await run(fundOfType('B', { id: 'M0590_2564', scheme: { minimumFirstSubscription: '499999.99' } }));
    expectFinding(report, {
      ruleId: SCHEME_BELOW,
      severity: 'violation',
      fundId: 'M0590_2564',
      citation: { clause: 1, term: HNW_TERM },
      evidence: { minimumFirstSubscription: '499999.99', threshold: '500000' },
    });
  });

  it('a type H scheme declaring a 100,000 THB minimum first subscription is below the threshold', async () => {
    const report = await run(fundOfType('H', { scheme: { minimumFirstSubscription: 100000 } }));
    expectFinding(report, { ruleId: SCHEME_BELOW, severity: 'violation', citation: { clause: 1, term: HNW_TERM }, evidence: { minimumFirstSubscription: '100000' } });
  });

  it.each(['500000', '500000.00', 500000])('a high-net-worth scheme declaring a minimum of %s THB meets the threshold', async (minimum) => {
    const report = await run(fundOfType('B', { scheme: { minimumFirstSubscription: minimum } }));
    expectNoFinding(report, SCHEME_BELOW);
    expect(outcomeOf(report, SCHEME_BELOW)).toBe('passed');
  });

  it('a high-net-worth scheme that states no minimum first subscription draws a warning', async () => {
    const fund = fundOfType('H', { id: 'M0601_2564' });
    delete fund.scheme.minimumFirstSubscription;
    const report = await run(fund);
    expectFinding(report, { ruleId: SCHEME_NOT_STATED, severity: 'warning', fundId: 'M0601_2564', citation: { clause: 1, term: HNW_TERM }, evidence: { threshold: '500000' } });
    expect(outcomeOf(report, SCHEME_BELOW)).toBe('not-applicable');
  });

  it('a retail scheme with a low minimum is not a high-net-worth scheme', async () => {
    const report = await run(fundOfType('R', { scheme: { minimumFirstSubscription: '1000' } }));
    expect(outcomeOf(report, SCHEME_BELOW)).toBe('not-applicable');
    expect(outcomeOf(report, SCHEME_NOT_STATED)).toBe('not-applicable');
  });
});

describe('cl. 1 "กองทุนรวมเพื่อผู้ลงทุนที่มิใช่รายย่อย": a type A fund is held only by non-retail investors', () => {
  it('a retail investor may not hold units of a fund for non-retail investors (type A)', async () => {
    const report = await run(fundOfType('A', { id: 'M0266_2561', unitholders: [holder(somchai.id, subscription('2023-09-18', '3000000'))] }), [somchai]);
    expectFinding(report, {
      ruleId: A_RULE,
      severity: 'violation',
      fundId: 'M0266_2561',
      investorId: somchai.id,
      citation: { clause: 1, term: NON_RETAIL_FUND_TERM },
      evidence: { category: 'retail' },
    });
  });

  it.each<InvestorCategory>(['institutional', 'ultra-high-net-worth', 'high-net-worth'])('a %s investor may hold units of a type A fund', async (category) => {
    const holderInvestor = investor('TH-INV-1', category, { assessedOn: '2022-01-05' });
    const report = await run(fundOfType('A', { unitholders: [holder('TH-INV-1', subscription('2023-01-10', '100000'))] }), [holderInvestor]);
    expectNoFinding(report, A_RULE);
    expect(outcomeOf(report, A_RULE)).toBe('passed');
  });
});

describe('cl. 1: a type H fund admits non-retail investors and high-net-worth investors', () => {
  const hFund = (category: InvestorCategory, amount: string) =>
    [fundOfType('H', { id: 'M0412_2563', unitholders: [holder('TH-INV-1', subscription('2022-02-21', amount))] }), [investor('TH-INV-1', category)]] as const;

  it('a retail investor whose first subscription was 499,999.99 THB is neither, and may not hold units of a type H fund', async () => {
    const [fund, investors] = hFund('retail', '499999.99');
    const report = await run(fund, [...investors]);
    expectFinding(report, {
      ruleId: H_RULE,
      severity: 'violation',
      investorId: 'TH-INV-1',
      citation: { clause: 1, term: NON_RETAIL_FUND_TERM },
      evidence: { category: 'retail', firstSubscriptionAmount: '499999.99', threshold: '500000' },
    });
  });

  it('a retail investor whose first subscription was 500,000 THB is a high-net-worth investor and may hold units of a type H fund', async () => {
    const [fund, investors] = hFund('retail', '500000');
    const report = await run(fund, [...investors]);
    expectNoFinding(report, H_RULE);
    expect(outcomeOf(report, H_RULE)).toBe('passed');
  });

  it('a non-retail (large) investor may hold units of a type H fund whatever the first subscription', async () => {
    const [fund, investors] = hFund('high-net-worth', '100000');
    const report = await run(fund, [...investors]);
    expectNoFinding(report, H_RULE);
  });
});

describe('cl. 1: a type X fund admits institutional and ultra-high-net-worth investors only', () => {
  it.each<InvestorCategory>(['high-net-worth', 'retail'])('a %s investor may not hold units of a type X fund', async (category) => {
    const report = await run(fundOfType('X', { id: 'M0520_2563', unitholders: [holder('TH-INV-1', subscription('2021-11-22', '10000000'))] }), [investor('TH-INV-1', category)]);
    expectFinding(report, {
      ruleId: X_RULE,
      severity: 'violation',
      investorId: 'TH-INV-1',
      citation: { clause: 1, term: NON_RETAIL_FUND_TERM },
      evidence: { category },
    });
  });

  it.each<InvestorCategory>(['institutional', 'ultra-high-net-worth'])('an %s investor may hold units of a type X fund', async (category) => {
    const report = await run(fundOfType('X', { unitholders: [holder('TH-INV-1', subscription('2021-11-22', '10000000'))] }), [investor('TH-INV-1', category)]);
    expectNoFinding(report, X_RULE);
    expect(outcomeOf(report, X_RULE)).toBe('passed');
  });
});

describe('cl. 1: the non-retail holder rules do not reach a retail fund', () => {
  it('a retail investor with a 1,000 THB first subscription in a retail (type R) fund raises no eligibility finding', async () => {
    const report = await run(fundOfType('R', { unitholders: [holder(somchai.id, subscription('2023-01-10', '1000'))] }), [somchai]);
    for (const rule of [A_RULE, B_RULE, H_RULE, X_RULE]) expect(outcomeOf(report, rule)).toBe('not-applicable');
    expect(report.findings).toEqual([]);
  });
});

/**
 * TorNor. 89/2558 cl. 1, funds for non-retail investors, before the order is
 * accepted: a retail investor's order into a fund for non-retail investors
 * only (type A) is refused. Whether an investor is non-retail is judged with
 * the SEC investor-definition thresholds in force on the date their KYC
 * profile was reviewed (KorJor. 4/2560 before 1 Oct 2022: high-net-worth net
 * assets 50,000,000 THB; KorJor. 39/2564 from then: 30,000,000 THB), not on
 * the order date; the evidence names the date and the threshold.
 */
import { describe, expect, it } from 'vitest';
import { checkOrder, prepareFund } from '../../src/index.js';
import { fundOfType, holder, investor, profiledInvestor, subscription } from '../helpers/build.js';

const X_RULE = 'tn89.cl12.x-fund-holder-not-institutional-or-uhnw';
// A retail investor whose first subscription meets the cl. 1 high-net-worth amount is admitted by cl. 1 but outside a type A scheme's non-retail-only class.
const OUTSIDE = 'tn89.cl12.holder-outside-scheme-restriction';
const AS_OF = '2024-06-30';

const aFund = prepareFund(fundOfType('A', { id: 'M0266_2561', unitholders: [holder('TH-JUR-001207', subscription('2018-04-03', '30000000.00'))] }), [investor('TH-JUR-001207', 'institutional')], { asOf: AS_OF });

describe('cl. 1: a retail investor\'s order into a fund for non-retail investors is refused', () => {
  it('a retail investor subscribing 5,000,000 THB to a type A fund is blocked (cl. 12 para 1 (5) outside the scheme\'s investors, on the cl. 1 definitions)', () => {
    const check = checkOrder(aFund, investor('TH-IND-008230', 'retail', { assessedOn: '2024-01-10' }), { kind: 'subscription', amount: '5000000' });
    expect(check.decision).toBe('blocked');
    // One finding per breach.
    expect(check.active.map((f) => f.finding.ruleId)).toEqual([OUTSIDE]);
    const finding = check.active[0]!.finding;
    expect(finding.severity).toBe('order-ground');
    expect(finding.citation.text).toEqual({ th: 'ทน. 89/2558 ข้อ 12 วรรคหนึ่ง (5)', en: 'TorNor. 89/2558 cl. 12 para 1 (5)' });
    expect(finding.basis?.map((b) => b.text.en)).toEqual(['TorNor. 89/2558 cl. 1 definition of "non-retail mutual fund"', 'TorNor. 89/2558 cl. 1 definition of "non-retail investor"', 'TorNor. 89/2558 cl. 1 definition of "high-net-worth investor"']);
    expect(Object.fromEntries(finding.evidence.map((e) => [e.name, e.value]))).toMatchObject({ category: 'retail', categoryBasis: { source: 'given', category: 'retail', assessedOn: '2024-01-10' }, firstSubscriptionAmount: '5000000', threshold: '500000', investorRestriction: 'non-retail' });
    // The amount does not matter for a type A fund: the category does.
    expect(checkOrder(aFund, investor('TH-IND-008230', 'retail'), { kind: 'subscription', amount: '90000000' }).decision).toBe('blocked');
  });

  it('a high-net-worth investor\'s order into the same fund is allowed', () => {
    expect(checkOrder(aFund, investor('TH-IND-010021', 'high-net-worth'), { kind: 'subscription', amount: '1000000' }).decision).toBe('allowed');
  });
});

describe('qualification is judged with the thresholds in force on the profile\'s review date', () => {
  it('35,000,000 THB net assets reviewed on 30 Sep 2022 is below the then 50,000,000 THB threshold: retail, blocked from a type A fund in 2024', () => {
    const kanya = profiledInvestor('TH-IND-010021', 'individual', { assessedOn: '2022-09-30', netAssets: '35000000.00' });
    const check = checkOrder(aFund, kanya, { kind: 'subscription', amount: '1000000' });
    expect(check.decision).toBe('blocked');
    const outside = check.active.find((f) => f.finding.ruleId === OUTSIDE)!.finding;
    expect(outside.evidence.find((e) => e.name === 'categoryBasis')!.value).toMatchObject({ source: 'derived', category: 'retail', assessedOn: '2022-09-30', review: 'profile', tried: ['institutional', 'ultra-high-net-worth', 'high-net-worth'] });
    expect(outside.fields).toContain('investors[1].profile');
    expect(check.parties[0]!.explanation.en).toContain('TH-IND-010021 is a retail investor by the KYC profile reviewed on 30 Sep 2022: it meets no threshold in force on the review date');
  });

  it('the same net assets reviewed on 1 Oct 2022 meet the new 30,000,000 THB threshold: high-net-worth, allowed; the party names the date, the threshold and the notice', () => {
    const kanya = profiledInvestor('TH-IND-010021', 'individual', { assessedOn: '2022-10-01', netAssets: '35000000.00' });
    const check = checkOrder(aFund, kanya, { kind: 'subscription', amount: '1000000' });
    expect(check.decision).toBe('allowed');
    const [party] = check.parties;
    expect(party!.category).toMatchObject({
      source: 'derived',
      category: 'high-net-worth',
      assessedOn: '2022-10-01',
      test: { field: 'netAssets', value: '35000000', operator: 'atLeast', parameter: 'hnw-individual-net-assets', threshold: '30000000', notice: { th: 'กจ. 39/2564', en: 'KorJor. 39/2564' } },
    });
    expect(party!.explanation.en).toContain('reviewed on 1 Oct 2022: Net assets of a high-net-worth individual THB 35,000,000.00 ≥ THB 30,000,000.00 (KorJor. 39/2564');
    expect(party!.explanation.th).toContain('1 ต.ค. 2565');
  });

  it('a review after the as-of date is not relied on: the order is refused as bad input naming the field', () => {
    const later = profiledInvestor('TH-IND-010021', 'individual', { assessedOn: '2024-07-01', netAssets: '90000000' });
    expect(() => checkOrder(aFund, later, { kind: 'subscription', amount: '1000000' })).toThrow(/investor\.profile\.assessedOn: the profile was reviewed on 2024-07-01, after the as-of date 2024-06-30/);
  });

  it('a merely high-net-worth investor may not buy into a fund for institutional and ultra-high-net-worth investors (type X)', () => {
    const xFund = prepareFund(fundOfType('X', { id: 'M0520_2563' }), [], { asOf: AS_OF });
    const hnw = profiledInvestor('TH-IND-010021', 'individual', { assessedOn: '2022-10-01', netAssets: '35000000.00' });
    expect(checkOrder(xFund, hnw, { kind: 'subscription', amount: '10000000' }).active.map((f) => f.finding.ruleId)).toContain(X_RULE);
    const uhnw = profiledInvestor('TH-IND-010022', 'individual', { assessedOn: '2022-10-01', netAssets: '60000000.00' });
    expect(checkOrder(xFund, uhnw, { kind: 'subscription', amount: '10000000' }).decision).toBe('allowed');
  });
});

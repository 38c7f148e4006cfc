/**
 * Eligibility at entry (#13). TorNor. 89/2558 cl. 1 defines a fund for
 * non-retail investors as one "ที่ประสงค์จะเสนอขายและจำกัดการถือหน่วยลงทุนไว้
 * เฉพาะต่อผู้ลงทุนที่มิใช่รายย่อยหรือผู้มีเงินลงทุนสูง": who may subscribe is
 * decided when they subscribe. A holder who was outside the class then is a
 * ground for an Office order under cl. 12 para 1 (5) (the fund was operated
 * inconsistently with its approved scheme), judged on the category from the
 * KYC review in force on the first subscription's date — a later review
 * neither cures nor creates it. Cl. 11 para 1 (3) is a state ("หากปรากฏ
 * ข้อเท็จจริงว่ามีผู้ถือหน่วยลงทุน ... เป็นบุคคลอื่นใดที่มิใช่ผู้ลงทุนประเภท
 * สถาบัน"): judged on the category as of the as-of date. With no review in
 * force on the first subscription's date, eligibility at entry is unknown:
 * a warning, never a pass and never a breach.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { evaluateRegister, type InvestorInput, type RegisterFinding } from '../../src/index.js';
import { AS_OF, expectFinding, expectNoFinding, fundOfType, holder, investor, profiledInvestor, run, subscription } from '../helpers/build.js';

const A_OR_B_OUTSIDE_SCHEME = 'tn89.cl12.holder-outside-scheme-restriction';
const OUTSIDE_NON_RETAIL_CLASS = 'tn89.cl12.holder-outside-non-retail-fund-class';
const X_HOLDER = 'tn89.cl12.x-fund-holder-not-institutional-or-uhnw';
const BELOW_SCHEME_MINIMUM = 'tn89.cl12.first-subscription-below-scheme-minimum';
const N_HOLDER = 'tn89.cl11.institutional-fund-non-institutional-holder';
const UNKNOWN_AT_ENTRY = 'tn89.cl12.holder-category-at-entry-unknown';
const B_BELOW_THRESHOLD_UNKNOWN = 'tn89.cl12.b-fund-holder-below-threshold-category-unknown';
const CL12_1_5 = { clause: 12, paragraph: 1, item: 5 };
const KORJOR_39_2564 = { th: 'กจ. 39/2564', en: 'KorJor. 39/2564' };

/** An individual reviewed twice under KorJor. 39/2564 (high-net-worth from 30,000,000 THB of net assets). */
function reviewedTwice(id: string, first: { on: string; netAssets: string }, second: { on: string; netAssets: string }): InvestorInput {
  return {
    id,
    type: 'individual',
    domicile: 'TH',
    reviews: [
      { assessedOn: first.on, netAssets: first.netAssets },
      { assessedOn: second.on, netAssets: second.netAssets },
    ],
  };
}

/** The findings of a report about one investor, by rule. */
function ruleIdsFor(report: Awaited<ReturnType<typeof run>>, investorId: string): string[] {
  return report.findings.filter((f) => f.subject.investorId === investorId).map((f) => f.ruleId);
}

describe('retail when subscribing, high-net-worth at a later review: the entry decides (cl. 1, cl. 12 para 1 (5))', () => {
  // Retail on the 5 Jan 2023 review (10,000,000 THB), high-net-worth on the 1 Sep 2023 review (35,000,000 THB).
  const somchai = reviewedTwice('TH-IND-040001', { on: '2023-01-05', netAssets: '10000000.00' }, { on: '2023-09-01', netAssets: '35000000.00' });

  it('a 1,000,000 THB first subscription to a type A fund on 1 Feb 2023 is still an order ground in 2024, with the review and era that decided it', async () => {
    const fund = fundOfType('A', { unitholders: [holder(somchai.id, subscription('2023-02-01', '1000000.00'))] });
    const report = await run(fund, [somchai]);
    const finding = expectFinding(report, {
      ruleId: A_OR_B_OUTSIDE_SCHEME,
      severity: 'order-ground',
      investorId: somchai.id,
      citation: CL12_1_5,
      evidence: {
        categoryAtFirstSubscription: 'retail',
        categoryBasisAtFirstSubscription: expect.objectContaining({
          source: 'derived',
          category: 'retail',
          assessedOn: '2023-01-05',
          review: 'reviews[0]',
          era: { notice: KORJOR_39_2564, from: '2022-10-01' },
        }),
        // The as-of category is shown beside it, and does not decide.
        category: 'high-net-worth',
      },
    });
    expect(finding.message.en).toContain('on the first subscription');
    expect(finding.message.en).toContain('the review of 5 Jan 2023');
    expect(ruleIdsFor(report, somchai.id)).toEqual([A_OR_B_OUTSIDE_SCHEME]);
    expect(finding.fields).toContain('investors[0].reviews[0]');
  });

  it('a 300,000 THB first subscription to a type B fund is outside cl. 1\'s class: the later review does not make it eligible', async () => {
    const fund = fundOfType('B', { unitholders: [holder(somchai.id, subscription('2023-02-01', '300000.00'), subscription('2023-10-01', '1000000.00'))] });
    const report = await run(fund, [somchai]);
    expectFinding(report, {
      ruleId: OUTSIDE_NON_RETAIL_CLASS,
      severity: 'order-ground',
      investorId: somchai.id,
      citation: CL12_1_5,
      evidence: { categoryAtFirstSubscription: 'retail', categoryBasisAtFirstSubscription: expect.objectContaining({ review: 'reviews[0]', assessedOn: '2023-01-05' }), firstSubscriptionAmount: '300000' },
    });
    expect(ruleIdsFor(report, somchai.id)).toEqual([OUTSIDE_NON_RETAIL_CLASS]);
  });

  it('a type H fund judges the same way: retail at entry below 500,000 THB is one order ground, not also a scheme-minimum finding', async () => {
    const fund = fundOfType('H', { unitholders: [holder(somchai.id, subscription('2023-02-01', '300000.00'))] });
    const report = await run(fund, [somchai]);
    expectFinding(report, { ruleId: OUTSIDE_NON_RETAIL_CLASS, severity: 'order-ground', investorId: somchai.id, citation: CL12_1_5, evidence: { categoryAtFirstSubscription: 'retail' } });
    expectNoFinding(report, BELOW_SCHEME_MINIMUM);
  });
});

describe('high-net-worth when subscribing, retail at a later review', () => {
  // High-net-worth on the 5 Jan 2023 review (35,000,000 THB), retail on the 1 Sep 2023 review (10,000,000 THB).
  const malee = reviewedTwice('TH-IND-040002', { on: '2023-01-05', netAssets: '35000000.00' }, { on: '2023-09-01', netAssets: '10000000.00' });

  it('a type A fund admitted the holder when they subscribed: no cl. 12 finding, though the as-of category is retail', async () => {
    const fund = fundOfType('A', { unitholders: [holder(malee.id, subscription('2023-02-01', '100000.00'))] });
    const report = await run(fund, [malee]);
    expect(ruleIdsFor(report, malee.id)).toEqual([]);
  });

  it('a type H fund with a 1,000,000 THB scheme minimum admits a high-net-worth investor at entry whatever the amount: no scheme-minimum finding', async () => {
    const fund = fundOfType('H', { scheme: { minimumFirstSubscription: '1000000.00' }, unitholders: [holder(malee.id, subscription('2023-02-01', '100000.00'))] });
    const report = await run(fund, [malee]);
    expect(ruleIdsFor(report, malee.id)).toEqual([]);
  });

  it('a type X fund: high-net-worth at entry is not ultra-high-net-worth, judged on the review in force then', async () => {
    const fund = fundOfType('X', { unitholders: [holder(malee.id, subscription('2023-02-01', '5000000.00'))] });
    const report = await run(fund, [malee]);
    expectFinding(report, {
      ruleId: X_HOLDER,
      severity: 'order-ground',
      investorId: malee.id,
      citation: CL12_1_5,
      evidence: { categoryAtFirstSubscription: 'high-net-worth', categoryBasisAtFirstSubscription: expect.objectContaining({ review: 'reviews[0]', era: { notice: KORJOR_39_2564, from: '2022-10-01' } }), category: 'retail' },
    });
  });
});

describe('an institutional fund (type N): cl. 11 para 1 (3) is a state check, on the as-of category', () => {
  /** A juristic holder reviewed as one kind of institution, then as another. */
  function juristicReviewedTwice(id: string, first: { on: string; institutionType: string }, second: { on: string; institutionType: string }): InvestorInput {
    return {
      id,
      type: 'juristic',
      domicile: 'TH',
      reviews: [
        { assessedOn: first.on, institutionType: first.institutionType },
        { assessedOn: second.on, institutionType: second.institutionType },
      ],
    } as InvestorInput;
  }

  it('institutional at entry, a savings cooperative (not institutional) as of 2024: a revocation ground, on the as-of review', async () => {
    const who = juristicReviewedTwice('TH-JUR-040003', { on: '2021-02-01', institutionType: 'provident-fund' }, { on: '2023-02-01', institutionType: 'savings-cooperative' });
    const fund = fundOfType('N', { unitholders: [holder(who.id, subscription('2021-03-01', '10000000.00'))] });
    const report = await run(fund, [who]);
    expectFinding(report, {
      ruleId: N_HOLDER,
      severity: 'revocation-ground',
      investorId: who.id,
      citation: { clause: 11, paragraph: 1, item: 3 },
      evidence: { category: 'retail', categoryBasis: expect.objectContaining({ review: 'reviews[1]', assessedOn: '2023-02-01' }) },
    });
    expect(ruleIdsFor(report, who.id)).toEqual([N_HOLDER]);
  });

  it('not institutional at entry, institutional as of 2024: no cl. 11 para 1 (3) ground on the as-of date', async () => {
    const who = juristicReviewedTwice('TH-JUR-040004', { on: '2023-02-01', institutionType: 'savings-cooperative' }, { on: '2023-06-01', institutionType: 'provident-fund' });
    const fund = fundOfType('N', { unitholders: [holder(who.id, subscription('2023-03-01', '10000000.00'))] });
    const report = await run(fund, [who]);
    expectNoFinding(report, N_HOLDER);
    expectNoFinding(report, UNKNOWN_AT_ENTRY);
  });
});

describe('no KYC review in force on the first subscription\'s date: eligibility at entry is unknown', () => {
  // Reviewed only on 1 Sep 2023 (35,000,000 THB, high-net-worth), after a first subscription on 1 Feb 2023.
  const late = profiledInvestor('TH-IND-040005', 'individual', { assessedOn: '2023-09-01', netAssets: '35000000.00' });

  it('in a type A fund: one warning citing cl. 12 para 1 (5) with the cl. 1 definitions as basis — not a pass, not a breach', async () => {
    const fund = fundOfType('A', { unitholders: [holder(late.id, subscription('2023-02-01', '1000000.00'))] });
    const report = await run(fund, [late]);
    const finding = expectFinding(report, {
      ruleId: UNKNOWN_AT_ENTRY,
      severity: 'warning',
      investorId: late.id,
      citation: CL12_1_5,
      evidence: {
        categoryAtFirstSubscription: null,
        firstSubscriptionDate: '2023-02-01',
        category: 'high-net-worth',
        categoryBasis: expect.objectContaining({ source: 'derived', review: 'profile', assessedOn: '2023-09-01' }),
      },
    });
    expect((finding.basis ?? []).map((b) => b.term)).toEqual(expect.arrayContaining(['กองทุนรวมเพื่อผู้ลงทุนที่มิใช่รายย่อย', 'ผู้ลงทุนที่มิใช่รายย่อย', 'ผู้มีเงินลงทุนสูง']));
    expect(finding.message.en).toContain('cannot be decided from the KYC records');
    expect(ruleIdsFor(report, late.id)).toEqual([UNKNOWN_AT_ENTRY]);
    expect(report.status).not.toBe('no-findings');
  });

  it('in a type A fund whose scheme states a minimum the holder did not meet: still the one warning, not also a scheme-minimum finding', async () => {
    const fund = fundOfType('A', { scheme: { minimumFirstSubscription: '2000000.00' }, unitholders: [holder(late.id, subscription('2023-02-01', '1000000.00'))] });
    const report = await run(fund, [late]);
    expect(ruleIdsFor(report, late.id)).toEqual([UNKNOWN_AT_ENTRY]);
  });

  it('in a type X fund: the warning, not the X-fund order ground', async () => {
    const fund = fundOfType('X', { unitholders: [holder(late.id, subscription('2023-02-01', '5000000.00'))] });
    const report = await run(fund, [late]);
    expect(ruleIdsFor(report, late.id)).toEqual([UNKNOWN_AT_ENTRY]);
  });

  it('in a type X fund judged before cl. 1 as amended (No. 2) had the class (20 Feb 2017): no warning and no error', async () => {
    const early = profiledInvestor('TH-IND-040008', 'individual', { assessedOn: '2016-12-01', netAssets: '35000000.00' });
    const fund = fundOfType('X', { unitholders: [holder(early.id, subscription('2016-06-01', '5000000.00'))] });
    const before = await run(fund, [early], '2016-12-31');
    expect(ruleIdsFor(before, early.id)).toEqual([]);
    const after = await run(fund, [early], '2017-02-20');
    expect(ruleIdsFor(after, early.id)).toEqual([UNKNOWN_AT_ENTRY]);
  });

  it('in a type H fund below 500,000 THB: the warning alone (whether the holder was non-retail decides whether there is a ground at all)', async () => {
    const fund = fundOfType('H', { unitholders: [holder(late.id, subscription('2023-02-01', '300000.00'))] });
    const report = await run(fund, [late]);
    expect(ruleIdsFor(report, late.id)).toEqual([UNKNOWN_AT_ENTRY]);
  });

  it('in a type B fund below 500,000 THB: an order ground whoever the holder is (high-net-worth only, defined by the first subscription), not a warning', async () => {
    const fund = fundOfType('B', { unitholders: [holder(late.id, subscription('2023-02-01', '300000.00'))] });
    const report = await run(fund, [late]);
    const finding = expectFinding(report, {
      ruleId: B_BELOW_THRESHOLD_UNKNOWN,
      severity: 'order-ground',
      investorId: late.id,
      citation: CL12_1_5,
      evidence: { categoryAtFirstSubscription: null, firstSubscriptionAmount: '300000', threshold: '500000', category: 'high-net-worth' },
    });
    expect(finding.message.en).toContain('whatever their category');
    expect(finding.message.en).toContain('also outside cl. 1');
    expect(ruleIdsFor(report, late.id)).toEqual([B_BELOW_THRESHOLD_UNKNOWN]);
    // At the threshold the holder is high-net-worth by the amount alone: nothing to report.
    const atThreshold = await run(fundOfType('B', { unitholders: [holder(late.id, subscription('2023-02-01', '500000.00'))] }), [late]);
    expect(ruleIdsFor(atThreshold, late.id)).toEqual([]);
  });

  it('in type B and H funds at 500,000 THB: a high-net-worth investor by the amount alone, whoever they are — no finding', async () => {
    for (const type of ['B', 'H'] as const) {
      const fund = fundOfType(type, { unitholders: [holder(late.id, subscription('2023-02-01', '500000.00'))] });
      const report = await run(fund, [late]);
      expect(ruleIdsFor(report, late.id), type).toEqual([]);
    }
  });

  it('in a type N fund: the warning when the holder is institutional as of the as-of date; otherwise the cl. 11 para 1 (3) ground alone', async () => {
    const pension = profiledInvestor('TH-JUR-040006', 'juristic', { assessedOn: '2021-02-01', institutionType: 'provident-fund' });
    const atEntryUnknown = await run(fundOfType('N', { unitholders: [holder(pension.id, subscription('2020-06-01', '10000000.00'))] }), [pension]);
    expectFinding(atEntryUnknown, { ruleId: UNKNOWN_AT_ENTRY, severity: 'warning', investorId: pension.id, citation: CL12_1_5, evidence: { categoryAtFirstSubscription: null, category: 'institutional' } });
    expect(ruleIdsFor(atEntryUnknown, pension.id)).toEqual([UNKNOWN_AT_ENTRY]);

    const stillLate = await run(fundOfType('N', { unitholders: [holder(late.id, subscription('2023-02-01', '1000000.00'))] }), [late]);
    expect(ruleIdsFor(stillLate, late.id)).toEqual([N_HOLDER]);
  });

  it('a given category assessed after the first subscription is not in force at entry either', async () => {
    const given = investor('TH-IND-040007', 'high-net-worth', { assessedOn: '2023-09-01' });
    const report = await run(fundOfType('A', { unitholders: [holder(given.id, subscription('2023-02-01', '1000000.00'))] }), [given]);
    expectFinding(report, { ruleId: UNKNOWN_AT_ENTRY, severity: 'warning', investorId: given.id, citation: CL12_1_5, evidence: { categoryAtFirstSubscription: null, category: 'high-net-worth' } });
    expect(ruleIdsFor(report, given.id)).toEqual([UNKNOWN_AT_ENTRY]);
  });

  it('a type R fund has no eligibility at entry to decide: no warning', async () => {
    const report = await run(fundOfType('R', { unitholders: [holder(late.id, subscription('2023-02-01', '1000.00'))] }), [late]);
    expectNoFinding(report, UNKNOWN_AT_ENTRY);
  });
});

describe('a register (category and assessed_on per row) agrees', () => {
  const HEADER = 'fund_id,investor_id,investor_type,category,domicile,assessed_on,first_subscription_date,first_subscription_amount,subscription_count,total_subscribed,subscriptions_without_prospectus';

  it('a retail row assessed before its first subscription is an order ground; one assessed after it is the warning', async () => {
    const fund = fundOfType('A', { id: 'M0266_2561' });
    const csv = [
      HEADER,
      'M0266_2561,TH-IND-050001,individual,retail,TH,2023-01-05,2023-02-01,1000000,1,1000000,0',
      'M0266_2561,TH-IND-050002,individual,retail,TH,2023-09-01,2023-02-01,1000000,1,1000000,0',
      'M0266_2561,TH-IND-050003,individual,high-net-worth,TH,2023-01-05,2023-02-01,1000000,1,1000000,0',
    ].join('\n') + '\n';
    const findings: RegisterFinding[] = [];
    await evaluateRegister({ funds: [fund] }, { format: 'csv', stream: Readable.from([Buffer.from(csv)]) }, { asOf: AS_OF, onFinding: (f) => findings.push(f) });
    const byRow = findings.map((f) => [f.row, f.ruleId, f.evidence.find((e) => e.name === 'categoryAtFirstSubscription')?.value]);
    expect(byRow).toEqual([
      [1, A_OR_B_OUTSIDE_SCHEME, 'retail'],
      [2, UNKNOWN_AT_ENTRY, null],
    ]);
    expect(findings[0]!.fields).toContain('rows[1].category');
  });
});

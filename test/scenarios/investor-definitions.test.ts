/**
 * The SEC investor definitions that TorNor. 89/2558 cl. 1 borrows for
 * "non-retail investor" (institutional and large investors). When an
 * investor's category is not given, it is derived from the profile of their
 * KYC review with the thresholds in force on the review date (`assessedOn`),
 * not on the evaluation date: KorJor. 4/2560 before 2022-10-01 (high-net-worth
 * net assets 50M, income 4M, investments 10M; no ultra-high-net-worth
 * investments test), KorJor. 39/2564 from 2022-10-01 (high-net-worth net assets
 * 30M, income 3M, investments 8M; ultra-high-net-worth investments 15M).
 * Thresholds are inclusive ("ตั้งแต่ ... ขึ้นไป").
 */
import { describe, expect, it } from 'vitest';
import { ComplianceInputError, evaluate, safeEvaluate, type InvestorInput } from '../../src/index.js';
import { expectFinding, expectNoFinding, findingsOf, fundOfType, holder, investor, profiledInvestor, run, subscription, AS_OF } from '../helpers/build.js';

// Holder eligibility is one order ground per holder under cl. 12 para 1 (5) (TorNor. 89/2558 #12): a retail
// investor whose first subscription met the threshold is admitted by cl. 1 but not by a type A scheme.
const A_HOLDER = 'tn89.cl12.holder-outside-scheme-restriction';
const X_HOLDER = 'tn89.cl12.x-fund-holder-not-institutional-or-uhnw';

/** The cl. 1 definition the holder rules of non-retail funds cite. */
const NON_RETAIL_FUND_TERM = 'กองทุนรวมเพื่อผู้ลงทุนที่มิใช่รายย่อย';
const KORJOR_4_2560 = { th: 'กจ. 4/2560', en: 'KorJor. 4/2560' };
const KORJOR_39_2564 = { th: 'กจ. 39/2564', en: 'KorJor. 39/2564' };

/** A fund of the type, held by the investor since 2023-01-16 with a 5,000,000 THB first subscription. */
function heldBy(type: 'A' | 'X', who: InvestorInput) {
  return fundOfType(type, { id: type === 'A' ? 'M0266_2561' : 'M0520_2563', unitholders: [holder(who.id, subscription('2023-01-16', '5000000.00'))] });
}

describe('an investor without a category is classified with the thresholds in force on the review date', () => {
  it('net assets of 35,000,000 THB reviewed on 30 Sep 2022 are below the then 50,000,000 THB threshold: a retail investor, not admitted by a type A fund', async () => {
    const kanya = profiledInvestor('TH-IND-010021', 'individual', { assessedOn: '2022-09-30', netAssets: '35000000.00' }, { name: 'นางกัญญา รุ่งเรืองศรี' });
    const report = await run(heldBy('A', kanya), [kanya]);
    expectFinding(report, {
      ruleId: A_HOLDER,
      severity: 'order-ground',
      investorId: kanya.id,
      citation: { clause: 12, paragraph: 1, item: 5 },
      evidence: { category: 'retail' },
    });
    const outside = expectFinding(report, {
      ruleId: A_HOLDER,
      severity: 'order-ground',
      investorId: kanya.id,
      citation: { clause: 12, paragraph: 1, item: 5 },
      evidence: { category: 'retail', categoryBasis: { source: 'derived', category: 'retail', assessedOn: '2022-09-30', tried: ['ultra-high-net-worth', 'high-net-worth'] } },
    });
    expect(outside.fields).toContain('investors[0].profile');
  });

  it('the same net assets reviewed on 1 Oct 2022 meet the new 30,000,000 THB threshold: a high-net-worth investor, admitted by a type A fund', async () => {
    const kanya = profiledInvestor('TH-IND-010021', 'individual', { assessedOn: '2022-10-01', netAssets: '35000000.00' });
    const report = await run(heldBy('A', kanya), [kanya]);
    expectNoFinding(report, A_HOLDER);
    expectNoFinding(report, A_HOLDER);
    expect(report.findings).toEqual([]);
  });

  it('the evaluation date does not reclassify: reviewed on 30 Sep 2022, still retail when evaluated in 2024', async () => {
    const kanya = profiledInvestor('TH-IND-010021', 'individual', { assessedOn: '2022-09-30', netAssets: '35000000.00' });
    for (const asOf of ['2022-09-30', '2022-10-01', AS_OF]) {
      const fund = fundOfType('A', { unitholders: [holder(kanya.id, subscription('2022-09-30', '5000000.00'))] });
      expect(findingsOf(await run(fund, [kanya], asOf), A_HOLDER).map((f) => f.subject.investorId), asOf).toEqual([kanya.id]);
    }
  });

  it.each([
    ['2023-03-01', '3000000', 'high-net-worth', '3000000'],
    ['2023-03-01', '3000000.00', 'high-net-worth', '3000000'],
    ['2023-03-01', '2999999.99', 'retail', undefined],
    ['2021-03-01', '4000000.00', 'high-net-worth', '4000000'],
    ['2021-03-01', '3999999.99', 'retail', undefined],
    ['2021-03-01', '3000000.00', 'retail', undefined],
  ])('annual income reviewed on %s of %s THB: %s (the threshold is inclusive)', async (assessedOn, annualIncome, category, threshold) => {
    const who = profiledInvestor('TH-IND-010388', 'individual', { assessedOn, annualIncome });
    const report = await run(heldBy('X', who), [who]);
    const finding = expectFinding(report, { ruleId: X_HOLDER, severity: 'order-ground', investorId: who.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category } });
    const basis = finding.evidence.find((e) => e.name === 'categoryBasis')!.value as { source: string; test?: { field: string; threshold: unknown } };
    expect(basis.source).toBe('derived');
    if (threshold === undefined) expect(basis.test).toBeUndefined();
    else expect(basis.test).toMatchObject({ field: 'annualIncome', threshold, value: annualIncome.replace(/\.00$/, '') });
  });

  it('investments of 15,000,000 THB reviewed on 1 Oct 2022 make an ultra-high-net-worth investor, admitted by a type X fund', async () => {
    const who = profiledInvestor('TH-IND-010502', 'individual', { assessedOn: '2022-10-01', investments: '15000000.00' });
    const report = await run(heldBy('X', who), [who]);
    expectNoFinding(report, X_HOLDER);
    expectNoFinding(report, X_HOLDER);
    expect(report.findings).toEqual([]);
  });

  it('the same investments reviewed on 30 Sep 2022 — when there was no ultra-high-net-worth investments test — make only a high-net-worth investor, not admitted by a type X fund', async () => {
    const who = profiledInvestor('TH-IND-010502', 'individual', { assessedOn: '2022-09-30', investments: '15000000.00' });
    const report = await run(heldBy('X', who), [who]);
    expectFinding(report, { ruleId: X_HOLDER, severity: 'order-ground', investorId: who.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category: 'high-net-worth' } });
    const finding = expectFinding(report, {
      ruleId: X_HOLDER,
      severity: 'order-ground',
      investorId: who.id,
      citation: { clause: 12, paragraph: 1, item: 5 },
      evidence: { category: 'high-net-worth' },
    });
    expect(finding.evidence.find((e) => e.name === 'categoryBasis')!.value).toEqual({
      source: 'derived',
      category: 'high-net-worth',
      assessedOn: '2022-09-30',
      test: { field: 'investments', value: '15000000', operator: 'atLeast', parameter: 'hnw-individual-investments', threshold: '10000000', notice: KORJOR_4_2560 },
    });
  });

  it('investments one satang below 15,000,000 THB reviewed in 2023 are high-net-worth, not ultra-high-net-worth', async () => {
    const who = profiledInvestor('TH-IND-010503', 'individual', { assessedOn: '2023-07-01', investments: '14999999.99' });
    const report = await run(heldBy('X', who), [who]);
    expectFinding(report, { ruleId: X_HOLDER, severity: 'order-ground', investorId: who.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category: 'high-net-worth' } });
  });

  it('the evidence of a finding shows the derived category: source, test field, threshold and notice', async () => {
    const who = profiledInvestor('TH-IND-010021', 'individual', { assessedOn: '2023-05-01', netAssets: '35000000.00' });
    const report = await run(heldBy('X', who), [who]);
    expectFinding(report, {
      ruleId: X_HOLDER,
      severity: 'order-ground',
      investorId: who.id,
      citation: { clause: 12, paragraph: 1, item: 5 },
      evidence: {
        category: 'high-net-worth',
        categoryBasis: {
          source: 'derived',
          category: 'high-net-worth',
          assessedOn: '2023-05-01',
          test: { field: 'netAssets', value: '35000000', operator: 'atLeast', parameter: 'hnw-individual-net-assets', threshold: '30000000', notice: KORJOR_39_2564 },
        },
      },
    });
  });

  it('a given category is used as given, even beside a profile that would derive another', async () => {
    const who: InvestorInput = { ...profiledInvestor('TH-IND-010600', 'individual', { assessedOn: '2023-05-01', netAssets: '90000000' }), category: 'retail' };
    const report = await run(heldBy('A', who), [who]);
    expectFinding(report, { ruleId: A_HOLDER, severity: 'order-ground', investorId: who.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { categoryBasis: { source: 'given', category: 'retail', assessedOn: null } } });
  });
});

describe('juristic persons: institutional by the kind of institution', () => {
  it('a registered provident fund is an institutional investor, admitted by a type X fund', async () => {
    const pvd = profiledInvestor('TH-JUR-002245', 'juristic', { assessedOn: '2021-02-01', institutionType: 'provident-fund' }, { name: 'กองทุนสำรองเลี้ยงชีพ พนักงานบริษัท สยามซีเมนต์ จำกัด ซึ่งจดทะเบียนแล้ว' });
    const report = await run(heldBy('X', pvd), [pvd]);
    expect(report.findings).toEqual([]);
  });

  it('a juristic person of a kind not on the list (a savings cooperative) is retail, and its basis says which definition was tried', async () => {
    const coop = profiledInvestor('TH-JUR-003310', 'juristic', { assessedOn: '2023-02-01', institutionType: 'savings-cooperative' }, { name: 'สหกรณ์ออมทรัพย์ครูตัวอย่าง จำกัด' });
    const report = await run(heldBy('X', coop), [coop]);
    expectFinding(report, { ruleId: X_HOLDER, severity: 'order-ground', investorId: coop.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category: 'retail' } });
    expectFinding(report, {
      ruleId: X_HOLDER,
      severity: 'order-ground',
      investorId: coop.id,
      citation: { clause: 12, paragraph: 1, item: 5 },
      evidence: { categoryBasis: { source: 'derived', category: 'retail', assessedOn: '2023-02-01', tried: ['institutional'] } },
    });
  });

  it("a juristic person's net assets do not make it a high-net-worth individual", async () => {
    const company = profiledInvestor('TH-JUR-003311', 'juristic', { assessedOn: '2023-02-01', netAssets: '500000000' });
    const report = await run(heldBy('A', company), [company]);
    expectFinding(report, { ruleId: A_HOLDER, severity: 'order-ground', investorId: company.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category: 'retail' } });
  });
});

describe('a review date with no encoded thresholds is an input error', () => {
  it('a profile assessed on 15 Jan 2016, before any encoded threshold, is rejected naming investors[i].profile.assessedOn', async () => {
    const investors = [
      investor('TH-IND-000145', 'retail'),
      investor('TH-JUR-001207', 'institutional'),
      profiledInvestor('TH-IND-010700', 'individual', { assessedOn: '2016-01-15', netAssets: '80000000' }),
    ];
    const fund = fundOfType('A', { unitholders: [holder('TH-IND-010700', subscription('2016-03-01', '1000000'))] });
    const result = await safeEvaluate({ funds: [fund], investors }, { asOf: AS_OF });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.pointer)).toEqual(['investors[2].profile.assessedOn']);
    expect(result.issues[0]!.path).toEqual(['investors', 2, 'profile', 'assessedOn']);
    expect(result.issues[0]!.message).toContain('2016-01-15');
    await expect(evaluate({ funds: [fund], investors }, { asOf: AS_OF })).rejects.toBeInstanceOf(ComplianceInputError);
  });

  it('a juristic profile assessed before 2016-01-16 is rejected too', async () => {
    const pvd = profiledInvestor('TH-JUR-002245', 'juristic', { assessedOn: '2015-12-31', institutionType: 'provident-fund' });
    const result = await safeEvaluate({ funds: [fundOfType('A')], investors: [pvd] }, { asOf: AS_OF });
    expect(result.ok ? [] : result.issues.map((i) => i.pointer)).toEqual(['investors[0].profile.assessedOn']);
  });

  it('a profile assessed on 16 Jan 2016 is classified under the first era', async () => {
    const who = profiledInvestor('TH-IND-010701', 'individual', { assessedOn: '2016-01-16', netAssets: '50000000' });
    const report = await run(heldBy('A', who), [who]);
    expect(report.findings).toEqual([]);
  });
});

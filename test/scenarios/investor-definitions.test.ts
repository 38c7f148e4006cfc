/**
 * The SEC investor definitions that TorNor. 89/2558 cl. 1 borrows for
 * "non-retail investor" (institutional and large investors). When an
 * investor's category is not given, it is derived from the profile of their
 * KYC review with the thresholds in force on the review date (`assessedOn`),
 * not on the evaluation date: KorJor. 4/2560 before 2022-10-01 (high-net-worth
 * net assets 50M, income 4M, investments 10M; an ultra-high-net-worth
 * investments test not confirmed), KorJor. 39/2564 from 2022-10-01
 * (high-net-worth net assets 30M, income 3M, investments 8M;
 * ultra-high-net-worth investments 15M). Before KorJor. 4/2560 (8 Feb 2017)
 * the earlier notice's figures are unconfirmed: a category derived then
 * carries a report notice. Thresholds are inclusive ("ตั้งแต่ ... ขึ้นไป").
 */
import { describe, expect, it } from 'vitest';
import { ComplianceInputError, evaluate, safeEvaluate, type InvestorInput } from '../../src/index.js';
import { expectFinding, expectNoFinding, findingsOf, fundOfType, holder, investor, profiledInvestor, run, subscription, AS_OF } from '../helpers/build.js';

// Holder eligibility is one order ground per holder under cl. 12 para 1 (5) (TorNor. 89/2558 #12): a retail
// investor whose first subscription met the threshold is admitted by cl. 1 but not by a type A scheme.
const A_HOLDER = 'tn89.cl12.holder-outside-scheme-restriction';
const X_HOLDER = 'tn89.cl12.x-fund-holder-not-institutional-or-uhnw';
const OUTSIDE = 'tn89.cl12.holder-outside-scheme-restriction';

/** The cl. 1 definition the holder rules of non-retail funds cite. */
const NON_RETAIL_FUND_TERM = 'กองทุนรวมเพื่อผู้ลงทุนที่มิใช่รายย่อย';
const KORJOR_39_2564 = { th: 'กจ. 39/2564', en: 'KorJor. 39/2564' };
const KORJOR_4_2560_AS_AMENDED = { th: 'กจ. 4/2560 แก้ไขเพิ่มเติมโดย กจ. 4/2562', en: 'KorJor. 4/2560 as amended by KorJor. 4/2562' };
const UNCONFIRMED = 'investor-category-unconfirmed';

/** A fund of the type, held by the investor since 2023-07-01 (on or after the reviews here, so one is in force at entry) with a 5,000,000 THB first subscription. */
function heldBy(type: 'A' | 'X', who: InvestorInput) {
  return fundOfType(type, { id: type === 'A' ? 'M0266_2561' : 'M0520_2563', unitholders: [holder(who.id, subscription('2023-07-01', '5000000.00'))] });
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
      evidence: {
        category: 'retail',
        categoryBasis: {
          source: 'derived',
          category: 'retail',
          assessedOn: '2022-09-30',
          review: 'profile',
          era: { notice: KORJOR_4_2560_AS_AMENDED, from: '2019-04-04', to: '2022-09-30' },
          tried: ['institutional', 'ultra-high-net-worth', 'high-net-worth'],
          unconfirmed: ['uhnw-individual-investments', 'uhnw-individual-investments-with-deposits'],
        },
      },
    });
    expect(outside.fields).toContain('investors[0].profile');
  });

  it('the same net assets reviewed on 1 Oct 2022 meet the new 30,000,000 THB threshold: a high-net-worth investor, admitted by a type A fund', async () => {
    const kanya = profiledInvestor('TH-IND-010021', 'individual', { assessedOn: '2022-10-01', netAssets: '35000000.00' });
    const report = await run(heldBy('A', kanya), [kanya]);
    expectNoFinding(report, A_HOLDER);
    expectNoFinding(report, A_HOLDER);
    expect(report.findings).toEqual([]);
    // No notice about the investor (the notices about the law over time are the pack's own, in every report).
    expect(report.notices.filter((n) => !n.code.startsWith('law-'))).toEqual([]);
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

  it('the same investments reviewed on 30 Sep 2022 — when no ultra-high-net-worth investments test is confirmed — make only a high-net-worth investor, not admitted by a type X fund, with a notice that the answer rests on unconfirmed thresholds', async () => {
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
      review: 'profile',
      era: { notice: KORJOR_4_2560_AS_AMENDED, from: '2019-04-04', to: '2022-09-30' },
      test: { field: 'investments', value: '15000000', operator: 'atLeast', parameter: 'hnw-individual-investments', threshold: '10000000', notice: KORJOR_4_2560_AS_AMENDED },
      unconfirmed: ['uhnw-individual-investments', 'uhnw-individual-investments-with-deposits'],
    });
    const notices = report.notices.filter((n) => n.code === UNCONFIRMED);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message.en).toContain(who.id);
    expect(notices[0]!.message.en).toContain('derived with unconfirmed thresholds');
    expect(notices[0]!.citation.text.en).toBe(KORJOR_4_2560_AS_AMENDED.en);
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
        categoryBasis: expect.objectContaining({
          source: 'derived',
          category: 'high-net-worth',
          assessedOn: '2023-05-01',
          review: 'profile',
          era: { notice: KORJOR_39_2564, from: '2022-10-01' },
          test: { field: 'netAssets', value: '35000000', operator: 'atLeast', parameter: 'hnw-individual-net-assets', threshold: '30000000', notice: KORJOR_39_2564 },
        }),
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
      evidence: { categoryBasis: expect.objectContaining({ source: 'derived', category: 'retail', assessedOn: '2023-02-01', tried: ['institutional', 'ultra-high-net-worth', 'high-net-worth'] }) },
    });
    // Its net assets were not given, and the juristic tests' figures are unconfirmed: the answer says so.
    expect(report.notices.map((n) => n.code)).toContain(UNCONFIRMED);
  });

  it('a company with 900,000,000 THB of net assets, not on the institutional list, is not retail: a high-net-worth juristic person, admitted by type A and B funds, with the unconfirmed juristic figure noted', async () => {
    const company = profiledInvestor('TH-JUR-003311', 'juristic', { assessedOn: '2023-02-01', netAssets: '900000000' }, { name: 'บริษัท ตัวอย่างอุตสาหกรรม จำกัด' });
    for (const type of ['A', 'B'] as const) {
      const fund = fundOfType(type, { unitholders: [holder(company.id, subscription('2023-03-01', '5000000.00'))] });
      const report = await run(fund, [company]);
      expect(report.findings.filter((f) => f.subject.investorId === company.id).map((f) => f.ruleId), type).toEqual([]);
      const notice = report.notices.find((n) => n.code === UNCONFIRMED);
      expect(notice?.message.en, type).toContain('hnw-juristic-net-assets');
    }
    const x = await run(heldBy('X', company), [company]);
    const finding = expectFinding(x, { ruleId: X_HOLDER, severity: 'order-ground', investorId: company.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category: 'high-net-worth' } });
    expect(finding.evidence.find((e) => e.name === 'category')!.value).toBe('high-net-worth');
    // Cited as an order ground, resting on the cl. 1 definitions as amended (No. 2).
    expect(finding.basis?.map((b) => b.text.en)).toContainEqual(expect.stringContaining('TorNor. 89/2558 cl. 1 as amended (No. 2)'));
  });

  it('a small company (net assets 20,000,000 THB) is retail, and held by a type A fund it is flagged', async () => {
    const company = profiledInvestor('TH-JUR-003312', 'juristic', { assessedOn: '2023-02-01', netAssets: '20000000' });
    const report = await run(heldBy('A', company), [company]);
    expectFinding(report, { ruleId: A_HOLDER, severity: 'order-ground', investorId: company.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category: 'retail' } });
  });

  it.each([
    ['credit-foncier-company', '2018-05-01'],
    ['national-savings-fund', '2020-01-15'],
    ['deposit-protection-agency', '2021-06-01'],
    ['statutory-juristic-person', '2021-06-01'],
    ['juristic-person-over-75-percent-held-by-institutional-investors', '2019-05-01'],
    ['private-equity', '2023-01-10'],
    ['venture-capital', '2023-01-10'],
  ])('a %s reviewed on %s is an institutional investor, admitted by a type X fund', async (institutionType, assessedOn) => {
    const who = profiledInvestor('TH-JUR-004000', 'juristic', { assessedOn, institutionType });
    const report = await run(heldBy('X', who), [who]);
    expect(report.findings).toEqual([]);
  });

  it('venture capital reviewed before KorJor. 39/2564 (30 Sep 2022) is not yet on the list: retail, flagged by a type X fund', async () => {
    const who = profiledInvestor('TH-JUR-004001', 'juristic', { assessedOn: '2022-09-30', institutionType: 'venture-capital' });
    const report = await run(heldBy('X', who), [who]);
    expectFinding(report, { ruleId: X_HOLDER, severity: 'order-ground', investorId: who.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category: 'retail' } });
  });

  it('a government agency is not on the KorJor. 4/2560 list as such: without other tests passed it is retail', async () => {
    const who = profiledInvestor('TH-JUR-004002', 'juristic', { assessedOn: '2021-06-01', institutionType: 'government-agency' });
    const report = await run(heldBy('X', who), [who]);
    expectFinding(report, { ruleId: X_HOLDER, severity: 'order-ground', investorId: who.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category: 'retail' } });
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

  it('a profile assessed on 16 Jan 2016 is classified under the first era, and the report says its thresholds are unconfirmed', async () => {
    const who = profiledInvestor('TH-IND-010701', 'individual', { assessedOn: '2016-01-16', netAssets: '50000000' });
    const report = await run(heldBy('A', who), [who]);
    expect(report.findings).toEqual([]);
    const notices = report.notices.filter((n) => n.code === 'investor-category-unconfirmed');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message.en).toContain('derived with unconfirmed thresholds');
    expect(notices[0]!.message.en).toContain('before KorJor. 4/2560');
    expect(notices[0]!.message.en).toContain(who.id);
  });

  it('before KorJor. 4/2560 there was no ultra-high-net-worth investor: 80,000,000 THB of net assets reviewed in 2016 make a high-net-worth investor only', async () => {
    const who = profiledInvestor('TH-IND-010702', 'individual', { assessedOn: '2016-06-01', netAssets: '80000000', netAssetsExcludingMainResidence: '80000000' });
    const report = await run(heldBy('X', who), [who]);
    expectFinding(report, { ruleId: X_HOLDER, severity: 'order-ground', investorId: who.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category: 'high-net-worth' } });
  });

  it('the same net assets excluding the residence reviewed under KorJor. 4/2560 (2018) make an ultra-high-net-worth investor, with no notice', async () => {
    const who = profiledInvestor('TH-IND-010702', 'individual', { assessedOn: '2018-06-01', netAssetsExcludingMainResidence: '70000000' });
    const report = await run(heldBy('X', who), [who]);
    expect(report.findings).toEqual([]);
    // No notice about the investor (the notices about the law over time are the pack's own, in every report).
    expect(report.notices.filter((n) => !n.code.startsWith('law-'))).toEqual([]);
  });
});

describe('individuals on the institutional list', () => {
  it.each([
    ['fund-manager', '2018-03-01'],
    ['derivatives-fund-manager', '2021-03-01'],
    ['fund-manager', '2023-03-01'],
    ['investment-analyst', '2023-03-01'],
  ])('a %s reviewed on %s is an institutional investor, admitted by a type X fund', async (institutionType, assessedOn) => {
    const who = profiledInvestor('TH-IND-020001', 'individual', { assessedOn, institutionType }, { name: 'นายผู้จัดการ กองทุนดี' });
    const report = await run(heldBy('X', who), [who]);
    expect(report.findings).toEqual([]);
  });

  it('an investment analyst reviewed in 2021, before KorJor. 39/2564 listed analysts, is retail', async () => {
    const who = profiledInvestor('TH-IND-020002', 'individual', { assessedOn: '2021-03-01', institutionType: 'investment-analyst' });
    const report = await run(heldBy('A', who), [who]);
    const finding = expectFinding(report, { ruleId: A_HOLDER, severity: 'order-ground', investorId: who.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category: 'retail' } });
    // Resting on the cl. 1 definitions.
    expect(finding.basis?.map((b) => [b.clause, b.term])).toContainEqual([1, NON_RETAIL_FUND_TERM]);
  });
});

describe('an institution type of the other investor type is an input error with its path', () => {
  it('an individual recorded as a commercial bank is rejected at investors[i].profile.institutionType', async () => {
    const who = profiledInvestor('TH-IND-020003', 'individual', { assessedOn: '2023-03-01', institutionType: 'commercial-bank' });
    const result = await safeEvaluate({ funds: [heldBy('A', who)], investors: [investor('TH-IND-000145', 'retail'), who] }, { asOf: AS_OF });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.pointer)).toEqual(['investors[1].profile.institutionType']);
    expect(result.issues[0]!.message).toContain('commercial-bank');
  });

  it('a juristic person recorded as a fund manager is rejected at investors[i].reviews[j].institutionType', async () => {
    const who: InvestorInput = { id: 'TH-JUR-020004', type: 'juristic', domicile: 'TH', reviews: [{ assessedOn: '2022-01-01', netAssets: '10' }, { assessedOn: '2023-03-01', institutionType: 'fund-manager' }] };
    const result = await safeEvaluate({ funds: [heldBy('A', who)], investors: [who] }, { asOf: AS_OF });
    expect(result.ok ? [] : result.issues.map((i) => i.pointer)).toEqual(['investors[0].reviews[1].institutionType']);
  });
});

describe('the KYC review in force on the deciding date', () => {
  /** Reviewed on 30 Sep 2022 (retail under the 50M threshold) and again on 1 Oct 2022 (high-net-worth under the 30M threshold). */
  const twice: InvestorInput = {
    id: 'TH-IND-030001',
    type: 'individual',
    domicile: 'TH',
    reviews: [
      { assessedOn: 'BE 2565-10-01', netAssets: '35000000.00' },
      { assessedOn: '2022-09-30', netAssets: '35000000.00' },
    ],
  };

  it('the as-of category comes from the latest review on or before the as-of date (1 Oct 2022 review, in B.E.): high-net-worth, admitted by a type A fund', async () => {
    const fund = fundOfType('A', { unitholders: [holder(twice.id, subscription('2022-10-05', '1000000'))] });
    const report = await run(fund, [twice]);
    expect(report.findings).toEqual([]);
  });

  it('as of 30 Sep 2022 the later review is not yet there: the 30 Sep review decides, retail', async () => {
    const fund = fundOfType('A', { unitholders: [holder(twice.id, subscription('2022-09-30', '1000000'))] });
    const report = await run(fund, [twice], '2022-09-30');
    expectFinding(report, {
      ruleId: OUTSIDE,
      severity: 'order-ground',
      investorId: twice.id,
      citation: { clause: 12, paragraph: 1, item: 5 },
      evidence: { category: 'retail', categoryBasis: expect.objectContaining({ source: 'derived', category: 'retail', assessedOn: '2022-09-30', review: 'reviews[1]' }) },
    });
  });

  it('a subscription on 30 Sep 2022 is judged by the review in force that day (retail, KorJor. 4/2560 era), though the as-of category is high-net-worth', async () => {
    const result = await import('../../src/engine/facts.js');
    const { investorCategory } = await import('../../src/engine/investor-category.js');
    const { investorDefinitionsPack } = await import('../../src/packs/built-in.js');
    const { investorSchema } = await import('../../src/model/investor.js');
    const parsed = investorSchema.parse(twice);
    const decided = investorCategory(parsed, investorDefinitionsPack(), ['investors', 0], '2024-06-30');
    expect(decided.ok).toBe(true);
    if (!decided.ok) return;
    const fund = (await import('../../src/model/fund.js')).fundSchema.parse(fundOfType('A', { unitholders: [holder(twice.id, subscription('2022-09-30', '1000000'), subscription('2023-01-10', '1000000'))] }));
    const subjects = result.deriveSubjects(fund, 0, new Map([[twice.id, { investor: parsed, index: 0, basis: decided.basis, categoryOn: decided.on }]]), '2024-06-30');
    const facts = subjects.get('unitholder')![0]!.facts['unitholder'] as { category: string; categoryAtFirstSubscription: string; categoryBasisAtFirstSubscription: { review: string; era: { notice: { en: string } } } };
    expect(facts.category).toBe('high-net-worth');
    expect(facts.categoryAtFirstSubscription).toBe('retail');
    expect(facts.categoryBasisAtFirstSubscription.review).toBe('reviews[1]');
    expect(facts.categoryBasisAtFirstSubscription.era.notice.en).toBe(KORJOR_4_2560_AS_AMENDED.en);
  });

  it('a subscription made before any review has no category at entry (null), never the later review\'s', async () => {
    const { investorCategory } = await import('../../src/engine/investor-category.js');
    const { investorDefinitionsPack } = await import('../../src/packs/built-in.js');
    const { investorSchema } = await import('../../src/model/investor.js');
    const decided = investorCategory(investorSchema.parse(twice), investorDefinitionsPack(), ['investors', 0], '2024-06-30');
    if (!decided.ok) throw new Error('expected a decision');
    expect(decided.on('2022-09-29')).toBeNull();
    expect(decided.on('2022-09-30')?.category).toBe('retail');
    expect(decided.on('2022-10-01')?.category).toBe('high-net-worth');
  });
});

describe('juristic investors of various sizes in H and N funds', () => {
  const big = profiledInvestor('TH-JUR-005001', 'juristic', { assessedOn: '2023-02-01', netAssets: '900000000' });
  const small = profiledInvestor('TH-JUR-005002', 'juristic', { assessedOn: '2023-02-01', netAssets: '99999999.99' });

  it('a type H fund admits the 900,000,000 THB company and flags the one a satang below 100,000,000 THB (first subscriptions below the high-net-worth amount)', async () => {
    const fund = fundOfType('H', { unitholders: [holder(big.id, subscription('2023-03-01', '100000')), holder(small.id, subscription('2023-03-01', '100000'))] });
    const report = await run(fund, [big, small]);
    // One finding per holder: retail (a satang below the juristic figure) and a first subscription below the cl. 1 amount, outside the type H fund's class.
    const flagged = report.findings.filter((f) => f.subject.kind === 'unitholder').map((f) => [f.ruleId, f.subject.investorId]);
    expect(flagged).toEqual([['tn89.cl12.holder-outside-non-retail-fund-class', small.id]]);
    expectFinding(report, { ruleId: 'tn89.cl12.holder-outside-non-retail-fund-class', severity: 'order-ground', investorId: small.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { category: 'retail', firstSubscriptionAmount: '100000', threshold: '500000' } });
  });

  it('a type N (institutional) fund held by a high-net-worth company is a revocation ground under cl. 11; held by a credit foncier company it is not', async () => {
    const foncier = profiledInvestor('TH-JUR-005003', 'juristic', { assessedOn: '2018-02-01', institutionType: 'credit-foncier-company' });
    const fund = fundOfType('N', { unitholders: [holder(big.id, subscription('2023-03-01', '50000000')), holder(foncier.id, subscription('2018-03-01', '50000000'))] });
    const report = await run(fund, [big, foncier]);
    expect(findingsOf(report, 'tn89.cl11.institutional-fund-non-institutional-holder').map((f) => f.subject.investorId)).toEqual([big.id]);
  });

  it('pre-trade checks carry the same notice when a holder\'s category rests on unconfirmed thresholds', async () => {
    const { prepareFund, checkOrder } = await import('../../src/index.js');
    const fund = fundOfType('A', { unitholders: [holder(big.id, subscription('2023-03-01', '5000000'))] });
    const prepared = prepareFund(fund, [big], { asOf: AS_OF });
    const check = checkOrder(prepared, big, { kind: 'subscription', amount: '1000000' });
    expect(check.decision).toBe('allowed');
    expect(check.notices.map((n) => n.code)).toContain('investor-category-unconfirmed');
  });
});

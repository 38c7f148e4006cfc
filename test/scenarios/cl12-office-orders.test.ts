/**
 * TorNor. 89/2558 cl. 12 — para 1: the Office may order the management
 * company to act or refrain within a set time where (1) the form complies
 * but the substance avoids the law; (2) management may be contrary to
 * public or state capital-market policy; (3) it may harm the credibility of
 * the Thai capital market; (4) it may damage investors or leave them without
 * correct or sufficient information; (5) the fund's operations are
 * inconsistent with the approved scheme. Para 2: the orders include
 * (1) explaining or disclosing more information, (2) correcting the fund's
 * characteristics, (3) suspending further offering of units.
 * Item (5) is decided from data; items (1)–(4) need judgement and are
 * recorded by a person.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/index.js';
import {
  expectFinding,
  expectNoFinding,
  findingsOf,
  fundOfType,
  holder,
  investor,
  mutualFund,
  outcomeOf,
  period,
  privateFund,
  recordedGround,
  run,
  subscription,
} from '../helpers/build.js';

const COUNTRIES = 'tn89.cl12.offering-countries-not-in-scheme';
const STANDARD = 'tn89.cl12.accounting-standard-not-scheme';
const MINIMUM = 'tn89.cl12.first-subscription-below-scheme-minimum';
const OUTSIDE = 'tn89.cl12.holder-outside-non-retail-fund-class';
const GROUND = (item: number) => `tn89.cl12.recorded-ground-${item}`;
const PLACEHOLDER = /\{[A-Za-z][A-Za-z0-9]*\}/;

/** Every cl. 12 para 1 finding carries the orders the Office may make under para 2, in Thai and English. */
function expectPossibleOrders(finding: Finding): void {
  expect(finding.severity).toBe('order-ground');
  expect(finding.consequence, `${finding.ruleId}: the possible orders of cl. 12 para 2`).toBeDefined();
  const { citation, message } = finding.consequence!;
  expect({ clause: citation.clause, paragraph: citation.paragraph, item: citation.item }).toEqual({ clause: 12, paragraph: 2, item: undefined });
  expect(citation.text).toEqual({ th: 'ทน. 89/2558 ข้อ 12 วรรคสอง', en: 'TorNor. 89/2558 cl. 12 para 2' });
  expect(message.en).toMatch(/\(1\) explain or disclose more information/);
  expect(message.en).toMatch(/\(2\) correct the fund's characteristics/);
  expect(message.en).toMatch(/\(3\) suspend further offering of units/);
  expect(message.th).toMatch(/\(1\) ชี้แจงหรือเปิดเผยข้อมูลเพิ่มเติม/);
  expect(message.th).toMatch(/\(2\) แก้ไขลักษณะของกองทุนรวม/);
  expect(message.th).toMatch(/\(3\) ระงับการเสนอขายหน่วยลงทุนเพิ่มเติม/);
  expect(message.th).not.toMatch(PLACEHOLDER);
  expect(message.en).not.toMatch(PLACEHOLDER);
}

const somchai = investor('TH-IND-000145', 'retail', { name: 'นายสมชาย ใจดี' });
const prasert = investor('TH-IND-004410', 'high-net-worth', { name: 'นายประเสริฐ ธนากิจ', assessedOn: '2023-05-28' });
const insurer = investor('TH-JUR-001207', 'institutional', { name: 'บริษัท ไทยมั่นคงประกันชีวิต จำกัด (มหาชน)' });

describe('cl. 12 para 1 (5): units offered in a country the approved scheme does not name', () => {
  it('a fund whose scheme names Thailand and Singapore but which is offered in Malaysia too is inconsistent with its scheme', async () => {
    const fund = mutualFund({
      id: 'M0650_2564',
      offering: { abroad: true },
      scheme: { offeringCountries: ['TH', 'SG'] },
      operations: { offeringCountries: ['TH', 'SG', 'MY'] },
    });
    const report = await run(fund);
    const finding = expectFinding(report, {
      ruleId: COUNTRIES,
      severity: 'order-ground',
      fundId: 'M0650_2564',
      citation: { clause: 12, paragraph: 1, item: 5 },
      evidence: { notInScheme: ['MY'], schemeCountries: ['TH', 'SG'] },
    });
    expect(finding.citation.text).toEqual({ th: 'ทน. 89/2558 ข้อ 12 วรรคหนึ่ง (5)', en: 'TorNor. 89/2558 cl. 12 para 1 (5)' });
    expect(finding.message.en).toContain('MY');
    expectPossibleOrders(finding);
    expect(report.summary.bySeverity['order-ground']).toBe(1);
  });

  it('offering in a subset of the scheme countries is consistent with the scheme', async () => {
    const report = await run(mutualFund({ offering: { abroad: true }, scheme: { offeringCountries: ['TH', 'SG', 'MY'] }, operations: { offeringCountries: ['TH', 'SG'] } }));
    expectNoFinding(report, COUNTRIES);
    expect(outcomeOf(report, COUNTRIES)).toBe('passed');
  });

  it('a fund whose actual offering countries are not recorded is not checked', async () => {
    const report = await run(mutualFund({ scheme: { offeringCountries: ['TH'] } }));
    expect(outcomeOf(report, COUNTRIES)).toBe('not-applicable');
  });

  it('a scheme naming no country at all makes every country of actual offer inconsistent', async () => {
    const report = await run(mutualFund({ operations: { offeringCountries: ['TH'] } }));
    expectFinding(report, { ruleId: COUNTRIES, severity: 'order-ground', citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { notInScheme: ['TH'], schemeCountries: [] } });
  });
});

describe('cl. 12 para 1 (5): an accounting standard other than the one in the scheme', () => {
  it('statements prepared under IASB by a fund whose scheme states the association guideline are inconsistent with the scheme (and breach cl. 5)', async () => {
    const report = await run(
      mutualFund({ id: 'M0155_2560', scheme: { accountingStandard: 'association' }, accountingPeriods: [period('2023-01-01', '2023-12-31', { standard: 'IASB' })] }),
    );
    const finding = expectFinding(report, {
      ruleId: STANDARD,
      severity: 'order-ground',
      fundId: 'M0155_2560',
      period: { start: '2023-01-01', end: '2023-12-31' },
      citation: { clause: 12, paragraph: 1, item: 5 },
      evidence: { standard: 'IASB', schemeStandard: 'association' },
    });
    expect(finding.subject.kind).toBe('accounting-period');
    expectPossibleOrders(finding);
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['tn89.cl12.accounting-standard-not-scheme', 'tn89.cl5.standard-not-association']);
  });

  it('a fund offering all its units abroad whose scheme states IASB but which reports under the association guideline is inconsistent with its scheme only', async () => {
    const report = await run(
      mutualFund({
        offering: { inThailand: false, abroad: true, allUnitsToNonDomiciled: true },
        scheme: { accountingStandard: 'IASB', statesForeignAccountingStandard: true, offeringCountries: ['SG'] },
        accountingPeriods: [period('2023-04-01', '2024-03-31')],
      }),
    );
    expectFinding(report, {
      ruleId: STANDARD,
      severity: 'order-ground',
      period: { start: '2023-04-01', end: '2024-03-31' },
      citation: { clause: 12, paragraph: 1, item: 5 },
      evidence: { standard: 'association', schemeStandard: 'IASB' },
    });
    expect(report.findings.map((f) => f.ruleId)).toEqual([STANDARD]);
  });

  it('each period is judged on its own: only the period under another standard is found', async () => {
    const report = await run(
      mutualFund({ scheme: { accountingStandard: 'association' }, accountingPeriods: [period('2022-01-01', '2022-12-31'), period('2023-01-01', '2023-12-31', { standard: 'FASB' })] }),
    );
    expect(findingsOf(report, STANDARD).map((f) => f.subject.period)).toEqual([{ start: '2023-01-01', end: '2023-12-31' }]);
  });

  it('a scheme that states no accounting standard is not checked against', async () => {
    const report = await run(mutualFund({ accountingPeriods: [period('2023-01-01', '2023-12-31')] }));
    expect(outcomeOf(report, STANDARD)).toBe('not-applicable');
  });
});

describe('cl. 12 para 1 (5): a first subscription below the scheme minimum', () => {
  it('a first subscription of 999.99 THB in a retail fund whose scheme minimum is 1,000 THB is inconsistent with the scheme', async () => {
    const fund = mutualFund({ id: 'M0150_2560', scheme: { minimumFirstSubscription: '1000.00' }, unitholders: [holder(somchai.id, subscription('2023-02-06', '999.99'), subscription('2023-08-01', '5000'))] });
    const report = await run(fund, [somchai]);
    const finding = expectFinding(report, {
      ruleId: MINIMUM,
      severity: 'order-ground',
      fundId: 'M0150_2560',
      investorId: somchai.id,
      citation: { clause: 12, paragraph: 1, item: 5 },
      evidence: { firstSubscriptionAmount: '999.99', firstSubscriptionDate: '2023-02-06', schemeMinimum: '1000' },
    });
    expect(finding.message.en).toContain('THB 999.99');
    expect(finding.message.th).toContain('999.99 บาท');
    expectPossibleOrders(finding);
  });

  it('a first subscription of exactly the scheme minimum is consistent with the scheme', async () => {
    const report = await run(mutualFund({ scheme: { minimumFirstSubscription: '1000.00' }, unitholders: [holder(somchai.id, subscription('2023-02-06', 1000))] }), [somchai]);
    expectNoFinding(report, MINIMUM);
    expect(outcomeOf(report, MINIMUM)).toBe('passed');
  });

  it('an H fund admits a non-retail investor below the scheme minimum: an insurer first subscribing 100,000 THB', async () => {
    const report = await run(fundOfType('H', { unitholders: [holder(insurer.id, subscription('2022-11-01', '100000.00'))] }), [insurer]);
    expectNoFinding(report, MINIMUM);
    expect(outcomeOf(report, MINIMUM)).toBe('not-applicable');
    expect(report.findings).toEqual([]);
  });

  it('an H fund admits a high-net-worth investor (by the SEC definition) below the scheme minimum', async () => {
    const report = await run(fundOfType('H', { unitholders: [holder(prasert.id, subscription('2023-06-01', '200000.00'))] }), [prasert]);
    expect(report.findings).toEqual([]);
  });

  it('a retail investor first subscribing 100,000 THB in an H fund is outside the scheme\'s class: reported once, by the eligibility rule, not again as below the minimum', async () => {
    const report = await run(fundOfType('H', { id: 'M0601_2564', unitholders: [holder(somchai.id, subscription('2023-06-01', '100000.00'))] }), [somchai]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['tn89.cl12.holder-outside-non-retail-fund-class']);
    expect(outcomeOf(report, MINIMUM)).toBe('not-applicable');
  });

  it('a holder inside the scheme\'s class whose first subscription is below a scheme minimum above the threshold is found', async () => {
    const report = await run(fundOfType('B', { scheme: { minimumFirstSubscription: '1000000' }, unitholders: [holder(insurer.id, subscription('2023-06-01', '700000.00'))] }), [insurer]);
    expectFinding(report, { ruleId: MINIMUM, severity: 'order-ground', investorId: insurer.id, citation: { clause: 12, paragraph: 1, item: 5 }, evidence: { firstSubscriptionAmount: '700000', schemeMinimum: '1000000' } });
    expect(report.findings).toHaveLength(1);
  });

  it('a scheme with no minimum is not checked', async () => {
    const report = await run(mutualFund({ unitholders: [holder(somchai.id, subscription('2023-02-06', '1'))] }), [somchai]);
    expect(outcomeOf(report, MINIMUM)).toBe('not-applicable');
  });
});

describe('cl. 12 para 1 (5): a unitholder outside the investors the scheme admits (one finding per holder)', () => {
  it('a retail investor holding units of a type A (non-retail) fund is outside the investors the scheme admits', async () => {
    const report = await run(fundOfType('A', { id: 'M0266_2561', unitholders: [holder(somchai.id, subscription('2023-09-18', '300000.00'))] }), [somchai]);
    const finding = expectFinding(report, {
      ruleId: OUTSIDE,
      severity: 'order-ground',
      fundId: 'M0266_2561',
      investorId: somchai.id,
      citation: { clause: 12, paragraph: 1, item: 5 },
      evidence: { category: 'retail', investorRestriction: 'non-retail', categoryBasis: { source: 'given', category: 'retail', assessedOn: null } },
    });
    expectPossibleOrders(finding);
    expect(report.findings.map((f) => f.ruleId)).toEqual([OUTSIDE]);
  });

  it('a high-net-worth investor holding units of an institutional (N) fund is a cl. 11 para 1 (3) ground, reported once (not again under cl. 12)', async () => {
    const report = await run(fundOfType('N', { unitholders: [holder(prasert.id, subscription('2023-10-02', '10000000.00'))] }), [prasert]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['tn89.cl11.institutional-fund-non-institutional-holder']);
    expect(report.findings[0]!.basis!.map((c) => c.term)).toEqual(['กองทุนรวมเพื่อผู้ลงทุนประเภทสถาบัน']);
  });

  it.each([
    // Eligibility at entry: a category assessed before the first subscription (prasert's 2023 assessment was not in force in 2016).
    ['A', [insurer, investor('TH-IND-004411', 'high-net-worth', { assessedOn: '2016-01-20' }), investor('TH-IND-009001', 'ultra-high-net-worth')]],
    ['X', [insurer, investor('TH-IND-009001', 'ultra-high-net-worth')]],
    ['N', [insurer]],
    ['R', [insurer, prasert, somchai]],
  ] as const)('every investor a type %s scheme admits may hold its units', async (type, holders) => {
    const fund = fundOfType(type, { unitholders: holders.map((h) => holder(h.id, subscription('2016-02-01', '20000000'))) });
    const report = await run(fund, [...holders]);
    expect(report.findings).toEqual([]);
  });
});

describe('cl. 12 para 1 (1)–(4): grounds recorded by a person', () => {
  const grounds = [
    [1, 'โครงสร้างการลงทุนผ่านกองทุนต่างประเทศมีลักษณะเลี่ยงข้อจำกัดการลงทุน แม้ถูกต้องตามรูปแบบ'],
    [2, 'นโยบายการลงทุนขัดต่อนโยบายส่งเสริมตลาดตราสารหนี้ภาคเอกชนของรัฐ'],
    [3, 'การจ่ายผลตอบแทนพิเศษแก่ผู้ถือหน่วยบางรายอาจกระทบความน่าเชื่อถือของตลาดทุนไทย'],
    [4, 'หนังสือชี้ชวนไม่เปิดเผยความเสี่ยงจากการกระจุกตัวของผู้ออกตราสาร'],
  ] as const;

  it.each(grounds)('a ground recorded under item (%i) is an order-ground finding citing cl. 12 para 1 (%i), with the possible orders of para 2', async (item, description) => {
    const report = await run(mutualFund({ id: 'M0345_2562', recordedGrounds: [recordedGround(item, '2024-03-18', description, { reference: `COMP-2567-03${item}` })] }));
    const finding = expectFinding(report, {
      ruleId: GROUND(item),
      severity: 'order-ground',
      fundId: 'M0345_2562',
      citation: { clause: 12, paragraph: 1, item },
      evidence: { recordedOn: '2024-03-18', description },
    });
    expect(finding.subject).toMatchObject({ kind: 'recorded-ground', groundItem: item, pointer: 'funds[0].recordedGrounds[0]' });
    expect(finding.citation.text.en).toBe(`TorNor. 89/2558 cl. 12 para 1 (${item})`);
    expect(finding.citation.text.th).toBe(`ทน. 89/2558 ข้อ 12 วรรคหนึ่ง (${item})`);
    expect(finding.message.en).toContain(`cl. 12 para 1 (${item})`);
    expect(finding.message.en).toContain('18 Mar 2024');
    expect(finding.message.th).toContain('18 มี.ค. 2567');
    expect(finding.message.th).toContain(description);
    expectPossibleOrders(finding);
    // Only the rule of its own item finds it.
    expect(report.findings.map((f) => f.ruleId)).toEqual([GROUND(item)]);
    for (const other of [1, 2, 3, 4].filter((i) => i !== item)) expect(outcomeOf(report, GROUND(other))).toBe('not-applicable');
  });

  it('four grounds recorded for one fund give four order-ground findings, one per item', async () => {
    const report = await run(mutualFund({ recordedGrounds: grounds.map(([item, description]) => recordedGround(item, '2024-03-18', description)) }));
    expect(report.findings.map((f) => [f.ruleId, f.citation.item])).toEqual([1, 2, 3, 4].map((i) => [GROUND(i), i]));
    expect(report.summary.bySeverity['order-ground']).toBe(4);
  });

  it('a ground recorded after the as-of date is not yet a finding', async () => {
    const fund = mutualFund({ recordedGrounds: [recordedGround(4, '2024-07-08', 'ข้อมูลในหนังสือชี้ชวนไม่ครบถ้วน')] });
    expect((await run(fund, [], '2024-06-30')).findings).toEqual([]);
    expectFinding(await run(fund, [], '2024-07-08'), { ruleId: GROUND(4), severity: 'order-ground', citation: { clause: 12, paragraph: 1, item: 4 }, evidence: { recordedOn: '2024-07-08' } });
  });

  it('cl. 12 concerns mutual funds: a ground recorded against a private fund is not a cl. 12 finding', async () => {
    const report = await run(privateFund({ recordedGrounds: [recordedGround(2, '2024-03-18', 'ไม่ใช่กองทุนรวม')] }));
    expect(outcomeOf(report, GROUND(2))).toBe('not-applicable');
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate, loadPackFromObject, tn89Pack, type PackInput } from '../../src/index.js';
import { resolvePath } from '../../src/engine/path.js';
import { typeBFund } from '../helpers/build.js';

/** The type B fund with three holders: at the threshold, one satang below it, well above it. */
function hnwFund(overrides: Record<string, unknown> = {}) {
  return typeBFund({
    scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '500000' },
    unitholders: [
      { investorId: 'I1', subscriptions: [{ date: '2018-06-01', amount: '500000' }] },
      { investorId: 'I2', subscriptions: [{ date: '2018-06-02', amount: '499999.99' }] },
      { investorId: 'I3', subscriptions: [{ date: '2018-06-03', amount: '2000000' }] },
    ],
    ...overrides,
  });
}

const investors = [
  { id: 'I1', type: 'individual', category: 'retail', domicile: 'TH' },
  { id: 'I2', type: 'individual', category: 'retail', domicile: 'TH' },
  { id: 'I3', type: 'juristic', category: 'institutional', domicile: 'TH' },
];

describe('evaluation', () => {
  it('accounts for every rule of every pack: the outcomes add up to the number of rules', async () => {
    const report = await evaluate({ funds: [hnwFund()], investors }, { asOf: '2024-06-30' });
    const { rules, passed, found, notApplicable, notInForce } = report.summary;
    expect(rules).toBe(tn89Pack().rules.length);
    expect(passed + found + notApplicable + notInForce).toBe(rules);
    expect(report.rules.map((r) => r.ruleId).sort()).toEqual(tn89Pack().rules.map((r) => r.id).sort());
    // One finding per breach: the holder below the threshold is reported once.
    expect(found).toBe(1);
    expect(report.findings.map((f) => [f.ruleId, f.subject.investorId])).toEqual([['tn89.cl12.holder-outside-non-retail-fund-class', 'I2']]);
  });

  it('never mutates its input', async () => {
    const input = { funds: [hnwFund()], investors };
    const before = structuredClone(input);
    await evaluate(input, { asOf: '2024-06-30' });
    expect(input).toEqual(before);
  });

  it('gives the same report for the same input, run after run and side by side', async () => {
    const input = { funds: [hnwFund(), hnwFund({ id: 'M0043_2561', declaredType: 'H', scheme: { investorRestriction: 'non-retail-or-high-net-worth', minimumFirstSubscription: '100000' } })], investors };
    const first = await evaluate(input, { asOf: '2024-06-30' });
    const [a, b, c] = await Promise.all([evaluate(input, { asOf: '2024-06-30' }), evaluate(input, { asOf: '2024-06-30' }), evaluate(input, { asOf: '2024-06-30' })]);
    expect(a).toEqual(first);
    expect(b).toEqual(first);
    expect(c).toEqual(first);
  });

  it('keeps evaluating correctly after an evaluation fails (no engine state is shared)', async () => {
    // A pack whose rule compares a text with a decimal operator fails at run time ...
    const broken: PackInput = {
      meta: { ...tn89Pack().meta, id: 'broken' },
      messages: { m: { th: 'ข้อความ', en: 'message' } },
      rules: [
        {
          id: 'broken.compare-text',
          title: { th: 'ทดสอบ', en: 'test' },
          subject: 'fund',
          severity: 'warning',
          citation: { clause: 1 },
          violationWhen: { fact: 'fund', path: '$.declaredType', operator: 'decimalLessThan', value: 1 },
          message: 'm',
        },
      ],
    };
    await expect(evaluate({ funds: [hnwFund()], investors }, { asOf: '2024-06-30', packs: [loadPackFromObject(broken)] })).rejects.toThrow(/decimalLessThan: the fact is string "B", expected a decimal amount/);
    // ... and the next evaluation still finds what it must find.
    const report = await evaluate({ funds: [hnwFund()], investors }, { asOf: '2024-06-30' });
    expect(report.summary.found).toBe(1);
  });

  it('reports the thresholds and fact values that decided a finding', async () => {
    const report = await evaluate({ funds: [hnwFund()], investors }, { asOf: '2024-06-30' });
    const finding = report.findings[0]!;
    expect(finding.evidence).toEqual(
      expect.arrayContaining([
        { name: 'firstSubscriptionAmount', type: 'money', value: '499999.99', source: 'unitholder.firstSubscription.amount' },
        { name: 'threshold', type: 'money', value: '500000', source: 'param:hnw-minimum-first-subscription', pack: 'tn-89-2558' },
      ]),
    );
    expect(finding.decidedBy).toEqual([
      { fact: 'unitholder', path: '$.firstSubscription.amount', operator: 'decimalLessThan', actual: '499999.99', expected: '500000', result: true },
      { fact: 'unitholder', path: '$.categoryAtFirstSubscription', operator: 'equal', actual: 'retail', expected: 'retail', result: true },
    ]);
    expect(finding.subject.pointer).toBe('funds[0].unitholders[1]');
    // The input fields that decided it, so a file-based tool can point at its line.
    expect(finding.fields).toEqual(['funds[0].unitholders[1].subscriptions[0].amount', 'investors[1].category']);
  });

  it('lists unitholders who do not hold units yet on the as-of date instead of dropping them silently', async () => {
    const fund = hnwFund({ unitholders: [{ investorId: 'I2', subscriptions: [{ date: '2025-01-01', amount: '1000' }] }] });
    const report = await evaluate({ funds: [fund], investors }, { asOf: '2024-06-30' });
    expect(report.findings).toEqual([]);
    expect(report.funds[0]?.notYetHolding).toEqual(['I2']);
  });

  it('evaluates a pack given as a plain object beside the built-in one', async () => {
    const house: PackInput = {
      meta: { id: 'house', version: '1.0.0', notice: { th: 'นโยบายบริษัท', en: 'House policy' }, title: { th: 'นโยบาย', en: 'Policy' }, announced: '2020-01-01', inForce: { from: '2020-01-01', citation: { notice: { th: 'นโยบายบริษัท', en: 'House policy' } } } },
      messages: { low: { th: 'ลงทุนครั้งแรก {amount}', en: 'first subscription {amount}' } },
      rules: [
        {
          id: 'house.min-first-subscription',
          title: { th: 'ขั้นต่ำของบริษัท', en: 'House minimum' },
          subject: 'unitholder',
          severity: 'warning',
          citation: { notice: { th: 'นโยบายบริษัท', en: 'House policy' } },
          violationWhen: { fact: 'unitholder', path: '$.firstSubscription.amount', operator: 'decimalLessThan', value: '1000000' },
          evidence: [{ name: 'amount', fact: 'unitholder', path: '$.firstSubscription.amount', type: 'money' }],
          message: 'low',
        },
      ],
    };
    const report = await evaluate({ funds: [hnwFund()], investors }, { asOf: '2024-06-30', packs: [tn89Pack(), house] });
    const scheme = await evaluate({ funds: [hnwFund({ scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '1' } })], investors }, { asOf: '2024-06-30' });
    expect(scheme.findings.find((f) => f.ruleId === 'tn89.cl1.hnw-scheme-minimum-below-threshold')?.fields).toEqual(['funds[0].scheme.minimumFirstSubscription']);
    expect(report.findings.filter((f) => f.packId === 'house').map((f) => [f.subject.investorId, f.message.en])).toEqual([
      ['I1', 'first subscription THB 500,000.00'],
      ['I2', 'first subscription THB 499,999.99'],
    ]);
    expect(report.summary.rules).toBe(tn89Pack().rules.length + 1);
  });
});

describe('the path resolver', () => {
  it('reads own properties only and never the prototype', () => {
    expect(resolvePath({ a: { b: [1, 2] } }, '$.a.b[1]')).toBe(2);
    expect(resolvePath({ a: {} }, '$.a.toString')).toBeUndefined();
    expect(() => resolvePath({}, '$.__proto__')).toThrow(/not allowed/);
    expect(() => resolvePath({}, '$..*')).toThrow(/unsupported path syntax/);
  });
});

describe('messages', () => {
  it('put coded values into words: Thai readers see ผู้ลงทุนรายย่อย, not "retail"', async () => {
    const fund = hnwFund({ declaredType: 'A', scheme: { investorRestriction: 'non-retail' } });
    const report = await evaluate({ funds: [fund], investors }, { asOf: '2024-06-30' });
    const finding = report.findings.find((f) => f.ruleId === 'tn89.cl12.holder-outside-non-retail-fund-class' && f.subject.investorId === 'I2')!;
    expect(finding.message.th).toContain('เป็นผู้ลงทุนรายย่อย');
    expect(finding.message.th).toContain('โครงการเสนอขายแก่ผู้ลงทุนที่มิใช่รายย่อย');
    expect(finding.message.en).toContain('(a scheme for non-retail investors) was a retail investor on the first subscription\'s date');
  });

  it('explain a derived category in words: the review date, the test and the threshold', async () => {
    const derived = [{ id: 'I1', type: 'individual', domicile: 'TH', profile: { assessedOn: '2022-10-01', netAssets: '35000000' } }];
    const fund = hnwFund({ declaredType: 'X', scheme: { investorRestriction: 'institutional-or-ultra-high-net-worth' }, unitholders: [{ investorId: 'I1', subscriptions: [{ date: '2023-01-05', amount: '600000' }] }] });
    const report = await evaluate({ funds: [fund], investors: derived }, { asOf: '2024-06-30' });
    const finding = report.findings.find((f) => f.ruleId === 'tn89.cl12.x-fund-holder-not-institutional-or-uhnw')!;
    const basis = finding.evidence.find((e) => e.name === 'categoryBasis')!;
    const { formatValue } = await import('../../src/index.js');
    expect(formatValue(basis, 'en')).toBe('high-net-worth from the review of 1 Oct 2022: netAssets THB 35,000,000.00 ≥ THB 30,000,000.00 (KorJor. 39/2564)');
    expect(formatValue(basis, 'th')).toBe('high-net-worth จากการทบทวนเมื่อ 1 ต.ค. 2565: netAssets 35,000,000.00 บาท ≥ 30,000,000.00 บาท (กจ. 39/2564)');
  });
});

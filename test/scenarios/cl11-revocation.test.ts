/**
 * TorNor. 89/2558 cl. 11 — the Office may revoke approval of a mutual fund
 * where (1) the scheme is amended contrary to the securities law; (2) units
 * were sold without the retail offering (prospectus) rules being followed;
 * (3) an institutional fund has a unitholder who is not an institutional
 * investor; (4) the company fails to carry out an Office order under the
 * unitholding-limit rules. Para 2: once revoked, the fund is dissolved at once.
 */
import { describe, expect, it } from 'vitest';
import { safeEvaluate } from '../../src/index.js';
import {
  amendment,
  expectFinding,
  expectNoFinding,
  findingsOf,
  fundOfType,
  holder,
  investor,
  mutualFund,
  outcomeOf,
  run,
  subscription,
  unitholdingOrder,
} from '../helpers/build.js';

const CONTRARY = 'tn89.cl11.amendment-contrary-to-law';
const LOWERS = 'tn89.cl11.amendment-lowers-hnw-minimum';
const PROSPECTUS = 'tn89.cl11.retail-units-sold-without-prospectus-rules';
const INSTITUTIONAL = 'tn89.cl11.institutional-fund-non-institutional-holder';
const ORDER = 'tn89.cl11.unitholding-limit-order-not-carried-out';

const somchai = investor('TH-IND-000145', 'retail', { name: 'นายสมชาย ใจดี' });
const insurer = investor('TH-JUR-001207', 'institutional', { name: 'บริษัท ไทยมั่นคงประกันชีวิต จำกัด (มหาชน)' });

describe('cl. 11 para 1 (1): a scheme amended contrary to the securities law', () => {
  it('an amendment recorded as conflicting with the law is a ground for revoking the fund, and the fund must then be dissolved at once', async () => {
    const fund = mutualFund({
      id: 'M0160_2560',
      amendments: [amendment('AMD-2566-11', '2023-08-15', { conflictsWith: [{ kind: 'notice-rule-or-order', reference: 'ทน. 89/2558 ข้อ 1' }] })],
    });
    const report = await run(fund);
    const finding = expectFinding(report, {
      ruleId: CONTRARY,
      severity: 'revocation-ground',
      fundId: 'M0160_2560',
      amendmentId: 'AMD-2566-11',
      citation: { clause: 11, paragraph: 1, item: 1 },
      evidence: { amendmentDate: '2023-08-15', conflictsWith: ['ทน. 89/2558 ข้อ 1'] },
    });
    expect(finding.citation.text.th).toBe('ทน. 89/2558 ข้อ 11 วรรคหนึ่ง (1)');
    expect(finding.consequence!.citation.text.th).toBe('ทน. 89/2558 ข้อ 11 วรรคสอง');
    expect(finding.consequence!.message.en).toContain('M0160_2560');
    expect(finding.consequence!.message.th).toContain('M0160_2560');
    expect(report.summary.bySeverity['revocation-ground']).toBe(1);
  });

  it('an amendment with no recorded conflict is not a ground for revocation', async () => {
    const report = await run(mutualFund({ amendments: [amendment('AMD-2566-02', '2023-05-18', { description: 'เพิ่มช่องทางการขาย' })] }));
    expectNoFinding(report, CONTRARY);
    expect(outcomeOf(report, CONTRARY)).toBe('passed');
  });

  it('an amendment dated after the as-of date is not yet evaluated', async () => {
    const fund = mutualFund({ amendments: [amendment('AMD-2567-09', '2024-07-01', { conflictsWith: [{ kind: 'notice-rule-or-order', reference: 'ทน. 89/2558 ข้อ 1' }] })] });
    expectNoFinding(await run(fund, [], '2024-06-30'), CONTRARY);
    expectFinding(await run(fund, [], '2024-07-01'), { ruleId: CONTRARY, severity: 'revocation-ground', citation: { clause: 11, paragraph: 1, item: 1 }, evidence: { amendmentDate: '2024-07-01' } });
  });

  it('an amendment lowering a type B fund minimum first subscription below 500,000 THB is a ground for revocation', async () => {
    const fund = fundOfType('B', { id: 'M0455_2563', amendments: [amendment('AMD-2566-11', '2023-08-15', { changes: { minimumFirstSubscription: '499999.99' } })] });
    const report = await run(fund);
    const finding = expectFinding(report, {
      ruleId: LOWERS,
      severity: 'revocation-ground',
      amendmentId: 'AMD-2566-11',
      citation: { clause: 11, paragraph: 1, item: 1 },
      evidence: { newMinimum: '499999.99', threshold: '500000', resultingInvestorRestriction: 'high-net-worth' },
    });
    expect(finding.basis!.map((c) => c.term)).toEqual(['ผู้มีเงินลงทุนสูง']);
  });

  it('an amendment converting a type B fund to a retail fund with a 1,000 THB minimum is judged as a retail fund: not a revocation ground', async () => {
    const fund = fundOfType('B', { amendments: [amendment('AMD-2567-01', '2024-01-10', { changes: { investorRestriction: 'general', minimumFirstSubscription: '1000' } })] });
    const report = await run(fund);
    expectNoFinding(report, LOWERS);
    expect(outcomeOf(report, LOWERS)).toBe('not-applicable');
  });

  it('in a type H fund non-retail investors may subscribe any amount: lowering its minimum is not a revocation ground', async () => {
    const report = await run(fundOfType('H', { amendments: [amendment('AMD-2', '2023-08-15', { changes: { minimumFirstSubscription: '300000' } })] }));
    expectNoFinding(report, LOWERS);
  });

  it('only a conflict with the securities law or a notice, rule or order issued under it is a ground; a conflict with a house policy is recorded but is not', async () => {
    const house = mutualFund({ amendments: [amendment('AMD-3', '2023-08-15', { conflictsWith: [{ kind: 'other', reference: 'นโยบายการลงทุนของบริษัท ข้อ 4' }] })] });
    const none = await run(house);
    expectNoFinding(none, CONTRARY);
    expect(outcomeOf(none, CONTRARY)).toBe('passed');
    const both = mutualFund({ amendments: [amendment('AMD-4', '2023-08-15', { conflictsWith: [{ kind: 'securities-law', reference: 'พ.ร.บ. หลักทรัพย์ฯ มาตรา 117' }, { kind: 'other', reference: 'House policy 4' }] })] });
    expectFinding(await run(both), { ruleId: CONTRARY, severity: 'revocation-ground', citation: { clause: 11, paragraph: 1, item: 1 }, evidence: { conflictsWith: ['พ.ร.บ. หลักทรัพย์ฯ มาตรา 117'], otherConflicts: ['House policy 4'] } });
  });

  it('a conflict recorded as free text is refused with the path of the field', async () => {
    const result = await safeEvaluate({ funds: [mutualFund({ amendments: [{ id: 'A', date: '2023-01-01', conflictsWith: ['ทน. 89/2558 ข้อ 1'] as never }] })] }, { asOf: '2024-06-30' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.pointer).toBe('funds[0].amendments[0].conflictsWith[0]');
  });

  it.each(['500000', '1000000.00'])('an amendment setting a high-net-worth fund minimum to %s THB is lawful', async (minimum) => {
    const report = await run(fundOfType('B', { amendments: [amendment('AMD-1', '2023-08-15', { changes: { minimumFirstSubscription: minimum } })] }));
    expectNoFinding(report, LOWERS);
    expect(outcomeOf(report, LOWERS)).toBe('passed');
  });
});

describe('cl. 11 para 1 (2): retail-fund units sold without the offering rules', () => {
  it('units of a retail fund sold without the prospectus rules being followed are a ground for revocation', async () => {
    const fund = mutualFund({
      id: 'M0150_2560',
      unitholders: [holder(somchai.id, subscription('2023-02-06', '50000', { prospectusDelivered: false }), subscription('2023-08-01', '50000', { prospectusDelivered: true }))],
    });
    const report = await run(fund, [somchai]);
    expectFinding(report, {
      ruleId: PROSPECTUS,
      severity: 'revocation-ground',
      fundId: 'M0150_2560',
      investorId: somchai.id,
      citation: { clause: 11, paragraph: 1, item: 2 },
      evidence: { count: 1 },
    });
  });

  it('units sold with the prospectus rules followed, or with no record either way, are no ground', async () => {
    const fund = mutualFund({ unitholders: [holder(somchai.id, subscription('2023-02-06', '50000', { prospectusDelivered: true }), subscription('2023-03-06', '50000'))] });
    const report = await run(fund, [somchai]);
    expectNoFinding(report, PROSPECTUS);
    expect(outcomeOf(report, PROSPECTUS)).toBe('passed');
  });

  it('a subscription dated after the as-of date is ignored', async () => {
    const fund = mutualFund({
      unitholders: [holder(somchai.id, subscription('2023-02-06', '50000', { prospectusDelivered: true }), subscription('2024-07-01', '50000', { prospectusDelivered: false }))],
    });
    expectNoFinding(await run(fund, [somchai], '2024-06-30'), PROSPECTUS);
    expectFinding(await run(fund, [somchai], '2024-07-01'), { ruleId: PROSPECTUS, severity: 'revocation-ground', citation: { clause: 11, paragraph: 1, item: 2 }, evidence: { count: 1 } });
  });

  it('the retail offering rules reach only retail (type R) funds', async () => {
    const fund = fundOfType('A', { unitholders: [holder(insurer.id, subscription('2023-02-06', '5000000', { prospectusDelivered: false }))] });
    const report = await run(fund, [insurer]);
    expect(outcomeOf(report, PROSPECTUS)).toBe('not-applicable');
  });
});

describe('cl. 11 para 1 (3): an institutional fund with a unitholder who is not an institutional investor', () => {
  it('an institutional fund (type N) with a retail holder is a ground for revocation, and the fund must then be dissolved at once', async () => {
    const fund = fundOfType('N', {
      id: 'M0041_2557',
      unitholders: [holder(insurer.id, subscription('2014-07-01', '200000000')), holder(somchai.id, subscription('2023-10-02', '10000000'))],
    });
    const report = await run(fund, [insurer, somchai]);
    const finding = expectFinding(report, {
      ruleId: INSTITUTIONAL,
      severity: 'revocation-ground',
      fundId: 'M0041_2557',
      investorId: somchai.id,
      citation: { clause: 11, paragraph: 1, item: 3 },
      evidence: { category: 'retail', firstSubscriptionDate: '2023-10-02' },
    });
    expect(finding.consequence!.message.en).toMatch(/dissolve fund M0041_2557 immediately/);
    expect(findingsOf(report, INSTITUTIONAL)).toHaveLength(1);
  });

  it('an ultra-high-net-worth investor is not an institutional investor either', async () => {
    const rich = investor('TH-IND-009981', 'ultra-high-net-worth');
    const report = await run(fundOfType('N', { unitholders: [holder(rich.id, subscription('2020-01-10', '50000000'))] }), [rich]);
    expectFinding(report, { ruleId: INSTITUTIONAL, severity: 'revocation-ground', citation: { clause: 11, paragraph: 1, item: 3 }, evidence: { category: 'ultra-high-net-worth' } });
  });

  it('an institutional fund held only by institutional investors gives no ground', async () => {
    const report = await run(fundOfType('N', { unitholders: [holder(insurer.id, subscription('2014-07-01', '200000000'))] }), [insurer]);
    expectNoFinding(report, INSTITUTIONAL);
    expect(outcomeOf(report, INSTITUTIONAL)).toBe('passed');
    expect(report.findings).toEqual([]);
  });
});

describe('cl. 11 para 1 (4): an Office order under the unitholding-limit rules not carried out', () => {
  const fundWithOrder = (dates: { issuedOn: string; dueBy: string; completedOn?: string }) =>
    mutualFund({ id: 'M0150_2560', orders: [unitholdingOrder('SEC-ORD-2566-1182', dates)] });

  it('an order carried out after its due date is a ground for revocation', async () => {
    const report = await run(fundWithOrder({ issuedOn: '2023-11-15', dueBy: '2024-01-15', completedOn: '2024-01-16' }));
    expectFinding(report, {
      ruleId: ORDER,
      severity: 'revocation-ground',
      fundId: 'M0150_2560',
      orderId: 'SEC-ORD-2566-1182',
      citation: { clause: 11, paragraph: 1, item: 4 },
      evidence: { dueBy: '2024-01-15', completedOn: '2024-01-16', issuedOn: '2023-11-15' },
    });
  });

  it('an order still open after its due date is a ground for revocation', async () => {
    const report = await run(fundWithOrder({ issuedOn: '2024-03-01', dueBy: '2024-05-31' }));
    const finding = expectFinding(report, {
      ruleId: ORDER,
      severity: 'revocation-ground',
      orderId: 'SEC-ORD-2566-1182',
      citation: { clause: 11, paragraph: 1, item: 4 },
      evidence: { dueBy: '2024-05-31', completedOn: null },
    });
    expect(finding.message.en).toContain('(not recorded)');
  });

  it('an order carried out on its due date is no ground', async () => {
    const report = await run(fundWithOrder({ issuedOn: '2023-11-15', dueBy: '2024-01-15', completedOn: '2024-01-15' }));
    expectNoFinding(report, ORDER);
    expect(outcomeOf(report, ORDER)).toBe('passed');
  });

  it('an open order is no ground on its due date, and is one the day after', async () => {
    const fund = fundWithOrder({ issuedOn: '2024-05-01', dueBy: '2024-06-30' });
    expectNoFinding(await run(fund, [], '2024-06-30'), ORDER);
    expectFinding(await run(fund, [], '2024-07-01'), { ruleId: ORDER, severity: 'revocation-ground', citation: { clause: 11, paragraph: 1, item: 4 }, evidence: { dueBy: '2024-06-30' } });
  });

  it('an order issued after the as-of date is not yet evaluated', async () => {
    const report = await run(fundWithOrder({ issuedOn: '2024-07-10', dueBy: '2024-07-20' }), [], '2024-06-30');
    expect(outcomeOf(report, ORDER)).toBe('not-applicable');
  });

  it('an overdue order made under another power (cl. 12) is not a cl. 11 (4) ground', async () => {
    const fund = mutualFund({ orders: [unitholdingOrder('SEC-ORD-12', { issuedOn: '2023-11-15', dueBy: '2024-01-15' }, { basis: 'clause-12' })] });
    const report = await run(fund);
    expectNoFinding(report, ORDER);
    expect(outcomeOf(report, ORDER)).toBe('not-applicable');
  });
});

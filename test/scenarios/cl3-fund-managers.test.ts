/**
 * TorNor. 89/2558 cl. 3 — the management company appoints fund managers, and
 * each person appointed meets the CMSB notice on capital-market personnel.
 * What a machine can check: when the input tracks the fund's managers, at
 * least one is appointed, and each one's approval is valid on the as-of date
 * (valid through `approvalValidTo`, inclusive). An absent list means "not
 * tracked" and checks nothing; an empty list means nobody is appointed.
 */
import { describe, expect, it } from 'vitest';
import { expectFinding, expectNoFinding, findingsOf, fundManager, mutualFund, outcomeOf, privateFund, run } from '../helpers/build.js';

const NONE_APPOINTED = 'tn89.cl3.no-fund-manager-appointed';
const NOT_VALID = 'tn89.cl3.fund-manager-approval-not-valid';
const PLACEHOLDER = /\{[A-Za-z][A-Za-z0-9]*\}/;

const wanida = fundManager('นางสาววนิดา ศรีอ่อน', '2015-08-01', undefined, { licenceNumber: 'FM-0311' });

describe('cl. 3: a fund has an appointed fund manager', () => {
  it('a fund whose tracked list of fund managers is empty has no fund manager appointed', async () => {
    const report = await run(mutualFund({ id: 'M0233_2560', fundManagers: [] }));
    const found = findingsOf(report, NONE_APPOINTED);
    expect(found).toHaveLength(1);
    const finding = found[0]!;
    expect(finding.severity).toBe('violation');
    expect(finding.status).toBe('violation');
    expect(finding.subject).toMatchObject({ kind: 'fund', fundId: 'M0233_2560', pointer: 'funds[0]' });
    const { clause, paragraph, item, term } = finding.citation;
    expect({ clause, paragraph, item, term }).toEqual({ clause: 3, paragraph: undefined, item: undefined, term: undefined });
    expect(finding.citation.text).toEqual({ th: 'ทน. 89/2558 ข้อ 3', en: 'TorNor. 89/2558 cl. 3' });
    // What decided it: the count of appointed managers, zero.
    expect(finding.decidedBy).toContainEqual(expect.objectContaining({ fact: 'fund', path: '$.validFundManagerCount', actual: 0, result: true }));
    expect(finding.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'fundManagerCount', value: 0 })]));
    expect(finding.fields).toContain('funds[0].fundManagers');
    expect(finding.message.en).toBe('Fund M0233_2560 has no appointed fund manager with an approval valid on the as-of date (0 appointed, 0 with a valid approval)');
    expect(finding.message.th).toBe('กองทุน M0233_2560 ไม่มีผู้จัดการกองทุนที่ได้รับแต่งตั้งและมีความเห็นชอบที่มีผล ณ วันที่ประเมิน (แต่งตั้ง 0 คน มีความเห็นชอบที่มีผล 0 คน)');
    expect(outcomeOf(report, NOT_VALID)).toBe('not-applicable');
  });

  it('a fund with one manager whose approval is valid has a fund manager appointed', async () => {
    const report = await run(mutualFund({ fundManagers: [wanida] }));
    expect(outcomeOf(report, NONE_APPOINTED)).toBe('passed');
    expect(outcomeOf(report, NOT_VALID)).toBe('passed');
    expect(report.findings).toEqual([]);
  });

  it('a fund whose input does not track fund managers is not checked under cl. 3', async () => {
    const report = await run(mutualFund());
    expect(outcomeOf(report, NONE_APPOINTED)).toBe('not-applicable');
    expect(outcomeOf(report, NOT_VALID)).toBe('not-applicable');
  });

  it('a fund dissolved before the as-of date needs no fund manager', async () => {
    const report = await run(mutualFund({ dissolutionDate: '2023-12-29', fundManagers: [] }));
    expectNoFinding(report, NONE_APPOINTED);
    expect(outcomeOf(report, NONE_APPOINTED)).toBe('not-applicable');
  });

  it('a private fund with no manager appointed is found too: "fund manager" covers private fund managers', async () => {
    const report = await run(privateFund({ id: 'PF-2563-0042', fundManagers: [] }));
    expect(findingsOf(report, NONE_APPOINTED).map((f) => f.subject.fundId)).toEqual(['PF-2563-0042']);
  });
});

describe("cl. 3: each appointed manager's approval is valid on the as-of date", () => {
  it('a manager whose approval expired on 29 June 2024, the day before the as-of date, has no valid approval on 30 June 2024', async () => {
    const somsak = fundManager('นายสมศักดิ์ วงศ์ทอง', '2016-07-01', '2024-06-29');
    const report = await run(mutualFund({ id: 'M0310_2560', fundManagers: [wanida, somsak] }), [], '2024-06-30');
    const finding = expectFinding(report, {
      ruleId: NOT_VALID,
      severity: 'violation',
      fundId: 'M0310_2560',
      citation: { clause: 3 },
      evidence: { validFrom: '2016-07-01', validTo: '2024-06-29' },
    });
    expect(finding.subject).toMatchObject({ kind: 'fund-manager', fundManager: 'นายสมศักดิ์ วงศ์ทอง', pointer: 'funds[0].fundManagers[1]' });
    expect(finding.fields).toEqual(['funds[0].fundManagers[1].approvalValidTo']);
    expect(finding.message.en).toContain('นายสมศักดิ์ วงศ์ทอง');
    expect(finding.message.en).toContain('29 Jun 2024');
    expect(finding.message.th).toContain('29 มิ.ย. 2567');
    // Only the expired manager is reported; the fund still has a valid one, so it is not "without a manager".
    expect(findingsOf(report, NOT_VALID)).toHaveLength(1);
    expectNoFinding(report, NONE_APPOINTED);
  });

  it('a manager whose approval runs to 30 June 2024 is still approved on 30 June 2024 (the end date counts)', async () => {
    const report = await run(mutualFund({ fundManagers: [fundManager('นายสมศักดิ์ วงศ์ทอง', '2016-07-01', '2024-06-30')] }), [], '2024-06-30');
    expectNoFinding(report, NOT_VALID);
    expect(outcomeOf(report, NOT_VALID)).toBe('passed');
  });

  it('the same manager is found as of 1 July 2024, the day after the approval ended', async () => {
    const fund = mutualFund({ fundManagers: [fundManager('นายสมศักดิ์ วงศ์ทอง', '2016-07-01', '2024-06-30')] });
    expectFinding(await run(fund, [], '2024-07-01'), { ruleId: NOT_VALID, severity: 'violation', citation: { clause: 3 }, evidence: { validTo: '2024-06-30' } });
  });

  it('a manager appointed before the approval begins has no valid approval yet', async () => {
    const report = await run(mutualFund({ fundManagers: [fundManager('นางพรรณี ใจงาม', '2024-07-01')] }), [], '2024-06-30');
    const finding = expectFinding(report, { ruleId: NOT_VALID, severity: 'violation', citation: { clause: 3 }, evidence: { validFrom: '2024-07-01', validTo: null } });
    expect(finding.message.en).not.toMatch(PLACEHOLDER);
    expect(finding.message.th).not.toMatch(PLACEHOLDER);
    const onceApproved = await run(mutualFund({ fundManagers: [fundManager('นางพรรณี ใจงาม', '2024-07-01')] }), [], '2024-07-01');
    expectNoFinding(onceApproved, NOT_VALID);
  });

  it('an approval with no end date stays valid', async () => {
    const report = await run(mutualFund({ fundManagers: [wanida] }), [], '2024-06-30');
    expect(outcomeOf(report, NOT_VALID)).toBe('passed');
  });

  it('each manager whose approval lapsed is reported separately', async () => {
    const report = await run(
      mutualFund({ fundManagers: [fundManager('นายเอกชัย มั่นคง', '2016-01-16', '2020-12-31'), fundManager('นางสาวดวงใจ สุขสม', '2018-03-01', '2023-02-28')] }),
    );
    expect(findingsOf(report, NOT_VALID).map((f) => f.subject.fundManager)).toEqual(['นายเอกชัย มั่นคง', 'นางสาวดวงใจ สุขสม']);
    // With every approval lapsed, the fund also has no manager it may rely on.
    expect(findingsOf(report, 'tn89.cl3.no-fund-manager-appointed')).toHaveLength(1);
    expect(report.summary.bySeverity.violation).toBe(3);
  });
});

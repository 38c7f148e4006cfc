/**
 * TorNor. 89/2558 cl. 1 — the kinds of mutual fund: a fund's declared SEC type
 * must match who its scheme admits, and an institutional mutual fund is one
 * the Office had approved before the notice came into force (2016-01-16).
 */
import { describe, expect, it } from 'vitest';
import type { FundTypeCode } from '../../src/index.js';
import { expectFinding, expectNoFinding, fundOfType, holder, investor, mutualFund, outcomeOf, RESTRICTION_OF, run, subscription } from '../helpers/build.js';

const MISMATCH = 'tn89.cl1.declared-type-mismatch';
const INSTITUTIONAL_APPROVAL = 'tn89.cl1.institutional-fund-approved-after-commencement';
const INSTITUTIONAL_TERM = 'กองทุนรวมเพื่อผู้ลงทุนประเภทสถาบัน';

describe('cl. 1: the declared fund type follows who the scheme admits', () => {
  const types = Object.keys(RESTRICTION_OF) as FundTypeCode[];

  it.each(types)('a fund declared type %s whose scheme admits exactly those investors is correctly classified', async (type) => {
    const report = await run(fundOfType(type));
    expectNoFinding(report, MISMATCH);
    expect(outcomeOf(report, MISMATCH)).toBe('passed');
    expect(report.findings).toEqual([]);
  });

  it('a fund declared retail (R) whose scheme admits only high-net-worth investors is misclassified', async () => {
    const report = await run(mutualFund({ id: 'M0789_2562', declaredType: 'R', scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '500000' } }));
    const finding = expectFinding(report, {
      ruleId: MISMATCH,
      severity: 'violation',
      fundId: 'M0789_2562',
      citation: { clause: 1 },
      evidence: { declaredType: 'R', investorRestriction: 'high-net-worth', typeFromScheme: 'B' },
    });
    expect(finding.subject.kind).toBe('fund');
    expect(finding.message.en).toContain('M0789_2562');
    expect(report.findings).toHaveLength(1);
  });

  it('a fund declared non-retail (A) whose scheme also admits high-net-worth investors is type H, not A', async () => {
    const report = await run(mutualFund({ declaredType: 'A', scheme: { investorRestriction: 'non-retail-or-high-net-worth', minimumFirstSubscription: '500000' } }));
    expectFinding(report, {
      ruleId: MISMATCH,
      severity: 'violation',
      citation: { clause: 1 },
      evidence: { declaredType: 'A', typeFromScheme: 'H' },
    });
  });

  it('a fund declared high-net-worth (B) whose scheme is open to the general public is type R', async () => {
    const report = await run(mutualFund({ declaredType: 'B', scheme: { investorRestriction: 'general', minimumFirstSubscription: '500000' } }));
    expectFinding(report, { ruleId: MISMATCH, severity: 'violation', citation: { clause: 1 }, evidence: { declaredType: 'B', typeFromScheme: 'R' } });
  });

  it('private and provident funds are not mutual funds and are not classified under cl. 1', async () => {
    const report = await run([
      mutualFund({ id: 'PF-0001', kind: 'private', declaredType: undefined, scheme: { investorRestriction: 'general' } }),
      mutualFund({ id: 'PVD-0001', kind: 'provident', declaredType: undefined, scheme: { investorRestriction: 'provident-funds' } }),
    ]);
    expect(report.findings).toEqual([]);
    expect(outcomeOf(report, MISMATCH)).toBe('not-applicable');
  });
});

describe('cl. 1: an institutional mutual fund is one approved before the notice came into force', () => {
  const institutionalHolder = investor('TH-JUR-001207', 'institutional');
  const institutionalFund = (approvalDate: string) =>
    fundOfType('N', { id: 'M0098_2559', approvalDate, registrationDate: approvalDate, unitholders: [holder('TH-JUR-001207', subscription(approvalDate, '100000000'))] });

  it('an institutional fund approved on 2016-01-15, the day before the notice came into force, is a valid institutional fund', async () => {
    const report = await run(institutionalFund('2016-01-15'), [institutionalHolder]);
    expectNoFinding(report, INSTITUTIONAL_APPROVAL);
    expect(outcomeOf(report, INSTITUTIONAL_APPROVAL)).toBe('passed');
    expect(report.findings).toEqual([]);
  });

  it('an institutional fund approved on 2016-01-16, the day the notice came into force, cannot be an institutional fund', async () => {
    const report = await run(institutionalFund('2016-01-16'), [institutionalHolder]);
    expectFinding(report, {
      ruleId: INSTITUTIONAL_APPROVAL,
      severity: 'violation',
      fundId: 'M0098_2559',
      citation: { clause: 1, term: INSTITUTIONAL_TERM },
      evidence: { approvalDate: '2016-01-16', commencement: '2016-01-16' },
    });
    expect(report.findings).toHaveLength(1);
  });

  it('an institutional fund approved years later (2019) cannot be an institutional fund either', async () => {
    const report = await run(institutionalFund('2019-08-20'), [institutionalHolder]);
    expectFinding(report, { ruleId: INSTITUTIONAL_APPROVAL, severity: 'violation', citation: { clause: 1, term: INSTITUTIONAL_TERM }, evidence: { approvalDate: '2019-08-20' } });
  });

  it('a scheme restricted to institutional investors is held to the approval date even when the fund is declared another type', async () => {
    const report = await run(mutualFund({ declaredType: 'R', approvalDate: '2018-02-01', registrationDate: '2018-03-01', scheme: { investorRestriction: 'institutional' } }));
    expectFinding(report, { ruleId: INSTITUTIONAL_APPROVAL, severity: 'violation', citation: { clause: 1, term: INSTITUTIONAL_TERM }, evidence: { approvalDate: '2018-02-01' } });
    expectFinding(report, { ruleId: MISMATCH, severity: 'violation', citation: { clause: 1 }, evidence: { declaredType: 'R', typeFromScheme: 'N' } });
  });

  it('the approval-date rule does not apply to a fund that is not institutional', async () => {
    const report = await run(fundOfType('X', { approvalDate: '2020-09-01', registrationDate: '2020-09-22' }));
    expect(outcomeOf(report, INSTITUTIONAL_APPROVAL)).toBe('not-applicable');
  });
});

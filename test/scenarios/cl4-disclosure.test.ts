/**
 * TorNor. 89/2558 cl. 4 — para 1: the management company measures the fund's
 * performance regularly and discloses it to investors continuously; para 2:
 * performance measurement and NAV calculation follow the standard set by the
 * association. The notice sets no interval: the pack's parameter
 * `performance-disclosure-max-interval-days` (184 days, the semi-annual cycle)
 * decides "overdue". The rule applies only when the input tracks
 * disclosures, and only once the fund has been registered longer than that.
 */
import { describe, expect, it } from 'vitest';
import { tn89Pack } from '../../src/index.js';
import { disclosure, expectFinding, expectNoFinding, findingsOf, mutualFund, outcomeOf, privateFund, run } from '../helpers/build.js';

const NAV = 'tn89.cl4.nav-standard-not-association';
const OVERDUE = 'tn89.cl4.performance-disclosure-overdue';

describe('cl. 4 para 2: performance and NAV follow the association standard', () => {
  it("a scheme declaring a performance and NAV standard other than the association's is found", async () => {
    const report = await run(mutualFund({ id: 'M0412_2563', scheme: { navStandard: 'other' } }));
    const finding = expectFinding(report, {
      ruleId: NAV,
      severity: 'violation',
      fundId: 'M0412_2563',
      citation: { clause: 4, paragraph: 2 },
      evidence: { navStandard: 'other' },
    });
    expect(finding.citation.text).toEqual({ th: 'ทน. 89/2558 ข้อ 4 วรรคสอง', en: 'TorNor. 89/2558 cl. 4 para 2' });
    expect(finding.fields).toEqual(['funds[0].scheme.navStandard']);
    expect(finding.message.en).toContain('M0412_2563');
  });

  it("a scheme declaring the association's standard complies", async () => {
    const report = await run(mutualFund({ scheme: { navStandard: 'association' } }));
    expectNoFinding(report, NAV);
    expect(outcomeOf(report, NAV)).toBe('passed');
  });

  it('a scheme that declares no standard is not checked', async () => {
    expect(outcomeOf(await run(mutualFund()), NAV)).toBe('not-applicable');
  });
});

describe('cl. 4 para 1: performance is disclosed at the configured interval (184 days)', () => {
  it('the built-in interval is 184 days, a dated parameter citing cl. 4 para 1', () => {
    const parameter = tn89Pack().parameters.find((p) => p.id === 'performance-disclosure-max-interval-days');
    expect(parameter?.values.map((v) => v.value)).toEqual([184]);
  });

  it('a last performance disclosure 184 days before the as-of date (29 Dec 2023 → 30 Jun 2024) is in time', async () => {
    const report = await run(mutualFund({ disclosures: [disclosure('performance', '2023-06-30'), disclosure('performance', '2023-12-29')] }));
    expectNoFinding(report, OVERDUE);
    expect(outcomeOf(report, OVERDUE)).toBe('passed');
  });

  it('a last performance disclosure 185 days before the as-of date (28 Dec 2023 → 30 Jun 2024) is overdue', async () => {
    const report = await run(mutualFund({ id: 'M0430_2563', disclosures: [disclosure('performance', '2023-06-29'), disclosure('performance', '2023-12-28')] }));
    const finding = expectFinding(report, {
      ruleId: OVERDUE,
      severity: 'warning',
      fundId: 'M0430_2563',
      citation: { clause: 4, paragraph: 1 },
      evidence: { daysSinceLast: 185, maxDays: 184 },
    });
    expect(finding.message.en).toBe('Fund M0430_2563 has not disclosed its performance within 184 days (time since the last disclosure: 185 days). The interval is a house default, not a number of the notice, which requires disclosure continuously, appropriate to the situation');
    expect(finding.message.th).toContain('house default');
    expect(finding.message.th).toContain('184 วัน');
    expect(finding.message.th).toContain('185 วัน');
  });

  it('the latest disclosure decides, whatever order the disclosures are listed in', async () => {
    const report = await run(mutualFund({ disclosures: [disclosure('performance', '2023-12-29'), disclosure('performance', '2023-01-31')] }));
    expectNoFinding(report, OVERDUE);
  });

  it('NAV and portfolio disclosures do not count as performance disclosures', async () => {
    const report = await run(mutualFund({ disclosures: [disclosure('nav', '2024-06-28'), disclosure('portfolio', '2024-05-31'), disclosure('performance', '2023-10-31')] }));
    expectFinding(report, { ruleId: OVERDUE, severity: 'warning', citation: { clause: 4, paragraph: 1 }, evidence: { daysSinceLast: 243, maxDays: 184 } });
  });

  it('a disclosure dated after the as-of date does not bring the fund up to date on the as-of date', async () => {
    const fund = mutualFund({ disclosures: [disclosure('performance', '2023-12-28'), disclosure('performance', '2024-07-15')] });
    expectFinding(await run(fund, [], '2024-06-30'), { ruleId: OVERDUE, severity: 'warning', citation: { clause: 4, paragraph: 1 }, evidence: { daysSinceLast: 185 } });
    expectNoFinding(await run(fund, [], '2024-07-15'), OVERDUE);
  });

  it('a fund that tracks its disclosures but never disclosed its performance is found', async () => {
    const report = await run(mutualFund({ id: 'M0456_2561', disclosures: [] }));
    const finding = expectFinding(report, {
      ruleId: OVERDUE,
      severity: 'warning',
      fundId: 'M0456_2561',
      citation: { clause: 4, paragraph: 1 },
      evidence: { daysSinceLast: null, maxDays: 184 },
    });
    expect(finding.message.en).toContain('184 days');
  });

  it('a fund whose disclosures are not tracked is not checked', async () => {
    const report = await run(mutualFund());
    expect(outcomeOf(report, OVERDUE)).toBe('not-applicable');
  });

  it('a fund registered 184 days before the as-of date is younger than the interval: not yet checked', async () => {
    const report = await run(mutualFund({ approvalDate: '2023-11-15', registrationDate: '2023-12-29', disclosures: [] }));
    expect(outcomeOf(report, OVERDUE)).toBe('not-applicable');
  });

  it('a fund registered 185 days before the as-of date with no performance disclosure is overdue', async () => {
    const report = await run(mutualFund({ approvalDate: '2023-11-15', registrationDate: '2023-12-28', disclosures: [] }));
    expectFinding(report, { ruleId: OVERDUE, severity: 'warning', citation: { clause: 4, paragraph: 1 }, evidence: { daysSinceLast: null } });
  });

  it('a fund approved but not yet registered is not checked', async () => {
    const fund = mutualFund({ approvalDate: '2024-05-02', disclosures: [] });
    delete fund.registrationDate;
    expect(outcomeOf(await run(fund), OVERDUE)).toBe('not-applicable');
  });

  it('a fund dissolved before the as-of date is not checked', async () => {
    const report = await run(mutualFund({ dissolutionDate: '2023-09-29', disclosures: [disclosure('performance', '2023-03-31')] }));
    expect(outcomeOf(report, OVERDUE)).toBe('not-applicable');
  });

  it('cl. 4 disclosure rules are about mutual funds: a private fund is not checked', async () => {
    const report = await run(privateFund({ disclosures: [], scheme: { navStandard: 'other' } }));
    expect(outcomeOf(report, OVERDUE)).toBe('not-applicable');
    expect(outcomeOf(report, NAV)).toBe('not-applicable');
    expect(findingsOf(report, OVERDUE)).toEqual([]);
  });
});

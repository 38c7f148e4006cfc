/**
 * TorNor. 89/2558 cl. 10 — where a mutual fund offered both in Thailand and
 * abroad cannot comply for a necessary reason, the Office may waive
 * compliance only for the part that does not affect investors in Thailand,
 * and the company must show the waiver does not conflict with the host
 * country's investor-protection rules. A valid waiver turns the findings of
 * the rules it covers into `waived` with its reference — kept in the report,
 * out of the severity counts. An invalid waiver is itself a finding and
 * waives nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/index.js';
import { expectFinding, findingsOf, mutualFund, outcomeOf, run, waiver, type FundOverrides } from '../helpers/build.js';

const NOT_BOTH = 'tn89.cl10.waiver-fund-not-offered-in-thailand-and-abroad';
const AFFECTS_THAI = 'tn89.cl10.waiver-affects-thai-investors';
const NO_SHOWING = 'tn89.cl10.waiver-host-country-showing-missing';
const CL10_RULES = [NOT_BOTH, AFFECTS_THAI, NO_SHOWING];
const NAV = 'tn89.cl4.nav-standard-not-association';
const OVERDUE = 'tn89.cl4.performance-disclosure-overdue';

const REFERENCE = 'หนังสือสำนักงาน ก.ล.ต. ที่ กลต.น.(ว) 2145/2566';

/**
 * An ASEAN CIS fund offered in Thailand and Singapore whose scheme declares a
 * NAV standard other than the association's (for its Singapore class): a
 * cl. 4 para 2 finding a waiver can cover.
 */
function crossBorderFund(overrides: FundOverrides = {}) {
  const { scheme, offering, ...rest } = overrides;
  return mutualFund({
    id: 'M0650_2564',
    offering: { inThailand: true, abroad: true, ...offering },
    scheme: { navStandard: 'other', offeringCountries: ['TH', 'SG'], ...scheme },
    ...rest,
  });
}

function navFinding(report: Report) {
  const found = findingsOf(report, NAV);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('cl. 10: a valid waiver turns the covered finding into "waived"', () => {
  it('a waiver for a fund offered in Thailand and Singapore, not affecting Thai investors, with the host-country showing, waives the NAV-standard finding', async () => {
    const report = await run(crossBorderFund({ waivers: [waiver(REFERENCE, '2023-05-02', [NAV])] }));
    const finding = navFinding(report);
    expect(finding.status).toBe('waived');
    expect(finding.waiver).toEqual({ reference: REFERENCE, pointer: 'funds[0].waivers[0]' });
    // Kept in the report with its citation and evidence, never dropped...
    expect(finding.citation.clause).toBe(4);
    expect(finding.evidence).toContainEqual(expect.objectContaining({ name: 'navStandard', value: 'other' }));
    expect(report.summary.findings).toBe(1);
    expect(report.funds[0]!.findings).toBe(1);
    // ...but out of the severity counts.
    expect(report.summary.bySeverity.violation).toBe(0);
    expect(report.summary.waived).toBe(1);
    // The waiver itself is valid: no cl. 10 finding; with nothing left but a waived finding, the report has no findings to act on.
    for (const ruleId of CL10_RULES) expect(outcomeOf(report, ruleId), ruleId).toBe('passed');
    expect(report.status).toBe('no-findings');
  });

  it('without the waiver the same finding is a violation counted by severity', async () => {
    const report = await run(crossBorderFund());
    const finding = navFinding(report);
    expect(finding.status).toBe('violation');
    expect(finding.waiver).toBeUndefined();
    expect(report.summary.bySeverity.violation).toBe(1);
    expect(report.summary.waived).toBe(0);
    expect(report.status).toBe('findings');
    for (const ruleId of CL10_RULES) expect(outcomeOf(report, ruleId), ruleId).toBe('not-applicable');
  });

  it('a waiver covers only the rules it names: another finding of the fund stays a violation', async () => {
    const report = await run(crossBorderFund({ disclosures: [], waivers: [waiver(REFERENCE, '2023-05-02', [NAV])] }));
    expect(navFinding(report).status).toBe('waived');
    const overdue = findingsOf(report, OVERDUE);
    expect(overdue.map((f) => f.status)).toEqual(['violation']);
    expect(overdue[0]!.waiver).toBeUndefined();
    expect(report.summary.bySeverity.warning).toBe(1);
    expect(report.summary.waived).toBe(1);
  });

  it("a waiver granted for one fund does not waive another fund's finding", async () => {
    const waived = crossBorderFund({ waivers: [waiver(REFERENCE, '2023-05-02', [NAV])] });
    const other = crossBorderFund({ id: 'M0651_2564' });
    const report = await run([waived, other]);
    const byFund = Object.fromEntries(findingsOf(report, NAV).map((f) => [f.subject.fundId, f.status]));
    expect(byFund).toEqual({ M0650_2564: 'waived', M0651_2564: 'violation' });
    expect(report.summary.bySeverity.violation).toBe(1);
  });

  it('a waiver granted after the as-of date is ignored: the finding stays a violation and the waiver is not yet checked', async () => {
    const fund = crossBorderFund({ waivers: [waiver(REFERENCE, '2024-07-10', [NAV])] });
    const before = await run(fund, [], '2024-06-30');
    expect(navFinding(before).status).toBe('violation');
    expect(before.summary.waived).toBe(0);
    expect(before.summary.bySeverity.violation).toBe(1);
    for (const ruleId of CL10_RULES) expect(outcomeOf(before, ruleId), ruleId).toBe('not-applicable');
    const onGrant = await run(fund, [], '2024-07-10');
    expect(navFinding(onGrant).status).toBe('waived');
  });
});

describe('cl. 10: an invalid waiver is a finding and waives nothing', () => {
  it('a waiver for a fund offered only in Thailand is not valid', async () => {
    const report = await run(crossBorderFund({ offering: { abroad: false }, waivers: [waiver(REFERENCE, '2023-05-02', [NAV])] }));
    const finding = expectFinding(report, {
      ruleId: NOT_BOTH,
      severity: 'violation',
      fundId: 'M0650_2564',
      citation: { clause: 10 },
      evidence: { inThailand: true, abroad: false },
    });
    expect(finding.subject).toMatchObject({ kind: 'waiver', waiverReference: REFERENCE, pointer: 'funds[0].waivers[0]' });
    expect(finding.message.en).toContain(REFERENCE);
    expect(finding.message.th).toContain(REFERENCE);
    expect(navFinding(report).status).toBe('violation');
    expect(navFinding(report).waiver).toBeUndefined();
    expect(report.summary.waived).toBe(0);
    expect(report.summary.bySeverity.violation).toBe(2);
    expect(report.status).toBe('findings');
  });

  it('a waiver for a fund offered only abroad is not valid either', async () => {
    const report = await run(crossBorderFund({ offering: { inThailand: false }, waivers: [waiver(REFERENCE, '2023-05-02', [NAV])] }));
    expectFinding(report, { ruleId: NOT_BOTH, severity: 'violation', citation: { clause: 10 }, evidence: { inThailand: false, abroad: true } });
    expect(navFinding(report).status).toBe('violation');
  });

  it('a waiver that affects investors in Thailand is not valid', async () => {
    const report = await run(crossBorderFund({ waivers: [waiver(REFERENCE, '2023-05-02', [NAV], { affectsThaiInvestors: true })] }));
    const finding = expectFinding(report, {
      ruleId: AFFECTS_THAI,
      severity: 'violation',
      fundId: 'M0650_2564',
      citation: { clause: 10 },
      evidence: { ruleIds: [NAV] },
    });
    expect(finding.fields).toEqual(['funds[0].waivers[0].affectsThaiInvestors']);
    expect(navFinding(report).status).toBe('violation');
    expect(report.summary.waived).toBe(0);
  });

  it("a waiver with no showing that it does not conflict with the host country's rules is not valid", async () => {
    const noShowing = waiver(REFERENCE, '2023-05-02', [NAV]);
    delete noShowing.hostCountryShowing;
    const report = await run(crossBorderFund({ waivers: [noShowing] }));
    const finding = expectFinding(report, {
      ruleId: NO_SHOWING,
      severity: 'violation',
      fundId: 'M0650_2564',
      citation: { clause: 10 },
      evidence: { grantedOn: '2023-05-02' },
    });
    expect(finding.message.th).toContain('host country');
    expect(navFinding(report).status).toBe('violation');
    expect(report.summary.waived).toBe(0);
  });

  it('a waiver with every defect gives one finding per defect, and still waives nothing', async () => {
    const bad = waiver(REFERENCE, '2023-05-02', [NAV], { affectsThaiInvestors: true });
    delete bad.hostCountryShowing;
    const report = await run(crossBorderFund({ offering: { abroad: false }, waivers: [bad] }));
    expect(report.findings.filter((f) => f.subject.kind === 'waiver').map((f) => f.ruleId).sort()).toEqual([...CL10_RULES].sort());
    expect(navFinding(report).status).toBe('violation');
    expect(report.summary.bySeverity.violation).toBe(4);
  });

  it('an invalid waiver does not stop a second, valid waiver of the same rule from waiving it', async () => {
    const invalid = waiver('หนังสือ กลต.น.(ว) 0901/2565', '2022-03-01', [NAV], { affectsThaiInvestors: true });
    const valid = waiver(REFERENCE, '2023-05-02', [NAV]);
    const report = await run(crossBorderFund({ waivers: [invalid, valid] }));
    expect(findingsOf(report, AFFECTS_THAI).map((f) => f.subject.pointer)).toEqual(['funds[0].waivers[0]']);
    expect(navFinding(report).waiver).toEqual({ reference: REFERENCE, pointer: 'funds[0].waivers[1]' });
  });
});

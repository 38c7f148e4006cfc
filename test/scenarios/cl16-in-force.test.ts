/**
 * TorNor. 89/2558 cl. 16 — the notice is in force from 16 January B.E. 2559
 * (2016-01-16). Evaluated as of an earlier date, the report must say the
 * notice was not yet in force instead of passing or failing anything.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { expectFinding, fundOfType, holder, investor, outcomeOf, run, subscription } from '../helpers/build.js';

const BEFORE = 'tn89.cl16.first-subscription-before-commencement';
const OUTSIDE = 'tn89.cl12.holder-outside-non-retail-fund-class';

/** A high-net-worth fund approved in 2015 whose retail holder first subscribed 100,000 THB in 2015: once the notice is in force, that first subscription is reported as made before it (info), never judged by it. */
const investors = [investor('TH-IND-000145', 'retail')];
const fund = fundOfType('B', {
  id: 'M0077_2558',
  approvalDate: '2015-06-01',
  registrationDate: '2015-06-22',
  unitholders: [holder('TH-IND-000145', subscription('2015-07-01', '100000.00'))],
});

describe('cl. 16: the notice is in force from 2016-01-16', () => {
  it('as of 2016-01-15 the notice was not yet in force: the report says so and finds nothing', async () => {
    const report = await run(fund, investors, '2016-01-15');
    expect(report.status).toBe('not-in-force');
    expect(report.findings).toEqual([]);
    expect(report.summary.findings).toBe(0);
    expect(report.summary.notInForce).toBe(report.summary.rules);
    expect(report.summary.passed + report.summary.found + report.summary.notApplicable).toBe(0);
    expect(report.rules.every((r) => r.outcome === 'not-in-force')).toBe(true);
    expect(report.packs[0]!.inForceOnAsOf).toBe(false);

    expect(report.notices).toHaveLength(1);
    const notice = report.notices[0]!;
    expect(notice.code).toBe('pack-not-in-force');
    expect(notice.packId).toBe('tn-89-2558');
    expect(notice.citation.clause).toBe(16);
    expect(notice.citation.text.en).toBe('TorNor. 89/2558 cl. 16');
    expect(notice.citation.text.th).toBe('ทน. 89/2558 ข้อ 16');
    // Thai readers see Buddhist Era dates.
    expect(notice.message.th).toContain('15 ม.ค. 2559');
    expect(notice.message.th).toContain('16 ม.ค. 2559');
    expect(notice.message.en).toContain('16 Jan 2016');
  });

  it('as of 2016-01-16 the notice is in force and the fund is evaluated; a first subscription of 2015 is not judged by it (info, never a breach)', async () => {
    const report = await run(fund, investors, '2016-01-16');
    expect(report.notices).toEqual([]);
    expect(report.summary.notInForce).toBeGreaterThan(0); // the rules of the amended law (type X) are not yet in force
    expect(report.packs[0]!.inForceOnAsOf).toBe(true);
    expectFinding(report, {
      ruleId: BEFORE,
      severity: 'info',
      fundId: 'M0077_2558',
      citation: { clause: 16 },
      evidence: { firstSubscriptionAmount: '100000', firstSubscriptionDate: '2015-07-01' },
    });
    expect(outcomeOf(report, OUTSIDE)).toBe('not-applicable');
    expect(report.findings.map((f) => f.severity)).toEqual(['info']);
  });

  it('a compliant fund evaluated as of 2016-01-16 has no findings, not a not-in-force status', async () => {
    const report = await run(fundOfType('R'), [], '2016-01-16');
    expect(report.status).toBe('no-findings');
    // Only the rule of the amended law (type X funds, from 20 Feb 2017) is not yet in force.
    expect(report.rules.filter((r) => r.outcome === 'not-in-force').map((r) => r.ruleId)).toEqual(['tn89.cl12.x-fund-holder-not-institutional-or-uhnw']);
  });

  it('the as-of date may be given in the Buddhist Era: BE 2559-01-15 is before commencement, BE 2559-01-16 is not', async () => {
    const before = await evaluate({ funds: [fund], investors }, { asOf: 'BE 2559-01-15' });
    expect(before.asOf).toBe('2016-01-15');
    expect(before.status).toBe('not-in-force');
    const on = await evaluate({ funds: [fund], investors }, { asOf: 'BE 2559-01-16' });
    expect(on.asOf).toBe('2016-01-16');
    expect(on.status).not.toBe('not-in-force');
  });

  it('a Buddhist Era year written without its marker is refused rather than read as a year AD', async () => {
    await expect(evaluate({ funds: [fund], investors }, { asOf: '2559-01-16' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

/**
 * Read as law, TorNor. 89/2558:
 * - cl. 10: the Office may waive compliance with THIS notice, for a fund offered
 *   in Thailand and abroad, "เฉพาะในส่วนที่ไม่มีผลกระทบต่อผู้ลงทุนในประเทศไทย" —
 *   never a cl. 11 revocation ground, a duty under another notice, nor a finding
 *   about an investor in Thailand; a waiver names existing rules.
 * - cl. 5 para 1 (1): the exception is for a fund that offers ALL its units to
 *   persons not domiciled in Thailand.
 * - The law over time: cl. 1 was amended (No. 2, by 20 Feb 2017); TorNor. 11/2564
 *   (29 Jan 2021) bears the same title and may have replaced the notice. Reports
 *   say so at report level.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, safeEvaluate, tn89Pack } from '../../src/index.js';
import { expectFinding, fundOfType, holder, investor, mutualFund, outcomeOf, run, subscription, waiver } from '../helpers/build.js';

const NAV = 'tn89.cl4.nav-standard-not-association';
const PROSPECTUS = 'tn89.cl11.retail-units-sold-without-prospectus-rules';
const HOLDER = 'tn89.cl12.first-subscription-below-scheme-minimum';
const THAI_HOLDER = 'tn89.cl5.thai-domiciled-holder-defeats-foreign-exception';
const UNKNOWN = 'tn89.cl5.foreign-exception-unknown';
const REFERENCE = 'หนังสือสำนักงาน ก.ล.ต. ที่ กลต.น.(ว) 2145/2566';

const somchai = investor('TH-IND-000145', 'retail');
const tan = investor('SG-IND-000001', 'retail', { domicile: 'SG' });

function crossBorder(overrides: Parameters<typeof mutualFund>[0] = {}) {
  const { offering, scheme, ...rest } = overrides;
  return mutualFund({ id: 'M0650_2564', offering: { inThailand: true, abroad: true, ...offering }, scheme: { navStandard: 'other', offeringCountries: ['TH', 'SG'], ...scheme }, ...rest });
}

describe('cl. 10: what a waiver can and cannot reach', () => {
  it('a waiver naming a rule that does not exist is an input error with the path of the id', async () => {
    const result = await safeEvaluate({ funds: [crossBorder({ waivers: [waiver(REFERENCE, '2023-05-02', [NAV, 'tn89.cl4.no-such-rule'])] })] }, { asOf: '2024-06-30' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]!.pointer).toBe('funds[0].waivers[0].ruleIds[1]');
      expect(result.issues[0]!.message).toContain('tn89.cl4.no-such-rule');
    }
  });

  it('a valid waiver never waives a cl. 11 revocation ground: the finding stays a violation and says why', async () => {
    const fund = crossBorder({ waivers: [waiver(REFERENCE, '2023-05-02', [PROSPECTUS])], unitholders: [holder(tan.id, subscription('2023-02-06', '50000', { prospectusDelivered: false }))] });
    const report = await run(fund, [tan]);
    const finding = expectFinding(report, { ruleId: PROSPECTUS, severity: 'revocation-ground', investorId: tan.id, citation: { clause: 11, paragraph: 1, item: 2 }, evidence: { count: 1 } });
    expect(finding.status).toBe('violation');
    expect(finding.waiversNotApplied).toHaveLength(1);
    expect(finding.waiversNotApplied![0]!.reference).toBe(REFERENCE);
    expect(finding.waiversNotApplied![0]!.reason.en).toContain('cl. 11');
    expect(finding.waiversNotApplied![0]!.reason.th).toContain('ข้อ 11');
    expect(report.summary.bySeverity['revocation-ground']).toBe(1);
  });

  it('a valid waiver does not reach a finding about an investor domiciled in Thailand, but reaches the same finding about a holder abroad', async () => {
    const fund = crossBorder({
      scheme: { minimumFirstSubscription: '100000' },
      waivers: [waiver(REFERENCE, '2023-05-02', [HOLDER])],
      unitholders: [holder(somchai.id, subscription('2023-03-01', '1000')), holder(tan.id, subscription('2023-03-01', '1000'))],
    });
    const report = await run(fund, [somchai, tan]);
    const byInvestor = Object.fromEntries(report.findings.filter((f) => f.ruleId === HOLDER).map((f) => [f.subject.investorId, f]));
    expect(byInvestor[tan.id]!.status).toBe('waived');
    expect(byInvestor[somchai.id]!.status).toBe('violation');
    expect(byInvestor[somchai.id]!.waiversNotApplied![0]!.reason.en).toContain('domiciled in Thailand');
  });

  it('an invalid waiver waives nothing: the findings against the waiver itself say why', async () => {
    const report = await run(crossBorder({ waivers: [waiver(REFERENCE, '2023-05-02', [NAV], { affectsThaiInvestors: true })] }));
    expect(report.findings.find((f) => f.ruleId === NAV)!.status).toBe('violation');
    expect(report.findings.find((f) => f.ruleId === 'tn89.cl10.waiver-affects-thai-investors')!.subject.pointer).toBe('funds[0].waivers[0]');
  });
});

describe('cl. 5 para 1 (1): all units to persons not domiciled in Thailand', () => {
  const abroad = (over: Parameters<typeof mutualFund>[0] = {}) => {
    const { offering, ...rest } = over;
    return mutualFund({ id: 'M0733_2565', offering: { inThailand: false, abroad: true, ...offering }, scheme: { accountingStandard: 'IASB', statesForeignAccountingStandard: true, offeringCountries: ['SG'] }, ...rest });
  };

  it('a unitholder domiciled in Thailand defeats the exception: a finding citing cl. 5 para 1 (1)', async () => {
    const report = await run(abroad({ offering: { allUnitsToNonDomiciled: true }, unitholders: [holder(somchai.id, subscription('2023-03-01', '1000')), holder(tan.id, subscription('2023-03-01', '1000'))] }), [somchai, tan]);
    const finding = expectFinding(report, { ruleId: THAI_HOLDER, severity: 'violation', investorId: somchai.id, citation: { clause: 5, paragraph: 1, item: 1 }, evidence: { domicile: 'TH' } });
    expect(finding.basis!.map((c) => c.text.en)).toEqual(['TorNor. 89/2558 cl. 5 para 1']);
    expect(report.findings.filter((f) => f.ruleId === THAI_HOLDER)).toHaveLength(1);
  });

  it('allUnitsToNonDomiciled absent for a fund offered abroad only is unknown, not false: a warning, and neither the rule nor the exception is judged', async () => {
    const report = await run(abroad());
    expectFinding(report, { ruleId: UNKNOWN, severity: 'warning', fundId: 'M0733_2565', citation: { clause: 5, paragraph: 1, item: 1 }, evidence: { accountingPeriodCount: 0 } });
    expect(outcomeOf(report, 'tn89.cl5.standard-not-association')).toBe('not-applicable');
    expect(outcomeOf(report, 'tn89.cl5.foreign-offering-standard-not-permitted')).toBe('not-applicable');
  });

  it('a fund offered in Thailand does not offer all its units abroad: deduced, no warning', async () => {
    const report = await run(mutualFund());
    expect(outcomeOf(report, UNKNOWN)).toBe('not-applicable');
  });
});

describe('the law over time: report-level notices', () => {
  const clean = fundOfType('R');

  it('as of 2017-02-19 no notice about the law; from 2017-02-20 the report says cl. 1 was amended and which parts follow the 2015 text', async () => {
    expect((await run(clean, [], '2017-02-19')).notices).toEqual([]);
    const report = await run(clean, [], '2017-02-20');
    expect(report.notices.map((n) => n.code)).toEqual(['law-amended']);
    const notice = report.notices[0]!;
    expect(notice.citation.text.en).toBe('TorNor. 89/2558 cl. 1');
    expect(notice.message.en).toContain('amended (No. 2');
    expect(notice.message.en).toContain('follows the 2015 text');
    expect(notice.message.th).toContain('ข้อความปี 2558');
    expect(notice.sources!.length).toBeGreaterThan(0);
  });

  it('from 2021-01-29 the report also says TorNor. 11/2564 of that date bears the same title and may have replaced this notice', async () => {
    const before = await run(clean, [], '2021-01-28');
    expect(before.notices.map((n) => n.code)).toEqual(['law-amended']);
    const report = await run(clean, [], '2025-06-30');
    expect(report.status).toBe('no-findings');
    expect(report.notices.map((n) => n.code)).toEqual(['law-amended', 'law-possibly-replaced']);
    const replaced = report.notices[1]!;
    expect(replaced.citation.text).toEqual({ th: 'ทน. 11/2564', en: 'TorNor. 11/2564' });
    expect(replaced.message.en).toContain('may have replaced');
    expect(replaced.message.th).toContain('ทน. 11/2564');
    expect(replaced.sources).toContain('https://www.ryt9.com/s/seca/3206309');
    // The notices travel with the report object, so the JSON output carries them too.
    expect(JSON.parse(JSON.stringify(report)).notices).toHaveLength(2);
  });

  it('the repeal is not confirmed: the pack names its possible successor and sets no end date', () => {
    const meta = tn89Pack().meta;
    expect(meta.inForce.to).toBeUndefined();
    expect(meta.successor).toMatchObject({ notice: { en: 'TorNor. 11/2564' }, dated: '2021-01-29', confirmed: false });
    const cl1 = tn89Pack().clauses.find((c) => c.clause === 1)!;
    expect(cl1.versions.map((v) => [v.from, v.textIsClauseText === true, v.textNotAvailable !== undefined])).toEqual([
      ['2016-01-16', true, false],
      ['2017-02-20', false, true],
    ]);
  });

  it('an evaluation before the notice came into force carries only the not-in-force notice', async () => {
    const report = await evaluate({ funds: [clean] }, { asOf: '2016-01-15' });
    expect(report.notices.map((n) => n.code)).toEqual(['pack-not-in-force']);
  });
});

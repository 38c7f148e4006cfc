/**
 * TorNor. 89/2558 cl. 7 — a private fund management company may create an
 * obligation in the name of a private fund only where it is tied to that
 * fund's investments permitted by the CMSB notice on fund investment.
 * Mutual funds are outside this clause.
 */
import { describe, expect, it } from 'vitest';
import { expectFinding, expectNoFinding, findingsOf, mutualFund, obligation, outcomeOf, privateFund, run } from '../helpers/build.js';

const NOT_TIED = 'tn89.cl7.obligation-not-tied-to-permitted-investment';

describe('cl. 7: obligations in the name of a private fund are tied to its permitted investments', () => {
  it('a guarantee given in the name of a private fund for a related company loan, tied to no permitted investment, is found', async () => {
    const fund = privateFund({
      id: 'PF-2563-0042',
      obligations: [
        obligation('OBL-2567-007', '2024-02-12', false, {
          description: 'ค้ำประกันเงินกู้ของบริษัทในเครือของผู้ลงทุน',
          relatedInvestment: 'เงินกู้ยืมของบริษัท สยามพร็อพเพอร์ตี้ จำกัด',
        }),
      ],
    });
    const report = await run(fund);
    const finding = expectFinding(report, {
      ruleId: NOT_TIED,
      severity: 'violation',
      fundId: 'PF-2563-0042',
      citation: { clause: 7 },
      evidence: { obligationDate: '2024-02-12', relatedInvestment: 'เงินกู้ยืมของบริษัท สยามพร็อพเพอร์ตี้ จำกัด' },
    });
    expect(finding.subject).toMatchObject({ kind: 'obligation', obligationId: 'OBL-2567-007', pointer: 'funds[0].obligations[0]' });
    expect(finding.fields).toEqual(['funds[0].obligations[0].tiedToPermittedInvestment']);
    expect(finding.citation.text).toEqual({ th: 'ทน. 89/2558 ข้อ 7', en: 'TorNor. 89/2558 cl. 7' });
    expect(finding.message.en).toContain('OBL-2567-007');
    expect(finding.message.en).toContain('12 Feb 2024');
    expect(finding.message.th).toContain('12 ก.พ. 2567');
  });

  it('an obligation with no investment named is found, and its message says the investment was not recorded', async () => {
    const report = await run(privateFund({ obligations: [obligation('OBL-2567-011', '2024-03-01', false)] }));
    const finding = expectFinding(report, { ruleId: NOT_TIED, severity: 'violation', citation: { clause: 7 }, evidence: { relatedInvestment: null, obligationDate: '2024-03-01' } });
    expect(finding.message.en).toContain('(not recorded)');
    expect(finding.message.th).toContain('(ไม่มีข้อมูล)');
  });

  it('a margin obligation under a SET50 futures position the fund may hold is tied to a permitted investment', async () => {
    const report = await run(
      privateFund({ obligations: [obligation('OBL-2567-003', '2024-01-09', true, { relatedInvestment: 'สัญญาซื้อขายล่วงหน้า SET50 Index Futures (S50U24)' })] }),
    );
    expectNoFinding(report, NOT_TIED);
    expect(outcomeOf(report, NOT_TIED)).toBe('passed');
  });

  it('only the obligations not tied to a permitted investment are reported', async () => {
    const report = await run(
      privateFund({
        obligations: [
          obligation('OBL-2566-101', '2023-07-03', true, { relatedInvestment: 'ธุรกรรมขายโดยมีสัญญาซื้อคืน (repo) พันธบัตรรัฐบาล' }),
          obligation('OBL-2566-102', '2023-08-21', false, { relatedInvestment: 'ค้ำประกันหนี้ของบุคคลภายนอก' }),
        ],
      }),
    );
    expect(findingsOf(report, NOT_TIED).map((f) => f.subject.obligationId)).toEqual(['OBL-2566-102']);
  });

  it('an obligation dated after the as-of date is not yet evaluated', async () => {
    const fund = privateFund({ obligations: [obligation('OBL-2567-020', '2024-07-02', false)] });
    expectNoFinding(await run(fund, [], '2024-06-30'), NOT_TIED);
    expectFinding(await run(fund, [], '2024-07-02'), { ruleId: NOT_TIED, severity: 'violation', citation: { clause: 7 }, evidence: { obligationDate: '2024-07-02' } });
  });

  it('cl. 7 does not apply to a mutual fund, even for an obligation not tied to an investment', async () => {
    const report = await run(mutualFund({ obligations: [obligation('OBL-2567-030', '2024-04-01', false)] }));
    expectNoFinding(report, NOT_TIED);
    expect(outcomeOf(report, NOT_TIED)).toBe('not-applicable');
  });

  it('a private fund with no obligations has nothing to check', async () => {
    expect(outcomeOf(await run(privateFund()), NOT_TIED)).toBe('not-applicable');
  });
});

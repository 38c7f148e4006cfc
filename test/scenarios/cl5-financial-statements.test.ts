/**
 * TorNor. 89/2558 cl. 5 — a mutual fund's financial statements follow the
 * association's guideline for investment entities and are audited by an
 * auditor the SEC Office approved; except (1) a fund offering all its units
 * to persons not domiciled in Thailand may use IASB, AICPA or FASB with an
 * auditor licensed where the units are offered, as the scheme states; and
 * (2) the period as at dissolution (a fund dissolved within 15 months of
 * registration, or the final period) may run more than 12 but at most 15
 * months. Otherwise a period is at most 12 months.
 */
import { describe, expect, it } from 'vitest';
import { expectFinding, expectNoFinding, mutualFund, outcomeOf, period, run, type FundOverrides } from '../helpers/build.js';

const NOT_ASSOCIATION = 'tn89.cl5.standard-not-association';
const AUDITOR = 'tn89.cl5.auditor-not-sec-approved';
const FOREIGN_NOT_PERMITTED = 'tn89.cl5.foreign-offering-standard-not-permitted';
const FOREIGN_AUDITOR = 'tn89.cl5.foreign-auditor-not-licensed-where-offered';
const FOREIGN_COUNTRIES = 'tn89.cl5.foreign-offering-countries-not-recorded';
const FOREIGN_NOT_STATED = 'tn89.cl5.foreign-standard-not-stated-in-scheme';
const LONGER_THAN_12 = 'tn89.cl5.period-longer-than-12-months';
const FINAL_LONGER_THAN_15 = 'tn89.cl5.final-period-longer-than-15-months';
const CL5_RULES = [NOT_ASSOCIATION, AUDITOR, FOREIGN_NOT_PERMITTED, FOREIGN_AUDITOR, FOREIGN_COUNTRIES, FOREIGN_NOT_STATED, LONGER_THAN_12, FINAL_LONGER_THAN_15];

const foreignAuditor = { name: 'Straits & Harbour Assurance LLP', secApproved: false, licensedIn: ['SG', 'HK'] };

/** A fund offering all its units abroad to persons not domiciled in Thailand, with a compliant IASB setup unless overridden. */
function offeredWhollyAbroad(overrides: FundOverrides = {}) {
  const { scheme, ...rest } = overrides;
  return mutualFund({
    id: 'M0702_2565',
    offering: { inThailand: false, abroad: true, allUnitsToNonDomiciled: true },
    scheme: { accountingStandard: 'IASB', statesForeignAccountingStandard: true, offeringCountries: ['SG', 'HK'], ...scheme },
    accountingPeriods: [period('2023-03-15', '2024-03-14', { standard: 'IASB', auditor: foreignAuditor })],
    ...rest,
  });
}

function withPeriods(...periods: ReturnType<typeof period>[]) {
  return mutualFund({ id: 'M0188_2560', accountingPeriods: periods });
}

describe('cl. 5 para 1: statements under the association guideline, audited by an SEC-approved auditor', () => {
  it("statements under the association's guideline audited by an SEC-approved auditor comply", async () => {
    const report = await run(withPeriods(period('2022-01-01', '2022-12-31'), period('2023-01-01', '2023-12-31')));
    expect(report.findings).toEqual([]);
    expect(outcomeOf(report, NOT_ASSOCIATION)).toBe('passed');
    expect(outcomeOf(report, AUDITOR)).toBe('passed');
  });

  it('a fund offered in Thailand may not prepare its statements under IASB instead of the association guideline', async () => {
    const report = await run(withPeriods(period('2023-01-01', '2023-12-31', { standard: 'IASB' })));
    const finding = expectFinding(report, {
      ruleId: NOT_ASSOCIATION,
      severity: 'violation',
      fundId: 'M0188_2560',
      period: { start: '2023-01-01', end: '2023-12-31' },
      citation: { clause: 5, paragraph: 1 },
      evidence: { standard: 'IASB' },
    });
    expect(finding.subject.kind).toBe('accounting-period');
    expect(finding.message.th).toContain('1 ม.ค. 2566');
    expect(finding.message.en).toContain('1 Jan 2023');
  });

  it('statements audited by an auditor the SEC Office has not approved do not comply', async () => {
    const report = await run(withPeriods(period('2023-01-01', '2023-12-31', { auditor: { name: 'นายวิชัย ประเสริฐศักดิ์', secApproved: false, licensedIn: ['TH'] } })));
    expectFinding(report, {
      ruleId: AUDITOR,
      severity: 'violation',
      period: { start: '2023-01-01', end: '2023-12-31' },
      citation: { clause: 5, paragraph: 1 },
      evidence: { auditorName: 'นายวิชัย ประเสริฐศักดิ์' },
    });
    expect(report.findings).toHaveLength(1);
  });

  it('a fund offered both in Thailand and abroad does not have the cl. 5 (1) exception and may not use IASB', async () => {
    const report = await run(mutualFund({ offering: { inThailand: true, abroad: true }, accountingPeriods: [period('2023-01-01', '2023-12-31', { standard: 'IASB' })] }));
    expectFinding(report, { ruleId: NOT_ASSOCIATION, severity: 'violation', citation: { clause: 5, paragraph: 1 }, evidence: { standard: 'IASB' } });
    expect(outcomeOf(report, FOREIGN_NOT_STATED)).toBe('not-applicable');
  });
});

describe('cl. 5 para 1 (1): a fund offering all its units to persons not domiciled in Thailand', () => {
  it('a fund offered wholly abroad may use IASB with an auditor licensed in every country of offer, as its scheme states', async () => {
    const report = await run(offeredWhollyAbroad());
    expect(report.findings).toEqual([]);
    expect(outcomeOf(report, FOREIGN_AUDITOR)).toBe('passed');
    expect(outcomeOf(report, FOREIGN_NOT_STATED)).toBe('passed');
    // The exception replaces the SEC-approved auditor; the Thai-standard rules do not reach it.
    expect(outcomeOf(report, AUDITOR)).toBe('not-applicable');
    expect(outcomeOf(report, NOT_ASSOCIATION)).toBe('not-applicable');
  });

  it.each(['AICPA', 'FASB'] as const)('a fund offered wholly abroad may equally use %s', async (standard) => {
    const report = await run(offeredWhollyAbroad({ scheme: { accountingStandard: standard }, accountingPeriods: [period('2023-03-15', '2024-03-14', { standard, auditor: foreignAuditor })] }));
    expect(report.findings).toEqual([]);
  });

  it('a fund offered wholly abroad using IASB must say so clearly in its scheme', async () => {
    const report = await run(offeredWhollyAbroad({ scheme: { statesForeignAccountingStandard: false } }));
    expectFinding(report, {
      ruleId: FOREIGN_NOT_STATED,
      severity: 'violation',
      period: { start: '2023-03-15', end: '2024-03-14' },
      citation: { clause: 5, paragraph: 1, item: 1 },
      evidence: { standard: 'IASB', statedInScheme: false },
    });
  });

  it('a fund offered wholly abroad using IASB needs an auditor who may practise in every country of offer', async () => {
    const report = await run(offeredWhollyAbroad({ accountingPeriods: [period('2023-03-15', '2024-03-14', { standard: 'IASB', auditor: { name: 'Lion City Audit PAC', secApproved: false, licensedIn: ['SG'] } })] }));
    expectFinding(report, {
      ruleId: FOREIGN_AUDITOR,
      severity: 'violation',
      citation: { clause: 5, paragraph: 1, item: 1 },
      evidence: { auditorName: 'Lion City Audit PAC', licensedIn: ['SG'], offeringCountries: ['SG', 'HK'] },
    });
  });

  it('a Thai SEC-approved auditor is not licensed where units are offered abroad', async () => {
    const report = await run(offeredWhollyAbroad({ accountingPeriods: [period('2023-03-15', '2024-03-14', { standard: 'IASB' })] }));
    expectFinding(report, { ruleId: FOREIGN_AUDITOR, severity: 'violation', citation: { clause: 5, paragraph: 1, item: 1 }, evidence: { licensedIn: ['TH'] } });
  });

  it('a fund offered wholly abroad may not use a standard other than the association guideline, IASB, AICPA or FASB', async () => {
    const report = await run(offeredWhollyAbroad({ scheme: { accountingStandard: 'other' }, accountingPeriods: [period('2023-03-15', '2024-03-14', { standard: 'other', auditor: foreignAuditor })] }));
    expectFinding(report, {
      ruleId: FOREIGN_NOT_PERMITTED,
      severity: 'violation',
      citation: { clause: 5, paragraph: 1, item: 1 },
      evidence: { standard: 'other', permitted: ['association', 'IASB', 'AICPA', 'FASB'] },
    });
  });

  it('a fund offered wholly abroad that keeps to the association guideline still needs an SEC-approved auditor', async () => {
    const report = await run(offeredWhollyAbroad({ scheme: { accountingStandard: 'association' }, accountingPeriods: [period('2023-03-15', '2024-03-14', { auditor: foreignAuditor })] }));
    expectFinding(report, { ruleId: AUDITOR, severity: 'violation', citation: { clause: 5, paragraph: 1 }, evidence: { auditorName: foreignAuditor.name } });
    expect(outcomeOf(report, FOREIGN_NOT_PERMITTED)).toBe('passed');
  });

  it('without a recorded country of offer the foreign auditor cannot be checked, which is a warning', async () => {
    const fund = offeredWhollyAbroad();
    delete fund.scheme.offeringCountries;
    const report = await run(fund);
    expectFinding(report, { ruleId: FOREIGN_COUNTRIES, severity: 'warning', citation: { clause: 5, paragraph: 1, item: 1 }, evidence: { auditorName: foreignAuditor.name } });
    expect(outcomeOf(report, FOREIGN_AUDITOR)).toBe('not-applicable');
  });
});

describe('cl. 5 para 1 (2): an ordinary accounting period is at most 12 months', () => {
  it('an accounting period of exactly 12 months (2023-01-01 to 2023-12-31) complies', async () => {
    const report = await run(withPeriods(period('2023-01-01', '2023-12-31')));
    expectNoFinding(report, LONGER_THAN_12);
    expect(outcomeOf(report, LONGER_THAN_12)).toBe('passed');
  });

  it('an accounting period of 12 months and one day (2023-01-01 to 2024-01-01) is too long', async () => {
    const report = await run(withPeriods(period('2023-01-01', '2024-01-01')));
    const finding = expectFinding(report, {
      ruleId: LONGER_THAN_12,
      severity: 'violation',
      fundId: 'M0188_2560',
      period: { start: '2023-01-01', end: '2024-01-01' },
      citation: { clause: 5, paragraph: 1, item: 2 },
      evidence: { lengthMonths: 12, lengthExtraDays: 1, maxMonths: 12 },
    });
    expect(finding.citation.text.en).toBe('TorNor. 89/2558 cl. 5 para 1 (2)');
    expect(finding.citation.text.th).toBe('ทน. 89/2558 ข้อ 5 วรรคหนึ่ง (2)');
  });

  it('a mid-year fiscal year of exactly 12 months (2023-07-01 to 2024-06-30) complies', async () => {
    const report = await run(withPeriods(period('2023-07-01', '2024-06-30')));
    expectNoFinding(report, LONGER_THAN_12);
  });

  it('moving the year-end by stretching one period to 15 months is not allowed while the fund continues', async () => {
    const report = await run(withPeriods(period('2021-01-01', '2021-12-31'), period('2022-01-01', '2023-03-31'), period('2023-04-01', '2024-03-31')));
    expectFinding(report, { ruleId: LONGER_THAN_12, severity: 'violation', period: { start: '2022-01-01', end: '2023-03-31' }, citation: { clause: 5, paragraph: 1, item: 2 }, evidence: { lengthMonths: 15, lengthExtraDays: 0 } });
    expect(report.findings).toHaveLength(1);
  });

  it('a period longer than 12 months that ends before the dissolution date is not the final period', async () => {
    const report = await run(mutualFund({ dissolutionDate: '2023-06-30', accountingPeriods: [period('2022-01-01', '2023-03-31'), period('2023-04-01', '2023-06-30')] }));
    expectFinding(report, { ruleId: LONGER_THAN_12, severity: 'violation', period: { start: '2022-01-01', end: '2023-03-31' }, citation: { clause: 5, paragraph: 1, item: 2 }, evidence: { lengthMonths: 15 } });
  });
});

describe('cl. 5 para 1 (2): leap years', () => {
  it('2019-03-01 to 2020-02-29 (across a leap day) is exactly 12 months', async () => {
    const report = await run(withPeriods(period('2019-03-01', '2020-02-29')));
    expectNoFinding(report, LONGER_THAN_12);
  });

  it('2019-03-01 to 2020-03-01 is 12 months and one day, too long', async () => {
    const report = await run(withPeriods(period('2019-03-01', '2020-03-01')));
    expectFinding(report, { ruleId: LONGER_THAN_12, severity: 'violation', citation: { clause: 5, paragraph: 1, item: 2 }, evidence: { lengthMonths: 12, lengthExtraDays: 1 } });
  });

  it('2020-03-01 to 2021-02-28 is exactly 12 months', async () => {
    const report = await run(withPeriods(period('2020-03-01', '2021-02-28')));
    expectNoFinding(report, LONGER_THAN_12);
  });

  it('a period starting on the leap day 2020-02-29 and ending 2021-02-27 is within 12 months', async () => {
    const report = await run(withPeriods(period('2020-02-29', '2021-02-27')));
    expectNoFinding(report, LONGER_THAN_12);
  });

  it('a period starting on the leap day 2020-02-29 and ending 2021-03-01 is longer than 12 months', async () => {
    const report = await run(withPeriods(period('2020-02-29', '2021-03-01')));
    expectFinding(report, { ruleId: LONGER_THAN_12, severity: 'violation', citation: { clause: 5, paragraph: 1, item: 2 }, evidence: { lengthMonths: 12 } });
  });

  // Civil and Commercial Code s. 193/5 para 2: a period of months whose last month has no corresponding day
  // ends on the last day of that month, so 12 months from 2020-02-29 end on 2021-02-28.
  it('a period starting on the leap day 2020-02-29 and ending 2021-02-28 is exactly 12 months (CCC s. 193/5)', async () => {
    const report = await run(withPeriods(period('2020-02-29', '2021-02-28')));
    expectNoFinding(report, LONGER_THAN_12);
  });
});

describe('cl. 5 para 1 (2): the period as at dissolution may run more than 12 but at most 15 months', () => {
  /** A fund registered 2019-04-01 whose final period runs from `start` to its dissolution on `end`. */
  const dissolvedFund = (start: string, end: string) =>
    mutualFund({
      id: 'M0290_2561',
      registrationDate: '2019-04-01',
      dissolutionDate: end,
      accountingPeriods: [period('2020-01-01', '2020-12-31'), period('2021-01-01', '2021-12-31'), period(start, end)],
    });

  it('a final period of exactly 15 months ending at dissolution (2022-01-01 to 2023-03-31) is allowed', async () => {
    const report = await run(dissolvedFund('2022-01-01', '2023-03-31'));
    expect(report.findings).toEqual([]);
    expect(outcomeOf(report, FINAL_LONGER_THAN_15)).toBe('passed');
  });

  it('a final period of 15 months and one day ending at dissolution (2022-01-01 to 2023-04-01) is too long', async () => {
    const report = await run(dissolvedFund('2022-01-01', '2023-04-01'));
    expectFinding(report, {
      ruleId: FINAL_LONGER_THAN_15,
      severity: 'violation',
      fundId: 'M0290_2561',
      period: { start: '2022-01-01', end: '2023-04-01' },
      citation: { clause: 5, paragraph: 1, item: 2 },
      evidence: { lengthMonths: 15, lengthExtraDays: 1, maxMonths: 15, dissolutionDate: '2023-04-01' },
    });
    expectNoFinding(report, LONGER_THAN_12);
  });

  it('a final period of 13 months ending at dissolution is within the exception', async () => {
    const report = await run(dissolvedFund('2022-01-01', '2023-01-31'));
    expect(report.findings).toEqual([]);
  });

  it('a fund dissolved within 15 months of registration may prepare a single period as at dissolution', async () => {
    const fund = mutualFund({ id: 'M0812_2565', approvalDate: '2022-02-01', registrationDate: '2022-03-01', dissolutionDate: '2023-05-31', accountingPeriods: [period('2022-03-01', '2023-05-31')] });
    const report = await run(fund);
    expect(report.findings).toEqual([]);
    expect(outcomeOf(report, FINAL_LONGER_THAN_15)).toBe('passed');
    expect(outcomeOf(report, LONGER_THAN_12)).toBe('not-applicable');
  });

  it('a fund dissolved 15 months and one day after registration may not cover it all in one period', async () => {
    const fund = mutualFund({ id: 'M0715_2565', approvalDate: '2022-02-01', registrationDate: '2022-03-01', dissolutionDate: '2023-06-01', accountingPeriods: [period('2022-03-01', '2023-06-01')] });
    const report = await run(fund);
    expectFinding(report, {
      ruleId: FINAL_LONGER_THAN_15,
      severity: 'violation',
      citation: { clause: 5, paragraph: 1, item: 2 },
      evidence: { lengthMonths: 15, lengthExtraDays: 1, monthsRegistrationToDissolution: 15 },
    });
  });

  it('the 15-month allowance is counted the same across a leap day (2019-12-01 to 2021-02-28 is 15 months)', async () => {
    const report = await run(mutualFund({ registrationDate: '2017-04-03', dissolutionDate: '2021-02-28', accountingPeriods: [period('2019-12-01', '2021-02-28')] }));
    expectNoFinding(report, FINAL_LONGER_THAN_15);
  });

  // The 15-month form of the same rule: 15 months from 2022-01-31 end on 2023-04-30 (April has no 31st).
  it('a final period from 2022-01-31 to the dissolution on 2023-04-30 is exactly 15 months (CCC s. 193/5)', async () => {
    const report = await run(mutualFund({ registrationDate: '2017-04-03', dissolutionDate: '2023-04-30', accountingPeriods: [period('2022-01-31', '2023-04-30')] }));
    expectNoFinding(report, FINAL_LONGER_THAN_15);
  });

  it('the cl. 5 rules reach only mutual funds', async () => {
    const report = await run(mutualFund({ kind: 'private', declaredType: undefined, accountingPeriods: [period('2022-01-01', '2023-12-31', { standard: 'other', auditor: { name: 'X', secApproved: false } })] }));
    expect(report.findings).toEqual([]);
    for (const rule of CL5_RULES) expect(outcomeOf(report, rule)).toBe('not-applicable');
  });
});

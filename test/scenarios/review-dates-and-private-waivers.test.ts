import { describe, expect, it } from 'vitest';
import { evaluate, safeEvaluate } from '../../src/index.js';
import { fundOfType, holder, obligation, privateFund, profiledInvestor, subscription, waiver } from '../helpers/build.js';

describe('cl. 10: waivers are for mutual funds', () => {
  it('a waiver recorded for a private fund is itself a finding and waives nothing', async () => {
    const fund = privateFund({
      offering: { inThailand: true, abroad: true },
      obligations: [obligation('OB-1', '2023-05-02', false)],
      waivers: [waiver('SEC-W-1', '2023-01-10', ['tn89.cl7.obligation-not-tied-to-permitted-investment'], { hostCountryShowing: 'Opinion of counsel, 2022-12-01' })],
    });
    const report = await evaluate({ funds: [fund] }, { asOf: '2024-06-30' });
    const byRule = Object.fromEntries(report.findings.map((f) => [f.ruleId, f.status]));
    expect(byRule).toEqual({
      'tn89.cl10.waiver-not-for-mutual-fund': 'violation',
      'tn89.cl7.obligation-not-tied-to-permitted-investment': 'violation',
    });
    expect(report.status).toBe('findings');
  });
});

describe('investor categories are judged on what was known on the as-of date', () => {
  it('a KYC review dated after the as-of date is not used: the input error names the review date', async () => {
    const later = profiledInvestor('I-LATE', 'individual', { assessedOn: '2023-05-01', netAssets: '35000000' });
    const fund = fundOfType('A', { unitholders: [holder('I-LATE', subscription('2021-06-01', '1000000'))] });
    const result = await safeEvaluate({ funds: [fund], investors: [later] }, { asOf: '2022-01-01' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([expect.objectContaining({ pointer: 'investors[0].profile.assessedOn', message: expect.stringMatching(/reviewed on 2023-05-01, after the as-of date 2022-01-01/) })]);
  });
});

// Large valid inputs: 5,000 funds and 30,000 unitholders in one fund are
// evaluated completely — every subject counted, the findings exactly ten
// times those of an input ten times smaller built from the same repeating
// pattern. Nothing here is timed: speed is measured by `npm run bench`.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';

const AS_OF = '2024-06-30';

function hnwFund(id: string, holders: number, offset = 0) {
  return {
    id,
    names: { th: `กองทุน ${id}`, en: `Fund ${id}` },
    kind: 'mutual',
    declaredType: 'B',
    managementCompany: { id: 'C1' },
    approvalDate: '2018-01-01',
    offering: { inThailand: true, abroad: false },
    scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '500000' },
    accountingPeriods: [{ start: '2023-01-01', end: '2023-12-31', standard: 'association', auditor: { name: 'Auditor', secApproved: true, licensedIn: ['TH'] } }],
    unitholders: Array.from({ length: holders }, (_, i) => ({ investorId: `I${offset + i}`, subscriptions: [{ date: '2019-01-02', amount: i % 10 === 0 ? '499999.99' : '600000' }] })),
  };
}

function investors(count: number) {
  return Array.from({ length: count }, (_, i) => ({ id: `I${i}`, type: 'individual', category: i % 3 === 0 ? 'retail' : 'high-net-worth', domicile: 'TH' }));
}

describe('large valid inputs are evaluated completely', () => {
  it('5,000 funds (against 500)', async () => {
    const run = async (funds: number) => {
      const input = { funds: Array.from({ length: funds }, (_, i) => hnwFund(`F${i}`, 2, (2 * i) % 100)), investors: investors(100) };
      const report = await evaluate(input, { asOf: AS_OF });
      return { findings: report.findings.length, funds: report.funds.length };
    };
    const small = await run(500);
    const large = await run(5_000);
    expect(large.funds).toBe(5_000);
    expect(small.findings).toBeGreaterThan(0);
    expect(large.findings).toBe(small.findings * 10);
  }, 120_000);

  it('30,000 unitholders in one fund (against 3,000)', async () => {
    // The holder pattern (amount every 10th, category every 3rd) repeats every 30 holders.
    const run = async (holders: number) => {
      const input = { funds: [hnwFund('F1', holders)], investors: investors(holders) };
      const report = await evaluate(input, { asOf: AS_OF });
      return { findings: report.findings.length, holders: report.funds[0]!.subjects['unitholder'] };
    };
    const small = await run(3_000);
    const large = await run(30_000);
    expect(large.holders).toBe(30_000);
    expect(small.findings).toBeGreaterThan(0);
    expect(large.findings).toBe(small.findings * 10);
  }, 180_000);
});

// Large valid inputs: 5,000 funds and 100,000 unitholders evaluate without a
// pathological (worse than linear) slow-down. The timings are printed as
// "[hardening] ..." lines for the record; only a loose bound on the ratio
// between a large and a ten-times smaller input is asserted.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { record, timed } from './helpers.js';

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

describe('large valid inputs evaluate without pathological slow-down', () => {
  it('5,000 funds (against 500)', async () => {
    const run = async (funds: number) => {
      const input = { funds: Array.from({ length: funds }, (_, i) => hnwFund(`F${i}`, 2, (2 * i) % 100)), investors: investors(100) };
      const { ms, value, error } = await timed(() => evaluate(input, { asOf: AS_OF }));
      if (error) throw error;
      return { ms, findings: value!.findings.length };
    };
    const small = await run(500);
    const large = await run(5_000);
    record('funds', { 'funds=500 ms': Math.round(small.ms), 'funds=5000 ms': Math.round(large.ms), 'findings(5000)': large.findings, 'ratio': (large.ms / small.ms).toFixed(1) });
    expect(large.findings).toBe(small.findings * 10);
    expect(large.ms / small.ms).toBeLessThan(40); // linear is 10
  }, 120_000);

  it('100,000 unitholders in one fund (against 10,000)', async () => {
    const run = async (holders: number) => {
      const input = { funds: [hnwFund('F1', holders)], investors: investors(holders) };
      const { ms, value, error } = await timed(() => evaluate(input, { asOf: AS_OF }));
      if (error) throw error;
      return { ms, findings: value!.findings.length };
    };
    const small = await run(10_000);
    const large = await run(100_000);
    record('unitholders', { 'holders=10000 ms': Math.round(small.ms), 'holders=100000 ms': Math.round(large.ms), 'findings(100000)': large.findings, 'ratio': (large.ms / small.ms).toFixed(1), 'heapMB': Math.round(process.memoryUsage().heapUsed / 1e6) });
    expect(large.findings).toBeGreaterThan(small.findings * 9);
    expect(large.ms / small.ms).toBeLessThan(40); // linear is 10
  }, 180_000);
});

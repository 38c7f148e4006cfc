/**
 * The one bounded validation path (engine/session.ts checkEvaluationInput),
 * on the input that overflowed the stack in order checks: a fund of 200,000
 * unitholders without subscriptions is a list of issues, never a RangeError.
 */
import { describe, expect, it } from 'vitest';
import { safeCheckOrder } from '../../src/index.js';

describe('200,000 unitholders without subscriptions', () => {
  it('safeCheckOrder returns a bounded list of issues with their paths instead of throwing', () => {
    const fund = {
      id: 'M',
      names: { th: 'ก', en: 'F' },
      kind: 'mutual',
      declaredType: 'B',
      managementCompany: { id: 'C' },
      approvalDate: '2018-05-01',
      offering: { inThailand: true, abroad: false },
      scheme: { investorRestriction: 'high-net-worth' },
      unitholders: Array.from({ length: 200_000 }, () => ({ investorId: 'I1', subscriptions: [] })),
    };
    const investor = { id: 'I1', type: 'individual', category: 'high-net-worth', domicile: 'TH' };
    const result = safeCheckOrder(fund as never, investor as never, { kind: 'subscription', amount: '1' } as never, { asOf: '2024-06-30', investors: [investor] as never });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.length).toBeGreaterThan(100);
    expect(result.issues.length).toBeLessThanOrEqual(1001);
    expect(result.issues[0]!.pointer).toMatch(/^fund\.unitholders\[\d+\]\.subscriptions/);
  }, 120_000);
});

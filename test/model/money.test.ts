import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../../src/index.js';

describe('money', () => {
  it('treats "500000", "500000.00" and 500000 as the same amount', () => {
    const amounts = ['500000', '500000.00', 500000].map((v) => parseMoney(v));
    expect(amounts).toEqual([
      { ok: true, amount: '500000' },
      { ok: true, amount: '500000' },
      { ok: true, amount: '500000' },
    ]);
  });

  it('gives an integer number the canonical amount Decimal gives it, -0, the edges of 2^53 and negatives included', () => {
    const edges = [0, -0, 1, -1, 9, 10, 500000, 2 ** 53 - 1, -(2 ** 53 - 1), 1e15, 123456789012345];
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...edges), fc.maxSafeInteger(), fc.integer()), (n) => {
        expect(parseMoney(n)).toEqual({ ok: true, amount: new Decimal(n).toFixed() });
      }),
      { numRuns: 2000, seed: 2558 },
    );
    expect(parseMoney(2 ** 53).ok).toBe(false);
  });

  it('keeps satang exactly', () => {
    expect(parseMoney('499999.99')).toEqual({ ok: true, amount: '499999.99' });
    expect(parseMoney('0.1')).toEqual({ ok: true, amount: '0.1' });
  });

  it('refuses floats with a fraction, exponents, separators, NaN and Infinity', () => {
    for (const bad of [0.1 + 0.2, 499999.99, '5e5', '500,000', 'NaN', Number.NaN, Number.POSITIVE_INFINITY, '', ' ', '1.2.3', null, true, {}]) {
      expect(parseMoney(bad).ok, String(bad)).toBe(false);
    }
  });

  it('formats baht for Thai and English readers', () => {
    expect(formatMoney('500000', 'th')).toBe('500,000.00 บาท');
    expect(formatMoney('499999.99', 'en')).toBe('THB 499,999.99');
  });
});

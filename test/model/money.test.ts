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

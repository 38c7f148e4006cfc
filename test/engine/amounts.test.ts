import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAmounts, compareWithAmount, plainAmount } from '../../src/engine/amounts.js';
import { parseMoney } from '../../src/model/money.js';

// Amounts are compared as canonical strings, never as floats and without a Decimal per comparison: the answers are Decimal's.

const decimalText = fc.oneof(
  fc.constantFrom('0', '-0', '500000', '500000.00', '499999.99', '500000.01', '0.0000000001', '1.12345678901', '-499999.5', '10', '9.99'),
  fc.tuple(fc.constantFrom('', '-'), fc.stringMatching(/^\d{1,31}$/), fc.option(fc.stringMatching(/^\d{0,10}$/), { nil: undefined })).map(([sign, whole, fraction]) => `${sign}${whole}${fraction ? `.${fraction}` : ''}`),
);
const canonical = decimalText.map((text) => parseMoney(text)).filter((parsed) => parsed.ok).map((parsed) => (parsed as { amount: string }).amount);

describe('exact amount comparisons', () => {
  it('order canonical amounts as Decimal does, one side fixed or not', () => {
    fc.assert(
      fc.property(canonical, canonical, (a, b) => {
        const expected = new Decimal(a).comparedTo(b);
        expect(compareAmounts(a, b)).toBe(expected);
        expect(compareWithAmount(b)(a)).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it('tell a satang below the threshold from the threshold itself', () => {
    const belowThreshold = compareWithAmount('500000');
    expect(belowThreshold('499999.99')).toBe(-1);
    expect(belowThreshold('500000')).toBe(0);
    expect(belowThreshold('500000.01')).toBe(1);
    expect(belowThreshold('-500000')).toBe(-1);
    expect(compareAmounts('-1.5', '-1.25')).toBe(-1);
  });

  it('read a plain amount exactly as parseMoney does, and leave anything else to it', () => {
    const PLAIN = /^(?:0|[1-9]\d{0,29})(?:\.\d{1,10})?$/;
    const text = fc.oneof(
      fc.constantFrom('', '0', '00', '0.', '.5', '5.', '0.0', '10', '010', '1.00000000000', '1.0000000000', ' 1', '1 ', '1\n', '+1', '-1', '1e5', '1,000', '0.5', '500000.00'),
      fc.stringMatching(/^[0-9.]{1,42}$/),
      fc.tuple(fc.stringMatching(/^[1-9]\d{0,31}$/), fc.option(fc.stringMatching(/^\d{0,12}$/), { nil: undefined })).map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`)),
    );
    fc.assert(
      fc.property(text, (value) => {
        const plain = plainAmount(value);
        expect(plain !== undefined).toBe(PLAIN.test(value));
        if (plain !== undefined) expect(parseMoney(value)).toEqual({ ok: true, amount: plain });
      }),
      { numRuns: 20_000 },
    );
  });
});

import Decimal from 'decimal.js';
import { z } from 'zod';

/** An amount of Thai baht as a canonical decimal string ("250000", "499999.99"). */
export type Money = string;

const DECIMAL_TEXT = /^[+-]?\d{1,30}(\.\d{1,10})?$/;

export type MoneyParseResult = { ok: true; amount: Money } | { ok: false; reason: string };

/**
 * Parse an amount given as a decimal string or a safe integer. Floats with a
 * fraction, exponent notation, NaN and Infinity are refused: a float cannot
 * carry satang exactly, and a regulator's threshold must never be missed by
 * 0.1 + 0.2 style rounding.
 */
export function parseMoney(value: unknown): MoneyParseResult {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: `${value} is not an amount` };
    if (!Number.isSafeInteger(value)) {
      return { ok: false, reason: `give amounts with a fraction or beyond 2^53 as decimal strings, e.g. "${value}"` };
    }
    return { ok: true, amount: new Decimal(value).toFixed() };
  }
  if (typeof value !== 'string') return { ok: false, reason: 'expected an amount as a decimal string such as "250000.00" or an integer' };
  const text = value.trim();
  if (!DECIMAL_TEXT.test(text)) {
    return { ok: false, reason: `${JSON.stringify(value.slice(0, 40))} is not a plain decimal amount (digits, an optional point and up to 10 decimals; no separators or exponents)` };
  }
  return { ok: true, amount: new Decimal(text).toFixed() };
}

export const moneySchema = z
  .union([z.string(), z.number()], { error: 'expected an amount as a decimal string such as "250000.00" or an integer' })
  .transform((value, ctx) => {
    const parsed = parseMoney(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.reason });
      return z.NEVER;
    }
    return parsed.amount;
  })
  .describe('Amount in THB: a decimal string ("250000.00") or an integer; never a float');

export const positiveMoneySchema = moneySchema.refine((amount) => new Decimal(amount).gt(0), 'the amount must be greater than zero');

/** An amount for a reader: grouped, with two decimals — or all of them, never rounded (499,999.995 is not 500,000.00). */
export function formatMoney(amount: Money, locale: 'th' | 'en'): string {
  const value = new Decimal(amount);
  const fixed = value.decimalPlaces() > 2 ? value.toFixed() : value.toFixed(2);
  const [whole = '0', fraction = '00'] = fixed.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = fixed.startsWith('-') ? '-' : '';
  return locale === 'th' ? `${sign}${grouped}.${fraction} บาท` : `THB ${sign}${grouped}.${fraction}`;
}

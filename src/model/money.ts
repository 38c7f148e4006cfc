import Decimal from 'decimal.js';
import { z } from 'zod';

/** An amount of Thai baht as a canonical decimal string ("250000", "499999.99"). */
export type Money = string;

const DECIMAL_TEXT = /^[+-]?\d{1,30}(\.\d{1,10})?$/;

/** On failure, `reason` in English and, where given, `reasonTh` in Thai. */
export type MoneyParseResult = { ok: true; amount: Money } | { ok: false; reason: string; reasonTh?: string };

/**
 * Parse an amount given as a decimal string or a safe integer. Floats with a
 * fraction, exponent notation, NaN and Infinity are refused: a float cannot
 * carry satang exactly, and a regulator's threshold must never be missed by
 * 0.1 + 0.2 style rounding.
 */
const PLAIN = /^(?:0|[1-9]\d{0,29})(?:\.\d{1,10})?$/;

/** A PLAIN amount without trailing fraction zeros ("123456.70" → "123456.7", "5.00" → "5"), as Decimal#toFixed gives it. */
function canonicalPlain(value: string): string {
  const dot = value.indexOf('.');
  if (dot === -1) return value;
  let end = value.length;
  while (value.charCodeAt(end - 1) === 48) end--;
  if (end === dot + 1) end = dot;
  return end === value.length ? value : value.slice(0, end);
}

export function parseMoney(value: unknown): MoneyParseResult {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: `${value} is not an amount`, reasonTh: `${value} ไม่ใช่จำนวนเงิน` };
    if (!Number.isSafeInteger(value)) {
      return { ok: false, reason: `give amounts with a fraction or beyond 2^53 as decimal strings, e.g. "${value}"`, reasonTh: `จำนวนเงินที่มีทศนิยมหรือเกิน 2^53 ให้เขียนเป็นข้อความตัวเลข เช่น "${value}"` };
    }
    // A safe integer prints as its plain digits (never an exponent below 1e21; -0 prints "0"), as Decimal#toFixed gives it.
    return { ok: true, amount: String(value) };
  }
  if (typeof value !== 'string') return { ok: false, reason: 'expected an amount as a decimal string such as "250000.00" or an integer', reasonTh: 'ต้องเป็นจำนวนเงินแบบข้อความตัวเลข เช่น "250000.00" หรือจำนวนเต็ม' };
  // The common case, a plain unsigned amount without leading zeros, is made canonical without a Decimal.
  if (PLAIN.test(value)) return { ok: true, amount: canonicalPlain(value) };
  const text = value.trim();
  if (!DECIMAL_TEXT.test(text)) {
    const shown = JSON.stringify(value.slice(0, 40));
    return {
      ok: false,
      reason: `${shown} is not a plain decimal amount (digits, an optional point and up to 10 decimals; no separators or exponents)`,
      reasonTh: `${shown} ไม่ใช่จำนวนเงินแบบตัวเลขธรรมดา (ตัวเลข จุดทศนิยมได้หนึ่งจุด ทศนิยมไม่เกิน 10 ตำแหน่ง ไม่มีเครื่องหมายคั่นหลักหรือเลขยกกำลัง)`,
    };
  }
  return { ok: true, amount: new Decimal(text).toFixed() };
}

export const moneySchema = z
  .union([z.string(), z.number()], { error: 'expected an amount as a decimal string such as "250000.00" or an integer' })
  .transform((value, ctx) => {
    const parsed = parseMoney(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.reason, ...(parsed.reasonTh ? { params: { th: parsed.reasonTh } } : {}) });
      return z.NEVER;
    }
    return parsed.amount;
  })
  .describe('Amount in THB: a decimal string ("250000.00") or an integer; never a float');

// Canonical amounts: zero is "0", a negative starts with "-".
export const positiveMoneySchema = moneySchema.refine((amount) => amount !== '0' && amount.charCodeAt(0) !== 45, 'the amount must be greater than zero');

/** An amount for a reader: grouped, with two decimals — or all of them, never rounded (499,999.995 is not 500,000.00). */
export function formatMoney(amount: Money, locale: 'th' | 'en'): string {
  const value = new Decimal(amount);
  const fixed = value.decimalPlaces() > 2 ? value.toFixed() : value.toFixed(2);
  const [whole = '0', fraction = '00'] = fixed.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = fixed.startsWith('-') ? '-' : '';
  return locale === 'th' ? `${sign}${grouped}.${fraction} บาท` : `THB ${sign}${grouped}.${fraction}`;
}

import { parseMoney } from '../model/money.js';

/**
 * Exact amounts without a Decimal per comparison: amounts are compared as
 * canonical decimal strings (as parseMoney gives them: no exponent, no
 * leading or trailing zeros, "-" for negatives) by sign, integer length,
 * then digits. decimal.js stays for arithmetic (sums) and for canonicalising
 * what the fast path does not recognise.
 */

/**
 * Compare two canonical amounts (as parseMoney gives them: no exponent, no
 * leading or trailing zeros, "-" for negatives) exactly, without building
 * Decimals: by sign, integer length, then digits. test/batch/row.test.ts
 * holds it to Decimal#comparedTo.
 */
export function compareAmounts(a: string, b: string): number {
  const negative = a.charCodeAt(0) === 45;
  if (negative !== (b.charCodeAt(0) === 45)) return negative ? -1 : 1;
  const sign = negative ? -1 : 1;
  const x = negative ? a.slice(1) : a;
  const y = negative ? b.slice(1) : b;
  const xDot = x.indexOf('.');
  const yDot = y.indexOf('.');
  const xInt = xDot === -1 ? x.length : xDot;
  const yInt = yDot === -1 ? y.length : yDot;
  if (xInt !== yInt) return xInt < yInt ? -sign : sign;
  let xFraction = xDot === -1 ? '' : x.slice(xDot + 1);
  let yFraction = yDot === -1 ? '' : y.slice(yDot + 1);
  if (xFraction.length < yFraction.length) xFraction = xFraction.padEnd(yFraction.length, '0');
  else if (yFraction.length < xFraction.length) yFraction = yFraction.padEnd(xFraction.length, '0');
  const xDigits = x.slice(0, xInt) + xFraction;
  const yDigits = y.slice(0, yInt) + yFraction;
  return xDigits === yDigits ? 0 : xDigits < yDigits ? -sign : sign;
}

const PLAIN_AMOUNT = /^(?:0|[1-9]\d{0,29})(?:\.\d{1,10})?$/;

/**
 * The canonical amount of a plain unsigned decimal text ("123456.70" →
 * "123456.7"), as parseMoney gives it, without building a Decimal; undefined
 * for anything else (signs, spaces, leading zeros, numbers), which parseMoney
 * then decides. test/batch/row.test.ts holds the two together.
 */
export function plainAmount(value: unknown): string | undefined {
  if (typeof value !== 'string' || !PLAIN_AMOUNT.test(value)) return undefined;
  const dot = value.indexOf('.');
  if (dot === -1) return value;
  let end = value.length;
  while (value.charCodeAt(end - 1) === 48) end--;
  if (end === dot + 1) end = dot;
  return end === value.length ? value : value.slice(0, end);
}

/** The canonical amount of a value (a plain decimal string fast, anything else through parseMoney), or undefined when it is not an amount. */
export function canonicalAmount(value: unknown): string | undefined {
  const plain = plainAmount(value);
  if (plain !== undefined) return plain;
  const parsed = parseMoney(value);
  return parsed.ok ? parsed.amount : undefined;
}

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
  const start = negative ? 1 : 0;
  const order = compareMagnitudes(a, start, integerEnd(a), b, start, integerEnd(b));
  return negative && order !== 0 ? -order : order;
}

/** Where the integer digits of a canonical amount end (its point, or its length). */
function integerEnd(amount: string): number {
  const dot = amount.indexOf('.');
  return dot === -1 ? amount.length : dot;
}

/**
 * Compare two unsigned canonical magnitudes in place (no slices, no padding):
 * digits from `xStart`/`yStart`, integer parts ending at `xInt`/`yInt`. No
 * leading zeros, so a longer integer part is larger; then digit by digit,
 * a missing fraction digit counting as 0.
 */
function compareMagnitudes(x: string, xStart: number, xInt: number, y: string, yStart: number, yInt: number): number {
  const xLength = xInt - xStart;
  if (xLength !== yInt - yStart) return xLength < yInt - yStart ? -1 : 1;
  for (let i = 0; i < xLength; i++) {
    const d = x.charCodeAt(xStart + i) - y.charCodeAt(yStart + i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  // Fractions: after the points; a shorter one is padded with zeros (canonical: none ends in 0).
  const xFraction = x.length - xInt - 1;
  const yFraction = y.length - yInt - 1;
  const longest = xFraction > yFraction ? xFraction : yFraction;
  for (let i = 1; i <= longest; i++) {
    const xd = i <= xFraction ? x.charCodeAt(xInt + i) : 48;
    const yd = i <= yFraction ? y.charCodeAt(yInt + i) : 48;
    if (xd !== yd) return xd < yd ? -1 : 1;
  }
  return 0;
}

/**
 * A comparison with one side fixed (a rule's constant threshold): the
 * threshold's sign and integer length are found once, each call only walks
 * the other amount's digits. Same answers as compareAmounts(amount, threshold).
 */
export function compareWithAmount(threshold: string): (amount: string) => number {
  const negative = threshold.charCodeAt(0) === 45;
  const start = negative ? 1 : 0;
  const end = integerEnd(threshold);
  return (amount) => {
    const amountNegative = amount.charCodeAt(0) === 45;
    if (amountNegative !== negative) return amountNegative ? -1 : 1;
    const order = compareMagnitudes(amount, start, integerEnd(amount), threshold, start, end);
    return negative && order !== 0 ? -order : order;
  };
}

/**
 * The canonical amount of a plain unsigned decimal text ("123456.70" →
 * "123456.7"), as parseMoney gives it, without building a Decimal; undefined
 * for anything else (signs, spaces, leading zeros, numbers), which parseMoney
 * then decides. Plain means `0` or 1–30 digits without a leading zero, then
 * optionally a point and 1–10 digits, as {@link plainAmountEnd} checks it;
 * then the fraction's trailing zeros go (this runs once per amount compared).
 * test/batch/row.test.ts and
 * test/engine/amounts.test.ts hold it to parseMoney.
 */
export function plainAmount(value: unknown): string | undefined {
  const dot = plainAmountEnd(value);
  if (dot < 0) return undefined;
  const text = value as string;
  const length = text.length;
  if (dot === length) return text;
  // Trailing zeros of the fraction go, and the point with them when nothing is left.
  let end = length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (end === dot + 1) end = dot;
  return end === length ? text : text.slice(0, end);
}

/** One side of many comparisons (a rule's threshold), canonical and measured once. */
export interface AmountOperand {
  readonly amount: string;
  readonly integerEnd: number;
  readonly negative: boolean;
  /**
   * The amount as a number when it is a whole number of at most 15 digits
   * (exact as a double), else undefined: a safe-integer value (a count) is
   * then compared with it as numbers, which is how the decimal operators
   * compare it (parseMoney prints a safe integer as its own digits).
   */
  readonly integer: number | undefined;
}

/** A value as the fixed side of comparisons, or undefined when it is not an amount (the operator then reports it). */
export function amountOperand(value: unknown): AmountOperand | undefined {
  const amount = canonicalAmount(value);
  if (amount === undefined) return undefined;
  const end = integerEnd(amount);
  const negative = amount.charCodeAt(0) === 45;
  const integer = end === amount.length && end - (negative ? 1 : 0) <= 15 ? Number(amount) : undefined;
  return { amount, integerEnd: end, negative, integer };
}

/**
 * Where the integer part of a plain unsigned decimal text ends (as
 * {@link plainAmount} accepts it: `0` or 1–30 digits without a leading
 * zero, then optionally a point and 1–10 digits); -1 for anything else
 * (signs, exponents, leading zeros, spaces, numbers, other kinds), which the
 * full operator then canonicalises or rejects.
 */
export function plainAmountEnd(value: unknown): number {
  if (typeof value !== 'string') return -1;
  const length = value.length;
  if (length === 0) return -1;
  let c = value.charCodeAt(0);
  let i = 1;
  if (c !== 48) {
    if (!(c >= 49 && c <= 57)) return -1;
    while (i < length && (c = value.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i > 30) return -1;
  }
  const end = i;
  if (i === length) return end;
  if (value.charCodeAt(i) !== 46) return -1;
  i++;
  while (i < length && (c = value.charCodeAt(i)) >= 48 && c <= 57) i++;
  const fraction = i - end - 1;
  return i !== length || fraction < 1 || fraction > 10 ? -1 : end;
}

/**
 * A plain amount (its integer part ending at `end`, from {@link plainAmountEnd})
 * compared with a prepared amount in place, without making it canonical
 * first (trailing fraction zeros compare as the zeros they are): the answer
 * of compareAmounts(canonicalAmount(value), operand.amount).
 */
export function comparePlainAmount(value: string, end: number, operand: AmountOperand): number {
  // A plain amount is not negative: above any negative operand.
  if (operand.negative) return 1;
  return compareMagnitudes(value, 0, end, operand.amount, 0, operand.integerEnd);
}

/** The canonical amount of a value (a plain decimal string fast, anything else through parseMoney), or undefined when it is not an amount. */
export function canonicalAmount(value: unknown): string | undefined {
  const plain = plainAmount(value);
  if (plain !== undefined) return plain;
  const parsed = parseMoney(value);
  return parsed.ok ? parsed.amount : undefined;
}

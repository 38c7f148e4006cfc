import { asCalendarDate, isPeriodMonths, parseCalendarDate, MAX_PERIOD_MONTHS, spanLongerThanMonths, withinMonthsOf, type CalendarDate } from '../model/calendar-date.js';
import { canonicalAmount, compareAmounts, compareWithAmount } from './amounts.js';

/**
 * Operators a pack may use. json-rules-engine's numeric operators are not
 * offered: they compare floats and silently answer false for a non-number.
 * Ours throw on a value of the wrong kind, which fails the evaluation loudly
 * (guard optional data with `appliesWhen` instead).
 */
export class OperatorTypeError extends Error {
  constructor(operator: string, side: 'fact' | 'value', got: unknown, expected: string) {
    super(`operator ${operator}: the ${side} is ${describe(got)}, expected ${expected}`);
    this.name = 'OperatorTypeError';
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined (missing)';
  if (value === null) return 'null (not recorded)';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 60)}`;
}

/** An amount as its canonical decimal string (compared exactly by compareAmounts, no Decimal per comparison). */
function decimal(operator: string, side: 'fact' | 'value', value: unknown): string {
  const amount = canonicalAmount(value);
  if (amount === undefined) throw new OperatorTypeError(operator, side, value, 'a decimal amount');
  return amount;
}

/**
 * A condition value as a date operator reads it, without throwing: the
 * calendar date, or undefined when it is not one (the operator then reports it).
 */
export function dateOperand(value: unknown): CalendarDate | undefined {
  // Facts reach operators already parsed, in the one representation (taken as is); a pack's literal
  // may be written in a Buddhist Era form and is parsed by the same parser. Within the supported range
  // every parsed date parses back to itself, so no accepted date is refused here.
  const parsed = asCalendarDate(value) ?? (typeof value === 'string' ? parseCalendarDate(value) : undefined);
  if (parsed === undefined || (typeof parsed === 'object' && !parsed.ok)) return undefined;
  return typeof parsed === 'string' ? parsed : parsed.date;
}

function date(operator: string, side: 'fact' | 'value', value: unknown): CalendarDate {
  const parsed = dateOperand(value);
  if (parsed === undefined) throw new OperatorTypeError(operator, side, value, 'a calendar date "YYYY-MM-DD"');
  return parsed;
}

function span(operator: string, value: unknown): { start: CalendarDate; end: CalendarDate } {
  if (value === null || typeof value !== 'object') throw new OperatorTypeError(operator, 'fact', value, 'a span { start, end }');
  const { start, end } = value as { start?: unknown; end?: unknown };
  return { start: date(operator, 'fact', start), end: date(operator, 'fact', end) };
}

function months(operator: string, value: unknown): number {
  if (!isPeriodMonths(value)) throw new OperatorTypeError(operator, 'value', value, `a whole number of months from 0 to ${MAX_PERIOD_MONTHS}`);
  return value;
}

type Compare = (fact: unknown, value: unknown) => boolean;

/** Decimal operators by name, with a version for a constant condition value (parsed once, when rules are specialised). */
const withConstant = new Map<string, (value: unknown) => Compare>();

/**
 * The amount and date operators as one comparison each, for generated code
 * that compares a plain fact with a prepared value inline (a decimal's
 * comparison result with 0, or two calendar dates as YYYYMMDD numbers) and
 * asks the operator itself about anything else.
 */
export interface InlineComparison {
  kind: 'decimal' | 'date';
  test: '<' | '<=' | '>' | '>=' | '===';
}
const inline = new Map<string, InlineComparison>();

/** How a built-in amount or date operator compares, for inlining; undefined for other operators. */
export function inlineComparison(name: string): InlineComparison | undefined {
  return inline.get(name);
}

function dateOperator(name: string, order: Order): [string, Compare] {
  inline.set(name, { kind: 'date', test: order });
  const test = ORDERS[order];
  return [name, (fact, value) => test(date(name, 'fact', fact), date(name, 'value', value))];
}

/** The orders an amount or date operator tests, as functions and (for generated code) as their JavaScript operator. */
type Order = InlineComparison['test'];
const ORDERS: Record<Order, <T extends number | string>(a: T, b: T) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '===': (a, b) => a === b,
};

function decimalOperator(name: string, order: Order): [string, Compare] {
  inline.set(name, { kind: 'decimal', test: order });
  const holds = ORDERS[order];
  const test = (c: number) => holds(c, 0);
  withConstant.set(name, (value) => {
    const threshold = canonicalAmount(value);
    // A bad constant fails as the generic operator does: on the first comparison, naming the fact first.
    if (threshold === undefined) return (fact) => test(compareAmounts(decimal(name, 'fact', fact), decimal(name, 'value', value)));
    const compare = compareWithAmount(threshold);
    return (fact) => test(compare(decimal(name, 'fact', fact)));
  });
  return [name, (fact, value) => test(compareAmounts(decimal(name, 'fact', fact), decimal(name, 'value', value)))];
}

function list(operator: string, side: 'fact' | 'value', value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new OperatorTypeError(operator, side, value, 'a list');
  return value;
}

/**
 * json-rules-engine's own `in`/`contains` family, made strict: its versions
 * treat a string as a list of substrings and answer false for a non-list.
 */
const membership: [string, Compare][] = [
  ['equal', (fact, value) => fact === value],
  ['notEqual', (fact, value) => fact !== value],
  ['in', (fact, value) => list('in', 'value', value).includes(fact)],
  ['notIn', (fact, value) => !list('notIn', 'value', value).includes(fact)],
  ['contains', (fact, value) => list('contains', 'fact', fact).includes(value)],
  ['doesNotContain', (fact, value) => !list('doesNotContain', 'fact', fact).includes(value)],
];

const custom: [string, Compare][] = [
  ...membership,
  decimalOperator('decimalLessThan', '<'),
  decimalOperator('decimalAtMost', '<='),
  decimalOperator('decimalGreaterThan', '>'),
  decimalOperator('decimalAtLeast', '>='),
  decimalOperator('decimalEqual', '==='),
  dateOperator('dateBefore', '<'),
  dateOperator('dateOnOrBefore', '<='),
  dateOperator('dateAfter', '>'),
  dateOperator('dateOnOrAfter', '>='),
  ['spanLongerThanMonths', (fact, value) => {
    const { start, end } = span('spanLongerThanMonths', fact);
    return spanLongerThanMonths(start, end, months('spanLongerThanMonths', value));
  }],
  ['endWithinMonthsOfStart', (fact, value) => {
    const { start, end } = span('endWithinMonthsOfStart', fact);
    return withinMonthsOf(start, end, months('endWithinMonthsOfStart', value));
  }],
];

/** A built-in operator with its condition value fixed (a threshold parsed once); undefined where nothing is gained. */
export function operatorWithConstant(name: string, value: unknown): Compare | undefined {
  return withConstant.get(name)?.(value);
}

/** Every operator a pack may use, by name (the vocabulary's list; the operators above implement exactly these). */
export { OPERATOR_NAMES } from '../facts/vocabulary.js';

/** The comparisons as plain functions (fact value, condition value) → boolean, for compiled evaluation. */
export const operatorFunctions: ReadonlyMap<string, Compare> = new Map(custom);

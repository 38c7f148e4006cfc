import { Buffer } from 'node:buffer';
import { z } from 'zod';
import type { CategoryBasis } from '../engine/investor-category.js';
import type { UnitholderFacts } from '../engine/facts.js';
import { CALENDAR_RANGE, calendarDateKey, calendarDateSchema, parseCalendarDate, type CalendarDate } from '../model/calendar-date.js';
import { countryCodeSchema, investorCategorySchema, investorSchema } from '../model/investor.js';
import { compareAmounts, plainAmount } from '../engine/amounts.js';
import { moneySchema, parseMoney, positiveMoneySchema } from '../model/money.js';
import { REGISTER_COLUMNS, type RegisterColumn } from '../facts/register-columns.js';

/**
 * One row of a unitholder register: one investor's holding in one fund, as of
 * the evaluation date. The columns (and the facts they give) are part of the
 * fact vocabulary (src/facts); the field indexes below follow their order.
 */
export { REGISTER_COLUMNS, type RegisterColumn };

export const COLUMN_NAMES: readonly RegisterColumn[] = REGISTER_COLUMNS.map((c) => c.column);
const FUND_ID = 0;
const INVESTOR_ID = 1;
const INVESTOR_TYPE = 2;
const CATEGORY = 3;
const DOMICILE = 4;
const ASSESSED_ON = 5;
const FIRST_DATE = 6;
const FIRST_AMOUNT = 7;
const COUNT = 8;
const TOTAL = 9;
const WITHOUT_PROSPECTUS = 10;
export const FIELD_COUNT = COLUMN_NAMES.length;

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Field index by the names an NDJSON key may have: the column name and its camelCase spelling (exactly). */
const FIELD_BY_NAME: ReadonlyMap<string, number> = new Map(COLUMN_NAMES.flatMap((column, index) => [[column, index] as const, [camel(column), index] as const]));

/** Header names compared loosely: case, surrounding spaces and underscores do not matter. */
const loose = (name: string) => name.trim().toLowerCase().replace(/_/g, '');
const FIELD_BY_LOOSE_NAME: ReadonlyMap<string, number> = new Map(COLUMN_NAMES.map((column, index) => [loose(column), index]));

/** The field a CSV header cell names (`first_subscription_amount`, `firstSubscriptionAmount`, `First_Subscription_Amount`), or undefined. */
export function columnIndex(name: string): number | undefined {
  return FIELD_BY_NAME.get(name) ?? FIELD_BY_LOOSE_NAME.get(loose(name));
}

/** A problem with one field of a row (or with the row as a whole: field `(row)`). */
export interface RowIssue {
  field: string;
  message: string;
}

export interface HeaderMapping {
  /** For each register field, the CSV column it is read from, or -1. */
  columnOf: Int32Array;
  width: number;
}

/** Map a CSV header to register fields; unknown, repeated or missing columns are errors, listed together. */
export function mapHeader(header: readonly string[], options: { fundIdRequired: boolean }): { ok: true; mapping: HeaderMapping } | { ok: false; problems: string[] } {
  const columnOf = new Int32Array(FIELD_COUNT).fill(-1);
  const problems: string[] = [];
  header.forEach((name, position) => {
    const index = columnIndex(name);
    if (index === undefined) problems.push(`column ${position + 1} "${name}" is not a register column (columns: ${COLUMN_NAMES.join(', ')})`);
    else if (columnOf[index] !== -1) problems.push(`column ${position + 1} "${name}" repeats column ${columnOf[index]! + 1} (${COLUMN_NAMES[index]})`);
    else columnOf[index] = position;
  });
  REGISTER_COLUMNS.forEach((column, index) => {
    const required = column.required || (index === FUND_ID && options.fundIdRequired);
    if (required && columnOf[index] === -1) {
      problems.push(index === FUND_ID ? 'no fund_id column, and the scheme file has more than one fund' : `no ${column.column} column`);
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mapping: { columnOf, width: header.length } };
}

/** Fill `slots` from CSV fields; an empty cell is an absent value. Returns a problem when the record has the wrong width. */
export function slotsFromCsv(fields: readonly string[], mapping: HeaderMapping, slots: unknown[]): RowIssue | undefined {
  if (fields.length !== mapping.width) {
    return { field: '(row)', message: `${fields.length} field${fields.length === 1 ? '' : 's'}, but the header has ${mapping.width}` };
  }
  const columnOf = mapping.columnOf;
  for (let i = 0; i < FIELD_COUNT; i++) {
    const column = columnOf[i]!;
    const value = column < 0 ? undefined : fields[column];
    slots[i] = value === '' ? undefined : value;
  }
  return undefined;
}

/** Fill `slots` from an NDJSON object; `null` and `""` are absent values. Unknown or doubled keys are problems. */
export function slotsFromObject(value: unknown, slots: unknown[]): RowIssue[] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ field: '(row)', message: `expected a JSON object with the register columns, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` }];
  }
  slots.fill(undefined);
  let issues: RowIssue[] | undefined;
  for (const key of Object.keys(value)) {
    const index = FIELD_BY_NAME.get(key);
    if (index === undefined) {
      (issues ??= []).push({ field: key, message: `"${key}" is not a register column (columns: ${COLUMN_NAMES.join(', ')})` });
      continue;
    }
    const cell = (value as Record<string, unknown>)[key];
    if (slots[index] !== undefined && cell !== null && cell !== '') {
      (issues ??= []).push({ field: COLUMN_NAMES[index]!, message: `${COLUMN_NAMES[index]} is given twice (as ${key} and under its other spelling)` });
      continue;
    }
    if (cell !== null && cell !== '') slots[index] = cell;
  }
  return issues;
}

const MAX_COUNT = 1_000_000_000;
const COUNT_TEXT = /^\d{1,10}$/;
const COUNT_MESSAGE = 'expected a whole number such as 3';

function parseCount(value: unknown): number | undefined {
  const count = typeof value === 'number' ? value : typeof value === 'string' && COUNT_TEXT.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(count) && count >= 0 && count <= MAX_COUNT ? count : undefined;
}

const countSchema = z.union([z.number(), z.string()], { error: COUNT_MESSAGE }).transform((value, ctx) => {
  const count = parseCount(value);
  if (count === undefined) {
    ctx.addIssue({ code: 'custom', message: `${COUNT_MESSAGE} (0 to ${MAX_COUNT})` });
    return z.NEVER;
  }
  return count;
});

/**
 * The zod schema of a register row: the definition of a valid row, built from
 * the model's own schemas (money, dates, investor type, category, country).
 * Rows are checked by `parseRegisterRow`, whose fast path must accept
 * exactly what this schema accepts (test/batch/row.test.ts).
 */
export const registerRowSchema = z
  .object({
    fund_id: z.string().min(1).max(200).optional(),
    investor_id: investorSchema.shape.id,
    investor_type: investorSchema.shape.type,
    category: investorCategorySchema,
    domicile: countryCodeSchema,
    assessed_on: calendarDateSchema.optional(),
    first_subscription_date: calendarDateSchema,
    first_subscription_amount: positiveMoneySchema,
    subscription_count: countSchema.optional(),
    total_subscribed: moneySchema.optional(),
    subscriptions_without_prospectus: countSchema.optional(),
  })
  .strict()
  .superRefine((row, ctx) => {
    const problem = crossFieldProblem(row.first_subscription_amount, row.subscription_count, row.total_subscribed, row.subscriptions_without_prospectus);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });
export type RegisterRowInput = z.input<typeof registerRowSchema>;

/** The checks between fields, shared by the schema and the fast path. */
function crossFieldProblem(first: string, count: number | undefined, total: string | undefined, withoutProspectus: number | undefined): RowIssue | undefined {
  const subscriptions = count ?? 1;
  if (subscriptions < 1) return { field: 'subscription_count', message: 'a unitholder has at least one subscription' };
  if ((withoutProspectus ?? 0) > subscriptions) {
    return { field: 'subscriptions_without_prospectus', message: `${withoutProspectus} subscriptions without the prospectus rules, but only ${subscriptions} subscription${subscriptions === 1 ? '' : 's'}` };
  }
  if (total !== undefined && total !== first) {
    const comparison = compareAmounts(total, first);
    if (comparison < 0) return { field: 'total_subscribed', message: `the total subscribed (${total}) is less than the first subscription (${first})` };
    if (comparison > 0 && subscriptions === 1) return { field: 'total_subscribed', message: `with one subscription the total subscribed (${total}) is the first subscription (${first})` };
  }
  return undefined;
}

export { compareAmounts, plainAmount } from '../engine/amounts.js';

function amountOf(value: unknown): string | undefined {
  const plain = plainAmount(value);
  if (plain !== undefined) return plain;
  const parsed = parseMoney(value);
  return parsed.ok ? parsed.amount : undefined;
}

/** A valid row: its fund (when the row names one) and the unitholder facts the rules read. */
export interface RegisterRow {
  fundId: string | undefined;
  facts: UnitholderFacts;
}

function factsOf(row: {
  investorId: string;
  investorType: UnitholderFacts['investorType'];
  category: UnitholderFacts['category'];
  domicile: string;
  assessedOn: CalendarDate | null;
  firstDate: CalendarDate;
  firstAmount: string;
  count: number;
  total: string;
  withoutProspectus: number;
}): UnitholderFacts {
  const atEntry = row.assessedOn === null || row.assessedOn <= row.firstDate;
  return unitholderFacts(row.investorId, row.investorType, row.category, row.domicile, row.assessedOn, row.firstDate, row.firstAmount, row.count, row.total, row.withoutProspectus, atEntry);
}

/** The unitholder facts of a valid row (positional: the per-row path builds no argument object). */
function unitholderFacts(
  investorId: string,
  investorType: UnitholderFacts['investorType'],
  category: UnitholderFacts['category'],
  domicile: string,
  assessedOn: CalendarDate | null,
  firstDate: CalendarDate,
  firstAmount: string,
  count: number,
  total: string,
  withoutProspectus: number,
  /** The category was assessed by the first subscription (no assessment date, or on or before it). */
  atEntry: boolean,
): UnitholderFacts {
  // The same shape, in the same order, as deriveSubjects gives an investor whose category is given.
  const categoryBasis: CategoryBasis = { source: 'given', category, assessedOn };
  return {
    investorId,
    investorType,
    category,
    categoryBasis,
    categoryAtFirstSubscription: atEntry ? category : null,
    categoryBasisAtFirstSubscription: atEntry ? categoryBasis : null,
    domicile,
    assessedOn,
    firstSubscription: { date: firstDate, amount: firstAmount, orderKnown: true },
    subscriptionCount: count,
    totalSubscribed: total,
    subscriptionsWithoutProspectus: withoutProspectus,
  };
}

/** A `YYYY-MM-DD` date's length. */
const ISO_DATE_LENGTH = 10;
/** The calendar's years (CALENDAR_RANGE), Gregorian: a canonical date's is one of them. */
const FIRST_YEAR = Number(CALENDAR_RANGE.first.slice(0, 4));
const YEARS = Number(CALENDAR_RANGE.last.slice(0, 4)) - FIRST_YEAR + 1;

/**
 * Dates repeat a lot in a register: a canonical date (`YYYY-MM-DD`) is
 * parsed once by the model's parser and remembered in place by its numbers —
 * by year, then (month − 1) × 31 + day − 1: the date, null when it is not
 * one. The full path (by calendarDateKey) and the CSV fast path (from the
 * bytes) share it.
 */
const canonicalDates: ((CalendarDate | null | undefined)[] | undefined)[] = new Array<(CalendarDate | null | undefined)[] | undefined>(YEARS);

/** The date text[at, at + 10) spells, given the year, month (1–12) and day (1–31) written there; undefined when it is not one or outside the calendar's years. */
function canonicalDate(year: number, month: number, day: number, text: string, at: number): CalendarDate | undefined {
  const y = year - FIRST_YEAR;
  if (y < 0 || y >= YEARS) return undefined;
  const ofYear = (canonicalDates[y] ??= new Array<CalendarDate | null | undefined>(12 * 31));
  const index = (month - 1) * 31 + day - 1;
  let date = ofYear[index];
  if (date === undefined) {
    const parsed = parseCalendarDate(text.slice(at, at + ISO_DATE_LENGTH));
    date = parsed.ok ? parsed.date : null;
    ofYear[index] = date;
  }
  return date ?? undefined;
}

/** Any other form of a date (Buddhist Era, …), remembered by its text (a bounded cache). */
const OTHER_DATES_KEPT = 20_000;
const otherDates = new Map<string, CalendarDate | null>();

function cachedDate(value: unknown): CalendarDate | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const key = calendarDateKey(value);
  if (key >= 0) return canonicalDate(Math.floor(key / 10_000), Math.floor(key / 100) % 100, key % 100, value, 0);
  let date = otherDates.get(value);
  if (date === undefined) {
    const parsed = parseCalendarDate(value);
    date = parsed.ok ? parsed.date : null;
    if (otherDates.size >= OTHER_DATES_KEPT) otherDates.clear();
    otherDates.set(value, date);
  }
  return date ?? undefined;
}

const INVESTOR_TYPES: ReadonlySet<unknown> = new Set(investorSchema.shape.type.options);
const CATEGORIES: ReadonlySet<unknown> = new Set(investorCategorySchema.options);
const countryCache = new Map<unknown, boolean>();

function isCountry(value: unknown): boolean {
  let ok = countryCache.get(value);
  if (ok === undefined) {
    ok = countryCodeSchema.safeParse(value).success;
    if (countryCache.size >= 1000) countryCache.clear();
    countryCache.set(value, ok);
  }
  return ok;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 200;
}

/** The fast path: the model's parsers without zod's per-field overhead; `undefined` when anything is off. */
function fastRow(slots: readonly unknown[]): RegisterRow | undefined {
  const fundId = slots[FUND_ID];
  if (fundId !== undefined && !isId(fundId)) return undefined;
  const investorId = slots[INVESTOR_ID];
  if (!isId(investorId)) return undefined;
  const investorType = slots[INVESTOR_TYPE];
  if (!INVESTOR_TYPES.has(investorType)) return undefined;
  const category = slots[CATEGORY];
  if (!CATEGORIES.has(category)) return undefined;
  const domicile = slots[DOMICILE];
  if (!isCountry(domicile)) return undefined;
  let assessedOn: CalendarDate | null = null;
  if (slots[ASSESSED_ON] !== undefined) {
    const date = cachedDate(slots[ASSESSED_ON]);
    if (date === undefined) return undefined;
    assessedOn = date;
  }
  const firstDate = cachedDate(slots[FIRST_DATE]);
  if (firstDate === undefined) return undefined;
  const amount = amountOf(slots[FIRST_AMOUNT]);
  if (amount === undefined || amount === '0' || amount.charCodeAt(0) === 45 /* - */) return undefined;
  let count: number | undefined;
  if (slots[COUNT] !== undefined) {
    count = parseCount(slots[COUNT]);
    if (count === undefined) return undefined;
  }
  let total: string | undefined;
  if (slots[TOTAL] !== undefined) {
    total = amountOf(slots[TOTAL]);
    if (total === undefined) return undefined;
  }
  let withoutProspectus: number | undefined;
  if (slots[WITHOUT_PROSPECTUS] !== undefined) {
    withoutProspectus = parseCount(slots[WITHOUT_PROSPECTUS]);
    if (withoutProspectus === undefined) return undefined;
  }
  if (crossFieldProblem(amount, count, total, withoutProspectus)) return undefined;
  return {
    fundId: fundId as string | undefined,
    facts: factsOf({
      investorId,
      investorType: investorType as UnitholderFacts['investorType'],
      category: category as UnitholderFacts['category'],
      domicile: domicile as string,
      assessedOn,
      firstDate,
      firstAmount: amount,
      count: count ?? 1,
      total: total ?? amount,
      withoutProspectus: withoutProspectus ?? 0,
    }),
  };
}

/** The row as an object with its column names, for the schema (absent values left out). */
function rowObject(slots: readonly unknown[], extra?: Record<string, unknown>): Record<string, unknown> {
  const object: Record<string, unknown> = { ...extra };
  for (let i = 0; i < FIELD_COUNT; i++) if (slots[i] !== undefined) object[COLUMN_NAMES[i]!] = slots[i];
  return object;
}

/** Check a row with the zod schema: the parsed row, or every problem with its column. */
export function parseRowWithSchema(slots: readonly unknown[], extra?: Record<string, unknown>): { ok: true; row: RegisterRow } | { ok: false; issues: RowIssue[] } {
  const parsed = registerRowSchema.safeParse(rowObject(slots, extra));
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? (issue as { keys?: string[] }).keys : undefined;
        return { field: keys?.join(', ') ?? (issue.path.length > 0 ? String(issue.path[0]) : '(row)'), message: issue.message };
      }),
    };
  }
  const row = parsed.data;
  return {
    ok: true,
    row: {
      fundId: row.fund_id,
      facts: factsOf({
        investorId: row.investor_id,
        investorType: row.investor_type,
        category: row.category,
        domicile: row.domicile,
        assessedOn: row.assessed_on ?? null,
        firstDate: row.first_subscription_date,
        firstAmount: row.first_subscription_amount,
        count: row.subscription_count ?? 1,
        total: row.total_subscribed ?? row.first_subscription_amount,
        withoutProspectus: row.subscriptions_without_prospectus ?? 0,
      }),
    },
  };
}

/**
 * Validate one row given as field slots (see {@link slotsFromCsv},
 * {@link slotsFromObject}). A row the fast path accepts is returned as it is;
 * any other row is decided by the zod schema, which also words the problems.
 */
export function parseRegisterRow(slots: readonly unknown[]): { ok: true; row: RegisterRow } | { ok: false; issues: RowIssue[] } {
  const row = fastRow(slots);
  return row ? { ok: true, row } : parseRowWithSchema(slots);
}

const MAX_ID_LENGTH = 200;
const COMMA = 44;

/**
 * Words told from a field's bytes, without making a string: the words that
 * start with the field's first byte (one, as a rule) are compared whole, up
 * to the column's end. A word with a comma in it can only be read from a
 * quoted field, so never here.
 */
class Spellings {
  /** Per first byte: the indexes of the words that start with it. */
  private readonly byFirstByte: (number[] | undefined)[] = new Array<number[] | undefined>(256);
  private readonly spelled: Uint8Array[];

  constructor(readonly words: readonly string[]) {
    this.spelled = words.map((word) => Buffer.from(word, 'utf8'));
    this.spelled.forEach((bytes, index) => {
      if (bytes.length > 0 && !bytes.includes(COMMA)) (this.byFirstByte[bytes[0]!] ??= []).push(index);
    });
  }

  /** The index of the word the field at `start` spells, up to its column's end, or -1. */
  at(bytes: Uint8Array, start: number, end: number, last: boolean): number {
    const candidates = start < end ? this.byFirstByte[bytes[start]!] : undefined;
    if (candidates === undefined) return -1;
    for (let k = 0; k < candidates.length; k++) {
      const index = candidates[k]!;
      const word = this.spelled[index]!;
      if (endsColumn(bytes, start + word.length, end, last) && bytesAre(bytes, start, word)) return index;
    }
    return -1;
  }

  /** The length in bytes of word `index`. */
  length(index: number): number {
    return this.spelled[index]!.length;
  }
}
const INVESTOR_TYPE_SPELLINGS = new Spellings(investorSchema.shape.type.options);
const CATEGORY_SPELLINGS = new Spellings(investorCategorySchema.options);

/** bytes[start, start + word.length) is `word`'s bytes; compared from the end, where ids that share a prefix (RETAIL-EQ, RETAIL-FI) differ. */
function bytesAre(bytes: Uint8Array, start: number, word: Uint8Array): boolean {
  for (let i = word.length - 1; i >= 0; i--) if (bytes[start + i] !== word[i]) return false;
  return true;
}

/** A field that ends at `at` ends its column: at a comma (more columns follow) or at the record's end (the last column). */
function endsColumn(bytes: Uint8Array, at: number, end: number, lastColumn: boolean): boolean {
  return lastColumn ? at === end : at < end && bytes[at] === COMMA;
}

/** The count bytes[start, end) spells as parseCount reads it (1 to 10 digits, at most MAX_COUNT), or -1. */
function countAt(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 1 || end - start > 10) return -1;
  let count = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    count = count * 10 + digit;
  }
  return count <= MAX_COUNT ? count : -1;
}

/** Where the run of digits (and points) from `start` ends: the end of an amount or a count field, whose form is checked after. */
function digitsEnd(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  for (let c: number; i < end && (((c = bytes[i]!) >= 48 && c <= 57) || c === 46); ) i++;
  return i;
}

/**
 * Where the canonical amount of bytes[start, end) ends, or -1: plainAmount
 * on the bytes (a plain decimal, trailing zeros of the fraction dropped, the
 * point with them), so the canonical amount is sliced once from the text.
 * (amounts.ts's plainAmountEnd is the form check alone, on a string.)
 */
export function canonicalAmountEndAt(bytes: Uint8Array, start: number, end: number): number {
  if (end <= start) return -1;
  let c = bytes[start]!;
  let i = start + 1;
  if (c !== 48) {
    if (c < 49 || c > 57) return -1;
    while (i < end && (c = bytes[i]!) >= 48 && c <= 57) i++;
    if (i - start > 30) return -1;
  }
  if (i === end) return end;
  if (bytes[i] !== 46) return -1;
  const dot = i++;
  while (i < end && (c = bytes[i]!) >= 48 && c <= 57) i++;
  const fraction = i - dot - 1;
  if (i !== end || fraction < 1 || fraction > 10) return -1;
  let canonical = end;
  while (bytes[canonical - 1] === 48) canonical--;
  return canonical === dot + 1 ? dot : canonical;
}

/** The number the two digits at bytes[at, at + 2) spell, or -1. */
function twoDigits(bytes: Uint8Array, at: number): number {
  const tens = bytes[at]! - 48;
  const ones = bytes[at + 1]! - 48;
  return tens < 0 || tens > 9 || ones < 0 || ones > 9 ? -1 : tens * 10 + ones;
}


/** A record reader compiled for one column order (see {@link compileRecordReader}). */
type RecordReader = (this: CsvRowReader, bytes: Uint8Array, text: string, start: number, end: number) => UnitholderFacts | undefined;

/**
 * The statements that read one field at `s` and set `e` to where it ends (its
 * comma, or the record's end for the last column), returning undefined from
 * the reader for anything the fast path does not accept. `ends(x)`: the
 * field ends at x.
 */
const FIELD_READERS: Record<number, (ends: (at: string) => string, last: boolean) => string> = {
  [FUND_ID]: (ends, last) => `if (${ends('s')}) e = s; /* no fund named */ else {
    fundIndex = reader.fundIds.at(bytes, s, end, ${last}); if (fundIndex < 0) return undefined;
    e = s + reader.fundIds.length(fundIndex); }`,
  // The one field searched for its comma.
  [INVESTOR_ID]: (ends) => `e = text.indexOf(',', s); if (e === -1 || e > end) e = end;
    if (!(${ends('e')}) || e === s || e - s > MAX_ID_LENGTH) return undefined;
    investorId = text.slice(s, e);`,
  [INVESTOR_TYPE]: (_, last) => `i = INVESTOR_TYPES.at(bytes, s, end, ${last}); if (i < 0) return undefined;
    investorType = INVESTOR_TYPES.words[i]; e = s + INVESTOR_TYPES.length(i);`,
  [CATEGORY]: (_, last) => `i = CATEGORIES.at(bytes, s, end, ${last}); if (i < 0) return undefined;
    category = CATEGORIES.words[i]; e = s + CATEGORIES.length(i);`,
  [DOMICILE]: (ends) => `e = s + 2; if (!(${ends('e')})) return undefined;
    domicile = reader.countryAt(bytes, text, s, e); if (domicile === undefined) return undefined;`,
  [ASSESSED_ON]: (ends) => `if (${ends('s')}) e = s; /* not assessed */ else {
    e = s + ${ISO_DATE_LENGTH}; if (!(${ends('e')})) return undefined;
    assessedOn = reader.dateAt(bytes, text, s) ?? null; if (assessedOn === null) return undefined;
    assessedKey = reader.dateKey; }`,
  [FIRST_DATE]: (ends) => `e = s + ${ISO_DATE_LENGTH}; if (!(${ends('e')})) return undefined;
    firstDate = reader.dateAt(bytes, text, s); if (firstDate === undefined) return undefined;
    firstDateKey = reader.dateKey;`,
  // An amount of 0 is not a first subscription.
  [FIRST_AMOUNT]: (ends) => `e = digitsEnd(bytes, s, end); if (!(${ends('e')})) return undefined;
    i = canonicalAmountEndAt(bytes, s, e); if (i < 0 || (i === s + 1 && bytes[s] === 48)) return undefined;
    amount = text.slice(s, i);`,
  [COUNT]: (ends) => `e = digitsEnd(bytes, s, end); if (!(${ends('e')})) return undefined;
    if (e !== s) { i = countAt(bytes, s, e); if (i < 0) return undefined; count = i; }`,
  [TOTAL]: (ends) => `e = digitsEnd(bytes, s, end); if (!(${ends('e')})) return undefined;
    if (e !== s) { i = canonicalAmountEndAt(bytes, s, e); if (i < 0) return undefined; total = text.slice(s, i); }`,
  [WITHOUT_PROSPECTUS]: (ends) => `e = digitsEnd(bytes, s, end); if (!(${ends('e')})) return undefined;
    if (e !== s) { i = countAt(bytes, s, e); if (i < 0) return undefined; withoutProspectus = i; }`,
};

/**
 * The fast path's reader for one header, as straight-line code: the fields in
 * the header's column order, each read by its own form (FIELD_READERS), with
 * no per-column dispatch (a loop over the columns with a switch measured
 * about a sixth slower). Generated from the field indexes alone, never from
 * the header's text. Undefined where code cannot be generated
 * (--disallow-code-generation-from-strings): then every record takes the
 * full path, with the same results.
 */
function compileRecordReader(fieldOf: Int8Array): RecordReader | undefined {
  if (fieldOf.length === 0 || fieldOf.some((field) => FIELD_READERS[field] === undefined)) return undefined;
  const lastColumn = fieldOf.length - 1;
  const columns = [...fieldOf].map((field, column) => {
    const last = column === lastColumn;
    // As endsColumn: at a comma (more columns follow), or at the record's end (the last column).
    const ends = (at: string) => (last ? `${at} === end` : `${at} < end && bytes[${at}] === ${COMMA}`);
    return `  // column ${column + 1}: ${COLUMN_NAMES[field]}\n    ${FIELD_READERS[field]!(ends, last)}${last ? '' : '\n    s = e + 1;'}`;
  });
  const source = `"use strict";
return function readRecord(bytes, text, start, end) {
  const reader = this;
  let s = start, e, i, fundIndex = -1, investorId, investorType, category, domicile, assessedOn = null, assessedKey = 0, firstDate, firstDateKey = 0, amount, count, total, withoutProspectus;
${columns.join('\n')}
  // Required columns are in every mapped header (mapHeader), so these were read.
  if (investorId === undefined || investorType === undefined || category === undefined || domicile === undefined || firstDate === undefined || amount === undefined) return undefined;
  reader.fundIndex = fundIndex;
  reader.firstDateKey = firstDateKey;
  if (crossFieldProblem(amount, count, total, withoutProspectus)) return undefined;
  // atEntry: as assessedOn <= firstDate, on the dates' numbers.
  return unitholderFacts(investorId, investorType, category, domicile, assessedOn, firstDate, amount, count ?? 1, total ?? amount, withoutProspectus ?? 0, assessedOn === null || assessedKey <= firstDateKey);
};`;
  try {
    return new Function('INVESTOR_TYPES', 'CATEGORIES', 'MAX_ID_LENGTH', 'digitsEnd', 'canonicalAmountEndAt', 'countAt', 'crossFieldProblem', 'unitholderFacts', source)(
      INVESTOR_TYPE_SPELLINGS, CATEGORY_SPELLINGS, MAX_ID_LENGTH, digitsEnd, canonicalAmountEndAt, countAt, crossFieldProblem, unitholderFacts,
    ) as RecordReader;
  } catch {
    return undefined;
  }
}

/**
 * The fast path of CSV rows, on an ASCII record's bytes: the record is read
 * once, column by column in the header's order (by code compiled for the
 * header, {@link compileRecordReader}), each field by its own form
 * (a date is ten bytes, a country two, a word one of its enumeration's, an
 * amount or a count a run of digits, a fund id one of the scheme's), which
 * also finds the comma that ends it; only the investor id is searched for its
 * comma. No string is made per field and no array of fields: the
 * enumerations, dates and counts are checked in place, and only the investor
 * id and the amounts become strings (sliced from the same text, which is
 * cheaper than making strings of bytes). A record it does not accept (another
 * width, a form it does not read, anything invalid) is left to
 * {@link parseRegisterRow} on the record's fields, which decides and words
 * the problems: this path accepts a subset of what `fastRow` accepts, with
 * the same facts (test/batch/row.test.ts).
 */
export class CsvRowReader {
  /** The fund of the last row read: its index in `fundIds`, or -1 when the row names none. */
  fundIndex = -1;
  /** The first subscription date of the last row read as the number YYYYMMDD (numbers compare as the dates do). */
  firstDateKey = 0;
  /** The last date read by dateAt, as YYYYMMDD. */
  dateKey = 0;
  /** The scheme's fund ids (one with a comma in it can only be read from a quoted field, so never here). */
  readonly fundIds: Spellings;
  /** Two-letter country codes by (A–Z, A–Z) index: the code, false when not a country, or not yet seen. */
  private readonly countries: (string | false | undefined)[] = new Array<string | false | undefined>(26 * 26);

  constructor(
    mapping: HeaderMapping,
    /** The scheme's fund ids, each once; a row's fund_id is looked up among them. */
    fundIds: readonly string[],
  ) {
    // The register field of each CSV column (mapHeader maps every column to one field).
    const fieldOf = new Int8Array(mapping.width).fill(-1);
    mapping.columnOf.forEach((column, field) => {
      if (column >= 0) fieldOf[column] = field;
    });
    this.fundIds = new Spellings(fundIds);
    // The compiled reader is this reader's `read` (an own property, called as directly as a method).
    const compiled = compileRecordReader(fieldOf);
    if (compiled) this.read = compiled;
  }

  /**
   * The facts of the quote-free record bytes[start, end) (without its line
   * break), or undefined: decide it with the full path. The bytes are ASCII
   * and `text` is them as a string (a position is the same in both); from
   * {@link CsvRecordReader.pushAscii}. The constructor puts the reader
   * compiled for the header here; where code cannot be generated, this one
   * leaves every record to the full path.
   */
  read(_bytes: Uint8Array, _text: string, _start: number, _end: number): UnitholderFacts | undefined {
    return undefined;
  }

  /** A two-capital-letter country code, checked once by the model's schema; anything else is left to the full path. */
  countryAt(bytes: Uint8Array, text: string, start: number, end: number): string | undefined {
    const first = bytes[start]! - 65;
    const second = bytes[start + 1]! - 65;
    if (first < 0 || first > 25 || second < 0 || second > 25) return undefined;
    const index = first * 26 + second;
    let code = this.countries[index];
    if (code === undefined) {
      const value = text.slice(start, end);
      code = isCountry(value) ? value : false;
      this.countries[index] = code;
    }
    return code === false ? undefined : code;
  }

  /** The `YYYY-MM-DD` date of the ten bytes at `start` (see canonicalDate), its number in dateKey; any other form is left to the full path. */
  dateAt(bytes: Uint8Array, text: string, start: number): CalendarDate | undefined {
    if (bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return undefined;
    const century = twoDigits(bytes, start);
    const yy = twoDigits(bytes, start + 2);
    const month = twoDigits(bytes, start + 5);
    const day = twoDigits(bytes, start + 8);
    if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    const year = century * 100 + yy;
    this.dateKey = year * 10_000 + month * 100 + day;
    return canonicalDate(year, month, day, text, start);
  }
}

/** The fast path alone, for the differential test: the row, or undefined where the schema must decide. */
export const fastRowForTesting = fastRow;

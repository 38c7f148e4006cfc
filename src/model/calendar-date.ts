import { z } from 'zod';

/**
 * A calendar date as an ISO `YYYY-MM-DD` string in the Gregorian calendar,
 * within the supported range ({@link CALENDAR_RANGE}). This is the one
 * representation: every date a user writes (Gregorian or Buddhist Era) is
 * parsed once, by {@link parseCalendarDate}, into it, and every operator and
 * fact takes it as it is ({@link asCalendarDate}) without parsing the user's
 * forms again. Calendar dates are compared as strings (with four-digit years,
 * ISO order is date order) and never turned into instants, so no answer
 * depends on the process time zone.
 */
export type CalendarDate = string;

/** Years from here on are almost surely Buddhist Era typed without a marker. */
const FIRST_IMPLAUSIBLE_GREGORIAN_YEAR = 2400;

/**
 * First and last supported Gregorian years: B.E. 2443 to 2942. The range ends
 * where an unmarked year starts to be read as a probable Buddhist Era year
 * (2400), so every date in the one representation parses back to itself:
 * `parseCalendarDate(d).date === d` for every supported `d`, and no date that
 * was accepted once is refused when it is passed on.
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = FIRST_IMPLAUSIBLE_GREGORIAN_YEAR - 1;

/**
 * The dates the library accepts: Gregorian 1900-01-01 to 2399-12-31 (B.E.
 * 2443 to 2942). A date outside it is an input error with its path.
 */
export const CALENDAR_RANGE = { first: '1900-01-01', last: '2399-12-31', firstBuddhistEraYear: 2443, lastBuddhistEraYear: 2942 } as const;

/**
 * The longest period, in months, that month arithmetic accepts: the length of
 * the supported range. Any date in range plus at most this many months has a
 * four-digit year, so comparisons stay correct; a longer period is refused.
 */
export const MAX_PERIOD_MONTHS = (LAST_YEAR - FIRST_YEAR + 1) * 12;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
// Buddhist Era forms must say so, so that a year such as 2563 is never mistaken for a year AD.
const BE_FORMS = [/^(?:BE|B\.E\.)\s*(\d{4})-(\d{2})-(\d{2})$/i, /^(\d{4})-(\d{2})-(\d{2})\s*(?:BE|B\.E\.)$/i, /^พ\.ศ\.\s*(\d{4})-(\d{2})-(\d{2})$/];
const BUDDHIST_ERA_OFFSET = 543;

/** On failure, `reason` in English and, where given, `reasonTh` in Thai. */
export type DateParseResult = { ok: true; date: CalendarDate } | { ok: false; reason: string; reasonTh?: string };

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * A calendar date as a Date at midnight UTC. Calendar arithmetic is done in
 * UTC, never in the process time zone: a local day can be skipped (Samoa went
 * from 2011-12-29 to 2011-12-31) or start at 01:00, and the answer must not
 * depend on TZ.
 */
function utc(year: number, month: number, day: number): Date {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: years 0-99 would map to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = utc(year, month, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parse `YYYY-MM-DD` (Gregorian) or `BE YYYY-MM-DD` / `YYYY-MM-DD BE` / `พ.ศ. YYYY-MM-DD` (Buddhist Era). */
export function parseCalendarDate(text: string): DateParseResult {
  const trimmed = text.trim();
  let era: 'CE' | 'BE' = 'CE';
  let match = ISO.exec(trimmed);
  if (!match) {
    for (const form of BE_FORMS) {
      match = form.exec(trimmed);
      if (match) {
        era = 'BE';
        break;
      }
    }
  }
  if (!match) {
    const got = JSON.stringify(text.slice(0, 40));
    return { ok: false, reason: `expected a date as YYYY-MM-DD (or "BE YYYY-MM-DD" for a Buddhist Era date), got ${got}`, reasonTh: `ต้องเป็นวันที่แบบ YYYY-MM-DD (หรือ "BE YYYY-MM-DD" สำหรับปีพุทธศักราช) แต่ได้ ${got}` };
  }
  const written = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (era === 'CE' && written >= FIRST_IMPLAUSIBLE_GREGORIAN_YEAR) {
    return {
      ok: false,
      reason: `year ${written} looks like a Buddhist Era year; write "BE ${match[0]}" or the Gregorian date ${pad(written - BUDDHIST_ERA_OFFSET, 4)}-${match[2]}-${match[3]}`,
      reasonTh: `ปี ${written} น่าจะเป็นปีพุทธศักราช ให้เขียน "BE ${match[0]}" หรือวันที่แบบคริสต์ศักราช ${pad(written - BUDDHIST_ERA_OFFSET, 4)}-${match[2]}-${match[3]}`,
    };
  }
  const year = era === 'BE' ? written - BUDDHIST_ERA_OFFSET : written;
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    return {
      ok: false,
      reason: `${trimmed} is outside the supported dates: Gregorian ${CALENDAR_RANGE.first} to ${CALENDAR_RANGE.last} (B.E. ${CALENDAR_RANGE.firstBuddhistEraYear} to ${CALENDAR_RANGE.lastBuddhistEraYear})`,
      reasonTh: `${trimmed} อยู่นอกช่วงวันที่ที่รองรับ: ค.ศ. ${CALENDAR_RANGE.first} ถึง ${CALENDAR_RANGE.last} (พ.ศ. ${CALENDAR_RANGE.firstBuddhistEraYear} ถึง ${CALENDAR_RANGE.lastBuddhistEraYear})`,
    };
  }
  if (!isRealDate(year, month, day)) {
    return { ok: false, reason: `${trimmed} is not a real calendar date`, reasonTh: `${trimmed} ไม่ใช่วันที่ที่มีอยู่จริงในปฏิทิน` };
  }
  return { ok: true, date: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

/**
 * The value as a {@link CalendarDate} when it already is one — an ISO date
 * string in the supported range, as {@link parseCalendarDate} outputs — and
 * `undefined` otherwise. No user form (B.E., a marker, spaces) is accepted
 * here: operators and facts take dates that were parsed once, at the edge.
 * Within the supported range this accepts exactly the outputs of
 * {@link parseCalendarDate}.
 */
export function asCalendarDate(value: unknown): CalendarDate | undefined {
  return calendarDateKey(value) < 0 ? undefined : (value as CalendarDate);
}

/**
 * The value's date as the number YYYYMMDD when it is a {@link CalendarDate}
 * (exactly what {@link asCalendarDate} accepts), else -1: in the supported
 * years the numbers are ordered as the dates are.
 */
export function calendarDateKey(value: unknown): number {
  // Read character by character: operators call this for every date they compare (a register's
  // every row), where a regular expression and a Date per call were a tenth of the run.
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return -1;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return -1;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!) ? year * 10_000 + month * 100 + day : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `count` ASCII digits from `at`, or -1 when one is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A whole number of months that month arithmetic accepts: 0 to {@link MAX_PERIOD_MONTHS}. */
export function isPeriodMonths(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_PERIOD_MONTHS;
}

function checkMonths(months: number): void {
  if (!isPeriodMonths(months)) throw new RangeError(`months must be a whole number from 0 to ${MAX_PERIOD_MONTHS}, got ${months}`);
}

/** Zod schema for a calendar date field: accepts the forms of {@link parseCalendarDate}, outputs ISO. */
export const calendarDateSchema = z
  .string({ error: 'expected a date string such as "2020-03-31" or "BE 2563-03-31"' })
  .max(40, 'a date is at most 40 characters')
  .transform((text, ctx) => {
    const parsed = parseCalendarDate(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.reason, ...(parsed.reasonTh ? { params: { th: parsed.reasonTh } } : {}) });
      return z.NEVER;
    }
    return parsed.date;
  })
  .describe('Calendar date: "YYYY-MM-DD" (Gregorian) or "BE YYYY-MM-DD" (Buddhist Era)');

function toUtc(date: CalendarDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return utc(y, m, d);
}

function fromUtc(date: Date): CalendarDate {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** Add calendar months; a day that does not exist in the target month clamps to its last day (Jan 31 + 1 month = Feb 28/29). */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  if (!Number.isInteger(months) || Math.abs(months) > MAX_PERIOD_MONTHS) throw new RangeError(`months must be a whole number of at most ${MAX_PERIOD_MONTHS}, got ${months}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const firstOfTarget = utc(y, m + months, 1);
  const lastDay = utc(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 2, 0).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(d, lastDay));
  return fromUtc(firstOfTarget);
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const result = toUtc(date);
  result.setUTCDate(result.getUTCDate() + days);
  return fromUtc(result);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The last day of a period of `months` months that begins on (and counts)
 * `start`: the day before the corresponding day of the last month, or, when
 * that month has no corresponding day, its last day (Civil and Commercial
 * Code s. 193/5 para 2). 2023-01-01 + 12 months ends 2023-12-31;
 * 2020-02-29 + 12 months ends 2021-02-28.
 */
export function lastDayOfPeriod(start: CalendarDate, months: number): CalendarDate {
  checkMonths(months);
  const corresponding = addCalendarMonths(start, months);
  const clamped = Number(corresponding.slice(8)) !== Number(start.slice(8));
  return clamped ? corresponding : addCalendarDays(corresponding, -1);
}

/**
 * The length of an inclusive span [start, end] as whole months plus the days
 * left over: the largest m whose period from `start` ends on or before `end`,
 * then the days after that period's last day. 2020-01-01..2020-12-31 is 12
 * months 0 days.
 */
export function spanLength(start: CalendarDate, end: CalendarDate): { months: number; days: number } {
  const [sy, sm] = start.split('-').map(Number) as [number, number];
  const [ey, em] = end.split('-').map(Number) as [number, number];
  // Start near the answer from the calendar difference, then correct by steps.
  let months = Math.min(MAX_PERIOD_MONTHS, Math.max(0, (ey - sy) * 12 + (em - sm) - 1));
  while (months < MAX_PERIOD_MONTHS && lastDayOfPeriod(start, months + 1) <= end) months += 1;
  while (months > 0 && lastDayOfPeriod(start, months) > end) months -= 1;
  return { months, days: daysBetween(lastDayOfPeriod(start, months), end) };
}

/** True when the inclusive span [start, end] is longer than a period of `months` months beginning on `start`. */
export function spanLongerThanMonths(start: CalendarDate, end: CalendarDate, months: number): boolean {
  return end > lastDayOfPeriod(start, months);
}

/**
 * True when `date` is within `months` months counted from `from` (the day of
 * `from` itself not counted, as periods are reckoned under the Civil and
 * Commercial Code s. 193/3): date <= from + months.
 */
export function withinMonthsOf(from: CalendarDate, date: CalendarDate, months: number): boolean {
  checkMonths(months);
  return date <= addCalendarMonths(from, months);
}

/** The date in Buddhist Era form for Thai readers (year + 543), e.g. 2020-03-31 -> "31 มี.ค. 2563". */
const THAI_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatDate(date: CalendarDate, locale: 'th' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (locale === 'th') return `${d} ${THAI_MONTHS[m - 1]} ${y + BUDDHIST_ERA_OFFSET}`;
  return `${d} ${ENGLISH_MONTHS[m - 1]} ${y}`;
}

// Property tests of the two value types the law turns on: money (parsing and
// formatting round-trip, exactly) and calendar dates (every function of
// src/model/calendar-date.ts agrees with a plain integer day-count model, on
// month ends, leap days and years 1900-2400, in any process time zone).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  CALENDAR_RANGE,
  daysBetween,
  MAX_PERIOD_MONTHS,
  formatMoney,
  lastDayOfPeriod,
  parseCalendarDate,
  parseMoney,
  spanLength,
  spanLongerThanMonths,
  withinMonthsOf,
} from '../../src/index.js';

// ---------------------------------------------------------------------------
// The model: proleptic Gregorian calendar in integers, no Date anywhere.

type Ymd = { y: number; m: number; d: number };

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!);
const daysInYear = (y: number) => (isLeap(y) ? 366 : 365);

/** Days since 0001-01-01 (day 1). */
function dayNumber({ y, m, d }: Ymd): number {
  const before = y - 1;
  let days = before * 365 + Math.floor(before / 4) - Math.floor(before / 100) + Math.floor(before / 400);
  for (let month = 1; month < m; month++) days += daysInMonth(y, month);
  return days + d;
}

function fromDayNumber(n: number): Ymd {
  // Start a little early and walk forward by whole years, then months.
  let y = Math.max(1, Math.floor(n / 366));
  while (dayNumber({ y: y + 1, m: 1, d: 1 }) <= n) y += 1;
  let rest = n - dayNumber({ y, m: 1, d: 1 });
  let m = 1;
  while (rest >= daysInMonth(y, m)) {
    rest -= daysInMonth(y, m);
    m += 1;
  }
  return { y, m, d: rest + 1 };
}

const iso = ({ y, m, d }: Ymd) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const modelAddDays = (date: Ymd, days: number) => fromDayNumber(dayNumber(date) + days);
function modelAddMonths({ y, m, d }: Ymd, months: number): Ymd {
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { y: year, m: month, d: Math.min(d, daysInMonth(year, month)) };
}
/** Civil and Commercial Code s. 193/5 ¶2: the day before the corresponding day of the last month, or that month's last day if it has none. */
function modelLastDayOfPeriod(start: Ymd, months: number): Ymd {
  const index = start.y * 12 + (start.m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (start.d > daysInMonth(year, month)) return { y: year, m: month, d: daysInMonth(year, month) };
  return modelAddDays({ y: year, m: month, d: start.d }, -1);
}
function modelSpanLength(start: Ymd, end: Ymd): { months: number; days: number } {
  let months = 0;
  while (dayNumber(modelLastDayOfPeriod(start, months + 1)) <= dayNumber(end)) months += 1;
  return { months, days: dayNumber(end) - dayNumber(modelLastDayOfPeriod(start, months)) };
}

describe('the integer model itself', () => {
  it('counts known days', () => {
    expect(dayNumber({ y: 1, m: 1, d: 1 })).toBe(1);
    expect(dayNumber({ y: 2016, m: 1, d: 16 }) - dayNumber({ y: 2015, m: 1, d: 16 })).toBe(365);
    expect(dayNumber({ y: 2017, m: 1, d: 16 }) - dayNumber({ y: 2016, m: 1, d: 16 })).toBe(366);
    expect(daysInYear(1900)).toBe(365);
    expect(daysInYear(2000)).toBe(366);
    expect(daysInYear(2400)).toBe(366);
    // 1970-01-01 is day 719163 counting 0001-01-01 as day 1 (Python's date.toordinal()).
    expect(dayNumber({ y: 1970, m: 1, d: 1 })).toBe(719_163);
    fc.assert(fc.property(fc.integer({ min: 1, max: 4_000_000 }), (n) => dayNumber(fromDayNumber(n)) === n));
  });
});

// ---------------------------------------------------------------------------
// Generated dates: 1900-2400, biased to month ends, leap days and the first of a month.

const dateArb: fc.Arbitrary<Ymd> = fc
  .record({
    y: fc.oneof(fc.integer({ min: 1900, max: 2400 }), fc.constantFrom(1900, 2000, 2004, 2016, 2020, 2024, 2100, 2400)),
    m: fc.integer({ min: 1, max: 12 }),
    day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom('last', 'last-1', 'first')),
  })
  .map(({ y, m, day }) => {
    const last = daysInMonth(y, m);
    const d = day === 'last' ? last : day === 'last-1' ? last - 1 : day === 'first' ? 1 : Math.min(day, last);
    return { y, m, d };
  });

const ZONES = ['Asia/Bangkok', 'America/Los_Angeles', 'UTC', 'Pacific/Apia', 'Pacific/Kiritimati', 'America/Sao_Paulo', 'Asia/Tehran', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const originalZone = process.env['TZ'];
afterEach(() => {
  if (originalZone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalZone;
});

describe.each(ZONES)('calendar dates agree with the integer model under TZ=%s', (zone) => {
  const runs = zone === 'Asia/Bangkok' || zone === 'America/Los_Angeles' ? 400 : 150;
  const inZone = () => {
    process.env['TZ'] = zone; // Node re-reads TZ when it is assigned
  };

  it('addCalendarDays, daysBetween', () => {
    inZone();
    fc.assert(
      fc.property(dateArb, fc.oneof(fc.integer({ min: -400, max: 400 }), fc.integer({ min: -150_000, max: 150_000 })), (date, days) => {
        expect(addCalendarDays(iso(date), days)).toBe(iso(modelAddDays(date, days)));
      }),
      { numRuns: runs },
    );
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        expect(daysBetween(iso(a), iso(b))).toBe(dayNumber(b) - dayNumber(a));
      }),
      { numRuns: runs },
    );
  });

  it('addCalendarMonths clamps to the month end, lastDayOfPeriod follows s. 193/5', () => {
    inZone();
    fc.assert(
      fc.property(dateArb, fc.oneof(fc.integer({ min: -24, max: 24 }), fc.integer({ min: -600, max: 600 }), fc.constantFrom(1, 12, 15)), (date, months) => {
        expect(addCalendarMonths(iso(date), months)).toBe(iso(modelAddMonths(date, months)));
      }),
      { numRuns: runs },
    );
    fc.assert(
      fc.property(dateArb, fc.oneof(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 600 }), fc.constantFrom(12, 15)), (date, months) => {
        expect(lastDayOfPeriod(iso(date), months)).toBe(iso(modelLastDayOfPeriod(date, months)));
      }),
      { numRuns: runs },
    );
  });

  it('spanLength, spanLongerThanMonths, withinMonthsOf', () => {
    inZone();
    const spanArb = fc.tuple(dateArb, fc.oneof(fc.integer({ min: 0, max: 800 }), fc.constantFrom(364, 365, 366, 455, 456, 457), fc.integer({ min: 0, max: 60_000 }))).map(([start, length]) => ({ start, end: modelAddDays(start, length) }));
    fc.assert(
      fc.property(spanArb, ({ start, end }) => {
        expect(spanLength(iso(start), iso(end))).toEqual(modelSpanLength(start, end));
      }),
      { numRuns: runs },
    );
    fc.assert(
      fc.property(spanArb, fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(12, 15)), ({ start, end }, months) => {
        expect(spanLongerThanMonths(iso(start), iso(end), months)).toBe(dayNumber(end) > dayNumber(modelLastDayOfPeriod(start, months)));
        expect(withinMonthsOf(iso(start), iso(end), months)).toBe(dayNumber(end) <= dayNumber(modelAddMonths(start, months)));
      }),
      { numRuns: runs },
    );
  });

  it('parseCalendarDate accepts exactly the real dates, in Gregorian and marked Buddhist Era forms', () => {
    inZone();
    const written = fc.record({ y: fc.integer({ min: 1900, max: 2399 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) });
    fc.assert(
      fc.property(written, fc.constantFrom('%', 'BE %', 'B.E. %', '% BE', 'พ.ศ. %'), (date, form) => {
        const buddhist = form !== '%';
        const text = form.replace('%', iso({ ...date, y: buddhist ? date.y + 543 : date.y }));
        const real = date.d <= daysInMonth(date.y, date.m);
        const parsed = parseCalendarDate(text);
        if (real) expect(parsed).toEqual({ ok: true, date: iso(date) });
        else expect(parsed).toMatchObject({ ok: false, reason: expect.stringMatching(/not a real calendar date/) });
      }),
      { numRuns: runs },
    );
  });

  it('Samoa skipped 2011-12-30 and Kiribati 1994-12-31 on their clocks, not in the calendar', () => {
    inZone();
    expect(parseCalendarDate('2011-12-30')).toEqual({ ok: true, date: '2011-12-30' });
    expect(parseCalendarDate('1994-12-31')).toEqual({ ok: true, date: '1994-12-31' });
    expect(addCalendarDays('2011-12-29', 1)).toBe('2011-12-30');
    expect(addCalendarMonths('2011-11-30', 1)).toBe('2011-12-30');
    expect(daysBetween('2011-12-29', '2011-12-31')).toBe(2);
    expect(lastDayOfPeriod('2010-12-31', 12)).toBe('2011-12-30');
  });
});

describe('the supported range: Gregorian 1900-2399 (B.E. 2443-2942), month arithmetic correct for every date in it', () => {
  const fullRange: fc.Arbitrary<Ymd> = fc
    .record({ y: fc.oneof(fc.integer({ min: 1900, max: 2399 }), fc.constantFrom(1900, 2000, 2398, 2399)), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysInMonth(y, m)) }));
  const monthsArb = fc.oneof(fc.integer({ min: 0, max: MAX_PERIOD_MONTHS }), fc.constantFrom(0, 1, 12, MAX_PERIOD_MONTHS - 1, MAX_PERIOD_MONTHS));

  it('spanLongerThanMonths and withinMonthsOf agree with the integer model for any two dates in range and any months up to the bound', () => {
    fc.assert(
      fc.property(fullRange, fullRange, monthsArb, (a, b, months) => {
        const [start, end] = dayNumber(a) <= dayNumber(b) ? [a, b] : [b, a];
        expect(spanLongerThanMonths(iso(start), iso(end), months)).toBe(dayNumber(end) > dayNumber(modelLastDayOfPeriod(start, months)));
        expect(withinMonthsOf(iso(start), iso(end), months)).toBe(dayNumber(end) <= dayNumber(modelAddMonths(start, months)));
      }),
      { numRuns: 500 },
    );
  });

  it('spanLength agrees with the model across the whole range', () => {
    fc.assert(
      fc.property(fullRange, fullRange, (a, b) => {
        const [start, end] = dayNumber(a) <= dayNumber(b) ? [a, b] : [b, a];
        const { months, days } = spanLength(iso(start), iso(end));
        expect(months).toBeLessThanOrEqual(MAX_PERIOD_MONTHS);
        // The model's answer, computed from the calendar difference rather than month by month.
        let m = Math.max(0, (end.y - start.y) * 12 + (end.m - start.m) - 1);
        while (dayNumber(modelLastDayOfPeriod(start, m + 1)) <= dayNumber(end)) m += 1;
        while (m > 0 && dayNumber(modelLastDayOfPeriod(start, m)) > dayNumber(end)) m -= 1;
        expect({ months, days }).toEqual({ months: m, days: dayNumber(end) - dayNumber(modelLastDayOfPeriod(start, m)) });
      }),
      { numRuns: 300 },
    );
  });

  it('months beyond the bound, or not whole, are refused rather than answered wrongly', () => {
    for (const months of [MAX_PERIOD_MONTHS + 1, 95_000, 1e9, -1, 1.5, Number.NaN]) {
      expect(() => spanLongerThanMonths('2000-01-01', '2399-12-31', months)).toThrow(RangeError);
      expect(() => withinMonthsOf('2000-01-01', '2399-12-31', months)).toThrow(RangeError);
    }
  });

  it('a date outside the range is refused, in either era, naming the range; the ends are accepted', () => {
    expect(CALENDAR_RANGE).toMatchObject({ first: '1900-01-01', last: '2399-12-31' });
    expect(parseCalendarDate('1900-01-01')).toEqual({ ok: true, date: '1900-01-01' });
    expect(parseCalendarDate('BE 2443-01-01')).toEqual({ ok: true, date: '1900-01-01' });
    expect(parseCalendarDate('BE 2942-12-31')).toEqual({ ok: true, date: '2399-12-31' });
    for (const text of ['1899-12-31', '0001-01-01', 'BE 2442-12-31', 'BE 2943-01-01', 'BE 3542-12-31', 'BE 9999-01-01']) {
      const parsed = parseCalendarDate(text);
      expect(parsed.ok, text).toBe(false);
      expect(!parsed.ok && parsed.reason, text).toMatch(/outside the supported dates: Gregorian 1900-01-01 to 2399-12-31 \(B\.E\. 2443 to 2942\)/);
    }
  });

  it('every date parses once into a form that parses back to itself (so no accepted date is refused when passed on)', () => {
    fc.assert(
      fc.property(fullRange, fc.constantFrom('%', 'BE %', '% BE', 'พ.ศ. %'), (date, form) => {
        const text = form.replace('%', iso(form === '%' ? date : { ...date, y: date.y + 543 }));
        const once = parseCalendarDate(text);
        expect(once).toEqual({ ok: true, date: iso(date) });
        expect(parseCalendarDate(iso(date))).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('an unmarked Buddhist Era year is refused, with the Gregorian date suggested', () => {
  it('for every year from 2400 on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2400, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const parsed = parseCalendarDate(iso({ y, m, d }));
        expect(parsed.ok).toBe(false);
        expect(!parsed.ok && parsed.reason).toContain(`Buddhist Era year; write "BE ${iso({ y, m, d })}" or the Gregorian date ${iso({ y: y - 543, m, d })}`);
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// Money: the value of a decimal text as a scaled integer, without decimal.js.

const SCALE = 10;
function scaled(text: string): bigint {
  const trimmed = text.trim();
  const negative = trimmed.startsWith('-');
  const unsigned = trimmed.replace(/^[+-]/, '');
  const [whole, fraction = ''] = unsigned.split('.');
  const value = BigInt(whole!) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0') || '0');
  return negative ? -value : value;
}

const decimalText = fc
  .record({
    sign: fc.constantFrom('', '', '+', '-'),
    whole: fc.oneof(fc.stringMatching(/^[0-9]{1,30}$/), fc.constantFrom('0', '500000', '499999', '1000', '000500000')),
    fraction: fc.option(fc.oneof(fc.stringMatching(/^[0-9]{1,10}$/), fc.constantFrom('00', '99', '01', '995', '0000000001')), { nil: undefined }),
    pad: fc.constantFrom('', ' ', '\t'),
  })
  .map(({ sign, whole, fraction, pad }) => `${pad}${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}${pad}`);

function unformat(text: string): string {
  return text.replace(/^THB /, '').replace(/ บาท$/, '').replaceAll(',', '');
}

describe('money', () => {
  it('accepts every plain decimal (up to 30 digits and 10 decimals) at its exact value, in a canonical form that parses to itself', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const parsed = parseMoney(text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(scaled(parsed.amount)).toBe(scaled(text));
        expect(parseMoney(parsed.amount)).toEqual(parsed);
        expect(parsed.amount).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/); // no leading zeros, no trailing zeros, no "+", no "-0"
      }),
      { numRuns: 2000 },
    );
  });

  it('treats a safe integer and its decimal texts as the same amount', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger().filter((n) => !Object.is(n, -0)), (n) => {
        const parsed = parseMoney(n);
        expect(parsed).toEqual({ ok: true, amount: String(n) });
        expect(parseMoney(`${n}.00`)).toEqual(parsed);
        expect(parseMoney(String(n))).toEqual(parsed);
      }),
    );
  });

  it('refuses floats with a fraction, unsafe integers, NaN, Infinity and anything but a plain decimal text', () => {
    fc.assert(
      fc.property(fc.double().filter((x) => !Number.isSafeInteger(x)), (x) => {
        expect(parseMoney(x).ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const plain = /^\s*[+-]?\d{1,30}(\.\d{1,10})?\s*$/.test(text);
        if (!plain) expect(parseMoney(text).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
    for (const bad of ['1e5', '1E5', '1e+5', '5e-324', '0x10', '0b1', '1_000', '1,000.00', '.5', '5.', '', ' ', 'NaN', 'Infinity', '-Infinity', '๕๐๐', '１２３', '1.00000000001', '1'.repeat(31), '--1', '+-1']) {
      expect(parseMoney(bad), bad).toMatchObject({ ok: false });
    }
    for (const bad of [NaN, Infinity, -Infinity, 0.1, 1e21, 2 ** 53, null, undefined, true, {}, [], 10n]) {
      expect(parseMoney(bad), String(bad)).toMatchObject({ ok: false });
    }
  });

  it('formats every amount so that it parses back to the same amount, in both languages, never rounding', () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom('th', 'en') as fc.Arbitrary<'th' | 'en'>, (text, locale) => {
        const { amount } = parseMoney(text) as { amount: string };
        const shown = formatMoney(amount, locale);
        expect(shown).toMatch(locale === 'en' ? /^THB -?\d{1,3}(,\d{3})*\.\d{2,10}$/ : /^-?\d{1,3}(,\d{3})*\.\d{2,10} บาท$/);
        expect(parseMoney(unformat(shown))).toEqual({ ok: true, amount });
      }),
      { numRuns: 2000 },
    );
    expect(formatMoney('499999.995', 'en')).toBe('THB 499,999.995');
    expect(formatMoney('500000', 'th')).toBe('500,000.00 บาท');
    expect(formatMoney('-0.001', 'en')).toBe('THB -0.001');
  });

  it('gives the same words for the same amount however it was written', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 99 }), (baht, satang) => {
        const forms = [`${baht}.${String(satang).padStart(2, '0')}`, `${baht}.${String(satang).padStart(2, '0')}000`, `000${baht}.${String(satang).padStart(2, '0')}`];
        if (satang === 0) forms.push(String(baht), baht as unknown as string);
        const shown = new Set(forms.map((form) => formatMoney((parseMoney(form) as { amount: string }).amount, 'en')));
        expect(shown.size).toBe(1);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { asCalendarDate, calendarDateKey } from '../../src/model/calendar-date.js';
import { addCalendarMonths, formatDate, lastDayOfPeriod, parseCalendarDate, spanLength, spanLongerThanMonths, withinMonthsOf } from '../../src/index.js';

describe('calendar dates', () => {
  it('read a Gregorian ISO date as written, whatever the time zone', () => {
    expect(parseCalendarDate('2016-01-16')).toEqual({ ok: true, date: '2016-01-16' });
  });

  it('read a Buddhist Era date only when it says so (BE, B.E. or พ.ศ.)', () => {
    expect(parseCalendarDate('BE 2559-01-16')).toEqual({ ok: true, date: '2016-01-16' });
    expect(parseCalendarDate('2559-01-16 BE')).toEqual({ ok: true, date: '2016-01-16' });
    expect(parseCalendarDate('พ.ศ. 2559-01-16')).toEqual({ ok: true, date: '2016-01-16' });
  });

  it('refuse a Buddhist Era year written as if it were Gregorian, and say how to write it', () => {
    const parsed = parseCalendarDate('2559-01-16');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(/Buddhist Era.*BE 2559-01-16.*2016-01-16/);
  });

  it('refuse dates that do not exist', () => {
    for (const text of ['2016-02-30', '2015-02-29', '2016-13-01', '2016-00-10', 'BE 2558-02-29', '16/01/2016', '']) {
      expect(parseCalendarDate(text).ok, text).toBe(false);
    }
    expect(parseCalendarDate('2016-02-29').ok).toBe(true);
    expect(parseCalendarDate('BE 2559-02-29')).toEqual({ ok: true, date: '2016-02-29' });
  });

  it('add months clamping to the end of a shorter month', () => {
    expect(addCalendarMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addCalendarMonths('2019-01-31', 1)).toBe('2019-02-28');
    expect(addCalendarMonths('2020-02-29', 12)).toBe('2021-02-28');
    expect(addCalendarMonths('2016-01-16', 15)).toBe('2017-04-16');
  });

  it('measure an inclusive period of exactly 12 months as 12 months and no days', () => {
    expect(spanLength('2023-01-01', '2023-12-31')).toEqual({ months: 12, days: 0 });
    expect(spanLength('2023-01-01', '2024-01-01')).toEqual({ months: 12, days: 1 });
    expect(spanLength('2019-03-01', '2020-02-29')).toEqual({ months: 12, days: 0 });
    expect(spanLength('2023-01-01', '2023-01-01')).toEqual({ months: 0, days: 1 });
    expect(spanLength('2020-02-29', '2021-02-27')).toEqual({ months: 11, days: 30 });
  });

  it('say a period is longer than N months only from N months and one day', () => {
    expect(spanLongerThanMonths('2023-01-01', '2023-12-31', 12)).toBe(false);
    expect(spanLongerThanMonths('2023-01-01', '2024-01-01', 12)).toBe(true);
    expect(spanLongerThanMonths('2022-10-01', '2023-12-31', 15)).toBe(false);
    expect(spanLongerThanMonths('2022-10-01', '2024-01-01', 15)).toBe(true);
  });

  it('count "within 15 months from registration" without the registration day itself', () => {
    expect(withinMonthsOf('2020-01-10', '2021-04-10', 15)).toBe(true);
    expect(withinMonthsOf('2020-01-10', '2021-04-11', 15)).toBe(false);
  });

  it('show dates in Buddhist Era to Thai readers and in Gregorian to English readers', () => {
    expect(formatDate('2016-01-16', 'th')).toBe('16 ม.ค. 2559');
    expect(formatDate('2016-01-16', 'en')).toBe('16 Jan 2016');
  });
});

describe('periods of months (Civil and Commercial Code s. 193/5)', () => {
  it('end on the last day of the last month when it has no corresponding day', () => {
    expect(lastDayOfPeriod('2020-02-29', 12)).toBe('2021-02-28');
    expect(lastDayOfPeriod('2022-01-31', 15)).toBe('2023-04-30');
    expect(lastDayOfPeriod('2019-11-30', 15)).toBe('2021-02-28');
    expect(lastDayOfPeriod('2020-01-30', 1)).toBe('2020-02-29');
    expect(lastDayOfPeriod('2023-01-01', 12)).toBe('2023-12-31');
    expect(lastDayOfPeriod('2023-01-15', 1)).toBe('2023-02-14');
  });

  it('measure such a period as whole months', () => {
    expect(spanLength('2020-02-29', '2021-02-28')).toEqual({ months: 12, days: 0 });
    expect(spanLength('2020-02-29', '2021-03-01')).toEqual({ months: 12, days: 1 });
    expect(spanLongerThanMonths('2022-01-31', '2023-04-30', 15)).toBe(false);
    expect(spanLongerThanMonths('2022-01-31', '2023-05-01', 15)).toBe(true);
  });
});

describe('asCalendarDate and calendarDateKey (the check every date operator makes)', () => {
  // The definition it must keep: a canonical YYYY-MM-DD that is a real day of the
  // proleptic Gregorian calendar, in the supported years 1900 to 2399.
  const reference = (text: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(2000, month - 1, day));
    date.setUTCFullYear(year);
    const real = month >= 1 && month <= 12 && day >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    return real && year >= 1900 && year <= 2399 ? text : undefined;
  };
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  it('agrees with the calendar on every day number 0–32 of months 0–13 of the years 1899–2401', () => {
    let accepted = 0;
    for (let year = 1899; year <= 2401; year++)
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          const got = asCalendarDate(text);
          if (got !== reference(text)) expect(got, text).toBe(reference(text));
          // Its number: YYYYMMDD for a date, -1 for anything else.
          const key = calendarDateKey(text);
          const expectedKey = got === undefined ? -1 : year * 10_000 + month * 100 + day;
          if (key !== expectedKey) expect(key, text).toBe(expectedKey);
          if (got !== undefined) accepted++;
        }
    // 500 years of 365 days, plus 121 leap days (1900, 2100, 2200, 2300 are not leap years; 2000 is).
    expect(accepted).toBe(500 * 365 + 121);
  });

  it('refuses anything but the canonical form', () => {
    for (const text of ['2016-1-16', '2016-01-6', ' 2016-01-16', '2016-01-16 ', '2016/01/16', '２016-01-16', '2016-0a-16', 'BE 2559-01-16', '20160116', '+2016-01-16'])
      expect(asCalendarDate(text), text).toBeUndefined();
    for (const value of [20160116, null, undefined, new Date('2016-01-16'), { date: '2016-01-16' }]) {
      expect(asCalendarDate(value)).toBeUndefined();
      expect(calendarDateKey(value)).toBe(-1);
    }
    expect(asCalendarDate('2016-02-29')).toBe('2016-02-29');
    expect(asCalendarDate('2015-02-29')).toBeUndefined();
  });
});

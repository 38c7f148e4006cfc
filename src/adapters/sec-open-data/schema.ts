/**
 * Zod schemas for the records of the SEC Thailand open API on funds, v2
 * (`https://api.sec.or.th/v2/fund/...`), snake_case as the API sends them.
 * The shapes follow the SEC's own v2 catalogue and real responses; the tests
 * read real responses kept in `fixtures/sec-open-data/` (see its SOURCES.md).
 *
 * Conventions shared by every record:
 * - Fields the API may send as `null` accept `null` (and may be left out);
 *   an empty or blank string counts as `null` for those fields. Required
 *   fields refuse both, with a message naming the field.
 * - Text is trimmed. Fields the API adds that we do not read are stripped,
 *   never an error (the API grows fields over time).
 * - Dates come as `YYYY-MM-DD` or as ISO date-times (`2016-03-01T00:00:00`,
 *   with or without fractional seconds or a UTC offset). The calendar date is
 *   taken **as written**, from the text, never through `new Date()`, so no
 *   process time zone can move it by a day.
 */
import { z } from 'zod';
import { parseCalendarDate, type CalendarDate, type DateParseResult } from '../../model/calendar-date.js';
import { fundTypeCodeSchema, type FundTypeCode } from '../../model/fund.js';
import { parseMoney, type Money } from '../../model/money.js';

/** The SEC's `proj_retail_type` codes with their meaning (see `reference/sec-open-data.md`). */
export const SEC_RETAIL_TYPE_LABELS: Readonly<Record<FundTypeCode, string>> = Object.freeze({
  R: 'retail',
  A: 'non-retail investors only',
  B: 'high-net-worth investors only',
  H: 'non-retail and high-net-worth investors',
  N: 'institutional',
  X: 'institutional and ultra-high-net-worth investors',
  V: 'provident-fund investors',
  F: 'special liquidity fund',
  G: 'special state-policy fund',
});

export const SEC_RETAIL_TYPE_CODES: readonly FundTypeCode[] = fundTypeCodeSchema.options;

/** `fund_status` values of the v2 fund profile. */
export const SEC_FUND_STATUSES = ['IPO', 'Registered', 'Expired', 'Canceled', 'Liquidated'] as const;
export type SecFundStatus = (typeof SEC_FUND_STATUSES)[number];

/** `invest_country_flag`: 1 mainly abroad, 2 partly abroad, 3 no foreign risk, 4 both. */
export const SEC_INVEST_COUNTRY_FLAGS = ['1', '2', '3', '4'] as const;
export type SecInvestCountryFlag = (typeof SEC_INVEST_COUNTRY_FLAGS)[number];

/** `entity_type` of an involved party (the SEC's code list); an unknown code is kept as it is. */
export const SEC_ENTITY_TYPES = Object.freeze({
  A: 'auditor',
  U: 'underwriter',
  S: 'selling agent',
  R: 'registrar',
  V: 'trustee',
  F: 'fund manager',
  M: 'investment adviser',
  O: 'outsourced investment manager',
  P: 'large investor',
  K: 'market maker',
  N: 'financial adviser',
} as const);

/** As in `parseCalendarDate`: a year from here on is a Buddhist Era year written without its marker. */
const FIRST_IMPLAUSIBLE_GREGORIAN_YEAR = 2400;
const BUDDHIST_ERA_OFFSET = 543;

const SEC_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parse an SEC date: `YYYY-MM-DD` or an ISO date-time whose calendar date is
 * taken as written (`2016-03-01T00:00:00` and `2016-03-01T23:59:59+07:00` are
 * both 2016-03-01). Dates are Gregorian in the SEC open data; a year such as
 * 2563 (B.E. for 2020) is refused as a probable Buddhist Era year rather than read as AD.
 */
export function parseSecDate(text: string): DateParseResult {
  const trimmed = text.trim();
  const match = SEC_DATE_TIME.exec(trimmed);
  if (!match?.[1]) {
    return { ok: false, reason: `expected an SEC date as YYYY-MM-DD or an ISO date-time such as 2016-03-01T00:00:00, got ${JSON.stringify(text.slice(0, 40))}` };
  }
  const year = Number(match[1].slice(0, 4));
  if (year >= FIRST_IMPLAUSIBLE_GREGORIAN_YEAR) {
    return {
      ok: false,
      reason: `year ${year} looks like a Buddhist Era year (Gregorian ${year - BUDDHIST_ERA_OFFSET}); the SEC open data gives Gregorian dates, so it is not converted`,
    };
  }
  return parseCalendarDate(match[1]);
}

function blank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A required text field; the message names the field and what it is. */
function requiredText(field: string, what: string, max = 5000) {
  const message = `${field} is required (${what})`;
  return z
    .string({ error: (issue) => (issue.input === null || issue.input === undefined ? message : `${field} must be text (${what})`) })
    .transform((value, ctx) => {
      const trimmed = value.trim();
      if (trimmed === '') {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      if (trimmed.length > max) {
        ctx.addIssue({ code: 'custom', message: `${field} is longer than ${max} characters` });
        return z.NEVER;
      }
      return trimmed;
    });
}

/** A text field the API may send as null; blank text counts as null. */
function nullableText(field: string, max = 5000) {
  return z
    .union([z.string(), z.null()], { error: `${field} must be text or null` })
    .optional()
    .transform((value, ctx): string | null => {
      if (blank(value)) return null;
      const trimmed = (value as string).trim();
      if (trimmed.length > max) {
        ctx.addIssue({ code: 'custom', message: `${field} is longer than ${max} characters` });
        return z.NEVER;
      }
      return trimmed;
    });
}

function dateValue(field: string, value: string, ctx: z.RefinementCtx): CalendarDate {
  const parsed = parseSecDate(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `${field}: ${parsed.reason}` });
    return z.NEVER;
  }
  return parsed.date;
}

function requiredDate(field: string, what: string) {
  const message = `${field} is required (${what})`;
  return z
    .string({ error: (issue) => (issue.input === null || issue.input === undefined ? message : `${field} must be a date string such as "2016-03-01" or "2016-03-01T00:00:00"`) })
    .max(40, `${field} is at most 40 characters`)
    .transform((value, ctx) => (value.trim() === '' ? (ctx.addIssue({ code: 'custom', message }), z.NEVER) : dateValue(field, value, ctx)));
}

function nullableDate(field: string) {
  return z
    .union([z.string().max(40, `${field} is at most 40 characters`), z.null()], { error: `${field} must be a date string or null` })
    .optional()
    .transform((value, ctx): CalendarDate | null => (blank(value) || (value as string).trim() === '-' ? null : dateValue(field, value as string, ctx)));
}

/**
 * The marker of "no class": `fund_class_name` is `"main"` for a fund without
 * classes, in profiles and minimums alike. Read as `null` (no class).
 */
export const SEC_NO_CLASS = 'main';

function className(field: string) {
  return nullableText(field, 200).transform((value) => (value === null || value.toLowerCase() === SEC_NO_CLASS ? null : value));
}

/** `last_upd_date` as written (`2025-11-19T07:17:50Z`, `2026-08-27T07:42:31.783`); only compared, never shifted. */
function updateStamp(field: string) {
  return nullableText(field, 40).transform((value, ctx): string | null => {
    if (value === null) return null;
    if (!SEC_DATE_TIME.test(value)) {
      ctx.addIssue({ code: 'custom', message: `${field}: expected a date-time such as 2025-11-19T07:17:50Z, got ${JSON.stringify(value.slice(0, 40))}` });
      return z.NEVER;
    }
    return value;
  });
}

/**
 * A sortable key of a `last_upd_date`: date, time and the fraction padded to
 * nine digits, so `…07:42:31.783` and `…07:42:31.78` compare as written. The
 * zone is ignored: the API writes some stamps with `Z` and some without.
 */
export function updateKey(stamp: string | null): string {
  if (stamp === null) return '';
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?/.exec(stamp);
  if (!match) return '';
  const [, date, hh = '00', mm = '00', ss = '00', fraction = ''] = match;
  return `${date}T${hh}:${mm}:${ss}.${fraction.padEnd(9, '0')}`;
}

/** One fund profile item (`GET /v2/fund/general-info/profiles`): one per share class. */
export const secFundProfileSchema = z.object({
  /** Management company id, e.g. `C0000000021`. */
  unique_id: requiredText('unique_id', 'the management company id, e.g. C0000000021', 200),
  comp_name_th: nullableText('comp_name_th'),
  comp_name_en: nullableText('comp_name_en'),
  /** Project number, e.g. `M0000_2552`. */
  proj_id: requiredText('proj_id', 'the project number, e.g. M0000_2552', 200),
  regis_id: nullableText('regis_id', 200),
  proj_name_th: requiredText('proj_name_th', 'the Thai name of the project'),
  proj_name_en: nullableText('proj_name_en'),
  proj_abbr_name: nullableText('proj_abbr_name', 200),
  /** One of SEC_FUND_STATUSES; another value is kept and reported by the adapter (status unknown), never a refusal. */
  fund_status: nullableText('fund_status', 100),
  /** The project's approval ("establishment") date. */
  init_date: requiredDate('init_date', 'the approval date of the project'),
  regis_date: nullableDate('regis_date'),
  cancel_date: nullableDate('cancel_date'),
  /** One of SEC_INVEST_COUNTRY_FLAGS; another value is kept and reported. */
  invest_country_flag: nullableText('invest_country_flag', 100),
  /** The fund type, one of SEC_RETAIL_TYPE_CODES; `null` happens (an old liquidated fund) and means the type is not known, as does a code not in the list. */
  proj_retail_type: nullableText('proj_retail_type', 100),
  proj_term_flag: nullableText('proj_term_flag', 100),
  /** `"main"` (no classes) is read as null. */
  fund_class_name: className('fund_class_name'),
  fund_class_isin_code: nullableText('fund_class_isin_code', 20),
  last_upd_date: updateStamp('last_upd_date'),
});
export type SecFundProfileInput = z.input<typeof secFundProfileSchema>;
export type SecFundProfile = z.output<typeof secFundProfileSchema>;

/**
 * One involved-party item (`GET /v2/fund/general-info/involve-parties`): per
 * project, names and address only — no licence number, approval or dates.
 */
export const secInvolvedPartySchema = z.object({
  proj_id: requiredText('proj_id', 'the project number the party serves', 200),
  entity_type: requiredText('entity_type', `the role code: ${Object.entries(SEC_ENTITY_TYPES).map(([code, role]) => `${code} ${role}`).join(', ')}`, 10),
  entity_name_th: nullableText('entity_name_th'),
  entity_name_en: nullableText('entity_name_en'),
  address: nullableText('address'),
  last_upd_date: updateStamp('last_upd_date'),
});
export type SecInvolvedPartyInput = z.input<typeof secInvolvedPartySchema>;
export type SecInvolvedParty = z.output<typeof secInvolvedPartySchema>;

const MONEY_TEXT = /^-?\d{1,30}(\.\d{1,10})?$/;

/**
 * An SEC amount: a decimal string, or a JSON number. A JSON number with a
 * fraction is read through its shortest decimal text (`String(n)`), which is
 * the decimal the API wrote for amounts of up to 15 significant digits;
 * anything else (exponents, more digits, negatives) is refused.
 */
function secAmount(field: string) {
  return z
    .union([z.string(), z.number(), z.null()], { error: `${field} must be an amount (a decimal string or a number) or null` })
    .optional()
    .transform((value, ctx): Money | null => {
      if (blank(value)) return null;
      let text: string;
      if (typeof value === 'number') {
        text = String(value);
        if (!Number.isFinite(value) || !MONEY_TEXT.test(text) || text.replace(/\D/g, '').replace(/^0+/, '').length > 15) {
          ctx.addIssue({ code: 'custom', message: `${field}: ${text} is not an amount that can be read exactly; send it as a decimal string` });
          return z.NEVER;
        }
      } else text = (value as string).trim();
      const parsed = parseMoney(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: `${field}: ${parsed.reason}` });
        return z.NEVER;
      }
      if (parsed.amount.startsWith('-')) {
        ctx.addIssue({ code: 'custom', message: `${field}: a minimum subscription cannot be negative (${parsed.amount})` });
        return z.NEVER;
      }
      return parsed.amount;
    });
}

/**
 * One subscription-minimum item (`GET /v2/fund/factsheet/subscription-redemption-minimums`):
 * what one factsheet period states for one class. A time series: a class has
 * one item per period (`start_date`..`end_date`, `end_date` null on the latest),
 * unless the query had `latest=true`.
 */
export const secSubscriptionMinimumSchema = z.object({
  proj_id: requiredText('proj_id', 'the project number', 200),
  /** `"main"` (no classes) is read as null: the item applies to the whole project. */
  fund_class_name: className('fund_class_name'),
  start_date: nullableDate('start_date'),
  end_date: nullableDate('end_date'),
  prospectus_type: nullableText('prospectus_type', 100),
  /** The minimum first subscription (factsheet item 9.5.3). */
  minimum_sub_ipo: secAmount('minimum_sub_ipo'),
  /** Its currency, e.g. `THB` (the API pads it with spaces to 50 characters). */
  minimum_sub_ipo_cur: nullableText('minimum_sub_ipo_cur', 100),
  last_upd_date: updateStamp('last_upd_date'),
});
export type SecSubscriptionMinimumInput = z.input<typeof secSubscriptionMinimumSchema>;
export type SecSubscriptionMinimum = z.output<typeof secSubscriptionMinimumSchema>;

/** A v2 response: `{ message, page_size, next_cursor, items }`. */
export interface SecEnvelope<T = unknown> {
  message: string;
  page_size?: number;
  next_cursor?: string | null;
  items: T[];
}

/**
 * Records of one endpoint, in any form the API (or a cache of it) gives:
 * a bare array of items, one envelope, an array of envelopes (the pages of a
 * paged download), or the legacy v1 cache `{ lastUpdate, nextUpdate, data }`.
 */
export type SecRecords<T> = readonly T[] | SecEnvelope<T> | readonly SecEnvelope<T>[] | { data: readonly T[] };

/** What {@link fromSecOpenData} reads: the records of the three endpoints. */
export interface SecOpenDataInput {
  profiles: SecRecords<SecFundProfileInput> | unknown;
  /** Involved parties; without them fund managers and auditors are reported as unknown. */
  parties?: SecRecords<SecInvolvedPartyInput> | unknown;
  /** Subscription minimums; without them the scheme minimum is reported as unknown. */
  minimums?: SecRecords<SecSubscriptionMinimumInput> | unknown;
}

/** The legacy v1 FundFactsheet `fund_status` codes, read by their dates (no source defines them). */
export const SEC_LEGACY_STATUS: Readonly<Record<string, string>> = Object.freeze({
  RG: 'Registered',
  LI: 'Liquidated',
  EX: 'Expired',
  CA: 'Canceled',
  SE: 'offering in progress (read from its dates)',
});

/**
 * A record of the legacy v1 FundFactsheet API (`/FundFactsheet/fund/amc/{id}`):
 * a two-letter `fund_status`, `permit_us_investment`, and no `init_date`,
 * `proj_retail_type` or class.
 */
export function isLegacyV1Record(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const record = raw as Record<string, unknown>;
  if ('permit_us_investment' in record) return true;
  if (typeof record.fund_status === 'string' && record.fund_status.trim() in SEC_LEGACY_STATUS) return true;
  return !('init_date' in record) && !('proj_retail_type' in record) && !('fund_class_name' in record) && 'regis_date' in record;
}

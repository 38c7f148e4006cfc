/**
 * The SEC open-data adapter: records of the SEC Thailand open API v2 (fund
 * profiles per class, involved parties, subscription minimums) become the
 * library's Fund input, one fund per project.
 *
 * Unknown is unknown. A fact the SEC data does not carry (unitholders,
 * accounting periods, fund-manager approvals, the scheme's own investor
 * restriction, …) is left out of the fund and listed in its `unknowns`; the
 * engine then reports each rule that reads it as not-applicable with the
 * reason, never as passed or found. A record that cannot be read is refused
 * with a typed reason; one bad record never stops the others (unless
 * `onError: 'throw'`).
 */
import Decimal from 'decimal.js';
import type { z } from 'zod';
import type { CalendarDate } from '../../model/calendar-date.js';
import { formatPath } from '../../model/errors.js';
import { fundSchema, schemeSchema, type FundInput, type FundStatus, type FundTypeCode, type InvestorRestriction, type UnknownField } from '../../model/fund.js';
import type { Money } from '../../model/money.js';
import { SecOpenDataError, type SecOpenDataIssue, type SecRecordSource, type SecRefusalReason } from './errors.js';
import {
  isLegacyV1Record,
  SEC_ENTITY_TYPES,
  SEC_FUND_STATUSES,
  SEC_INVEST_COUNTRY_FLAGS,
  SEC_RETAIL_TYPE_CODES,
  SEC_LEGACY_STATUS,
  SEC_RETAIL_TYPE_LABELS,
  secFundProfileSchema,
  secInvolvedPartySchema,
  secSubscriptionMinimumSchema,
  updateKey,
  type SecFundProfile,
  type SecFundStatus,
  type SecInvestCountryFlag,
  type SecInvolvedParty,
  type SecOpenDataInput,
  type SecSubscriptionMinimum,
} from './schema.js';

/**
 * Who a scheme admits, read from its SEC `proj_retail_type` — only under
 * `investorRestriction: 'from-declared-type'`: the SEC code is the declared
 * type, and the scheme's own terms are not in the open data. (The inverse of
 * the pack's `fund-type-from-scheme` lookup; a test keeps the two in step.)
 */
export const SEC_INVESTOR_RESTRICTION_OF: Readonly<Record<FundTypeCode, InvestorRestriction>> = Object.freeze({
  R: 'general',
  A: 'non-retail',
  B: 'high-net-worth',
  H: 'non-retail-or-high-net-worth',
  N: 'institutional',
  X: 'institutional-or-ultra-high-net-worth',
  V: 'provident-funds',
  F: 'liquidity-support',
  G: 'state-policy',
});

/** SEC `fund_status` → the fund model's status. */
export const SEC_STATUS_OF: Readonly<Record<SecFundStatus, FundStatus>> = Object.freeze({
  IPO: 'offering',
  Registered: 'registered',
  Expired: 'offering-ended',
  Canceled: 'cancelled',
  Liquidated: 'dissolved',
});

/** The currency a minimum must be in to be used; any other is reported, never converted. */
const BAHT = 'THB';

/** Profile fields that belong to the project: every class of a project gives the same value. */
export const SEC_PROJECT_LEVEL_FIELDS = [
  'unique_id',
  'proj_retail_type',
  'init_date',
  'regis_date',
  'cancel_date',
  'proj_name_th',
  'proj_name_en',
  'proj_abbr_name',
  'regis_id',
  'fund_status',
  'invest_country_flag',
  'proj_term_flag',
] as const satisfies readonly (keyof SecFundProfile)[];

/**
 * Fund fields the SEC open data never carries; every adapted fund lists them
 * in `unknowns`, so the rules that read them are not-applicable with this reason.
 */
export const SEC_OPEN_DATA_ABSENT_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  unitholders: 'unitholders and their subscriptions are not in SEC open data (they are in the registrar\'s register); add them to check the holder rules',
  accountingPeriods: 'accounting periods (dates, standard, auditor and the auditor\'s approval) are not in SEC open data; add them from the fund\'s financial statements',
  'scheme.accountingStandard': 'the accounting standard the scheme names is not in SEC open data',
  'scheme.statesForeignAccountingStandard': 'whether the scheme states a foreign accounting standard is not in SEC open data',
  'scheme.navStandard': 'the NAV standard the scheme declares is not in SEC open data',
  'scheme.offeringCountries': 'the countries the scheme offers units in are not in SEC open data',
  offering: 'where units are offered is not in SEC open data (invest_country_flag is about foreign-investment risk, not where units are offered); the offering values in the fund are placeholders the model requires',
  operations: 'what the fund does in practice (countries it is offered in) is not in SEC open data',
  disclosures: 'NAV and performance disclosures are not in SEC open data as a record of what was disclosed when',
  orders: 'orders of the SEC Office are not in SEC open data',
  amendments: 'scheme amendments are not in SEC open data',
  waivers: 'waivers granted by the SEC Office are not in SEC open data',
  obligations: 'obligations of the fund are not in SEC open data',
  recordedGrounds: 'grounds recorded by a person (§12 ¶1 (1)–(4)) are not in SEC open data',
});

export interface SecOpenDataOptions {
  /**
   * `skip` (default): a record or project that cannot be adapted is refused
   * (listed in `refused` with a typed reason) and the others are adapted.
   * `throw`: any problem throws {@link SecOpenDataError} listing them all.
   */
  onError?: 'throw' | 'skip';
  /**
   * The date whose factsheet period gives the subscription minimum (the
   * minimums endpoint is a time series). Default: the latest period
   * (the one without `end_date`), listed as an assumption when there are several.
   */
  asOf?: CalendarDate;
  /**
   * The Fund model needs an English name. `error` (default): a project without
   * `proj_name_en` is refused (`no-english-name`). `use-abbreviation` /
   * `use-thai`: use `proj_abbr_name` / `proj_name_th` instead, listed in `assumptions`.
   */
  missingEnglishName?: 'error' | 'use-abbreviation' | 'use-thai';
  /**
   * `unknown` (default): the scheme's investor restriction is not in SEC open
   * data, so it is left out and listed as unknown. `from-declared-type`: read
   * it from `proj_retail_type` (listed as an assumption).
   */
  investorRestriction?: 'unknown' | 'from-declared-type';
}

/**
 * Something the adapter could not map. `not-in-source`: the SEC open data has
 * no such field; `missing`: the records leave it empty; `unmapped`: a value
 * or record the adapter will not use as it is (another currency, a record of
 * no known project or class).
 */
export interface SecUnknown {
  projId: string;
  /** The Fund field (`scheme.minimumFirstSubscription`, `fundManagers`) or record list concerned. */
  field: string;
  kind: 'not-in-source' | 'missing' | 'unmapped';
  reason: string;
  /** Pointers of the records concerned, e.g. `parties.items[7]`. */
  records?: string[];
}

/** A value the adapter put into a fund (or chose) that the SEC data implies but does not state. */
export interface SecAssumption {
  projId: string;
  field: string;
  assumption: string;
}

/** An involved party as the SEC data gives it: a role and a name, nothing to judge an approval by. */
export interface SecParty {
  entityType: string;
  /** The role the code names (`auditor`, `registrar`, …), or null for a code the SEC list does not have. */
  role: string | null;
  nameTh: string | null;
  nameEn: string | null;
  address: string | null;
  /** Pointer of the record, e.g. `parties.items[3]`. */
  record: string;
}

export interface SecClassDetails {
  /** The class code; null for a fund without classes (`"main"`). */
  name: string | null;
  isin: string | null;
  record: string;
  /** The factsheet minimum used for the class, with its period; null when none applies. */
  minimum: { amount: Money | null; currency: string | null; period: { start: CalendarDate | null; end: CalendarDate | null }; prospectusType: string | null; record: string } | null;
}

/** What the SEC data says about a project beyond the Fund model, in the same order as `funds`. */
export interface SecProjectDetails {
  projId: string;
  abbreviation: string | null;
  regisId: string | null;
  fundStatus: SecFundStatus | null;
  companyName: { th: string | null; en: string | null };
  investCountryFlag: SecInvestCountryFlag | null;
  fixedTerm: boolean | null;
  lastUpdated: string | null;
  classes: SecClassDetails[];
  /** Fund managers (F) by name: the SEC gives no approval or dates, so they are not the fund's `fundManagers`. */
  fundManagers: SecParty[];
  /** Auditors (A) by name: the Fund model attaches auditors to accounting periods, which the SEC data does not give. */
  auditors: SecParty[];
  trustees: SecParty[];
  registrars: SecParty[];
  /** Every other party (selling agents, underwriters, advisers, unknown codes), kept as given. */
  otherParties: SecParty[];
}

/** A record or project that was not adapted, and why. */
export interface SecRefusal {
  /** The project, when it could be read. */
  projId?: string;
  reason: SecRefusalReason;
  message: string;
  /** Pointers of the records concerned. */
  records: string[];
  issues: SecOpenDataIssue[];
  /** For a legacy v1 record: its two-letter `fund_status` and what it reads as. */
  legacyStatus?: { code: string; meaning: string | null };
}

export interface SecOpenDataCounts {
  /** Records read from each list (items of every page). */
  records: Record<SecRecordSource, number>;
  /** Records replaced by a later copy of the same record (latest `last_upd_date` kept). */
  superseded: number;
  projects: number;
  adapted: number;
  refused: number;
  /** Of the refused: legacy v1 records. */
  legacy: number;
}

export interface SecOpenDataResult {
  /** One Fund input per project (`proj_id`), in the order projects first appear. Each parses with `fundSchema`. */
  funds: FundInput[];
  projects: SecProjectDetails[];
  unknowns: SecUnknown[];
  assumptions: SecAssumption[];
  /** Records and projects not adapted, each with a typed reason. */
  refused: SecRefusal[];
  /** Duplicates (the same record on two pages, or fetched twice): the earlier copy, and the one kept. */
  superseded: { projId: string; record: string; keptRecord: string }[];
  counts: SecOpenDataCounts;
}

export type SafeFromSecOpenDataResult = { ok: true; result: SecOpenDataResult } | { ok: false; issues: SecOpenDataIssue[] };

interface Located<T> {
  /** Position in the source across pages: decides ties between copies of a record. */
  order: number;
  path: (string | number)[];
  pointer: string;
  value: T;
}

interface RawRecord {
  order: number;
  path: (string | number)[];
  raw: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEnvelope(value: unknown): value is Record<string, unknown> {
  return isObject(value) && 'items' in value && ('message' in value || 'next_cursor' in value || 'page_size' in value);
}

function trimOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function rawProjId(raw: unknown): string | undefined {
  return isObject(raw) ? (trimOrNull(raw.proj_id) ?? undefined) : undefined;
}

/** Every record of one list, whatever form it came in (array, envelope, pages, v1 cache). */
function unwrap(source: SecRecordSource, value: unknown, problems: SecOpenDataIssue[]): RawRecord[] | undefined {
  const out: RawRecord[] = [];
  const page = (envelope: Record<string, unknown>, path: (string | number)[]) => {
    const pointer = formatPath(path);
    if (!Array.isArray(envelope.items)) {
      problems.push({ path, pointer, source, reason: 'malformed-page', message: `${pointer} is a response without an items list (items is ${envelope.items === null ? 'null' : typeof envelope.items}); its records are not read` });
      return;
    }
    if (typeof envelope.message === 'string' && envelope.message.trim().toLowerCase() !== 'success') {
      problems.push({ path, pointer, source, reason: 'malformed-page', message: `${pointer} is a response whose message is ${JSON.stringify(envelope.message.slice(0, 200))}, not "success"; its ${envelope.items.length} records are not read` });
      return;
    }
    envelope.items.forEach((raw: unknown, index) => out.push({ order: out.length, path: [...path, 'items', index], raw }));
  };
  if (Array.isArray(value)) {
    value.forEach((element: unknown, index) => {
      if (isEnvelope(element)) page(element, [source, index]);
      else out.push({ order: out.length, path: [source, index], raw: element });
    });
    return out;
  }
  if (isEnvelope(value)) {
    page(value, [source]);
    return out;
  }
  if (isObject(value) && 'proj_id' in value) {
    out.push({ order: 0, path: [source], raw: value });
    return out;
  }
  if (isObject(value) && Array.isArray(value.data)) {
    (value.data as unknown[]).forEach((raw, index) => out.push({ order: out.length, path: [source, 'data', index], raw }));
    return out;
  }
  return undefined;
}

interface Collected {
  problems: SecOpenDataIssue[];
  byProject: Map<string, SecOpenDataIssue[]>;
}

function addIssue(collected: Collected, issue: SecOpenDataIssue): void {
  if (issue.projId === undefined) {
    collected.problems.push(issue);
    return;
  }
  const list = collected.byProject.get(issue.projId);
  if (list) list.push(issue);
  else collected.byProject.set(issue.projId, [issue]);
}

function parseRecords<S extends z.ZodType>(source: SecRecordSource, records: RawRecord[], schema: S, collected: Collected, refused: SecRefusal[]): Located<z.output<S>>[] {
  const out: Located<z.output<S>>[] = [];
  for (const { order, path, raw } of records) {
    const pointer = formatPath(path);
    const projId = rawProjId(raw);
    if (!isObject(raw)) {
      addIssue(collected, { path, pointer, source, reason: 'not-a-record', message: `${pointer} is not an SEC record (a JSON object)`, ...(projId ? { projId } : {}) });
      continue;
    }
    if (source === 'profiles' && isLegacyV1Record(raw)) {
      const code = trimOrNull(raw.fund_status);
      const meaning = code === null ? null : (SEC_LEGACY_STATUS[code] ?? null);
      const issue: SecOpenDataIssue = {
        path,
        pointer,
        source,
        reason: 'legacy-v1-record',
        ...(projId ? { projId } : {}),
        message: `${pointer}${projId ? ` (${projId})` : ''} is a record of the retired v1 FundFactsheet API${code ? ` (fund_status ${code}${meaning ? ` = ${meaning}` : ''})` : ''}: it has no fund type (proj_retail_type) and no approval date (init_date), which the rules need; fetch the project from /v2/fund/general-info/profiles${projId ? `?project_info=${projId}` : ''}`,
      };
      refused.push({ ...(projId ? { projId } : {}), reason: 'legacy-v1-record', message: issue.message, records: [pointer], issues: [issue], legacyStatus: { code: code ?? '', meaning } });
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      out.push({ order, path, pointer, value: parsed.data });
      continue;
    }
    for (const zodIssue of parsed.error.issues) {
      const field = zodIssue.path.length > 0 ? String(zodIssue.path[0]) : undefined;
      const at: (string | number)[] = [...path, ...zodIssue.path.map((key) => (typeof key === 'number' ? key : String(key)))];
      addIssue(collected, {
        path: at,
        pointer: formatPath(at),
        message: zodIssue.message,
        source,
        reason: projId ? 'invalid-record' : 'not-a-record',
        ...(projId ? { projId } : {}),
        ...(field !== undefined ? { field } : {}),
      });
    }
  }
  return out;
}

/** Copies of one record (same key): the one with the latest `last_upd_date` is kept, then the later one read. */
function latestCopies<T extends { last_upd_date: string | null; proj_id: string }>(records: Located<T>[], key: (value: T) => string, superseded: SecOpenDataResult['superseded']): Located<T>[] {
  const kept = new Map<string, Located<T>>();
  for (const record of records) {
    const k = key(record.value);
    const earlier = kept.get(k);
    if (!earlier) {
      kept.set(k, record);
      continue;
    }
    const newer = updateKey(record.value.last_upd_date) >= updateKey(earlier.value.last_upd_date) ? record : earlier;
    const older = newer === record ? earlier : record;
    kept.set(k, newer);
    superseded.push({ projId: record.value.proj_id, record: older.pointer, keptRecord: newer.pointer });
  }
  const survivors = new Set(kept.values());
  return records.filter((r) => survivors.has(r));
}

/** The value if it is one of the codes, else null (the caller reports it). */
function codeOf<T extends string>(codes: readonly T[], value: string | null): T | null {
  return value !== null && (codes as readonly string[]).includes(value) ? (value as T) : null;
}

function show(value: unknown): string {
  return value === null ? 'null' : JSON.stringify(value);
}

function classLabel(name: string | null): string {
  return name === null ? 'main (no classes)' : `"${name}"`;
}

function toParty(party: Located<SecInvolvedParty>): SecParty {
  const { value } = party;
  const role = (SEC_ENTITY_TYPES as Record<string, string>)[value.entity_type] ?? null;
  return { entityType: value.entity_type, role, nameTh: value.entity_name_th, nameEn: value.entity_name_en, address: value.address, record: party.pointer };
}

/** Where a Fund field came from, for issues raised by `fundSchema` on an adapted fund. */
const SOURCE_FIELD_OF: Readonly<Record<string, string>> = {
  id: 'proj_id',
  names: 'proj_name_th',
  declaredType: 'proj_retail_type',
  managementCompany: 'unique_id',
  approvalDate: 'init_date',
  registrationDate: 'regis_date',
  dissolutionDate: 'cancel_date',
};

interface ProjectContext {
  projId: string;
  options: Required<Omit<SecOpenDataOptions, 'asOf'>> & { asOf: CalendarDate | undefined };
  collected: Collected;
  unknowns: SecUnknown[];
  assumptions: SecAssumption[];
  partiesSupplied: boolean;
  minimumsSupplied: boolean;
}

function fail(ctx: ProjectContext, record: Located<unknown>, field: string | undefined, reason: SecRefusalReason, message: string): void {
  const path = field === undefined ? record.path : [...record.path, field];
  addIssue(ctx.collected, { path, pointer: formatPath(path), message, source: 'profiles', projId: ctx.projId, reason, ...(field !== undefined ? { field } : {}) });
}

/**
 * The project-level values: the classes must agree. Classes updated at
 * different times may differ (a later page read after a change): the latest
 * class decides, as an assumption. Classes of the same update that disagree
 * are refused.
 */
function projectProfile(ctx: ProjectContext, profiles: Located<SecFundProfile>[]): Located<SecFundProfile> {
  let latest = profiles[0]!;
  for (const profile of profiles) if (updateKey(profile.value.last_upd_date) > updateKey(latest.value.last_upd_date)) latest = profile;
  for (const field of SEC_PROJECT_LEVEL_FIELDS) {
    for (const other of profiles) {
      if (other === latest || other.value[field] === latest.value[field]) continue;
      const sameUpdate = updateKey(other.value.last_upd_date) === updateKey(latest.value.last_upd_date);
      const message = `the classes of ${ctx.projId} disagree on ${field}, a project-level field: ${show(latest.value[field])} in class ${classLabel(latest.value.fund_class_name)} (${latest.pointer}, updated ${latest.value.last_upd_date ?? 'at an unknown time'}) but ${show(other.value[field])} in class ${classLabel(other.value.fund_class_name)} (${other.pointer}, updated ${other.value.last_upd_date ?? 'at an unknown time'})`;
      if (sameUpdate) fail(ctx, other, field, 'classes-disagree', message);
      else ctx.assumptions.push({ projId: ctx.projId, field, assumption: `${message}; the most recently updated class is used` });
    }
  }
  return latest;
}

function inPeriod(minimum: SecSubscriptionMinimum, date: CalendarDate): boolean {
  return (minimum.start_date === null || minimum.start_date <= date) && (minimum.end_date === null || date <= minimum.end_date);
}

/** The factsheet period of a class that applies: the one covering `asOf`, else the latest. */
function periodOf(ctx: ProjectContext, label: string, items: Located<SecSubscriptionMinimum>[]): Located<SecSubscriptionMinimum> | undefined {
  if (items.length === 0) return undefined;
  const byStart = [...items].sort((a, b) => (a.value.start_date ?? '').localeCompare(b.value.start_date ?? '') || a.order - b.order);
  const { asOf } = ctx.options;
  if (asOf !== undefined) {
    const covering = byStart.filter((m) => inPeriod(m.value, asOf));
    if (covering.length > 1) {
      ctx.assumptions.push({ projId: ctx.projId, field: 'scheme.minimumFirstSubscription', assumption: `${label}: ${covering.length} factsheet periods cover ${asOf} (${covering.map((m) => m.pointer).join(', ')}); the one that starts last is used` });
    }
    return covering.at(-1);
  }
  const open = byStart.filter((m) => m.value.end_date === null);
  const chosen = open.at(-1) ?? byStart.at(-1)!;
  if (items.length > 1) {
    ctx.assumptions.push({
      projId: ctx.projId,
      field: 'scheme.minimumFirstSubscription',
      assumption: `${label}: ${items.length} factsheet periods and no as-of date; the latest period (${chosen.value.start_date ?? '?'}..${chosen.value.end_date ?? ''}, ${chosen.pointer}) is used`,
    });
  }
  return chosen;
}

/** The scheme's minimum first subscription: the lowest THB minimum of its classes, only when every class's is known. */
function schemeMinimum(ctx: ProjectContext, profiles: Located<SecFundProfile>[], minimums: Located<SecSubscriptionMinimum>[], classes: SecClassDetails[]): Money | undefined {
  const field = 'scheme.minimumFirstSubscription';
  if (!ctx.minimumsSupplied) {
    ctx.unknowns.push({ projId: ctx.projId, field, kind: 'missing', reason: 'no subscription minimums were supplied (/v2/fund/factsheet/subscription-redemption-minimums); the scheme minimum is not known' });
    return undefined;
  }
  const classNames = new Set(profiles.map((p) => p.value.fund_class_name));
  const byClass = new Map<string | null, Located<SecSubscriptionMinimum>[]>();
  for (const minimum of minimums) {
    const key = minimum.value.fund_class_name;
    if (key !== null && !classNames.has(key)) {
      ctx.unknowns.push({ projId: ctx.projId, field, kind: 'unmapped', reason: `a minimum for class "${key}", which is not a class of ${ctx.projId} in the profiles; ignored`, records: [minimum.pointer] });
      continue;
    }
    const list = byClass.get(key) ?? [];
    list.push(minimum);
    byClass.set(key, list);
  }
  const projectWide = periodOf(ctx, 'the whole project (class main)', byClass.get(null) ?? []);
  const known: { amount: Money; label: string }[] = [];
  const gaps: { kind: SecUnknown['kind']; reason: string; record: string }[] = [];
  profiles.forEach((profile, position) => {
    const name = profile.value.fund_class_name;
    const label = `class ${classLabel(name)}`;
    const own = name === null ? undefined : periodOf(ctx, label, byClass.get(name) ?? []);
    const applying = own ?? projectWide;
    if (!applying) {
      const none = (name === null ? 0 : (byClass.get(name)?.length ?? 0)) + (byClass.get(null)?.length ?? 0);
      gaps.push({
        kind: 'missing',
        reason: none > 0 && ctx.options.asOf !== undefined ? `${label}: no factsheet period covers ${ctx.options.asOf}` : `${label} has no minimum record`,
        record: profile.pointer,
      });
      return;
    }
    const { minimum_sub_ipo: amount, minimum_sub_ipo_cur: currency } = applying.value;
    classes[position]!.minimum = { amount, currency, period: { start: applying.value.start_date, end: applying.value.end_date }, prospectusType: applying.value.prospectus_type, record: applying.pointer };
    if (amount === null) gaps.push({ kind: 'missing', reason: `${label}: minimum_sub_ipo is empty`, record: applying.pointer });
    else if (currency !== null && currency.toUpperCase() !== BAHT) gaps.push({ kind: 'unmapped', reason: `${label}: minimum_sub_ipo is ${amount} ${currency}; amounts in another currency are not converted`, record: applying.pointer });
    else known.push({ amount, label });
  });
  if (gaps.length > 0) {
    const knownText = known.length > 0 ? `; known: ${known.map((k) => `${k.label} ${k.amount} THB`).join(', ')}, but a class without a known minimum may allow less` : '';
    ctx.unknowns.push({ projId: ctx.projId, field, kind: gaps[0]!.kind, reason: `${gaps.map((g) => g.reason).join('; ')}${knownText}; the scheme minimum is not known`, records: gaps.map((g) => g.record) });
    return undefined;
  }
  let lowest = known[0]!;
  for (const candidate of known) if (new Decimal(candidate.amount).lt(lowest.amount)) lowest = candidate;
  if (new Set(known.map((c) => new Decimal(c.amount).toFixed())).size > 1) {
    ctx.assumptions.push({
      projId: ctx.projId,
      field,
      assumption: `the lowest first subscription any class allows, ${lowest.amount} THB (${lowest.label}), is taken as the scheme minimum (cl. 1 is about the lowest first subscription a scheme allows); classes: ${known.map((c) => `${c.label} ${c.amount}`).join(', ')}`,
    });
  }
  return lowest.amount;
}

function names(party: SecParty): string {
  return party.nameEn ?? party.nameTh ?? '(no name)';
}

function adaptProject(
  ctx: ProjectContext,
  profiles: Located<SecFundProfile>[],
  parties: Located<SecInvolvedParty>[],
  minimums: Located<SecSubscriptionMinimum>[],
): { fund: FundInput; details: SecProjectDetails } | undefined {
  if (profiles.length === 0) return undefined;
  const first = projectProfile(ctx, profiles);
  const p = first.value;
  const { projId } = ctx;
  const unknown = (field: string, kind: SecUnknown['kind'], reason: string, records?: string[]) => ctx.unknowns.push({ projId, field, kind, reason, ...(records ? { records } : {}) });

  // Names: the Fund model needs both.
  let en = p.proj_name_en;
  if (en === null) {
    const mode = ctx.options.missingEnglishName;
    const standIn = mode === 'use-abbreviation' ? p.proj_abbr_name : mode === 'use-thai' ? p.proj_name_th : null;
    if (standIn !== null) {
      en = standIn;
      ctx.assumptions.push({ projId, field: 'names.en', assumption: `proj_name_en is empty; "${standIn}" (${mode === 'use-thai' ? 'proj_name_th' : 'proj_abbr_name'}) is used as the English name` });
    } else {
      fail(ctx, first, 'proj_name_en', 'no-english-name', `proj_name_en is empty, and the Fund model needs an English name${mode === 'error' ? "; pass { missingEnglishName: 'use-abbreviation' } or 'use-thai' to use another name" : ' (the stand-in is empty too)'}`);
    }
  }

  // Status and dates.
  const fundStatus = codeOf(SEC_FUND_STATUSES, p.fund_status);
  const status = fundStatus === null ? undefined : SEC_STATUS_OF[fundStatus];
  if (fundStatus === null) {
    unknown('status', p.fund_status === null ? 'missing' : 'unmapped', `${p.fund_status === null ? 'fund_status is empty' : `fund_status ${show(p.fund_status)} is not one of ${SEC_FUND_STATUSES.join(', ')}`}; whether the fund is registered is not known`, [first.pointer]);
  }
  if (p.regis_date === null && (fundStatus === 'Registered' || fundStatus === 'Liquidated' || fundStatus === null)) {
    unknown('registrationDate', 'missing', `regis_date is empty while fund_status is ${show(p.fund_status)}; the registration date is not known`, [first.pointer]);
  }
  if (p.cancel_date === null && (fundStatus === 'Canceled' || fundStatus === 'Liquidated')) {
    unknown('dissolutionDate', 'missing', `fund_status is ${fundStatus} but cancel_date is empty; the dissolution date is not known`, [first.pointer]);
  }
  if (p.cancel_date !== null && (fundStatus === 'IPO' || fundStatus === 'Registered')) {
    ctx.assumptions.push({ projId, field: 'dissolutionDate', assumption: `cancel_date ${p.cancel_date} is taken as the dissolution date although fund_status is ${fundStatus}` });
  }

  // Type and the scheme's restriction.
  const type = codeOf(SEC_RETAIL_TYPE_CODES, p.proj_retail_type);
  if (type === null) {
    const why = p.proj_retail_type === null ? 'proj_retail_type is empty' : `proj_retail_type ${show(p.proj_retail_type)} is not an SEC fund-type code (${SEC_RETAIL_TYPE_CODES.join(', ')})`;
    unknown('declaredType', p.proj_retail_type === null ? 'missing' : 'unmapped', `${why} in the SEC record (${first.pointer}); the fund type is not known, so no rule decided by the type is applied`, [first.pointer]);
  }
  const investCountryFlag = codeOf(SEC_INVEST_COUNTRY_FLAGS, p.invest_country_flag);
  if (investCountryFlag === null && p.invest_country_flag !== null) unknown('details.investCountryFlag', 'unmapped', `invest_country_flag ${show(p.invest_country_flag)} is not one of ${SEC_INVEST_COUNTRY_FLAGS.join(', ')}; kept out`, [first.pointer]);
  const termFlag = codeOf(['Y', 'N'] as const, p.proj_term_flag);
  if (termFlag === null && p.proj_term_flag !== null) unknown('details.fixedTerm', 'unmapped', `proj_term_flag ${show(p.proj_term_flag)} is not Y or N; kept out`, [first.pointer]);
  let investorRestriction: InvestorRestriction | undefined;
  if (type !== null && ctx.options.investorRestriction === 'from-declared-type') {
    investorRestriction = SEC_INVESTOR_RESTRICTION_OF[type];
    ctx.assumptions.push({ projId, field: 'scheme.investorRestriction', assumption: `"${investorRestriction}" is read from proj_retail_type ${type} (${SEC_RETAIL_TYPE_LABELS[type]}); the scheme's own terms are not in SEC open data, so a mismatch between the declared type and the scheme cannot be seen` });
  } else {
    unknown('scheme.investorRestriction', 'not-in-source', `who the scheme admits is in the scheme's own terms, not in SEC open data${type !== null ? ` (proj_retail_type ${type} is the declared type, which the rules compare the scheme with)` : ''}`);
  }

  const classes: SecClassDetails[] = profiles.map((profile) => ({ name: profile.value.fund_class_name, isin: profile.value.fund_class_isin_code, record: profile.pointer, minimum: null }));
  const minimum = schemeMinimum(ctx, profiles, minimums, classes);

  // Parties: names only.
  const all = parties.map(toParty);
  const ofType = (code: string) => all.filter((party) => party.entityType === code);
  const managers = ofType('F');
  const auditors = ofType('A');
  unknown(
    'fundManagers',
    'not-in-source',
    `SEC open data names fund managers (entity_type F) without their approval or its dates${!ctx.partiesSupplied ? '; no involved parties were supplied' : managers.length > 0 ? ` (${managers.map(names).join(', ')})` : `, and lists none for ${projId}, which does not show that none was appointed`}; add the managers with their approval dates to check cl. 3`,
  );
  if (!ctx.partiesSupplied) unknown('auditors', 'missing', 'no involved parties were supplied; auditors are not known');
  for (const [field, reason] of Object.entries(SEC_OPEN_DATA_ABSENT_FIELDS)) {
    const withAuditors = field === 'accountingPeriods' && auditors.length > 0 ? `${reason} (the SEC names the auditor${auditors.length === 1 ? '' : 's'} ${auditors.map(names).join(', ')}, without approval or periods)` : reason;
    unknown(field, 'not-in-source', withAuditors);
  }

  // Any other field of the Fund model (one added later included) is not in SEC open data either.
  const listed = new Set(ctx.unknowns.map((u) => u.field));
  for (const field of [...Object.keys(fundSchema.shape), ...Object.keys(schemeSchema.shape).map((key) => `scheme.${key}`)]) {
    if (SET_OR_DECIDED_BY_ADAPTER.has(field) || listed.has(field)) continue;
    unknown(field, 'not-in-source', `${field} is not in SEC open data`);
  }

  const company = p.comp_name_en ?? p.comp_name_th;
  const fundUnknowns = new Map<string, string[]>();
  for (const u of ctx.unknowns) if (u.projId === projId && FUND_FIELD.test(u.field)) fundUnknowns.set(u.field, [...(fundUnknowns.get(u.field) ?? []), u.reason]);
  const unknowns: UnknownField[] = [...fundUnknowns].map(([field, reasons]) => ({ field, reason: [...new Set(reasons)].join('; ').slice(0, 5000) }));

  const fund: FundInput = {
    id: projId,
    names: { th: p.proj_name_th, en: en ?? '' },
    kind: 'mutual',
    ...(type !== null ? { declaredType: type } : {}),
    managementCompany: { id: p.unique_id, ...(company !== null ? { name: company } : {}) },
    approvalDate: p.init_date,
    ...(p.regis_date !== null ? { registrationDate: p.regis_date } : {}),
    ...(p.cancel_date !== null ? { dissolutionDate: p.cancel_date } : {}),
    ...(status !== undefined ? { status } : {}),
    offering: { inThailand: true, abroad: false },
    scheme: { ...(investorRestriction !== undefined ? { investorRestriction } : {}), ...(minimum !== undefined ? { minimumFirstSubscription: minimum } : {}) },
    unknowns,
  };

  // The adapted fund must be a valid Fund; report what it is not against the SEC record.
  if (en !== null) {
    const checked = fundSchema.safeParse(fund);
    if (!checked.success) {
      for (const zodIssue of checked.error.issues) {
        const [head, second] = zodIssue.path;
        const fundField = formatPath(zodIssue.path.map((key) => (typeof key === 'number' ? key : String(key))));
        const sourceField = head === 'names' && second === 'en' ? 'proj_name_en' : SOURCE_FIELD_OF[String(head)];
        fail(ctx, first, sourceField, 'invalid-fund', `as the fund's ${fundField}: ${zodIssue.message}`);
      }
    }
  }

  const details: SecProjectDetails = {
    projId,
    abbreviation: p.proj_abbr_name,
    regisId: p.regis_id,
    fundStatus,
    companyName: { th: p.comp_name_th, en: p.comp_name_en },
    investCountryFlag,
    fixedTerm: termFlag === null ? null : termFlag === 'Y',
    lastUpdated: p.last_upd_date,
    classes,
    fundManagers: managers,
    auditors,
    trustees: ofType('V'),
    registrars: ofType('R'),
    otherParties: all.filter((party) => !['F', 'A', 'V', 'R'].includes(party.entityType)),
  };
  return { fund, details };
}

/**
 * Fund fields the adapter sets from the SEC data, or whose absence is itself
 * a fact (no registration date for a fund never registered, no dissolution
 * date for one not dissolved); every other field is listed as unknown.
 */
const SET_OR_DECIDED_BY_ADAPTER: ReadonlySet<string> = new Set([
  'id',
  'names',
  'kind',
  'declaredType',
  'managementCompany',
  'approvalDate',
  'registrationDate',
  'dissolutionDate',
  'status',
  'unknowns',
  'scheme',
  'scheme.minimumFirstSubscription',
]);

/** Unknowns that name a Fund field (the others, like `auditors`, are details of the SEC data). */
const FUND_FIELD = /^(?!auditors$|parties$|minimums$|details\.)[a-zA-Z]+(\.[a-zA-Z]+)*$/;

function groupByProject<T extends { proj_id: string }>(records: Located<T>[]): Map<string, Located<T>[]> {
  const groups = new Map<string, Located<T>[]>();
  for (const record of records) {
    const list = groups.get(record.value.proj_id);
    if (list) list.push(record);
    else groups.set(record.value.proj_id, [record]);
  }
  return groups;
}

/** The record an issue is in: its path up to the last index (`profiles[0].items[3].init_date` → `profiles[0].items[3]`). */
function recordPointer(path: readonly (string | number)[]): string {
  let last = path.length;
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'number') { last = i + 1; break; }
  return formatPath(path.slice(0, last));
}

const noClass = (name: string | null) => name ?? '\u0000main';

function adapt(data: SecOpenDataInput, options: SecOpenDataOptions | undefined): { result: SecOpenDataResult; collected: Collected } {
  const resolved: ProjectContext['options'] = {
    onError: options?.onError ?? 'skip',
    missingEnglishName: options?.missingEnglishName ?? 'error',
    investorRestriction: options?.investorRestriction ?? 'unknown',
    asOf: options?.asOf,
  };
  const collected: Collected = { problems: [], byProject: new Map() };
  const result: SecOpenDataResult = {
    funds: [],
    projects: [],
    unknowns: [],
    assumptions: [],
    refused: [],
    superseded: [],
    counts: { records: { profiles: 0, parties: 0, minimums: 0 }, superseded: 0, projects: 0, adapted: 0, refused: 0, legacy: 0 },
  };
  // Profiles alone (records, a response, pages, one record, or the v1 cache) may be given without { profiles }.
  const given: unknown = data;
  if (Array.isArray(given) || (isObject(given) && !('profiles' in given) && (isEnvelope(given) || 'proj_id' in given || Array.isArray((given as { data?: unknown }).data)))) data = { profiles: given };
  if (!isObject(data)) throw new SecOpenDataError([{ path: [], pointer: '(root)', message: 'expected { profiles, parties?, minimums? }: the records (or responses) of the SEC endpoints' }]);
  const shapes = 'an array of records, a v2 response { message, page_size, next_cursor, items }, or an array of such responses (pages)';
  const list = (source: SecRecordSource, value: unknown): RawRecord[] => {
    const records = unwrap(source, value, collected.problems);
    if (records === undefined) throw new SecOpenDataError([{ path: [source], pointer: source, source, message: `${source} must be ${shapes}` }]);
    result.counts.records[source] = records.length;
    return records;
  };
  const partiesSupplied = data.parties !== undefined;
  const minimumsSupplied = data.minimums !== undefined;
  const rawProfiles = list('profiles', data.profiles);
  const rawParties = partiesSupplied ? list('parties', data.parties) : [];
  const rawMinimums = minimumsSupplied ? list('minimums', data.minimums) : [];

  const profiles = latestCopies(parseRecords('profiles', rawProfiles, secFundProfileSchema, collected, result.refused), (v) => `${v.proj_id}\u0000${noClass(v.fund_class_name)}`, result.superseded);
  const parties = latestCopies(parseRecords('parties', rawParties, secInvolvedPartySchema, collected, result.refused), (v) => [v.proj_id, v.entity_type, v.entity_name_th, v.entity_name_en].join('\u0000'), result.superseded);
  const minimums = latestCopies(parseRecords('minimums', rawMinimums, secSubscriptionMinimumSchema, collected, result.refused), (v) => [v.proj_id, noClass(v.fund_class_name), v.start_date ?? ''].join('\u0000'), result.superseded);

  // Project order: first appearance in the profiles (v2 records, counting those that failed to parse).
  const order: string[] = [];
  const seen = new Set<string>();
  for (const { raw } of rawProfiles) {
    const projId = rawProjId(raw);
    if (projId !== undefined && !seen.has(projId) && !isLegacyV1Record(raw)) {
      seen.add(projId);
      order.push(projId);
    }
  }
  const profileGroups = groupByProject(profiles);
  const partyGroups = groupByProject(parties);
  const minimumGroups = groupByProject(minimums);

  for (const projId of order) {
    const ctx: ProjectContext = { projId, options: resolved, collected, unknowns: [], assumptions: [], partiesSupplied, minimumsSupplied };
    const adapted = adaptProject(ctx, profileGroups.get(projId) ?? [], partyGroups.get(projId) ?? [], minimumGroups.get(projId) ?? []);
    const issues = collected.byProject.get(projId);
    if (issues || !adapted) {
      const list = issues ?? [];
      const reason = list[0]?.reason ?? 'invalid-record';
      result.refused.push({
        projId,
        reason,
        message: `${projId} is not adapted: ${list.map((i) => `${i.pointer}: ${i.message}`).join('; ')}`,
        records: [...new Set(list.map((i) => recordPointer(i.path)))],
        issues: list,
      });
      continue;
    }
    result.funds.push(adapted.fund);
    result.projects.push(adapted.details);
    result.unknowns.push(...ctx.unknowns);
    result.assumptions.push(...ctx.assumptions);
  }
  // Issues of projects that have no usable profile (only parties/minimums records failed).
  for (const [projId, issues] of collected.byProject) {
    if (seen.has(projId)) continue;
    result.refused.push({ projId, reason: issues[0]?.reason ?? 'invalid-record', message: `records of ${projId} are not read: ${issues.map((i) => `${i.pointer}: ${i.message}`).join('; ')}`, records: [...new Set(issues.map((i) => recordPointer(i.path)))], issues });
  }
  // Records without a project, and malformed pages.
  for (const problem of collected.problems) {
    result.refused.push({ reason: problem.reason ?? 'not-a-record', message: problem.message, records: [problem.pointer], issues: [problem] });
  }
  // Records of projects that are not in the profiles are reported, not dropped silently.
  for (const [source, groups] of [
    ['parties', partyGroups],
    ['minimums', minimumGroups],
  ] as const) {
    for (const [projId, records] of groups) {
      if (seen.has(projId)) continue;
      result.unknowns.push({
        projId,
        field: source,
        kind: 'unmapped',
        reason: `${records.length} ${source === 'parties' ? 'involved-party' : 'minimum-subscription'} record${records.length === 1 ? '' : 's'} for ${projId}, which has no v2 fund profile here; ignored`,
        records: records.map((r) => r.pointer),
      });
    }
  }
  result.counts.superseded = result.superseded.length;
  result.counts.projects = order.length;
  result.counts.adapted = result.funds.length;
  result.counts.refused = result.refused.length;
  result.counts.legacy = result.refused.filter((r) => r.reason === 'legacy-v1-record').length;
  return { result, collected };
}

/**
 * Turn SEC open-data v2 records (arrays, responses, or pages of responses)
 * into Fund inputs, one per project. Records that cannot be adapted are
 * listed in `refused` with a typed reason; with `onError: 'throw'` any such
 * record throws {@link SecOpenDataError} instead. Input that is not SEC
 * records at all always throws. The input is never mutated.
 */
export function fromSecOpenData(data: SecOpenDataInput, options?: SecOpenDataOptions): SecOpenDataResult {
  const { result } = adapt(data, options);
  if (options?.onError === 'throw' && result.refused.length > 0) throw new SecOpenDataError(result.refused.flatMap((r) => r.issues));
  return result;
}

/** {@link fromSecOpenData} that returns `{ ok: false, issues }` instead of throwing. */
export function safeFromSecOpenData(data: SecOpenDataInput, options?: SecOpenDataOptions): SafeFromSecOpenDataResult {
  try {
    return { ok: true, result: fromSecOpenData(data, options) };
  } catch (error) {
    if (error instanceof SecOpenDataError) return { ok: false, issues: error.issues };
    throw error;
  }
}

/**
 * The SEC open-data adapter: fund records shaped like the SEC Thailand open
 * API (profiles per class, involved parties, subscription minimums) become the
 * library's Fund input. Nothing is defaulted silently: what the SEC data does
 * not give is listed in `unknowns`, what the adapter reads into it is listed in
 * `assumptions`, and records that cannot be read are a {@link SecOpenDataError}.
 */
import Decimal from 'decimal.js';
import type { z } from 'zod';
import type { CalendarDate } from '../../model/calendar-date.js';
import { formatPath } from '../../model/errors.js';
import { fundSchema, type FundInput, type FundTypeCode, type InvestorRestriction } from '../../model/fund.js';
import type { Money } from '../../model/money.js';
import { SecOpenDataError, type SecOpenDataIssue, type SecRecordSource } from './errors.js';
import {
  SEC_ENTITY_TYPES,
  SEC_RETAIL_TYPE_LABELS,
  secFundProfileSchema,
  secInvolvedPartySchema,
  secSubscriptionMinimumSchema,
  type SecFundProfile,
  type SecFundStatus,
  type SecInvestCountryFlag,
  type SecInvolvedParty,
  type SecOpenDataInput,
  type SecSubscriptionMinimum,
} from './schema.js';

/**
 * Who a scheme admits, read from its SEC `proj_retail_type`. This is an
 * assumption: the SEC code is the fund's declared type, and the scheme's own
 * terms are not in the open data, so the restriction is taken to be the one
 * the code names. (It is the inverse of the pack's `fund-type-from-scheme`
 * lookup; a test keeps the two in step.)
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

/** The currency a minimum must be in to be used; any other is reported, never converted. */
const BAHT = 'THB';

/** Profile fields that belong to the project: every class of a project must give the same value. */
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

/** Fund fields the SEC open data does not carry at all; each adapted fund lists them in `unknowns`. */
export const SEC_OPEN_DATA_ABSENT_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  accountingPeriods: 'accounting periods (start, end, standard, auditor) are not in SEC open data; none are invented, so rules on financial statements see no periods',
  'scheme.accountingStandard': 'the accounting standard the scheme names is not in SEC open data',
  unitholders: 'unitholders and their subscriptions are not in SEC open data (they come from the registrar); rules on holders see none',
  orders: 'orders of the SEC Office are not in SEC open data',
  amendments: 'scheme amendments are not in SEC open data',
  waivers: 'waivers granted by the SEC Office are not in SEC open data',
  obligations: 'obligations of the fund are not in SEC open data',
});

export interface SecOpenDataOptions {
  /**
   * `throw` (default): any invalid project makes the whole call fail with
   * {@link SecOpenDataError}. `skip`: invalid projects are left out of `funds`
   * and listed in `skipped` with their issues; problems that belong to no
   * project (a record without a readable `proj_id`) still throw.
   */
  onInvalidProject?: 'throw' | 'skip';
  /**
   * The Fund model needs an English name. `error` (default): a project without
   * `proj_name_en` is an error. `use-abbreviation`: use `proj_abbr_name`
   * instead, listed in `assumptions`.
   */
  missingEnglishName?: 'error' | 'use-abbreviation';
}

/**
 * Something the adapter could not map. `not-in-source`: the SEC open data has
 * no such field; `missing`: the records leave it null or out; `unmapped`: a
 * value or record the adapter will not use as it is (another currency, a
 * record of no known project or class).
 */
export interface SecUnknown {
  projId: string;
  /** The Fund field (`scheme.minimumFirstSubscription`, `fundManagers`) or detail (`auditors`) concerned. */
  field: string;
  kind: 'not-in-source' | 'missing' | 'unmapped';
  reason: string;
  /** Pointers of the records concerned, e.g. `parties[7]`. */
  records?: string[];
}

/** A value the adapter put into a fund that the SEC data implies but does not state. */
export interface SecAssumption {
  projId: string;
  field: string;
  assumption: string;
}

/** An involved party as the SEC data gives it. */
export interface SecParty {
  entityType: string;
  nameTh: string | null;
  nameEn: string | null;
  licenseNo: string | null;
  startDate: CalendarDate | null;
  endDate: CalendarDate | null;
  /** Pointer of the record, e.g. `parties[3]`. */
  record: string;
}

export interface SecClassDetails {
  name: string | null;
  isin: string | null;
  /** Pointer of the profile record, e.g. `profiles[2]`. */
  record: string;
  /** The minimum-subscription records that apply to the class (its own and the project-wide ones). */
  minimums: { amount: Money | null; currency: string | null; record: string }[];
}

/** What the SEC data says about a project beyond the Fund model, in the same order as `funds`. */
export interface SecProjectDetails {
  projId: string;
  abbreviation: string | null;
  regisId: string | null;
  fundStatus: SecFundStatus | null;
  investCountryFlag: SecInvestCountryFlag | null;
  fixedTerm: boolean | null;
  classes: SecClassDetails[];
  /** Auditors (entity_type A). The Fund model attaches auditors to accounting periods, which the SEC data does not give. */
  auditors: SecParty[];
  trustees: SecParty[];
  registrars: SecParty[];
  sellingAgents: SecParty[];
  /** Parties of any other entity_type, kept as they are. */
  otherParties: SecParty[];
}

export interface SecOpenDataResult {
  /** One Fund input per project (`proj_id`), in the order projects first appear in `profiles`. Each parses with `fundSchema`. */
  funds: FundInput[];
  projects: SecProjectDetails[];
  unknowns: SecUnknown[];
  assumptions: SecAssumption[];
  /** Projects left out under `onInvalidProject: 'skip'`, with why. */
  skipped: { projId: string; issues: SecOpenDataIssue[] }[];
}

export type SafeFromSecOpenDataResult = { ok: true; result: SecOpenDataResult } | { ok: false; issues: SecOpenDataIssue[] };

interface Parsed<T> {
  index: number;
  value: T;
}

interface Collected {
  global: SecOpenDataIssue[];
  byProject: Map<string, SecOpenDataIssue[]>;
}

function pointerOf(source: SecRecordSource, index: number, field?: string): string {
  return formatPath(field === undefined ? [source, index] : [source, index, field]);
}

function addIssue(collected: Collected, issue: SecOpenDataIssue): void {
  if (issue.projId === undefined) {
    collected.global.push(issue);
    return;
  }
  const list = collected.byProject.get(issue.projId);
  if (list) list.push(issue);
  else collected.byProject.set(issue.projId, [issue]);
}

function issue(source: SecRecordSource, index: number, projId: string | undefined, field: string | undefined, message: string): SecOpenDataIssue {
  const path: (string | number)[] = field === undefined ? [source, index] : [source, index, field];
  return { path, pointer: formatPath(path), message, source, index, ...(projId !== undefined ? { projId } : {}), ...(field !== undefined ? { field } : {}) };
}

function rawProjId(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = (raw as Record<string, unknown>).proj_id;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function parseRecords<S extends z.ZodType>(source: SecRecordSource, list: unknown, schema: S, collected: Collected): Parsed<z.output<S>>[] {
  if (!Array.isArray(list)) {
    collected.global.push({ path: [source], pointer: source, message: `${source} must be an array of SEC records`, source });
    return [];
  }
  const out: Parsed<z.output<S>>[] = [];
  list.forEach((raw: unknown, index) => {
    const projId = rawProjId(raw);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      addIssue(collected, issue(source, index, projId, undefined, 'expected an SEC record (a JSON object)'));
      return;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      out.push({ index, value: parsed.data });
      return;
    }
    for (const zodIssue of parsed.error.issues) {
      const field = zodIssue.path.length > 0 ? String(zodIssue.path[0]) : undefined;
      const path: (string | number)[] = [source, index, ...zodIssue.path.map((key) => (typeof key === 'number' ? key : String(key)))];
      addIssue(collected, { path, pointer: formatPath(path), message: zodIssue.message, source, index, ...(projId !== undefined ? { projId } : {}), ...(field !== undefined ? { field } : {}) });
    }
  });
  return out;
}

function show(value: unknown): string {
  return value === null ? 'null' : JSON.stringify(value);
}

function classLabel(profile: SecFundProfile): string {
  return profile.fund_class_name === null ? 'without a class name' : `"${profile.fund_class_name}"`;
}

function toParty(party: Parsed<SecInvolvedParty>): SecParty {
  const { value } = party;
  return {
    entityType: value.entity_type,
    nameTh: value.party_name_th,
    nameEn: value.party_name_en,
    licenseNo: value.license_no,
    startDate: value.start_date,
    endDate: value.end_date,
    record: pointerOf('parties', party.index),
  };
}

function sameParty(a: SecInvolvedParty, b: SecInvolvedParty): boolean {
  return (
    a.entity_type === b.entity_type &&
    a.party_name_th === b.party_name_th &&
    a.party_name_en === b.party_name_en &&
    a.license_no === b.license_no &&
    a.start_date === b.start_date &&
    a.end_date === b.end_date
  );
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
  options: Required<SecOpenDataOptions>;
  collected: Collected;
  unknowns: SecUnknown[];
  assumptions: SecAssumption[];
  partiesSupplied: boolean;
  minimumsSupplied: boolean;
}

function checkAgreement(ctx: ProjectContext, profiles: Parsed<SecFundProfile>[]): void {
  const [first, ...rest] = profiles;
  if (!first) return;
  for (const field of SEC_PROJECT_LEVEL_FIELDS) {
    for (const other of rest) {
      if (other.value[field] === first.value[field]) continue;
      addIssue(
        ctx.collected,
        issue(
          'profiles',
          other.index,
          ctx.projId,
          field,
          `the classes of ${ctx.projId} disagree on ${field}, a project-level field: ${show(first.value[field])} in class ${classLabel(first.value)} (${pointerOf('profiles', first.index)}) but ${show(other.value[field])} in class ${classLabel(other.value)} (${pointerOf('profiles', other.index)})`,
        ),
      );
    }
  }
  const seen = new Map<string | null, number>();
  for (const profile of profiles) {
    const earlier = seen.get(profile.value.fund_class_name);
    if (earlier !== undefined) {
      addIssue(
        ctx.collected,
        issue('profiles', profile.index, ctx.projId, 'fund_class_name', `class ${classLabel(profile.value)} of ${ctx.projId} is given twice (${pointerOf('profiles', earlier)} and ${pointerOf('profiles', profile.index)})`),
      );
    } else seen.set(profile.value.fund_class_name, profile.index);
  }
}

/** The scheme's minimum first subscription: the lowest THB minimum of its classes. */
function schemeMinimum(ctx: ProjectContext, profiles: Parsed<SecFundProfile>[], minimums: Parsed<SecSubscriptionMinimum>[], classes: SecClassDetails[]): Money | undefined {
  const field = 'scheme.minimumFirstSubscription';
  if (!ctx.minimumsSupplied) {
    ctx.unknowns.push({ projId: ctx.projId, field, kind: 'missing', reason: 'no subscription minimums were supplied (minimum_sub_ipo); the scheme minimum is not known' });
    return undefined;
  }
  const classNames = new Set(profiles.map((p) => p.value.fund_class_name));
  // Conflicting duplicates for the same class are an error, not a choice.
  const byClass = new Map<string | null, Parsed<SecSubscriptionMinimum>>();
  for (const minimum of minimums) {
    const key = minimum.value.fund_class_name;
    if (key !== null && !classNames.has(key)) {
      ctx.unknowns.push({
        projId: ctx.projId,
        field,
        kind: 'unmapped',
        reason: `minimum for class "${key}", which is not a class of ${ctx.projId} in the profiles; ignored`,
        records: [pointerOf('minimums', minimum.index)],
      });
      continue;
    }
    const earlier = byClass.get(key);
    if (earlier) {
      if (earlier.value.minimum_sub_ipo !== minimum.value.minimum_sub_ipo || earlier.value.minimum_sub_ipo_cur !== minimum.value.minimum_sub_ipo_cur) {
        addIssue(
          ctx.collected,
          issue(
            'minimums',
            minimum.index,
            ctx.projId,
            'minimum_sub_ipo',
            `two minimums for ${key === null ? 'the whole project' : `class "${key}"`} of ${ctx.projId} disagree: ${show(earlier.value.minimum_sub_ipo)} ${show(earlier.value.minimum_sub_ipo_cur)} (${pointerOf('minimums', earlier.index)}) and ${show(minimum.value.minimum_sub_ipo)} ${show(minimum.value.minimum_sub_ipo_cur)} (${pointerOf('minimums', minimum.index)})`,
          ),
        );
      }
      continue;
    }
    byClass.set(key, minimum);
  }

  const projectWide = byClass.get(null);
  const candidates: { amount: Money; label: string }[] = [];
  const notUsable: { kind: SecUnknown['kind']; reason: string; record: string }[] = [];
  profiles.forEach((profile, position) => {
    const details = classes[position];
    const own = profile.value.fund_class_name === null ? undefined : byClass.get(profile.value.fund_class_name);
    const applying = [own, projectWide].filter((m): m is Parsed<SecSubscriptionMinimum> => m !== undefined);
    const label = `class ${classLabel(profile.value)}`;
    if (applying.length === 0) {
      notUsable.push({ kind: 'missing', reason: `${label} has no minimum_sub_ipo record`, record: pointerOf('profiles', profile.index) });
      return;
    }
    for (const minimum of applying) {
      const { minimum_sub_ipo: amount, minimum_sub_ipo_cur: currency } = minimum.value;
      const record = pointerOf('minimums', minimum.index);
      details?.minimums.push({ amount, currency, record });
      if (amount === null) notUsable.push({ kind: 'missing', reason: `${label}: minimum_sub_ipo is null`, record });
      else if (currency === null) notUsable.push({ kind: 'missing', reason: `${label}: minimum_sub_ipo ${amount} has no currency (minimum_sub_ipo_cur is null); THB is not assumed`, record });
      else if (currency.toUpperCase() !== BAHT) notUsable.push({ kind: 'unmapped', reason: `${label}: minimum_sub_ipo is ${amount} ${currency}; amounts in another currency are not converted`, record });
      else candidates.push({ amount, label });
    }
  });

  let lowest: { amount: Money; label: string } | undefined;
  for (const candidate of candidates) {
    if (!lowest || new Decimal(candidate.amount).lt(lowest.amount)) lowest = candidate;
  }
  for (const problem of notUsable) {
    ctx.unknowns.push({
      projId: ctx.projId,
      field,
      kind: problem.kind,
      reason: lowest
        ? `${problem.reason}; the scheme minimum used is the lowest THB minimum of the other classes (${lowest.amount}), and the scheme may allow less`
        : `${problem.reason}; no class states a minimum in THB, so the scheme minimum is not known`,
      records: [problem.record],
    });
  }
  if (!lowest) return undefined;
  const distinct = new Set(candidates.map((c) => new Decimal(c.amount).toFixed()));
  if (distinct.size > 1) {
    ctx.assumptions.push({
      projId: ctx.projId,
      field,
      assumption: `the lowest first subscription any class allows, ${lowest.amount} THB (${lowest.label}), is taken as the scheme minimum (cl. 1 is about the lowest first subscription a scheme allows); classes: ${candidates.map((c) => `${c.label} ${c.amount}`).join(', ')}`,
    });
  }
  return lowest.amount;
}

function fundManagers(ctx: ProjectContext, managers: Parsed<SecInvolvedParty>[]): { list: NonNullable<FundInput['fundManagers']>; sources: number[] } {
  const list: NonNullable<FundInput['fundManagers']> = [];
  const sources: number[] = [];
  if (!ctx.partiesSupplied) {
    ctx.unknowns.push({ projId: ctx.projId, field: 'fundManagers', kind: 'missing', reason: 'no involved parties were supplied; fund managers are not known' });
    return { list, sources };
  }
  for (const manager of managers) {
    const { value } = manager;
    const record = pointerOf('parties', manager.index);
    const name = value.party_name_th ?? value.party_name_en;
    if (name === null) {
      ctx.unknowns.push({ projId: ctx.projId, field: 'fundManagers', kind: 'missing', reason: `fund manager at ${record} has no name (party_name_th and party_name_en are null); not listed`, records: [record] });
      continue;
    }
    if (value.start_date === null) {
      ctx.unknowns.push({
        projId: ctx.projId,
        field: 'fundManagers',
        kind: 'missing',
        reason: `fund manager ${name} has no start_date, so the start of the approval is not known; not listed`,
        records: [record],
      });
      continue;
    }
    if (value.end_date !== null && value.end_date < value.start_date) {
      addIssue(ctx.collected, issue('parties', manager.index, ctx.projId, 'end_date', `fund manager ${name}: end_date ${value.end_date} is before start_date ${value.start_date}`));
      continue;
    }
    list.push({
      name,
      ...(value.license_no !== null ? { licenceNumber: value.license_no } : {}),
      approvalValidFrom: value.start_date,
      ...(value.end_date !== null ? { approvalValidTo: value.end_date } : {}),
    });
    sources.push(manager.index);
  }
  if (list.length === 0 && managers.length === 0) {
    ctx.unknowns.push({ projId: ctx.projId, field: 'fundManagers', kind: 'missing', reason: `no fund manager (entity_type F) among the involved parties of ${ctx.projId}` });
  }
  return { list, sources };
}

function adaptProject(ctx: ProjectContext, profiles: Parsed<SecFundProfile>[], parties: Parsed<SecInvolvedParty>[], minimums: Parsed<SecSubscriptionMinimum>[]): { fund: FundInput; details: SecProjectDetails } | undefined {
  const first = profiles[0];
  if (!first) return undefined;
  checkAgreement(ctx, profiles);
  const p = first.value;
  const { projId } = ctx;

  // Names: the Fund model needs both.
  let en = p.proj_name_en;
  if (en === null) {
    if (ctx.options.missingEnglishName === 'use-abbreviation' && p.proj_abbr_name !== null) {
      en = p.proj_abbr_name;
      ctx.assumptions.push({ projId, field: 'names.en', assumption: `proj_name_en is null; the abbreviation "${p.proj_abbr_name}" is used as the English name` });
    } else {
      addIssue(
        ctx.collected,
        issue(
          'profiles',
          first.index,
          projId,
          'proj_name_en',
          `proj_name_en is null, and the Fund model needs an English name${ctx.options.missingEnglishName === 'use-abbreviation' ? ' (proj_abbr_name is null too)' : "; pass { missingEnglishName: 'use-abbreviation' } to use proj_abbr_name"}`,
        ),
      );
    }
  }

  // Dates and status.
  if (p.regis_date === null && p.fund_status !== 'IPO') {
    ctx.unknowns.push({
      projId,
      field: 'registrationDate',
      kind: 'missing',
      reason: `regis_date is null while fund_status is ${show(p.fund_status)}; the registration date is not known`,
      records: [pointerOf('profiles', first.index)],
    });
  }
  if (p.cancel_date === null && (p.fund_status === 'Canceled' || p.fund_status === 'Liquidated' || p.fund_status === 'Expired')) {
    ctx.unknowns.push({
      projId,
      field: 'dissolutionDate',
      kind: 'missing',
      reason: `fund_status is ${p.fund_status} but cancel_date is null; the dissolution date is not known`,
      records: [pointerOf('profiles', first.index)],
    });
  }
  if (p.cancel_date !== null && (p.fund_status === 'IPO' || p.fund_status === 'Registered')) {
    ctx.assumptions.push({ projId, field: 'dissolutionDate', assumption: `cancel_date ${p.cancel_date} is taken as the dissolution date although fund_status is ${p.fund_status}` });
  }

  const investorRestriction = SEC_INVESTOR_RESTRICTION_OF[p.proj_retail_type];
  ctx.assumptions.push({
    projId,
    field: 'scheme.investorRestriction',
    assumption: `"${investorRestriction}" is derived from proj_retail_type ${p.proj_retail_type} (${SEC_RETAIL_TYPE_LABELS[p.proj_retail_type]}); the scheme's own terms are not in SEC open data, so a mismatch between the declared type and the scheme cannot be seen`,
  });
  ctx.assumptions.push({
    projId,
    field: 'offering',
    assumption: 'offered in Thailand only ({ inThailand: true, abroad: false }): SEC open data does not say where units are offered (invest_country_flag is about where the fund invests, not where it is offered)',
  });

  const classes: SecClassDetails[] = profiles.map((profile) => ({
    name: profile.value.fund_class_name,
    isin: profile.value.fund_class_isin_code,
    record: pointerOf('profiles', profile.index),
    minimums: [],
  }));
  const minimum = schemeMinimum(ctx, profiles, minimums, classes);

  // Parties: exact duplicates (the API may repeat a party per class) count once.
  const distinct: Parsed<SecInvolvedParty>[] = [];
  for (const party of parties) if (!distinct.some((d) => sameParty(d.value, party.value))) distinct.push(party);
  const ofType = (code: string) => distinct.filter((party) => party.value.entity_type === code);
  const known = new Set<string>(Object.keys(SEC_ENTITY_TYPES));
  const managers = fundManagers(ctx, ofType('F'));
  const auditors = ofType('A').map(toParty);
  if (!ctx.partiesSupplied) {
    ctx.unknowns.push({ projId, field: 'auditors', kind: 'missing', reason: 'no involved parties were supplied; auditors are not known' });
  } else if (auditors.length === 0) {
    ctx.unknowns.push({ projId, field: 'auditors', kind: 'missing', reason: `no auditor (entity_type A) among the involved parties of ${projId}` });
  }
  for (const [field, reason] of Object.entries(SEC_OPEN_DATA_ABSENT_FIELDS)) ctx.unknowns.push({ projId, field, kind: 'not-in-source', reason });

  const fund: FundInput = {
    id: projId,
    names: { th: p.proj_name_th, en: en ?? '' },
    kind: 'mutual',
    declaredType: p.proj_retail_type,
    managementCompany: { id: p.unique_id },
    approvalDate: p.init_date,
    ...(p.regis_date !== null ? { registrationDate: p.regis_date } : {}),
    ...(p.cancel_date !== null ? { dissolutionDate: p.cancel_date } : {}),
    offering: { inThailand: true, abroad: false },
    scheme: { investorRestriction, ...(minimum !== undefined ? { minimumFirstSubscription: minimum } : {}) },
    fundManagers: managers.list,
  };

  // The adapted fund must be a valid Fund; report what it is not against the SEC record.
  if (en !== null) {
    const checked = fundSchema.safeParse(fund);
    if (!checked.success) {
      for (const zodIssue of checked.error.issues) {
        const [head, second] = zodIssue.path;
        if (head === 'fundManagers' && typeof second === 'number') {
          const partyIndex = managers.sources[second] ?? first.index;
          addIssue(ctx.collected, issue('parties', partyIndex, projId, undefined, `as fund manager: ${formatPath(zodIssue.path.slice(2).map(String))}: ${zodIssue.message}`));
          continue;
        }
        const fundField = formatPath(zodIssue.path.map((key) => (typeof key === 'number' ? key : String(key))));
        const sourceField = head === 'names' && second === 'en' ? (p.proj_name_en === null ? 'proj_abbr_name' : 'proj_name_en') : SOURCE_FIELD_OF[String(head)];
        addIssue(ctx.collected, issue('profiles', first.index, projId, sourceField, `as the fund's ${fundField}: ${zodIssue.message}`));
      }
    }
  }

  const details: SecProjectDetails = {
    projId,
    abbreviation: p.proj_abbr_name,
    regisId: p.regis_id,
    fundStatus: p.fund_status,
    investCountryFlag: p.invest_country_flag,
    fixedTerm: p.proj_term_flag === null ? null : p.proj_term_flag === 'Y',
    classes,
    auditors,
    trustees: ofType('V').map(toParty),
    registrars: ofType('R').map(toParty),
    sellingAgents: ofType('S').map(toParty),
    otherParties: distinct.filter((party) => !known.has(party.value.entity_type)).map(toParty),
  };
  return { fund, details };
}

function groupByProject<T extends { proj_id: string }>(records: Parsed<T>[]): Map<string, Parsed<T>[]> {
  const groups = new Map<string, Parsed<T>[]>();
  for (const record of records) {
    const list = groups.get(record.value.proj_id);
    if (list) list.push(record);
    else groups.set(record.value.proj_id, [record]);
  }
  return groups;
}

function adapt(data: SecOpenDataInput, options: SecOpenDataOptions | undefined): { result: SecOpenDataResult; collected: Collected } {
  const resolved: Required<SecOpenDataOptions> = { onInvalidProject: options?.onInvalidProject ?? 'throw', missingEnglishName: options?.missingEnglishName ?? 'error' };
  const collected: Collected = { global: [], byProject: new Map() };
  const result: SecOpenDataResult = { funds: [], projects: [], unknowns: [], assumptions: [], skipped: [] };
  if (typeof data !== 'object' || data === null) {
    collected.global.push({ path: [], pointer: '(root)', message: 'expected { profiles, parties?, minimums? }' });
    return { result, collected };
  }
  const partiesSupplied = data.parties !== undefined;
  const minimumsSupplied = data.minimums !== undefined;
  const profiles = parseRecords('profiles', data.profiles, secFundProfileSchema, collected);
  const parties = partiesSupplied ? parseRecords('parties', data.parties, secInvolvedPartySchema, collected) : [];
  const minimums = minimumsSupplied ? parseRecords('minimums', data.minimums, secSubscriptionMinimumSchema, collected) : [];

  // Project order: first appearance in profiles, counting records that failed to parse.
  const order: string[] = [];
  if (Array.isArray(data.profiles)) {
    for (const raw of data.profiles as unknown[]) {
      const projId = rawProjId(raw);
      if (projId !== undefined && !order.includes(projId)) order.push(projId);
    }
  }
  const profileGroups = groupByProject(profiles);
  const partyGroups = groupByProject(parties);
  const minimumGroups = groupByProject(minimums);

  const built = new Map<string, { fund: FundInput; details: SecProjectDetails; unknowns: SecUnknown[]; assumptions: SecAssumption[] }>();
  for (const projId of order) {
    const ctx: ProjectContext = { projId, options: resolved, collected, unknowns: [], assumptions: [], partiesSupplied, minimumsSupplied };
    const adapted = adaptProject(ctx, profileGroups.get(projId) ?? [], partyGroups.get(projId) ?? [], minimumGroups.get(projId) ?? []);
    if (adapted) built.set(projId, { ...adapted, unknowns: ctx.unknowns, assumptions: ctx.assumptions });
  }

  for (const projId of order) {
    const project = built.get(projId);
    if (collected.byProject.has(projId) || !project) continue;
    result.funds.push(project.fund);
    result.projects.push(project.details);
    result.unknowns.push(...project.unknowns);
    result.assumptions.push(...project.assumptions);
  }
  // Records of projects that are not in the profiles are reported, not dropped silently.
  const known = new Set(order);
  for (const [source, groups] of [
    ['parties', partyGroups],
    ['minimums', minimumGroups],
  ] as const) {
    for (const [projId, records] of groups) {
      if (known.has(projId)) continue;
      result.unknowns.push({
        projId,
        field: source,
        kind: 'unmapped',
        reason: `${records.length} ${source === 'parties' ? 'involved-party' : 'minimum-subscription'} record${records.length === 1 ? '' : 's'} for ${projId}, which has no fund profile; ignored`,
        records: records.map((r) => pointerOf(source, r.index)),
      });
    }
  }

  for (const [projId, issues] of collected.byProject) result.skipped.push({ projId, issues });
  return { result, collected };
}

function allIssues(collected: Collected): SecOpenDataIssue[] {
  return [...collected.global, ...[...collected.byProject.values()].flat()];
}

/**
 * Turn SEC open-data records into Fund inputs: profiles are grouped by
 * `proj_id` (one fund per project, its classes agreeing on every project-level
 * field), parties give fund managers and auditors, and the lowest THB
 * `minimum_sub_ipo` of the classes gives the scheme minimum. Throws
 * {@link SecOpenDataError} listing every problem; under
 * `onInvalidProject: 'skip'` invalid projects are listed in `skipped` instead.
 * The input is never mutated.
 */
export function fromSecOpenData(data: SecOpenDataInput, options?: SecOpenDataOptions): SecOpenDataResult {
  const { result, collected } = adapt(data, options);
  if (collected.global.length > 0 || (options?.onInvalidProject !== 'skip' && collected.byProject.size > 0)) {
    throw new SecOpenDataError(allIssues(collected));
  }
  return result;
}

/** {@link fromSecOpenData} without throwing on invalid records: `{ ok: true, result }` or `{ ok: false, issues }`. */
export function safeFromSecOpenData(data: SecOpenDataInput, options?: SecOpenDataOptions): SafeFromSecOpenDataResult {
  try {
    return { ok: true, result: fromSecOpenData(data, options) };
  } catch (error) {
    if (error instanceof SecOpenDataError) return { ok: false, issues: error.issues };
    throw error;
  }
}

import Decimal from 'decimal.js';
import type { CalendarDate } from '../model/calendar-date.js';
import { formatPath, type ValidationIssue } from '../model/errors.js';
import type { Fund } from '../model/fund.js';
import type { Investor, InvestorCategory, InvestorProfile } from '../model/investor.js';
import type { LoadedPack } from '../packs/load.js';
import type { Localized } from '../packs/schema.js';
import { renderCitation } from './citation.js';
import { inRange } from './pack-values.js';
import type { ReportNotice } from './report.js';

/** The era of the investor definitions a review was judged in: the notice and the dates it covers. */
type DefinitionsEra = NonNullable<CategoryBasis['era']>;

/** Why an investor has the category they have: given, or which test of which notice on which date. */
export interface CategoryBasis {
  source: 'given' | 'derived';
  category: InvestorCategory;
  /** The date the category was assessed (the KYC review), when known. */
  assessedOn: CalendarDate | null;
  /** For a derived category: the KYC review it comes from, as a path within the investor record (`profile`, `reviews[1]`). */
  review?: string;
  /** For a derived category: the era of the definitions on the review date (the notice and the dates it covers). */
  era?: { notice: Localized; from: CalendarDate; to?: CalendarDate };
  /** For a derived category: the test that qualified them (none for retail). */
  test?: { field: string; value: string; operator: 'atLeast' | 'in'; parameter: string; threshold: unknown; notice: Localized };
  /** For a derived retail category: the categories whose tests were tried. */
  tried?: string[];
  /** Parameters consulted whose value (or whose test's existence) could not be confirmed; the report carries a notice. */
  unconfirmed?: string[];
}

export type CategoryDecision =
  | {
      ok: true;
      /** The category as of the as-of date (state checks). */
      basis: CategoryBasis;
      /** The category from the review in force on a date (eligibility at a subscription); null when no review was in force then. */
      on: (date: CalendarDate) => CategoryBasis | null;
    }
  | { ok: false; issue: ValidationIssue };

interface Review {
  profile: InvestorProfile;
  path: (string | number)[];
  /** Within the investor record: `profile`, `reviews[1]`. */
  local: string;
}

function issueAt(path: (string | number)[], message: string): ValidationIssue {
  return { path, pointer: formatPath(path), message };
}

/** The investor's KYC reviews, oldest first (same date: in input order, the later one in force). */
function reviewsOf(investor: Investor, at: (string | number)[]): Review[] {
  const reviews: Review[] = [];
  if (investor.profile) reviews.push({ profile: investor.profile, path: [...at, 'profile'], local: 'profile' });
  (investor.reviews ?? []).forEach((profile, index) => reviews.push({ profile, path: [...at, 'reviews', index], local: `reviews[${index}]` }));
  return reviews.map((r, i) => ({ r, i })).sort((a, b) => (a.r.profile.assessedOn < b.r.profile.assessedOn ? -1 : a.r.profile.assessedOn > b.r.profile.assessedOn ? 1 : a.i - b.i)).map((x) => x.r);
}

/** The latest review made on or before the date. */
function inForceOn<T extends { date: CalendarDate }>(sorted: readonly T[], date: CalendarDate): T | undefined {
  let found: T | undefined;
  for (const item of sorted) if (item.date <= date) found = item;
  return found;
}

function datedValue(pack: LoadedPack, id: string, on: CalendarDate) {
  const parameter = pack.parameters.find((p) => p.id === id);
  return parameter?.values.find((v) => inRange(on, v.from, v.to));
}

/** Institution kinds listed for each investor type, in any era (to tell a kind of the other type). */
function kindsByType(definitions: LoadedPack): Map<string, Set<string>> {
  const kinds = new Map<string, Set<string>>();
  for (const definition of definitions.investorCategories) {
    for (const test of definition.anyOf) {
      if (test.operator !== 'in') continue;
      const set = kinds.get(definition.investorType) ?? new Set<string>();
      for (const v of definitions.parameters.find((p) => p.id === test.parameter)?.values ?? []) if (Array.isArray(v.value)) v.value.forEach((k) => set.add(k));
      kinds.set(definition.investorType, set);
    }
  }
  return kinds;
}

/** Derive the category of one review with the thresholds in force on its date. */
function deriveReview(investor: Investor, review: Review, definitions: LoadedPack, kinds: Map<string, Set<string>>): { ok: true; basis: CategoryBasis } | { ok: false; issue: ValidationIssue } {
  const { profile, path } = review;
  const on = profile.assessedOn;
  const kind = profile.institutionType;
  if (kind !== undefined) {
    const own = kinds.get(investor.type)?.has(kind) || kinds.get('any')?.has(kind);
    const other = investor.type === 'individual' ? 'juristic' : 'individual';
    if (!own && kinds.get(other)?.has(kind)) {
      const words = other === 'juristic' ? 'a juristic person or fund' : 'an individual';
      return { ok: false, issue: issueAt([...path, 'institutionType'], `"${kind}" is a kind of institutional investor that is ${words}, but this investor's type is ${investor.type}; correct the type or the institution type`) };
    }
  }
  const tried: string[] = [];
  const unconfirmed: string[] = [];
  let era: DefinitionsEra | undefined;
  for (const definition of definitions.investorCategories) {
    if (definition.investorType !== 'any' && definition.investorType !== investor.type) continue;
    if (!tried.includes(definition.category)) tried.push(definition.category);
    for (const test of definition.anyOf) {
      const dated = datedValue(definitions, test.parameter, on);
      if (!dated) {
        return { ok: false, issue: issueAt([...path, 'assessedOn'], `no SEC investor-definition threshold "${test.parameter}" is encoded for the review date ${on}; give the investor's category instead`) };
      }
      era ??= { notice: dated.citation.notice ?? definitions.meta.notice, from: dated.from, ...(dated.to ? { to: dated.to } : {}) };
      // A threshold that could not be confirmed taints whatever is decided after consulting it; an
      // unconfirmed list only when the investor's kind is found on it (absent from a list is no figure).
      const note = () => {
        if (dated.unconfirmed && !unconfirmed.includes(test.parameter)) unconfirmed.push(test.parameter);
      };
      if (test.operator === 'atLeast') note();
      if (dated.value === null) continue; // the test did not exist in this era (or could not be confirmed: noted above)
      const value = profile[test.field];
      if (value === undefined) continue;
      const passes = test.operator === 'atLeast' ? new Decimal(value).gte(String(dated.value)) : Array.isArray(dated.value) && dated.value.includes(value);
      if (passes) {
        if (test.operator === 'in') note();
        return {
          ok: true,
          basis: {
            source: 'derived',
            category: definition.category,
            assessedOn: on,
            review: review.local,
            ...(era ? { era } : {}),
            test: { field: test.field, value, operator: test.operator, parameter: test.parameter, threshold: dated.value, notice: dated.citation.notice ?? definitions.meta.notice },
            ...(unconfirmed.length > 0 ? { unconfirmed } : {}),
          },
        };
      }
    }
  }
  return { ok: true, basis: { source: 'derived', category: 'retail', assessedOn: on, review: review.local, ...(era ? { era } : {}), tried, ...(unconfirmed.length > 0 ? { unconfirmed } : {}) } };
}

/** The basis of a category given by the user, assessed on the date given with it (if any). */
function givenBasis(investor: Investor, category: InvestorCategory): CategoryBasis {
  return { source: 'given', category, assessedOn: investor.assessedOn ?? null };
}

/** A given category on a date: from its assessment on (or on every date when none is given); null before it. */
function givenOn(basis: CategoryBasis, date: CalendarDate): CategoryBasis | null {
  return basis.assessedOn === null || basis.assessedOn <= date ? basis : null;
}

/**
 * An investor whose category is given, as an evaluation keeps it: what
 * {@link investorCategory} decides for it, without a closure per investor
 * (registers of 100,000 holders keep one of these each).
 */
class GivenCategoryInvestor {
  readonly basis: CategoryBasis;
  constructor(
    readonly investor: Investor,
    readonly index: number,
    category: InvestorCategory,
  ) {
    this.basis = givenBasis(investor, category);
  }

  categoryOn(date: CalendarDate): CategoryBasis | null {
    return givenOn(this.basis, date);
  }
}

/**
 * An investor with a given category as an evaluation keeps it (investor,
 * position, basis, category on a date), or undefined when the category is
 * derived (then {@link investorCategory} decides it).
 */
export function givenCategoryInvestor(investor: Investor, index: number): { investor: Investor; index: number; basis: CategoryBasis; categoryOn(date: CalendarDate): CategoryBasis | null } | undefined {
  return investor.category ? new GivenCategoryInvestor(investor, index, investor.category) : undefined;
}

/**
 * The category of an investor: as given, or derived from their KYC reviews
 * with the thresholds in force on each review's date (a later change of
 * thresholds does not reclassify anyone until their next review). `basis` is
 * the category from the review in force on the as-of date; `on(date)` the one
 * from the review in force on another date, such as a subscription's.
 */
export function investorCategory(investor: Investor, definitions: LoadedPack, at: (string | number)[], asOf: CalendarDate): CategoryDecision {
  if (investor.category) {
    const basis = givenBasis(investor, investor.category);
    return { ok: true, basis, on: (date) => givenOn(basis, date) };
  }
  const reviews = reviewsOf(investor, at);
  const usable = reviews.filter((r) => r.profile.assessedOn <= asOf);
  if (usable.length === 0) {
    // A review made after the as-of date was not there to rely on: no silent use of later knowledge.
    const first = reviews[0]!;
    const path = [...first.path, 'assessedOn'];
    return { ok: false, issue: issueAt(path, `the profile was reviewed on ${first.profile.assessedOn}, after the as-of date ${asOf}; give the category (or profile) in force on ${asOf}`) };
  }
  const kinds = kindsByType(definitions);
  const derived: { date: CalendarDate; basis: CategoryBasis }[] = [];
  for (const review of usable) {
    const result = deriveReview(investor, review, definitions, kinds);
    if (!result.ok) return result;
    derived.push({ date: review.profile.assessedOn, basis: result.basis });
  }
  const basis = inForceOn(derived, asOf)!.basis;
  return { ok: true, basis, on: (date) => inForceOn(derived, date)?.basis ?? null };
}

/** Something that decided a category: the investor, and the basis used. */
export interface CategoryUse {
  investorId: string;
  basis: CategoryBasis | null;
}

/**
 * The report's notices for categories derived with values the definitions
 * pack marks unconfirmed: one per era, naming the investors and parameters.
 */
export function unconfirmedCategoryNotices(uses: Iterable<CategoryUse>, definitions: LoadedPack): ReportNotice[] {
  const byEra = new Map<string, { era: DefinitionsEra; on: CalendarDate; investors: Set<string>; parameters: Set<string> }>();
  for (const { investorId, basis } of uses) {
    if (!basis?.unconfirmed?.length || !basis.era || !basis.assessedOn) continue;
    const key = `${basis.era.from}|${basis.era.notice.en}`;
    const entry = byEra.get(key) ?? { era: basis.era, on: basis.assessedOn, investors: new Set<string>(), parameters: new Set<string>() };
    entry.investors.add(investorId);
    for (const id of basis.unconfirmed) entry.parameters.add(id);
    byEra.set(key, entry);
  }
  // The input's order never changes a report: eras by date, investors by id, parameters in definition order.
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const order = new Map(definitions.parameters.map((p, i) => [p.id, i]));
  const shown = (ids: string[]) => (ids.length > 20 ? `${ids.slice(0, 20).join(', ')} … (+${ids.length - 20})` : ids.join(', '));
  return [...byEra.values()]
    .sort((a, b) => byText(a.era.from, b.era.from))
    .map(({ era, on, investors: investorSet, parameters: parameterSet }) => {
      const investors = [...investorSet].sort(byText);
      const parameters = [...parameterSet].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      const reasons: Localized[] = [];
      for (const id of parameters) {
        const reason = datedValue(definitions, id, on)?.unconfirmed;
        if (reason && !reasons.some((r) => r.en === reason.en)) reasons.push(reason);
      }
      return {
        code: 'investor-category-unconfirmed' as const,
        packId: definitions.meta.id,
        citation: renderCitation(definitions, { notice: era.notice }),
        message: {
          th: `ประเภทผู้ลงทุนของ ${shown(investors)} ได้มาจากเกณฑ์ที่ยังยืนยันไม่ได้ (derived with unconfirmed thresholds) ของ ${era.notice.th}: ${parameters.join(', ')} — ${reasons.map((r) => r.th).join(' ')}`,
          en: `Investor categories of ${shown(investors)} were derived with unconfirmed thresholds of ${era.notice.en}: ${parameters.join(', ')} — ${reasons.map((r) => r.en).join(' ')}`,
        },
      };
    });
}

/**
 * The derived categories an evaluation relied on: each investor's as of the
 * as-of date, and each holder's at their first subscription in a fund. A
 * given category (derived from no threshold) is left out.
 */
export function categoryUses(
  records: Iterable<{ investor: Investor; basis: CategoryBasis; categoryOn?: (date: CalendarDate) => CategoryBasis | null }>,
  funds: readonly Fund[],
  asOf: CalendarDate,
): CategoryUse[] {
  const uses: CategoryUse[] = [];
  const byId = new Map<string, { basis: CategoryBasis; categoryOn?: (date: CalendarDate) => CategoryBasis | null }>();
  for (const record of records) {
    // A given category is not derived from any threshold (nothing to confirm), on any date.
    if (record.basis.source === 'given') continue;
    byId.set(record.investor.id, record);
    uses.push({ investorId: record.investor.id, basis: record.basis });
  }
  for (const fund of funds) {
    for (const holder of fund.unitholders) {
      const record = byId.get(holder.investorId);
      if (!record?.categoryOn) continue;
      let first: CalendarDate | undefined;
      for (const s of holder.subscriptions) if (s.date <= asOf && (!first || s.date < first)) first = s.date;
      if (first) uses.push({ investorId: holder.investorId, basis: record.categoryOn(first) });
    }
  }
  return uses;
}

import Decimal from 'decimal.js';
import type { CalendarDate } from '../model/calendar-date.js';
import { formatPath, type ValidationIssue } from '../model/errors.js';
import type { Investor, InvestorCategory } from '../model/investor.js';
import type { LoadedPack } from '../packs/load.js';
import type { Localized } from '../packs/schema.js';
import { inRange } from './pack-values.js';

/** Why an investor has the category they have: given, or which test of which notice on which date. */
export interface CategoryBasis {
  source: 'given' | 'derived';
  category: InvestorCategory;
  /** The date the category was assessed (the KYC review), when known. */
  assessedOn: CalendarDate | null;
  /** For a derived category: the test that qualified them (none for retail). */
  test?: { field: string; value: string; operator: 'atLeast' | 'in'; parameter: string; threshold: unknown; notice: Localized };
  /** For a derived retail category: the categories whose tests were tried. */
  tried?: string[];
}

function parameterOn(pack: LoadedPack, id: string, on: CalendarDate) {
  const parameter = pack.parameters.find((p) => p.id === id);
  return parameter?.values.find((v) => inRange(on, v.from, v.to));
}

/**
 * The category of an investor: as given, or derived from their profile with
 * the thresholds in force on the profile's review date (a later change of
 * thresholds does not reclassify anyone until their next review).
 */
export function investorCategory(
  investor: Investor,
  definitions: LoadedPack,
  at: (string | number)[],
  asOf: CalendarDate,
): { ok: true; basis: CategoryBasis } | { ok: false; issue: ValidationIssue } {
  if (investor.category) {
    return { ok: true, basis: { source: 'given', category: investor.category, assessedOn: investor.assessedOn ?? null } };
  }
  const profile = investor.profile!;
  const on = profile.assessedOn;
  if (on > asOf) {
    // A review made after the as-of date was not there to rely on: no silent use of later knowledge.
    const path = [...at, 'profile', 'assessedOn'];
    return { ok: false, issue: { path, pointer: formatPath(path), message: `the profile was reviewed on ${on}, after the as-of date ${asOf}; give the category (or profile) in force on ${asOf}` } };
  }
  const tried: string[] = [];
  for (const definition of definitions.investorCategories) {
    if (definition.investorType !== 'any' && definition.investorType !== investor.type) continue;
    tried.push(definition.category);
    for (const test of definition.anyOf) {
      const dated = parameterOn(definitions, test.parameter, on);
      if (!dated) {
        const path = [...at, 'profile', 'assessedOn'];
        return {
          ok: false,
          issue: { path, pointer: formatPath(path), message: `no SEC investor-definition threshold "${test.parameter}" is encoded for the review date ${on}; give the investor's category instead` },
        };
      }
      if (dated.value === null) continue; // the test did not exist in this era
      const value = profile[test.field];
      if (value === undefined) continue;
      const passes = test.operator === 'atLeast' ? new Decimal(value).gte(String(dated.value)) : Array.isArray(dated.value) && dated.value.includes(value);
      if (passes) {
        return {
          ok: true,
          basis: {
            source: 'derived',
            category: definition.category,
            assessedOn: on,
            test: { field: test.field, value, operator: test.operator, parameter: test.parameter, threshold: dated.value, notice: dated.citation.notice ?? definitions.meta.notice },
          },
        };
      }
    }
  }
  return { ok: true, basis: { source: 'derived', category: 'retail', assessedOn: on, tried } };
}

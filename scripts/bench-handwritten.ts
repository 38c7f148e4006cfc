/**
 * The benchmark's hand-written baseline: the unitholder rules of TorNor.
 * 89/2558 (rules/tn-89-2558/rules/*.yaml, subject `unitholder`) written as
 * plain TypeScript, as a developer would write them for speed — what depends
 * only on the fund decided once per fund, thresholds parsed once, amounts
 * compared exactly as canonical decimal strings (the same comparisons the
 * operators make, never floats, no Decimal per comparison), conditions
 * short-circuited. It knows rule ids and legal numbers (which src/ must
 * never do); it exists only to measure the compiled evaluator against, and
 * the benchmarks check it finds exactly what the compiled evaluator finds on
 * the same rows, rule by rule.
 */
import { canonicalAmount, compareWithAmount } from '../src/engine/amounts.js';
import type { LoadedPack } from '../src/index.js';

export interface FundView {
  kind: string;
  declaredType: string | null;
  offering: { allUnitsToNonDomiciled: boolean | null };
  scheme: { investorRestriction: string | null; minimumFirstSubscription: string | null };
}

export interface HolderView {
  category: string;
  /** The category from the KYC review in force on the first subscription's date; null: none was. */
  categoryAtFirstSubscription: string | null;
  domicile: string;
  firstSubscription: { date: string; amount: string; orderKnown: boolean };
  subscriptionsWithoutProspectus: number;
}

/** Every unitholder rule of the built-in pack, in pack order. */
export const HANDWRITTEN_RULES = [
  'tn89.cl1.first-subscription-order-unknown',
  'tn89.cl11.institutional-fund-non-institutional-holder',
  'tn89.cl11.retail-units-sold-without-prospectus-rules',
  'tn89.cl12.b-fund-holder-below-threshold-category-unknown',
  'tn89.cl12.first-subscription-below-scheme-minimum',
  'tn89.cl12.holder-category-at-entry-unknown',
  'tn89.cl12.holder-outside-non-retail-fund-class',
  'tn89.cl12.holder-outside-scheme-restriction',
  'tn89.cl12.x-fund-holder-not-institutional-or-uhnw',
  'tn89.cl16.first-subscription-before-commencement',
  'tn89.cl5.thai-domiciled-holder-defeats-foreign-exception',
] as const;

export type HandwrittenRule = (typeof HANDWRITTEN_RULES)[number];

/** What a found rule reports: the rule and the values that decided it. */
export interface HandwrittenFinding {
  rule: HandwrittenRule;
  evidence: Record<string, unknown>;
}

/** A pack parameter's dated value on a date, or null when none covers it (an event before the notice). */
function parameterOn(pack: LoadedPack, id: string, on: string): unknown {
  const parameter = pack.parameters.find((p) => p.id === id)!;
  return parameter.values.find((v) => v.from <= on && (v.to === undefined || on <= v.to))?.value ?? null;
}

interface DatedThreshold {
  from: string;
  to: string | undefined;
  value: string;
  /** The comparison of an amount with this threshold, parsed once. */
  below: (amount: string) => number;
}

/** The dated threshold in force on a date (the rules ask only from the notice's commencement, when one is). */
function thresholdOn(values: readonly DatedThreshold[], date: string): DatedThreshold {
  for (const v of values) if (v.from <= date && (v.to === undefined || date <= v.to)) return v;
  throw new Error(`no high-net-worth threshold on ${date}`);
}

/**
 * The checks for the holders of one fund: returns the rules each holder
 * breaks (most holders break none, and get the same empty list). The
 * high-net-worth threshold is read on each first subscription's date, as the
 * pack marks it (`readOn: first-subscription`); other parameters on the
 * as-of date.
 */
export function handwrittenChecks(fund: FundView, pack: LoadedPack, asOf: string): (holder: HolderView) => readonly HandwrittenFinding[] {
  const none: readonly HandwrittenFinding[] = [];
  if (fund.kind !== 'mutual') return () => none;
  const commencement = String(parameterOn(pack, 'notice-commencement', asOf));
  // The threshold's dated values, each parsed once: a first subscription is compared with the one in force on its date.
  const hnwValues: DatedThreshold[] = pack.parameters.find((p) => p.id === 'hnw-minimum-first-subscription')!.values.map((v) => ({ from: v.from, to: v.to, value: String(v.value), below: compareWithAmount(canonicalAmount(v.value)!) }));

  const restriction = fund.scheme.investorRestriction;
  const type = fund.declaredType;
  const minimum = fund.scheme.minimumFirstSubscription;
  const belowMinimum = minimum === null ? undefined : compareWithAmount(canonicalAmount(minimum)!);
  const nonRetailClass = restriction === 'non-retail' || restriction === 'high-net-worth' || restriction === 'non-retail-or-high-net-worth';
  const institutionalFund = type === 'N' || restriction === 'institutional';
  // Per rule, whether it can apply to this fund at all (its fund-only conditions).
  const orderRule = nonRetailClass || minimum !== null;
  const minimumRule = belowMinimum !== undefined;
  const unknownAtEntryRule = institutionalFund || nonRetailClass || restriction === 'institutional' || restriction === 'institutional-or-ultra-high-net-worth';
  const outsideRestrictionRule = restriction === 'non-retail' || restriction === 'high-net-worth';
  const xRule = restriction === 'institutional-or-ultra-high-net-worth';
  // The date TorNor. 89/2558 as amended (No. 2) brought type X funds in: the pack's parameter, as the rule reads it.
  const xInForce = asOf >= String(parameterOn(pack, 'x-fund-class-from', asOf));
  const prospectusRule = type === 'R';
  const domicileRule = fund.offering.allUnitsToNonDomiciled === true;

  return (holder) => {
    let found: HandwrittenFinding[] | undefined;
    const first = holder.firstSubscription;
    const date = first.date;
    const amount = first.amount;
    const entry = holder.categoryAtFirstSubscription;
    const category = holder.category;
    const started = date >= commencement;
    // Below the threshold in force on the first subscription's date: one comparison, only where a rule asks.
    const below = started && nonRetailClass ? thresholdOn(hnwValues, date).below(amount) < 0 : false;

    if (orderRule && !first.orderKnown) (found ??= []).push({ rule: 'tn89.cl1.first-subscription-order-unknown', evidence: { orderKnown: false } });
    if (institutionalFund && category !== 'institutional') (found ??= []).push({ rule: 'tn89.cl11.institutional-fund-non-institutional-holder', evidence: { category } });
    if (prospectusRule && holder.subscriptionsWithoutProspectus > 0) (found ??= []).push({ rule: 'tn89.cl11.retail-units-sold-without-prospectus-rules', evidence: { count: holder.subscriptionsWithoutProspectus } });
    if (minimumRule && started && (restriction !== 'non-retail-or-high-net-worth' || entry === 'retail')) {
      // One finding per breach: a holder outside the scheme's class is reported by the eligibility rules instead.
      const reportedElsewhere =
        (restriction === 'non-retail' && (entry === 'retail' || entry === null)) ||
        (restriction === 'non-retail-or-high-net-worth' && entry === 'retail' && below) ||
        (restriction === 'high-net-worth' && below) ||
        (restriction === 'institutional' && entry !== 'institutional') ||
        (restriction === 'institutional-or-ultra-high-net-worth' && entry !== 'institutional' && entry !== 'ultra-high-net-worth');
      if (!reportedElsewhere && belowMinimum!(amount) < 0) (found ??= []).push({ rule: 'tn89.cl12.first-subscription-below-scheme-minimum', evidence: { amount, minimum } });
    }
    if (unknownAtEntryRule && entry === null) {
      const unknown =
        (restriction === 'non-retail' && started) ||
        (restriction === 'non-retail-or-high-net-worth' && below) ||
        (restriction === 'institutional-or-ultra-high-net-worth' && xInForce) ||
        (institutionalFund && category === 'institutional');
      if (unknown) (found ??= []).push({ rule: 'tn89.cl12.holder-category-at-entry-unknown', evidence: { category } });
    }
    // Type B: below the threshold is outside the scheme's class whoever the holder is; an unknown category changes no answer.
    if (restriction === 'high-net-worth' && below && entry === null) (found ??= []).push({ rule: 'tn89.cl12.b-fund-holder-below-threshold-category-unknown', evidence: { amount, threshold: thresholdOn(hnwValues, date).value } });
    if (nonRetailClass && below && entry === 'retail') (found ??= []).push({ rule: 'tn89.cl12.holder-outside-non-retail-fund-class', evidence: { amount, threshold: thresholdOn(hnwValues, date).value, category: entry } });
    if (outsideRestrictionRule && started && (restriction === 'non-retail' ? entry === 'retail' && !below : entry !== null && entry !== 'retail' && below)) {
      (found ??= []).push({ rule: 'tn89.cl12.holder-outside-scheme-restriction', evidence: { amount, threshold: thresholdOn(hnwValues, date).value, category: entry } });
    }
    if (xRule && entry !== null && entry !== 'institutional' && entry !== 'ultra-high-net-worth') (found ??= []).push({ rule: 'tn89.cl12.x-fund-holder-not-institutional-or-uhnw', evidence: { category: entry } });
    if (orderRule && !started) (found ??= []).push({ rule: 'tn89.cl16.first-subscription-before-commencement', evidence: { date, commencement } });
    if (domicileRule && holder.domicile === 'TH') (found ??= []).push({ rule: 'tn89.cl5.thai-domiciled-holder-defeats-foreign-exception', evidence: { domicile: 'TH' } });
    return found ?? none;
  };
}

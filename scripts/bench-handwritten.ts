/**
 * The benchmark's hand-written baseline: the unitholder rules of TorNor.
 * 89/2558 written as plain TypeScript, as a developer would write them for
 * speed — thresholds parsed once, amounts compared as Decimals (never
 * floats), conditions short-circuited. It knows rule ids and legal numbers
 * (which src/ must never do); it exists only to measure the compiled
 * evaluator against, and the benchmark checks it finds exactly what the
 * compiled evaluator finds on the same rows.
 */
import Decimal from 'decimal.js';
import type { LoadedPack } from '../src/index.js';

interface FundView {
  kind: string;
  declaredType: string | null;
  scheme: { investorRestriction: string; minimumFirstSubscription: string | null };
}

interface HolderView {
  category: string;
  firstSubscription: { date: string; amount: string };
  subscriptionsWithoutProspectus: number;
}

export const HANDWRITTEN_RULES = [
  'tn89.cl1.a-fund-holder-not-non-retail',
  'tn89.cl1.b-fund-holder-first-subscription-below-threshold',
  'tn89.cl1.h-fund-holder-not-eligible',
  'tn89.cl1.x-fund-holder-not-institutional-or-uhnw',
  'tn89.cl11.institutional-fund-non-institutional-holder',
  'tn89.cl11.retail-units-sold-without-prospectus-rules',
  'tn89.cl12.first-subscription-below-scheme-minimum',
  'tn89.cl12.holder-outside-scheme-investors',
] as const;

/** What a found rule reports: the rule and the values that decided it. */
export interface HandwrittenFinding {
  rule: (typeof HANDWRITTEN_RULES)[number];
  evidence: Record<string, unknown>;
}

/**
 * The checks for the holders of one fund: returns the rules each holder
 * breaks (most holders break none, and get the same empty list).
 */
export function handwrittenChecks(fund: FundView, pack: LoadedPack, asOf: string): (holder: HolderView) => readonly HandwrittenFinding[] {
  const none: readonly HandwrittenFinding[] = [];
  if (fund.kind !== 'mutual') return () => none;
  const hnwParameter = pack.parameters.find((p) => p.id === 'hnw-minimum-first-subscription')!;
  const hnw = new Decimal(String(hnwParameter.values.find((v) => v.from <= asOf && (v.to === undefined || asOf <= v.to))!.value));
  const restriction = fund.scheme.investorRestriction;
  const minimum = fund.scheme.minimumFirstSubscription === null ? undefined : new Decimal(fund.scheme.minimumFirstSubscription);
  const admitted: Record<string, readonly string[]> = {
    'non-retail': ['institutional', 'ultra-high-net-worth', 'high-net-worth'],
    institutional: ['institutional'],
    'institutional-or-ultra-high-net-worth': ['institutional', 'ultra-high-net-worth'],
  };
  const admits = admitted[restriction];
  const type = fund.declaredType;

  return (holder) => {
    let found: HandwrittenFinding[] | undefined;
    const add = (rule: HandwrittenFinding['rule'], evidence: Record<string, unknown>) => (found ??= []).push({ rule, evidence });
    const category = holder.category;
    let amount: Decimal | undefined;
    const amountOf = () => (amount ??= new Decimal(holder.firstSubscription.amount));
    switch (type) {
      case 'A':
        if (category === 'retail') add('tn89.cl1.a-fund-holder-not-non-retail', { category });
        break;
      case 'B':
        if (amountOf().lt(hnw)) add('tn89.cl1.b-fund-holder-first-subscription-below-threshold', { amount: holder.firstSubscription.amount, threshold: hnw.toFixed() });
        break;
      case 'H':
        if (category === 'retail' && amountOf().lt(hnw)) add('tn89.cl1.h-fund-holder-not-eligible', { category, amount: holder.firstSubscription.amount });
        break;
      case 'X':
        if (category !== 'institutional' && category !== 'ultra-high-net-worth') add('tn89.cl1.x-fund-holder-not-institutional-or-uhnw', { category });
        break;
      case 'N':
        if (category !== 'institutional') add('tn89.cl11.institutional-fund-non-institutional-holder', { category });
        break;
      case 'R':
        if (holder.subscriptionsWithoutProspectus > 0) add('tn89.cl11.retail-units-sold-without-prospectus-rules', { count: holder.subscriptionsWithoutProspectus });
        break;
      default:
        break;
    }
    if (minimum && (restriction !== 'non-retail-or-high-net-worth' || category === 'retail') && amountOf().lt(minimum)) {
      add('tn89.cl12.first-subscription-below-scheme-minimum', { amount: holder.firstSubscription.amount, minimum: minimum.toFixed() });
    }
    if (admits && !admits.includes(category)) add('tn89.cl12.holder-outside-scheme-investors', { category });
    return found ?? none;
  };
}

/**
 * The pre-trade check against its definition: two full `evaluate` runs with
 * json-rules-engine (the reference interpreter), on the fund without and
 * with the order (`orderScenario`). Only the public API is used.
 */
import { expect } from 'vitest';
import {
  ComplianceInputError,
  evaluate,
  orderScenario,
  type EvaluateOptions,
  type Finding,
  type FundInput,
  type InvestorInput,
  type OrderCheck,
  type OrderInput,
  type Report,
} from '../../src/index.js';
import { comparePassive, findingKey } from '../../src/subpaths/pretrade.js';

export interface Reference {
  before: Report;
  after: Report;
  /** Findings of the fund with the order that it does not have without: what checkOrder must call active. */
  active: Finding[];
  /** Findings with the order that it also has without. */
  kept: Finding[];
  /** Findings without the order that it does not have with. */
  resolved: Finding[];
  beforeByKey: Map<string, Finding>;
}

export function byKey(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => (findingKey(a) < findingKey(b) ? -1 : findingKey(a) > findingKey(b) ? 1 : 0));
}

/** The reference answer: evaluate (json-rules-engine) before and after, and their difference. */
export async function reference(fund: FundInput, investors: InvestorInput[], investor: InvestorInput, order: OrderInput, asOf: string, options: Pick<EvaluateOptions, 'packs' | 'extensions'> = {}): Promise<Reference> {
  const scenario = orderScenario(fund, investors, investor, order, { asOf });
  const before = await evaluate(scenario.before, { asOf, ...options });
  const after = await evaluate(scenario.after, { asOf, ...options });
  const beforeByKey = new Map(before.findings.map((f) => [findingKey(f), f]));
  const afterKeys = new Set(after.findings.map(findingKey));
  return {
    before,
    after,
    active: after.findings.filter((f) => !beforeByKey.has(findingKey(f))),
    kept: after.findings.filter((f) => beforeByKey.has(findingKey(f))),
    resolved: before.findings.filter((f) => !afterKeys.has(findingKey(f))),
    beforeByKey,
  };
}

/** The subjects a check reports on: the fund, the order's investors, and kinds it re-evaluated whole. */
export function touchedBy(check: OrderCheck): (f: Finding) => boolean {
  const investors = new Set(check.parties.map((p) => p.investorId));
  return (f) => f.subject.kind === 'fund' || (f.subject.kind === 'unitholder' && investors.has(f.subject.investorId!)) || check.evaluated.wholeKinds.includes(f.subject.kind);
}

/**
 * checkOrder agrees with the reference: its active findings are exactly the
 * difference of the two evaluate runs (finding for finding, pointers and
 * wording included); its passive findings are the findings both runs have
 * on the subjects it touches, each with its finding without the order and the
 * effect comparePassive gives; what it resolves is what the order removes;
 * everywhere else the order changes nothing; and the decision follows.
 */
export function expectAgreement(check: OrderCheck, ref: Reference): void {
  expect(byKey(check.active.map((a) => a.finding))).toStrictEqual(byKey(ref.active));
  const touched = touchedBy(check);
  expect(byKey(check.passive.map((p) => p.finding))).toStrictEqual(byKey(ref.kept.filter(touched)));
  for (const item of check.passive) {
    const was = ref.beforeByKey.get(findingKey(item.finding))!;
    expect(item.before).toStrictEqual(was);
    expect(item.effect).toBe(comparePassive(was, item.finding).effect);
  }
  expect(byKey(check.resolved)).toStrictEqual(byKey(ref.resolved));
  // Locality: outside the subjects the check evaluated, the order changes no finding at all.
  for (const finding of ref.kept.filter((f) => !touched(f))) expect(finding).toStrictEqual(ref.beforeByKey.get(findingKey(finding)));
  expect(ref.resolved.every(touched)).toBe(true);
  const blocking = [...check.active, ...check.passive].filter((f) => f.blocks);
  expect(check.decision).toBe(blocking.length > 0 ? 'blocked' : 'allowed');
  for (const item of check.active) expect(item.blocks).toBe(item.finding.status === 'violation' && rank(item.finding.severity) >= rank(check.blockOn));
  for (const item of check.passive) expect(item.blocks).toBe(item.effect === 'aggravated' && item.finding.status === 'violation' && rank(item.finding.severity) >= rank(check.blockOn));
}

const RANK = { info: 0, warning: 1, violation: 2, 'order-ground': 3, 'revocation-ground': 4 } as const;
export function rank(severity: keyof typeof RANK): number {
  return RANK[severity];
}

/** The issues of a ComplianceInputError thrown by `fn`, or undefined when it does not throw one. */
export function inputIssues(fn: () => unknown): { pointer: string; message: string }[] | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof ComplianceInputError) return error.issues.map(({ pointer, message }) => ({ pointer, message }));
    throw error;
  }
}

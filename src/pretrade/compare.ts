import Decimal from 'decimal.js';
import type { SubjectIdentity } from '../engine/facts.js';
import type { DecidingCondition, Finding } from '../engine/report.js';
import { parseMoney } from '../model/money.js';

/**
 * Active and passive findings, and what "makes it no worse" means.
 *
 * Two findings are **the same finding** when they have the same pack, the
 * same rule and the same subject — the subject's identity (kind, fund,
 * investor, period, order, ...), not its pointer into the input.
 *
 * A finding of the fund **with** the order that has no same finding
 * **without** it is **active**: the order causes it. One that has is
 * **passive** (pre-existing), and the order makes it:
 * - **unchanged** — its status is the same and every deciding comparison
 *   (`decidedBy`: the fact, path, operator, the fact's value and the value it
 *   was compared with, and the result) is exactly as it was;
 * - **improved** — its status is the same or it became `waived`, the same
 *   comparisons decided it (same facts, paths, parameters and operators, in
 *   the same order, with the same results), and every comparison whose values
 *   changed is an ordering comparison that held before and after, whose
 *   threshold did not move and whose fact value moved toward the threshold
 *   (up for `decimalLessThan`/`decimalAtMost`, down for
 *   `decimalGreaterThan`/`decimalAtLeast`, later for `dateBefore`/
 *   `dateOnOrBefore`, earlier for `dateAfter`/`dateOnOrAfter`);
 * - **aggravated** — anything else: a waived finding that is no longer
 *   waived, a comparison that moved away from its threshold (a second sale
 *   without the prospectus rules: 1 → 2), a threshold that moved, a
 *   membership or equality comparison whose values changed, or a finding
 *   decided by different comparisons. When in doubt, aggravated: a pre-trade
 *   check errs towards refusing.
 * Evidence that did not decide the finding (a total subscribed that a top-up
 * raises) is informative: it may change without making the finding worse, and
 * is listed in `evidenceChanged`.
 *
 * "Unchanged" and "improved" findings are made no worse and do not block; an
 * active or aggravated finding blocks the order (at or above the blocking
 * severity, and not waived).
 */

export type PassiveEffect = 'unchanged' | 'improved' | 'aggravated';

/** One deciding comparison whose values the order changes. */
export interface DecidingChange {
  fact: string;
  path?: string;
  operator: string;
  before: { actual: unknown; expected: unknown; result: boolean };
  after: { actual: unknown; expected: unknown; result: boolean };
  /** `better`: toward the threshold (see {@link comparePassive}); `worse`: anything else. */
  direction: 'better' | 'worse';
}

export interface PassiveComparison {
  effect: PassiveEffect;
  /** Why it is aggravated, when it is. */
  reason?: 'no-longer-waived' | 'decided-differently' | 'comparison-worse';
  changes: DecidingChange[];
  /** Names of evidence items whose values changed (informative unless they also decided it). */
  evidenceChanged: string[];
}

/** The subject's identity without its pointer (pointers are positions in one input, not identities). */
export function subjectKey(subject: SubjectIdentity): string {
  return JSON.stringify([
    subject.kind,
    subject.fundId,
    subject.investorId ?? null,
    subject.period ? [subject.period.start, subject.period.end] : null,
    subject.orderId ?? null,
    subject.amendmentId ?? null,
    subject.fundManager ?? null,
    subject.obligationId ?? null,
    subject.waiverReference ?? null,
    subject.groundItem ?? null,
  ]);
}

/** What makes two findings (with and without an order) the same finding: pack, rule, subject identity. */
export function findingKey(finding: Pick<Finding, 'packId' | 'ruleId' | 'subject'>): string {
  return `${finding.packId}\u0000${finding.ruleId}\u0000${subjectKey(finding.subject)}`;
}

/** Structural equality of JSON-like values (fact values are strings, numbers, booleans, null, lists and plain objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameValue(v, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Ordering operators: which way the fact value must move to approach the threshold while the comparison holds. */
const TOWARD: Readonly<Record<string, 'up' | 'down'>> = {
  decimalLessThan: 'up',
  decimalAtMost: 'up',
  decimalGreaterThan: 'down',
  decimalAtLeast: 'down',
  dateBefore: 'up',
  dateOnOrBefore: 'up',
  dateAfter: 'down',
  dateOnOrAfter: 'down',
};

/** -1, 0 or 1 comparing two decimal amounts (strings or numbers, exactly) or two ISO dates; undefined when they are neither. */
function order(a: unknown, b: unknown, operator: string): number | undefined {
  if (operator.startsWith('date')) {
    if (typeof a !== 'string' || typeof b !== 'string') return undefined;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const x = parseMoney(a);
  const y = parseMoney(b);
  if (!x.ok || !y.ok) return undefined;
  return new Decimal(x.amount).comparedTo(y.amount);
}

function sameComparison(a: DecidingCondition, b: DecidingCondition): boolean {
  return a.fact === b.fact && a.path === b.path && a.operator === b.operator && sameValue(a.params ?? null, b.params ?? null);
}

function directionOf(before: DecidingCondition, after: DecidingCondition): 'better' | 'worse' {
  const toward = TOWARD[before.operator];
  if (!toward || before.result !== true || after.result !== true || !sameValue(before.expected, after.expected)) return 'worse';
  const moved = order(after.actual, before.actual, before.operator);
  if (moved === undefined || moved === 0) return 'worse';
  return (toward === 'up') === moved > 0 ? 'better' : 'worse';
}

/** How an order changes a finding that exists without it: see the definitions above. */
export function comparePassive(before: Finding, after: Finding): PassiveComparison {
  const evidenceChanged = after.evidence.filter((item) => {
    const was = before.evidence.find((e) => e.name === item.name);
    return !was || !sameValue(was.value, item.value);
  }).map((e) => e.name);
  const changes: DecidingChange[] = [];
  const a = before.decidedBy;
  const b = after.decidedBy;
  let decidedDifferently = a.length !== b.length;
  for (let i = 0; !decidedDifferently && i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!sameComparison(x, y) || x.result !== y.result) {
      decidedDifferently = true;
      break;
    }
    if (sameValue(x.actual, y.actual) && sameValue(x.expected, y.expected)) continue;
    changes.push({
      fact: x.fact,
      ...(x.path ? { path: x.path } : {}),
      operator: x.operator,
      before: { actual: x.actual, expected: x.expected, result: x.result },
      after: { actual: y.actual, expected: y.expected, result: y.result },
      direction: directionOf(x, y),
    });
  }
  if (before.status === 'waived' && after.status !== 'waived') return { effect: 'aggravated', reason: 'no-longer-waived', changes, evidenceChanged };
  if (decidedDifferently) return { effect: 'aggravated', reason: 'decided-differently', changes, evidenceChanged };
  if (changes.some((c) => c.direction === 'worse')) return { effect: 'aggravated', reason: 'comparison-worse', changes, evidenceChanged };
  const improved = changes.length > 0 || (before.status === 'violation' && after.status === 'waived');
  return { effect: improved ? 'improved' : 'unchanged', changes, evidenceChanged };
}

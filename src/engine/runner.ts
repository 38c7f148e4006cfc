import type { CalendarDate } from '../model/calendar-date.js';
import type { LoadedPack } from '../packs/load.js';
import type { Rule } from '../packs/schema.js';
import type { DecidingCondition, Evidence } from './report.js';

/** What one rule said about one subject. */
export interface RuleVerdict {
  outcome: 'found' | 'passed' | 'not-applicable';
  /** For `found`: the rule's declared evidence, resolved. */
  evidence?: Evidence[];
  /** For `found`: the comparisons of the violation condition as evaluated. */
  decidedBy?: DecidingCondition[];
}

export interface RunContext {
  /** The pack the rules belong to (its lookups and messages). */
  pack: LoadedPack;
  /** `fund`, `asOf`, the subject's own fact (`unitholder`, `period`, ...) and any custom facts. */
  facts: Record<string, unknown>;
  asOf: CalendarDate;
  /**
   * A dated parameter's value on the as-of date, from the pack that decides it
   * (an overriding pack, else the rule's own). Runners pass the facts being
   * evaluated: a parameter bound to an event (a first subscription) is read on
   * that event's date.
   */
  parameter(id: string, facts?: Readonly<Record<string, unknown>>): { value: unknown; packId: string };
  /**
   * The same parameter on another date (the date of an event such as a first
   * subscription, judged by the law in force on that date). Optional for
   * runners built outside the session.
   */
  parameterAt?(id: string, on: CalendarDate): { value: unknown; packId: string };
  /**
   * How `parameter` finds the date of an event-bound parameter, for a runner
   * that reads each subject's facts once (the generated loop of
   * compiled-runner.ts): `parameter(id, facts)` equals `on(id, date)` for an id
   * `bound` answers true, where `date` is `facts[fact]?.[path[0]]?.[path[1]]…`
   * and not undefined. Optional: without it, `parameter` is asked.
   */
  eventBound?: EventBoundParameters;
  /** Custom operators by name (built-in operators are the runner's own). */
  operators: ReadonlyMap<string, (factValue: unknown, conditionValue: unknown) => boolean>;
}

/** See {@link RunContext.eventBound}. */
export interface EventBoundParameters {
  bound(id: string): boolean;
  /** The subject fact, and the property path in it, of the event's date. */
  fact: string;
  path: readonly string[];
  /** The parameter's answer on that date. */
  on(id: string, date: unknown): { value: unknown; packId: string };
}

/**
 * Condition semantics every runner follows (rules/README.md): members of
 * all/any left to right with short-circuit; an operator answer that is not a
 * boolean, a thrown error, or a Promise from a custom fact or operator is a
 * `RuleEvaluationError` (naming rule and condition path), never a pass.
 *
 * Evaluates the rules of one subject kind against one subject. The reference
 * runner uses json-rules-engine; a compiled runner must give the same
 * verdicts. Whatever the runner, the caller checks that every rule has one.
 */
export interface SubjectRunner {
  readonly name: string;
  run(rules: readonly Rule[], context: RunContext): Promise<Map<string, RuleVerdict>>;
}

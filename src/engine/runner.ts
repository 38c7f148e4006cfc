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
  pack: LoadedPack;
  /** `fund`, `asOf` and the subject's own fact (`unitholder`, `period`, ...). */
  facts: Record<string, unknown>;
  asOf: CalendarDate;
}

/**
 * Evaluates the rules of one subject kind against one subject. The reference
 * runner uses json-rules-engine; a compiled runner must give the same
 * verdicts. Whatever the runner, the caller checks that every rule has one.
 */
export interface SubjectRunner {
  readonly name: string;
  run(rules: readonly Rule[], context: RunContext): Promise<Map<string, RuleVerdict>>;
}

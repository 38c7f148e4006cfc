/**
 * `thai-fund-compliance/engine`: the evaluation session and runners, for
 * tools built on the engine (custom drivers, benchmarks, differential tests).
 * Not needed to evaluate: use `evaluate`, the register and order APIs.
 */
export {
  EvaluationSession,
  resolveRunner,
  checkEvaluationInput,
  decideInvestors,
  SEVERITIES,
  SEVERITY_RANK,
  type RunnerOption,
  type SessionOptions,
  type RuleGroup,
  type WaiverCover,
  readsOf,
} from '../engine/session.js';
export { compiledRunner, specializeRules, RULE_OUTCOME, type SpecializedRules, type SpecializeOptions, type RuleOutcomeCode } from '../engine/compiled-runner.js';
export { referenceRunner } from '../engine/reference-runner.js';
export { deriveFundFacts, deriveSubjects, unitholderSubject, type FundFacts, type Subject, type InvestorRecord, type UnitholderFacts } from '../engine/facts.js';
export { canonicalAmount, compareAmounts } from '../engine/amounts.js';
export type { SubjectRunner, RunContext, RuleVerdict, EventBoundParameters } from '../engine/runner.js';
export type { NotApplicableBecause } from '../engine/unknowns.js';

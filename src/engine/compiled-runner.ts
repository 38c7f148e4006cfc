import { PackError, RuleEvaluationError } from '../model/errors.js';
import { calendarDateKey } from '../model/calendar-date.js';
import type { Condition, EvidenceItem, LeafCondition, Rule } from '../packs/schema.js';
import { amountOperand, comparePlainAmount, plainAmountEnd } from './amounts.js';
import { dateOperand, inlineComparison, operatorFunctions, operatorWithConstant } from './operators.js';
import { evidenceEntry } from './evidence.js';
import { evidenceSource, lookupValue } from './pack-values.js';
import { pathSteps, resolveSteps, type PathStep } from './path.js';
import type { DecidingCondition, Evidence } from './report.js';
import type { RuleVerdict, RunContext, SubjectRunner } from './runner.js';

/**
 * The compiled runner: each rule's `appliesWhen` / `violationWhen` turned once
 * into plain closures (cached per frozen rule object), evaluated synchronously.
 *
 * It reproduces json-rules-engine 7.3's semantics as reference-runner.ts sets
 * them up (see node_modules/json-rules-engine/dist/rule.js, condition.js,
 * almanac.js):
 * - a rule's conditions are `all: [appliesWhen (priority 2), violationWhen
 *   (priority 1)]`, so applicability is evaluated first and, when it is not
 *   `true`, the violation is not evaluated at all;
 * - every member of an `all` / `any` has its own, descending priority, so
 *   members are evaluated left to right and evaluation stops at the first
 *   that decides (`all`: the first not `true`; `any`: the first `true`);
 * - a boolean node answers `=== true` of its members; `not` negates its
 *   member's raw result; a rule without `appliesWhen` has as its result the
 *   violation condition's raw result (a non-boolean gives no verdict);
 * - a leaf resolves its value (a literal, or `{ fact, params, path }`), then
 *   its fact: runtime facts first, then `param` / `lookup`, else it throws
 *   "Undefined fact: x"; `path` is applied only to an object value; the
 *   comparison is the operator's plain function from operators.ts, the same
 *   function the reference runner's Operator objects call, so results and
 *   errors (OperatorTypeError) are the same;
 * - `decidedBy` lists the violation condition's leaves that were evaluated,
 *   in the order of the condition tree, as reference-runner.ts reports them.
 * Differential tests (test/batch/differential*.test.ts) hold the two runners
 * to identical reports on every fixture, on generated inputs and on generated
 * rule packs (where several rules fail on one subject, json-rules-engine
 * reports whichever rejects first; this runner the first in pack order).
 *
 * For batches, {@link specializeRules} goes further: what reads only the facts
 * shared by every subject (the fund, the as-of date, parameters) is evaluated
 * once per fund, and the operators' answers for the per-subject comparisons
 * are remembered where that pays (operators are pure functions).
 */

type Facts = Record<string, unknown>;
/** What a run evaluates against: the subject's facts, its pack, parameters and custom operators. */
type Env = RunContext;
/** Where the leaves of a violation condition write what they decided, by leaf position. */
type Slots = (DecidingCondition | undefined)[];
type Eval = (env: Env, slots: Slots | null) => unknown;
type Reader = (env: Env) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** Thrown when folding reaches a subject's own fact: that condition is evaluated per subject. */
const NEEDS_SUBJECT: unique symbol = Symbol('needs the subject');

/** A Promise or any thenable: extensions are synchronous, so this is an evaluation error, never a value. */
export function isThenable(value: unknown): boolean {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/** Keep a rejected Promise an extension returned from becoming an unhandled rejection (it is reported as an error instead). */
export function quietly(value: unknown): void {
  if (value instanceof Promise) value.catch(() => undefined);
}

/** Where a condition failed, as a typed error (a pack problem stays a PackError; the folding marker passes through). */
function conditionFailure(error: unknown, ruleId: string, path: string, customOperator: string | undefined): unknown {
  if (error === NEEDS_SUBJECT || error instanceof PackError) return error;
  if (error instanceof RuleEvaluationError) return error.with({ ruleId, condition: path });
  const reason = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : `threw ${String(error)}`;
  return new RuleEvaluationError({ ruleId, condition: path, ...(customOperator ? { extension: { kind: 'operator' as const, name: customOperator } } : {}), reason: customOperator ? `the operator threw ${reason}` : reason }, { cause: error });
}

/** An operator's answer that is not true or false: an error naming the rule and condition (a Promise is not awaited). */
function notBoolean(result: unknown, ruleId: string, path: string, operator: string, custom: boolean): RuleEvaluationError {
  quietly(result);
  const what = isThenable(result) ? 'a Promise (custom operators are synchronous)' : result === null ? 'null' : `${typeof result} ${String(JSON.stringify(result)).slice(0, 60)}`;
  return new RuleEvaluationError({ ruleId, condition: path, ...(custom ? { extension: { kind: 'operator' as const, name: operator } } : {}), reason: `operator ${operator} answered ${what}, not true or false` });
}

/** json-rules-engine's UndefinedFactError, as its transpiled class actually constructs it: an Error with a code. */
function undefinedFact(fact: string): Error {
  return Object.assign(new Error(`Undefined fact: ${fact}`), { code: 'UNDEFINED_FACT' });
}

function isFactReference(value: unknown): value is { fact: string; params?: Record<string, unknown>; path?: string } {
  return value !== null && typeof value === 'object' && hasOwn.call(value, 'fact');
}

/** A fact read as json-rules-engine's almanac reads it: factValue(fact, params ?? {}, path ?? ''). */
function factReader(fact: string, params: Record<string, unknown> | undefined, path: string | undefined): Reader {
  const id = String((params ?? {})['id']);
  const read: Reader = (env) => {
    const facts = env.facts;
    if (hasOwn.call(facts, fact)) return facts[fact];
    if (fact === 'param') return env.parameter(id, facts).value;
    if (fact === 'lookup') return lookupValue(env.pack, id, facts);
    throw undefinedFact(fact);
  };
  if (!path) return read;
  const steps = pathSteps(path);
  return (env) => {
    const value = read(env);
    return value !== null && typeof value === 'object' ? resolveSteps(value, steps) : value;
  };
}

function decidingCondition(leaf: LeafCondition, actual: unknown, expected: unknown, result: unknown): DecidingCondition {
  // Property by property, in the order reports write them (one per deciding condition of every finding).
  const condition: Partial<DecidingCondition> = { fact: leaf.fact };
  if (leaf.path) condition.path = leaf.path;
  if (leaf.params) condition.params = { ...leaf.params };
  condition.operator = leaf.operator;
  condition.actual = actual;
  condition.expected = expected;
  condition.result = result as boolean;
  return condition as DecidingCondition;
}

function copyDecidingCondition(condition: DecidingCondition): DecidingCondition {
  return condition.params ? { ...condition, params: { ...condition.params } } : { ...condition };
}

/** A compiled condition: the generic closure, and what specialisation needs to know about it. */
interface CompiledNode {
  kind: 'leaf' | 'all' | 'any' | 'not';
  evaluate: Eval;
  children: CompiledNode[];
  /** Leaf slot positions under this node (violation conditions only). */
  slots: number[];
  /** For leaves: the parts, for specialisation. */
  leaf?: { condition: LeafCondition; slot: number; readFact: Reader; readValue: Reader | undefined; ruleId: string; path: string };
}

/** all / any: members left to right, stopping at the first that decides (each member is its own priority set). */
function booleanEval(operator: 'all' | 'any', members: readonly Eval[]): Eval {
  // json-rules-engine's prioritizeAndRun answers true for an empty list, whatever the operator.
  if (members.length === 0) return () => true;
  if (members.length === 1) {
    const only = members[0]!;
    return (env, slots) => only(env, slots) === true;
  }
  return operator === 'all'
    ? (env, slots) => {
        for (let i = 0; i < members.length; i++) if (members[i]!(env, slots) !== true) return false;
        return true;
      }
    : (env, slots) => {
        for (let i = 0; i < members.length; i++) if (members[i]!(env, slots) === true) return true;
        return false;
      };
}

function compileCondition(condition: Condition, counter: { next: number } | null, ruleId: string, path: string): CompiledNode {
  if ('all' in condition || 'any' in condition) {
    const operator = 'all' in condition ? 'all' : 'any';
    const list = 'all' in condition ? condition.all : (condition as { any: Condition[] }).any;
    const children = list.map((child, i) => compileCondition(child, counter, ruleId, `${path}.${operator}[${i}]`));
    return { kind: operator, evaluate: booleanEval(operator, children.map((c) => c.evaluate)), children, slots: children.flatMap((c) => c.slots) };
  }
  if ('not' in condition) {
    const child = compileCondition(condition.not, counter, ruleId, `${path}.not`);
    const inner = child.evaluate;
    return { kind: 'not', evaluate: (env, slots) => !inner(env, slots), children: [child], slots: child.slots };
  }
  const leaf = condition;
  const slot = counter ? counter.next++ : -1;
  const builtIn = operatorFunctions.get(leaf.operator);
  const literal = leaf.value;
  const readValue = isFactReference(literal) ? factReader(literal.fact, literal.params, literal.path) : undefined;
  const readFact = factReader(leaf.fact, leaf.params, leaf.path);
  const name = leaf.operator;
  const evaluate: Eval = (env, slots) => {
    // Custom operators are added to the reference engine after the built-in ones, so they win a name clash.
    const custom = env.operators.size !== 0 ? env.operators.get(name) : undefined;
    const operator = custom || builtIn;
    if (!operator) throw new RuleEvaluationError({ ruleId, condition: path, reason: `Unknown operator: ${name}` });
    let expected: unknown;
    let actual: unknown;
    let result: unknown;
    try {
      expected = readValue ? readValue(env) : literal;
      actual = readFact(env);
      result = operator(actual, expected);
    } catch (error) {
      throw conditionFailure(error, ruleId, path, custom ? name : undefined);
    }
    if (typeof result !== 'boolean') throw notBoolean(result, ruleId, path, name, custom !== undefined);
    if (slots !== null && slot >= 0) {
      // A literal list is handed out as a copy (json-rules-engine reports a clone of the condition's value).
      slots[slot] = decidingCondition(leaf, actual, !readValue && Array.isArray(expected) ? [...expected] : expected, result);
    }
    return result;
  };
  return { kind: 'leaf', evaluate, children: [], slots: slot >= 0 ? [slot] : [], leaf: { condition: leaf, slot, readFact, readValue, ruleId, path } };
}

interface CompiledEvidence {
  item: EvidenceItem;
  read: Reader;
  source: string;
}

/** A rule compiled once: its conditions as closures, its evidence as readers. */
interface CompiledRule {
  rule: Rule;
  applies: CompiledNode | undefined;
  violation: CompiledNode;
  leafCount: number;
  evidence: CompiledEvidence[];
}

const compiledRules = new WeakMap<Rule, CompiledRule>();

/** Compile a rule (once per rule object: packs are deep-frozen, so the cache never goes stale). */
function compileRule(rule: Rule): CompiledRule {
  let compiled = compiledRules.get(rule);
  if (!compiled) {
    const counter = { next: 0 };
    compiled = {
      rule,
      applies: rule.appliesWhen ? compileCondition(rule.appliesWhen, null, rule.id, 'appliesWhen') : undefined,
      violation: compileCondition(rule.violationWhen, counter, rule.id, 'violationWhen'),
      leafCount: counter.next,
      evidence: rule.evidence.map((item) => ({ item, read: factReader(item.fact, item.params ?? {}, item.path), source: evidenceSource(item) })),
    };
    compiledRules.set(rule, compiled);
  }
  return compiled;
}

const NOT_APPLICABLE = 0;
const PASSED = 1;
const FOUND = 2;
const NO_VERDICT = 3;

/** Rule outcome codes written by {@link SpecializedRules.outcomes}. */
export const RULE_OUTCOME = { notApplicable: NOT_APPLICABLE, passed: PASSED, found: FOUND, noVerdict: NO_VERDICT } as const;
export type RuleOutcomeCode = (typeof RULE_OUTCOME)[keyof typeof RULE_OUTCOME];

/** The outcome of a compiled rule as the reference runner derives it from json-rules-engine's result. */
function outcomeOf(applies: Eval | undefined, violation: Eval, env: Env): RuleOutcomeCode {
  if (applies) {
    if (applies(env, null) !== true) return NOT_APPLICABLE;
    return violation(env, null) === true ? FOUND : PASSED;
  }
  // No applicability: the rule's result is the violation condition's own result; a non-boolean gives no verdict.
  const result = violation(env, null);
  return typeof result !== 'boolean' ? NO_VERDICT : result ? FOUND : PASSED;
}

function explainFound(violation: Eval, leafCount: number, evidence: readonly CompiledEvidence[], env: Env): { evidence: Evidence[]; decidedBy: DecidingCondition[] } {
  const slots: Slots = new Array<DecidingCondition | undefined>(leafCount);
  violation(env, slots);
  const decidedBy: DecidingCondition[] = [];
  for (let i = 0; i < leafCount; i++) if (slots[i] !== undefined) decidedBy.push(slots[i]!);
  const values: Evidence[] = [];
  for (const { item, read, source } of evidence) {
    values.push(evidenceEntry(item, read(env), source, (id) => env.parameter(id, env.facts).packId));
  }
  return { evidence: values, decidedBy };
}

function verdictFor(code: RuleOutcomeCode, explain: () => { evidence: Evidence[]; decidedBy: DecidingCondition[] }): RuleVerdict | undefined {
  switch (code) {
    case NOT_APPLICABLE:
      return { outcome: 'not-applicable' };
    case PASSED:
      return { outcome: 'passed' };
    case FOUND:
      return { outcome: 'found', ...explain() };
    default:
      return undefined;
  }
}

/** The compiled runner's synchronous entry point: the verdict of every rule for one subject. */
export function runCompiledSync(rules: readonly Rule[], context: RunContext): Map<string, RuleVerdict> {
  const env: Env = context;
  const verdicts = new Map<string, RuleVerdict>();
  for (const rule of rules) {
    const compiled = compileRule(rule);
    const code = outcomeOf(compiled.applies?.evaluate, compiled.violation.evaluate, env);
    // Like the reference runner: a duplicate id or a non-boolean result gives no verdict, so the caller's completeness check reports it.
    if (verdicts.has(rule.id)) continue;
    const verdict = verdictFor(code, () => explainFound(compiled.violation.evaluate, compiled.leafCount, compiled.evidence, env));
    if (verdict) verdicts.set(rule.id, verdict);
  }
  return verdicts;
}

/** A SubjectRunner that evaluates compiled conditions; `evaluate(input, { asOf, runner: compiledRunner })`. */
export const compiledRunner: SubjectRunner & { runSync(rules: readonly Rule[], context: RunContext): Map<string, RuleVerdict> } = {
  name: 'compiled',
  runSync: runCompiledSync,
  async run(rules, context) {
    return runCompiledSync(rules, context);
  },
};

export interface SpecializeOptions {
  /** The run context shared by every subject; its `facts` are those the same for every subject, e.g. `{ fund, asOf }`. */
  context: RunContext;
  /** Names of the facts each subject brings, e.g. `['unitholder']`. */
  subjectFacts: readonly string[];
  /** Subjects evaluated by the closures before the outcome loop is generated as code (default 256). */
  generateAfter?: number;
}

/** A fund with more subjects than this gets its outcome loop generated as code (see generateOutcomes). */
export const GENERATE_AFTER = 256;

/** Rules compiled for many subjects that share their constant facts (one fund, one as-of date). */
export interface SpecializedRules {
  readonly rules: readonly Rule[];
  /**
   * Write each rule's outcome for one subject into `out` (see {@link RULE_OUTCOME})
   * and return how many were found. Throws what json-rules-engine would throw.
   */
  outcomes(subject: Record<string, unknown>, out: Uint8Array): number;
  /** Evidence and deciding conditions of a rule `outcomes` marked found, for the same subject. */
  explain(index: number, subject: Record<string, unknown>): { evidence: Evidence[]; decidedBy: DecidingCondition[] };
  /** The verdicts of every rule for one subject, as {@link SubjectRunner.run} gives them. */
  verdicts(subject: Record<string, unknown>): Map<string, RuleVerdict>;
}

type Folded = { kind: 'value'; value: unknown; records: [number, DecidingCondition][] } | { kind: 'error'; error: unknown } | { kind: 'dynamic'; evaluate: Eval; shape: Shape };

/** What a condition left to evaluate per subject is made of, for generating its code. */
type Shape = { kind: 'all' | 'any' | 'not'; members: Folded[] } | { kind: 'leaf'; leaf: LeafShape; condition: LeafCondition };

/** A per-subject leaf: either evaluated by its closure, or read and compared by generated code with these parts. */
type LeafShape =
  | { kind: 'closure' }
  | {
      kind: 'parts';
      /** The fact read, its parsed path, and the reader that does it generically (param, lookup, an undefined fact). */
      fact: string;
      steps: readonly PathStep[] | undefined;
      readFact: Reader;
      /** The condition's value: a constant, or a reference read once per subject (the same key, the same value). */
      value: { kind: 'constant'; constant: unknown } | { kind: 'per subject'; key: string; read: Reader; reference: { fact: string; params?: Record<string, unknown>; path?: string } };
      operator: string;
      /** The built-in operator (pure: its answer depends only on the two values). */
      builtIn: (fact: unknown, value: unknown) => boolean;
      /** What an error is turned into, located at the rule's condition. */
      fail: (error: unknown) => unknown;
    };

/** Per-leaf cache of operator answers: its size, and the lookups after which a cache that mostly misses is dropped. */
const MEMO_SIZE = 512;
const MEMO_TRIAL = 4096;

/** Per built-in operator: its last primitive comparison (operators are pure functions of their two values). */
const lastCalls = new Map<string, { actual: unknown; expected: unknown; result: unknown }>();
function lastCall(operator: string): { actual: unknown; expected: unknown; result: unknown } {
  let last = lastCalls.get(operator);
  if (!last) {
    last = { actual: NEEDS_NOTHING, expected: NEEDS_NOTHING, result: undefined };
    lastCalls.set(operator, last);
  }
  return last;
}
const NEEDS_NOTHING: unique symbol = Symbol('no call yet');
/** A generated per-subject value (a path read, a condition value, a shared answer) before it is asked for. */
const UNSET: unique symbol = Symbol('not asked yet');
const getPrototypeOf = Object.getPrototypeOf;
const ObjectPrototype = Object.prototype;
/** A symbol no object has (read only to learn an object's shape; see generateOutcomes). */
const SHAPE: unique symbol = Symbol('shape probe');
/** A subject fact the subject does not have (the generic reader then decides: param, lookup, or "Undefined fact"). */
const MISSING: unique symbol = Symbol('no such subject fact');

/** A built-in comparison of a specialised leaf; what it throws is located at the rule's condition. */
function compareOrFail(compare: (actual: unknown) => unknown, actual: unknown, ruleId: string, path: string): unknown {
  try {
    return compare(actual);
  } catch (error) {
    throw conditionFailure(error, ruleId, path, undefined);
  }
}

/** A specialised rule as {@link generateOutcomes} reads it. */
interface FoldedRule {
  folded: { applies: Folded | undefined; violation: Folded };
}

/** A condition value as a date operator reads it, as a YYYYMMDD number; -1 when it is not a date (the operator then reports it). */
function dateOperandNumber(value: unknown): number {
  const day = dateOperand(value);
  return day === undefined ? -1 : calendarDateKey(day);
}

/** Rules per generated function: small enough for the optimising compiler, however many rules a pack has. */
const RULES_PER_FUNCTION = 16;

/**
 * The per-subject outcome loop of specialised rules as generated code: the
 * condition trees become straight-line statements (no call per condition),
 * each subject fact path is read once per subject however many conditions
 * read it, a value read per subject (a threshold on the subject's own date)
 * once, and amount and date comparisons are made inline when both sides are
 * plain (a plain decimal text against a threshold prepared once; two
 * calendar dates), the built-in operator itself deciding anything else — so
 * a value of the wrong kind is the same evaluation error, at the same rule
 * and condition. The code is made only of the condition tree's structure:
 * every value from a pack (constants, names, errors, readers) is passed in as
 * a captured variable, and property names are written as JSON string
 * literals, so nothing from a pack becomes code. It evaluates what the
 * closures evaluate, in the same order (value, then fact, then comparison;
 * members left to right, stopping at the first that decides); `explain` and
 * `verdicts` keep the closures. Where code cannot be generated (a runtime
 * that disallows it), undefined: the closures are used.
 */
function generateOutcomes(rules: readonly FoldedRule[], subjects: { names: readonly string[]; counter: { n: number } }, env: Env): ((subject: Facts, out: Uint8Array) => number) | undefined {
  const captured: unknown[] = [];
  /** Module-level constants and per-leaf state of the generated code. */
  const prelude: string[] = [];
  const constant = (value: unknown): string => {
    captured.push(value);
    const name = `k${captured.length - 1}`;
    prelude.push(`const ${name} = c[${captured.length - 1}];`);
    return name;
  };
  let stateCount = 0;
  const state = (init: string): string => {
    const name = `s${stateCount++}`;
    prelude.push(`let ${name} = ${init};`);
    return name;
  };
  /** Per-subject values, reset to UNSET for each subject. */
  const perSubject: string[] = [];
  const subjectState = (): string => {
    const name = `u${perSubject.length}`;
    perSubject.push(name);
    return name;
  };
  const literal = (step: PathStep) => (typeof step === 'number' ? String(step) : JSON.stringify(step));
  const roots = new Map(subjects.names.map((name, i) => [name, `f${i}`]));
  const paths = new Map<string, string>();
  const values = new Map<string, string>();
  const fails: ((error: unknown) => unknown)[] = [];

  // Leaves that read the same fact and path and compare it the same way with the same value answer the
  // same for a subject (built-in operators are pure): each such group is evaluated once per subject.
  const groups = new Map<string, string>();
  // Constants are keyed only when their JSON tells them apart (not undefined, NaN, -0 or objects).
  const plainConstant = (value: unknown): boolean =>
    value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) || (Array.isArray(value) && value.every(plainConstant));
  const sameLeafKey = (shape: Extract<LeafShape, { kind: 'parts' }>): string | undefined => {
    if (shape.value.kind === 'constant' && !plainConstant(shape.value.constant)) return undefined;
    try {
      return JSON.stringify([shape.fact, shape.steps ?? null, shape.operator, shape.value.kind === 'per subject' ? ['per subject', shape.value.key] : ['constant', shape.value.constant]]);
    } catch {
      return undefined;
    }
  };
  const keyCounts = new Map<string, number>();
  const countKeys = (folded: Folded | undefined): void => {
    if (folded?.kind !== 'dynamic') return;
    const { shape } = folded;
    if (shape.kind !== 'leaf') return shape.members.forEach(countKeys);
    if (shape.leaf.kind !== 'parts') return;
    const key = sameLeafKey(shape.leaf);
    if (key !== undefined) keyCounts.set(key, (keyCounts.get(key) ?? 0) + 1);
  };
  for (const { folded } of rules) {
    countKeys(folded.applies);
    countKeys(folded.violation);
  }

  // Within one generated function: result variables and block labels.
  let temps: string[] = [];
  const temp = (): string => {
    const name = `t${temps.length}`;
    temps.push(name);
    return name;
  };
  let labels = 0;

  /**
   * The statements that read a leaf's fact into `a`. A subject fact's value is
   * read once per subject (each path step once, however many paths share it)
   * and kept in a per-subject variable, returned: what is known about the
   * value (is it a date, where a plain amount's integer part ends) is kept
   * beside it. Other facts are read by the generic reader each time.
   */
  const readFact = (shape: Extract<LeafShape, { kind: 'parts' }>, lines: string[]): string | undefined => {
    const root = roots.get(shape.fact);
    const generic = constant(shape.readFact);
    if (root === undefined) {
      lines.push(`a = ${generic}(env);`);
      return undefined;
    }
    const steps = shape.steps ?? [];
    const key = JSON.stringify([shape.fact, steps]);
    let whole = paths.get(key);
    if (whole === undefined) paths.set(key, (whole = subjectState()));
    lines.push(`if (${whole} === UNSET) {`);
    if (steps.length === 0) lines.push(`${whole} = ${root} === MISSING ? ${generic}(env) : ${root};`);
    else {
      // As factReader: a path applies only to an object; own properties only, a missing step is undefined.
      lines.push(`if (${root} === MISSING) ${whole} = ${generic}(env); else if (${root} !== null && typeof ${root} === "object") {`);
      let parent = root;
      steps.forEach((step, i) => {
        const prefix = JSON.stringify([shape.fact, steps.slice(0, i + 1), 'step']);
        let variable = paths.get(prefix);
        if (variable === undefined) paths.set(prefix, (variable = subjectState()));
        const read = ownValue(parent, step);
        lines.push(`if (${variable} === UNSET) ${variable} = ${i === 0 ? read : `${parent} !== null && typeof ${parent} === "object" ? ${read} : undefined`};`);
        parent = variable;
      });
      lines.push(`${whole} = ${parent}; } else ${whole} = ${root};`);
    }
    lines.push('}', `a = ${whole};`);
    return whole;
  };
  /**
   * An object's own property, undefined when it has none (as hasOwnProperty
   * then a read): a plain object (its prototype Object.prototype, which does
   * not have the name) has only its own, so it is just read; anything else is
   * asked first. The first read, of a symbol no object has, tells the
   * optimising compiler the object's shape, so that it folds the prototype
   * check to a shape check (asked first, getPrototypeOf is a call).
   */
  const ownValue = (object: string, step: PathStep): string => {
    const name = literal(step);
    const asked = `(hasOwn.call(${object}, ${name}) ? ${object}[${name}] : undefined)`;
    return typeof step === 'number' ? asked : `(${plainWithout(object, name)} ? ${object}[${name}] : ${asked})`;
  };
  const plainWithout = (object: string, name: string): string => `${object}[SHAPE] === undefined && getPrototypeOf(${object}) === ObjectPrototype && !(${name} in ObjectPrototype)`;
  /** A per-subject fact of what is known about a subject value (`date`, `amount`), computed at most once per subject. */
  const knownAbout = (whole: string | undefined, what: 'date' | 'amount', compute: string, lines: string[]): string => {
    if (whole === undefined) return compute;
    const key = `${whole}:${what}`;
    let variable = paths.get(key);
    if (variable === undefined) paths.set(key, (variable = subjectState()));
    lines.push(`if (${variable} === UNSET) ${variable} = ${compute};`);
    return variable;
  };

  /** A leaf compared by generated code: its statements, and the expression of its answer. */
  const leafParts = (shape: Extract<LeafShape, { kind: 'parts' }>): { lines: string[]; result: string } => {
    const lines: string[] = [`w = ${fails.push(shape.fail) - 1};`];
    // In the closure's order: the value, then the fact, then the comparison.
    let x: string;
    if (shape.value.kind === 'constant') x = constant(shape.value.constant);
    else {
      let variable = values.get(shape.value.key);
      if (variable === undefined) values.set(shape.value.key, (variable = subjectState()));
      const { reference } = shape.value;
      // A parameter (no such fact among the facts, nor among a subject's): asked of the run context directly, as the reader would.
      const parameter = reference.fact === 'param' && !reference.path && !roots.has('param') && !hasOwn.call(env.facts, 'param');
      const id = String((reference.params ?? {})['id']);
      const event = parameter ? env.eventBound : undefined;
      const eventRoot = event?.bound(id) ? roots.get(event.fact) : undefined;
      if (event && eventRoot !== undefined) {
        // Read on the subject's event date: the date read here, as the session's reader reads it
        // (facts[fact]?.step?.step), and the answer for it asked directly (see RunContext.eventBound).
        const date = temp();
        const name = JSON.stringify(event.fact);
        const chain = event.path.map((step) => `?.[${JSON.stringify(step)}]`).join('');
        const ids = constant(id);
        lines.push(
          `if (${variable} === UNSET) { ${date} = (${eventRoot} === MISSING ? facts[${name}] : ${eventRoot})${chain}; ${variable} = (${date} === undefined ? env.parameter(${ids}, facts) : ${constant(event)}.on(${ids}, ${date})).value; }`,
        );
      } else {
        const read = parameter ? `env.parameter(${constant(id)}, facts).value` : `${constant(shape.value.read)}(env)`;
        lines.push(`if (${variable} === UNSET) ${variable} = ${read};`);
      }
      x = variable;
    }
    const whole = readFact(shape, lines);
    const operator = constant(shape.builtIn);
    const result = temp();
    const inline = inlineComparison(shape.operator);
    // The value prepared once (per distinct value); undefined when it is not of the operator's kind.
    const prepared = (prepare: 'amountOperand' | 'dateOperandNumber', value: unknown): string => {
      if (shape.value.kind === 'constant') return constant(prepare === 'amountOperand' ? amountOperand(value) : dateOperandNumber(value));
      const seen = state('UNSET');
      const operand = state(prepare === 'amountOperand' ? 'undefined' : '-1');
      lines.push(`if (${x} !== ${seen}) { ${operand} = ${prepare}(${x}); ${seen} = ${x}; }`);
      return operand;
    };
    if (shape.operator === 'equal') lines.push(`${result} = a === ${x};`);
    else if (shape.operator === 'notEqual') lines.push(`${result} = a !== ${x};`);
    else if (inline?.kind === 'decimal') {
      // A plain amount (measured once per subject) compared with the prepared value in place, a safe
      // integer (a count) with a whole-number operand as numbers; anything else by the operator.
      const operand = prepared('amountOperand', shape.value.kind === 'constant' ? shape.value.constant : undefined);
      const end = knownAbout(whole, 'amount', 'plainAmountEnd(a)', lines);
      lines.push(
        `${result} = ${operand} !== undefined && ${end} >= 0 ? comparePlainAmount(a, ${end}, ${operand}) ${inline.test} 0 : ${operand} !== undefined && ${operand}.integer !== undefined && Number.isSafeInteger(a) ? a ${inline.test} ${operand}.integer : ${operator}(a, ${x});`,
      );
    } else if (inline?.kind === 'date') {
      // Calendar dates (the fact checked once per subject) compared as YYYYMMDD numbers; anything else by the operator.
      const operand = prepared('dateOperandNumber', shape.value.kind === 'constant' ? shape.value.constant : undefined);
      // Holders share a few dates: the date last checked (by this leaf) is not checked again.
      const lastText = state('UNSET');
      const lastDay = state('-1');
      const day = knownAbout(whole, 'date', `a === ${lastText} ? ${lastDay} : (${lastDay} = calendarDateKey(a), ${lastText} = a, ${lastDay})`, lines);
      lines.push(`${result} = ${operand} >= 0 && ${day} >= 0 ? ${day} ${inline.test} ${operand} : ${operator}(a, ${x});`);
    } else lines.push(`${result} = ${operator}(a, ${x});`);
    const key = sameLeafKey(shape);
    // Only a key more than one leaf has needs a per-subject answer (an error is never kept: it ends the subject).
    if (key === undefined || (keyCounts.get(key) ?? 0) < 2) return { lines, result };
    let answer = groups.get(key);
    if (answer === undefined) groups.set(key, (answer = subjectState()));
    return { lines: [`if (${answer} === UNSET) {`, ...lines, `${answer} = ${result};`, '}'], result: answer };
  };

  /** A condition as statements, and the expression of its answer. */
  const emit = (folded: Folded): { lines: string[]; result: string } => {
    if (folded.kind === 'value') return { lines: [], result: typeof folded.value === 'boolean' ? String(folded.value) : constant(folded.value) };
    if (folded.kind === 'error') return { lines: ['w = -1;', `throw ${constant(folded.error)};`], result: 'undefined' };
    const { shape } = folded;
    if (shape.kind === 'leaf') {
      if (shape.leaf.kind === 'parts') return leafParts(shape.leaf);
      const result = temp();
      // The closure locates its own errors.
      return { lines: ['w = -1;', `${result} = ${constant(folded.evaluate)}(env, null);`], result };
    }
    if (shape.kind === 'not') {
      const member = emit(shape.members[0]!);
      return { lines: member.lines, result: `!(${member.result})` };
    }
    // all / any: members left to right, stopping at the first that decides; empty: true.
    if (shape.members.length === 0) return { lines: [], result: 'true' };
    const all = shape.kind === 'all';
    const result = temp();
    const label = `b${labels++}`;
    // Until a member decides: all true (all), none true (any).
    const lines = [`${result} = ${all};`, `${label}: {`];
    for (const member of shape.members) {
      // A decided member needs no code: one that does not decide is skipped, one that decides ends the list.
      if (member.kind === 'value' && (member.value === true) === all) continue;
      if (member.kind === 'value') {
        lines.push(`${result} = ${!all};`, `break ${label};`);
        break;
      }
      const code = emit(member);
      lines.push(...code.lines);
      if (member.kind === 'error') break;
      lines.push(all ? `if ((${code.result}) !== true) { ${result} = false; break ${label}; }` : `if ((${code.result}) === true) { ${result} = true; break ${label}; }`);
    }
    lines.push('}');
    return { lines, result };
  };

  /** One rule's outcome into out[index]. */
  const ruleCode = ({ folded: { applies, violation } }: FoldedRule, index: number): string[] => {
    const write = (code: string) => `out[${index}] = ${code};`;
    if (applies?.kind === 'value' && applies.value !== true) return [write(String(NOT_APPLICABLE))];
    const decided = (code: { lines: string[]; result: string }) => [...code.lines, `if ((${code.result}) === true) { ${write(String(FOUND))} found++; } else ${write(String(PASSED))}`];
    if (applies?.kind === 'value') return decided(emit(violation));
    if (applies) {
      const condition = emit(applies);
      return [...condition.lines, `if ((${condition.result}) !== true) ${write(String(NOT_APPLICABLE))} else {`, ...decided(emit(violation)), '}'];
    }
    // No applicability: the violation condition's own result; a non-boolean gives no verdict.
    const code = emit(violation);
    return [...code.lines, `r = ${code.result};`, `if (typeof r !== "boolean") ${write(String(NO_VERDICT))} else if (r) { ${write(String(FOUND))} found++; } else ${write(String(PASSED))}`];
  };

  const bind = subjects.names.map((name, i) => {
    const key = JSON.stringify(name);
    // As bind(): the subject's own fact, else none (a plain object's is read first: only an undefined one needs asking).
    return `if (subject !== null && typeof subject === "object" && ${plainWithout('subject', key)}) { f${i} = subject[${key}]; if (f${i} === undefined && !hasOwn.call(subject, ${key})) f${i} = MISSING; } else f${i} = hasOwn.call(subject, ${key}) ? subject[${key}] : MISSING;
  if (f${i} !== MISSING) facts[${key}] = f${i}; else delete facts[${key}];`;
  });
  const chunks: string[][] = [];
  for (let start = 0; start < rules.length; start += RULES_PER_FUNCTION) {
    temps = [];
    labels = 0;
    const body = rules.slice(start, start + RULES_PER_FUNCTION).flatMap((rule, i) => ruleCode(rule, start + i));
    chunks.push([`let found = 0, w = -1, a, k, r${temps.map((t) => `, ${t}`).join('')};`, 'try {', ...body, '} catch (error) {', '  // Where a generated condition failed, as the closure reports it.', '  throw w < 0 ? error : fails[w](error);', '}']);
  }
  const subjectVariables = [...subjects.names.map((_, i) => `f${i}`), ...perSubject.map((u) => `${u} = UNSET`)];
  let source: string;
  if (chunks.length <= 1) {
    // One function: the subject's values are its local variables.
    source = `"use strict";
${prelude.join('\n')}
return function outcomes(subject, out) {
  counter.n++;
  ${subjectVariables.length > 0 ? `let ${subjectVariables.join(', ')};` : ''}
  ${bind.join('\n  ')}
  ${(chunks[0] ?? ['let found = 0;']).join('\n  ')}
  return found;
};`;
  } else {
    // Many rules: a function per chunk, sharing the subject's values (reset for each subject).
    source = `"use strict";
${prelude.join('\n')}
${subjectVariables.length > 0 ? `let ${subjectVariables.join(', ')};` : ''}
${chunks.map((chunk, i) => `function rules${i}(out) {\n  ${chunk.join('\n  ')}\n  return found;\n}`).join('\n')}
return function outcomes(subject, out) {
  counter.n++;
  ${bind.join('\n  ')}
  ${perSubject.length > 0 ? `${perSubject.join(' = ')} = UNSET;` : ''}
  return ${chunks.map((_, i) => `rules${i}(out)`).join(' + ')};
};`;
  }
  try {
    return new Function('c', 'env', 'facts', 'counter', 'hasOwn', 'fails', 'UNSET', 'MISSING', 'amountOperand', 'plainAmountEnd', 'comparePlainAmount', 'dateOperandNumber', 'calendarDateKey', 'getPrototypeOf', 'ObjectPrototype', 'SHAPE', source)(
      captured, env, env.facts, subjects.counter, hasOwn, fails, UNSET, MISSING, amountOperand, plainAmountEnd, comparePlainAmount, dateOperandNumber, calendarDateKey, getPrototypeOf, ObjectPrototype, SHAPE,
    ) as (subject: Facts, out: Uint8Array) => number;
  } catch {
    // Code generation disallowed (e.g. --disallow-code-generation-from-strings): the closures give the same outcomes.
    return undefined;
  }
}

/**
 * Specialise rules to constant facts: every condition whose evaluation never
 * reaches the subject's own facts (the fund, the as-of date, dated parameters,
 * lookups keyed by them — and whatever a decided left member cuts short) is
 * evaluated once here, and its result, its recorded comparisons, or the error
 * it throws are replayed for each subject; only the rest is evaluated per
 * subject. The verdicts are those `runCompiledSync` gives with the
 * constant and subject facts together.
 */
export function specializeRules(rules: readonly Rule[], options: SpecializeOptions): SpecializedRules {
  const subjectNames = [...options.subjectFacts];
  const facts: Facts = { ...options.context.facts };
  for (const name of subjectNames) delete facts[name];
  const env: Env = { ...options.context, facts };
  // While folding, a subject fact is present (so it is not "undefined") but cannot be read.
  const foldingFacts: Facts = { ...facts };
  for (const name of subjectNames) {
    Object.defineProperty(foldingFacts, name, {
      enumerable: true,
      get() {
        throw NEEDS_SUBJECT;
      },
    });
  }
  const foldingEnv: Env = { ...options.context, facts: foldingFacts };

  const fold = (node: CompiledNode): Folded => {
    const slots: Slots | null = node.slots.length > 0 ? [] : null;
    try {
      const value = node.evaluate(foldingEnv, slots);
      const records: [number, DecidingCondition][] = [];
      if (slots) for (const slot of node.slots) if (slots[slot] !== undefined) records.push([slot, slots[slot]!]);
      return { kind: 'value', value, records };
    } catch (error) {
      // Evaluation is sequential: an error met before any subject fact is met by every subject.
      if (error !== NEEDS_SUBJECT) return { kind: 'error', error };
    }
    if (node.kind === 'leaf') {
      const leaf = specializeLeaf(node);
      return { kind: 'dynamic', evaluate: leaf.evaluate, shape: { kind: 'leaf', leaf: leaf.shape, condition: node.leaf!.condition } };
    }
    const folded = node.children.map((child) => fold(child));
    const members = folded.map(asEval);
    const shape: Shape = { kind: node.kind, members: folded };
    if (node.kind === 'not') {
      const inner = members[0]!;
      return { kind: 'dynamic', evaluate: (e, s) => !inner(e, s), shape };
    }
    return { kind: 'dynamic', evaluate: booleanEval(node.kind, members), shape };
  };
  /**
   * A leaf that reads the subject: its operator is fixed by the context, and a
   * value that reads no subject fact is resolved once. A built-in operator is
   * a pure function, so with a fixed value its answer for a given fact value
   * is remembered (a small cache per leaf, dropped when it does not pay).
   */
  const specializeLeaf = (node: CompiledNode): { evaluate: Eval; shape: LeafShape } => {
    const { condition, slot, readFact, readValue, ruleId, path } = node.leaf!;
    const generic = { evaluate: node.evaluate, shape: { kind: 'closure' } as const };
    // A custom operator is checked on every call (its answer must be a boolean): the generic leaf does that.
    if (options.context.operators.get(condition.operator)) return generic;
    const builtIn = operatorFunctions.get(condition.operator);
    if (!builtIn) return generic;
    // The condition's value: a literal, a value read once here, or one read per subject (a threshold
    // in force on the subject's own first-subscription date), which is still parsed only when it changes.
    let constant: unknown = condition.value;
    let readPerSubject: Reader | undefined;
    let valueKey = '';
    if (readValue) {
      try {
        constant = readValue(foldingEnv);
      } catch (error) {
        // A value that fails for every subject: the generic leaf reports it as it would.
        if (error !== NEEDS_SUBJECT) return generic;
        const reference = condition.value as { fact: string; params?: Record<string, unknown>; path?: string };
        valueKey = JSON.stringify([reference.fact, reference.params ?? null, reference.path ?? null]);
        readPerSubject = subjectValue(readValue, valueKey);
      }
    }
    const literalList = !readValue && Array.isArray(constant);
    // The last comparison made by this operator anywhere: two leaves comparing the same amount with the same threshold ask once.
    const last = lastCall(condition.operator);
    // Per value: the comparison with the value fixed (a constant threshold parsed once) and a small cache of its answers.
    let current: unknown = NEEDS_NOTHING;
    let fixedCompare: (actual: unknown) => unknown = (actual) => builtIn(actual, current);
    let memo: Map<unknown, unknown> | undefined;
    let lookups = 0;
    let misses = 0;
    const settle = (expected: unknown) => {
      current = expected;
      const fixed = operatorWithConstant(condition.operator, expected);
      fixedCompare = fixed ? (actual) => fixed(actual, expected) : (actual) => builtIn(actual, expected);
      memo = new Map();
      lookups = 0;
      misses = 0;
    };
    if (!readPerSubject) settle(constant);
    const compare = (actual: unknown, expected: unknown): unknown => {
      if (expected !== current) settle(expected);
      const type = typeof actual;
      if (type !== 'string' && type !== 'number' && type !== 'boolean' && actual !== null && actual !== undefined) return compareOrFail(fixedCompare, actual, ruleId, path);
      let result = memo?.get(actual);
      lookups++;
      if (result === undefined) {
        misses++;
        if (last.actual === actual && last.expected === expected) result = last.result;
        else {
          result = compareOrFail(fixedCompare, actual, ruleId, path);
          last.actual = actual;
          last.expected = expected;
          last.result = result;
        }
        if (memo !== undefined) {
          if (memo.size < MEMO_SIZE) memo.set(actual, result);
          if (lookups >= MEMO_TRIAL && misses * 2 > lookups) memo = undefined;
        }
      }
      return result;
    };
    const fail = (error: unknown) => conditionFailure(error, ruleId, path, undefined);
    const evaluate: Eval = (env, slots) => {
      let actual: unknown;
      let expected: unknown;
      try {
        // In the generic leaf's order: the value, then the fact.
        expected = readPerSubject ? readPerSubject(env) : constant;
        actual = readFact(env);
      } catch (error) {
        throw fail(error);
      }
      const result = compare(actual, expected);
      if (slots !== null && slot >= 0) slots[slot] = decidingCondition(condition, actual, literalList ? [...(expected as unknown[])] : expected, result);
      return result;
    };
    const steps = condition.path ? pathSteps(condition.path) : undefined;
    const value = readPerSubject ? { kind: 'per subject' as const, key: valueKey, read: readValue!, reference: condition.value as { fact: string; params?: Record<string, unknown>; path?: string } } : { kind: 'constant' as const, constant };
    return { evaluate, shape: { kind: 'parts', fact: condition.fact, steps, readFact, value, operator: condition.operator, builtIn, fail } };
  };

  /**
   * A condition value read per subject (a parameter on the subject's own
   * date): read once per subject however many conditions read the same
   * reference (values are pure functions of the facts).
   */
  const valuesThisSubject = new Map<string, { subject: number; value: unknown }>();
  const subjectCounter = { n: 0 };
  const subjectValue = (read: Reader, key: string): Reader => {
    let cell = valuesThisSubject.get(key);
    if (!cell) valuesThisSubject.set(key, (cell = { subject: -1, value: undefined }));
    const known = cell;
    return (e) => {
      if (known.subject === subjectCounter.n) return known.value;
      const value = read(e);
      known.value = value;
      known.subject = subjectCounter.n;
      return value;
    };
  };

  const asEval = (folded: Folded): Eval => {
    if (folded.kind === 'dynamic') return folded.evaluate;
    if (folded.kind === 'error') {
      const error = folded.error;
      return () => {
        throw error;
      };
    }
    const { value, records } = folded;
    if (records.length === 0) return () => value;
    return (_e, slots) => {
      if (slots !== null) for (const [slot, record] of records) slots[slot] = copyDecidingCondition(record);
      return value;
    };
  };

  const specialized = rules.map((rule) => {
    const compiled = compileRule(rule);
    const applies = compiled.applies ? fold(compiled.applies) : undefined;
    const violationFolded = fold(compiled.violation);
    const violation = asEval(violationFolded);
    let outcome: (e: Env) => RuleOutcomeCode;
    if (applies?.kind === 'value' && applies.value !== true) outcome = () => NOT_APPLICABLE;
    else if (applies?.kind === 'value') outcome = (e) => (violation(e, null) === true ? FOUND : PASSED);
    else {
      const appliesEval = applies ? asEval(applies) : undefined;
      outcome = (e) => outcomeOf(appliesEval, violation, e);
    }
    return { rule, outcome, violation, leafCount: compiled.leafCount, evidence: compiled.evidence, folded: { applies, violation: violationFolded } };
  });

  const bind = (subject: Facts) => {
    subjectCounter.n++;
    for (const name of subjectNames) {
      if (hasOwn.call(subject, name)) facts[name] = subject[name];
      else delete facts[name];
    }
  };

  const closureOutcomes = (subject: Facts, out: Uint8Array): number => {
    bind(subject);
    let found = 0;
    for (let i = 0; i < specialized.length; i++) {
      const code = specialized[i]!.outcome(env);
      out[i] = code;
      if (code === FOUND) found++;
    }
    return found;
  };

  // Generating code pays over many subjects only: the first ones are evaluated by the closures.
  const generateAfter = options.generateAfter ?? GENERATE_AFTER;
  let evaluated = 0;
  let outcomes = closureOutcomes;
  const outcomesThenGenerate = (subject: Facts, out: Uint8Array): number => {
    if (evaluated++ === generateAfter) {
      outcomes = generateOutcomes(specialized, { names: subjectNames, counter: subjectCounter }, env) ?? closureOutcomes;
      // From now on callers reach the loop itself, without this function in between.
      result.outcomes = outcomes;
    }
    return outcomes(subject, out);
  };

  const result: { -readonly [K in keyof SpecializedRules]: SpecializedRules[K] } = {
    rules,
    outcomes: outcomesThenGenerate,
    explain(index, subject) {
      bind(subject);
      const rule = specialized[index]!;
      return explainFound(rule.violation, rule.leafCount, rule.evidence, env);
    },
    verdicts(subject) {
      bind(subject);
      const verdicts = new Map<string, RuleVerdict>();
      for (const rule of specialized) {
        const code = rule.outcome(env);
        if (verdicts.has(rule.rule.id)) continue;
        const verdict = verdictFor(code, () => explainFound(rule.violation, rule.leafCount, rule.evidence, env));
        if (verdict) verdicts.set(rule.rule.id, verdict);
      }
      return verdicts;
    },
  };
  return result;
}

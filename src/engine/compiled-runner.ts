import { PackError, RuleEvaluationError } from '../model/errors.js';
import type { Condition, EvidenceItem, LeafCondition, Rule } from '../packs/schema.js';
import { operatorFunctions, operatorWithConstant } from './operators.js';
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
  return {
    fact: leaf.fact,
    ...(leaf.path ? { path: leaf.path } : {}),
    ...(leaf.params ? { params: { ...leaf.params } } : {}),
    operator: leaf.operator,
    actual,
    expected,
    result: result as boolean,
  };
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
      /** The condition's value: read per subject, or the constant. */
      readValue: Reader | undefined;
      constant: unknown;
      operator: string;
      /** The comparison with its cached answers, as the closure makes it. */
      compare: (actual: unknown, expected: unknown) => unknown;
      /** The same comparison without the cache, where answers rarely repeat (amounts). */
      direct: (actual: unknown, expected: unknown) => unknown;
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
/** A generated leaf group's answer before it is asked for a subject. */
const UNSET: unique symbol = Symbol('not asked yet');

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

/**
 * The per-subject outcome loop of specialised rules as one generated
 * function, so that each condition is its own call site (a closure shared by
 * every leaf is slow once it has seen many shapes). The code is made only of
 * the condition tree's structure: every value from a pack (constants, names,
 * errors, readers) is passed in as a captured variable, and property names
 * are written as JSON string literals, so nothing from a pack becomes code.
 * It evaluates exactly what the closures evaluate, in the same order (each
 * generated leaf calls the same reader and comparison parts); `explain` and
 * `verdicts` keep the closures. Where code cannot be generated (a runtime
 * that disallows it), undefined: the closures are used.
 */
function generateOutcomes(rules: readonly FoldedRule[], subjects: { names: readonly string[]; counter: { n: number } }, env: Env): ((subject: Facts, out: Uint8Array) => number) | undefined {
  const captured: unknown[] = [];
  const capture = (value: unknown): string => {
    captured.push(value);
    return `c[${captured.length - 1}]`;
  };
  const functions: string[] = [];
  const literal = (step: PathStep) => (typeof step === 'number' ? String(step) : JSON.stringify(step));
  // Leaves that read the same fact and path and compare it the same way with the same value answer the
  // same for a subject (built-in operators are pure): each such group is evaluated once per subject.
  const groups = new Map<string, string>();
  const resets: string[] = [];
  // Constants are keyed only when their JSON tells them apart (not undefined, NaN, -0 or objects).
  const plainConstant = (value: unknown): boolean =>
    value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) || (Array.isArray(value) && value.every(plainConstant));
  const sameLeafKey = (shape: Extract<LeafShape, { kind: 'parts' }>, value: unknown): string | undefined => {
    if (!shape.readValue && !plainConstant(shape.constant)) return undefined;
    try {
      return JSON.stringify([shape.fact, shape.steps ?? null, shape.operator, shape.readValue ? ['per subject', value] : ['constant', shape.constant]]);
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
    const key = sameLeafKey(shape.leaf, shape.condition.value);
    if (key !== undefined) keyCounts.set(key, (keyCounts.get(key) ?? 0) + 1);
  };
  for (const { folded } of rules) {
    countKeys(folded.applies);
    countKeys(folded.violation);
  }

  const leafCode = (shape: LeafShape, evaluate: Eval, condition: LeafCondition | undefined): string => {
    const name = `l${functions.length}`;
    if (shape.kind === 'closure') {
      functions.push(`const ${name}e = ${capture(evaluate)}; function ${name}() { return ${name}e(env, null); }`);
      return `${name}()`;
    }
    const lines: string[] = [];
    const fail = capture(shape.fail);
    lines.push(`const ${name}f = ${fail};`);
    const value = shape.readValue ? `${name}v(env)` : `${name}k`;
    if (shape.readValue) lines.push(`const ${name}v = ${capture(shape.readValue)};`);
    else lines.push(`const ${name}k = ${capture(shape.constant)};`);
    lines.push(`const ${name}r = ${capture(shape.readFact)};`);
    // The fact read inline when the facts hold it (else the generic reader: param, lookup, an undefined fact), then its path.
    const read: string[] = [`if (hasOwn.call(facts, ${JSON.stringify(shape.fact)})) { a = facts[${JSON.stringify(shape.fact)}];`];
    if (shape.steps && shape.steps.length > 0) {
      read.push('if (a !== null && typeof a === "object") {');
      shape.steps.forEach((step, i) => {
        const get = `a = hasOwn.call(a, ${literal(step)}) ? a[${literal(step)}] : undefined;`;
        read.push(i === 0 ? get : `if (a !== null && typeof a === "object") ${get} else a = undefined;`);
      });
      read.push('}');
    }
    read.push(`} else a = ${name}r(env);`);
    let compare: string;
    if (shape.operator === 'equal') compare = 'a === x';
    else if (shape.operator === 'notEqual') compare = 'a !== x';
    else {
      // Amounts rarely repeat across holders: compared directly; other answers (dates, categories) are cached.
      lines.push(`const ${name}c = ${capture(shape.operator.startsWith('decimal') ? shape.direct : shape.compare)};`);
      compare = `${name}c(a, x)`;
    }
    const shared = sameLeafKey(shape, condition?.value);
    // Only a key more than one leaf has needs a per-subject answer.
    const key = shared !== undefined && (keyCounts.get(shared) ?? 0) > 1 ? shared : undefined;
    let cache = key === undefined ? undefined : groups.get(key);
    if (key !== undefined && cache === undefined) {
      // The group's answer for this subject; UNSET until asked. An error is never kept (it ends the
      // subject's evaluation), and each leaf keeps its own location for one.
      cache = `${name}s`;
      groups.set(key, cache);
      resets.push(`${cache} = UNSET;`);
      lines.push(`let ${cache} = UNSET;`);
    }
    if (cache !== undefined) lines.push(`function ${name}() { if (${cache} !== UNSET) return ${cache}; let x, a; try { x = ${value}; ${read.join(' ')} } catch (error) { throw ${name}f(error); } return (${cache} = ${compare}); }`);
    else lines.push(`function ${name}() { let x, a; try { x = ${value}; ${read.join(' ')} } catch (error) { throw ${name}f(error); } return ${compare}; }`);
    functions.push(lines.join('\n'));
    return `${name}()`;
  };

  const expression = (folded: Folded): string => {
    if (folded.kind === 'value') return typeof folded.value === 'boolean' ? String(folded.value) : capture(folded.value);
    if (folded.kind === 'error') {
      const error = folded.error;
      return `${capture(() => {
        throw error;
      })}()`;
    }
    const { shape } = folded;
    if (shape.kind === 'leaf') return leafCode(shape.leaf, folded.evaluate, shape.condition);
    const members = shape.members.map(expression);
    if (shape.kind === 'not') return `!(${members[0]!})`;
    if (members.length === 0) return 'true';
    return `(${members.map((m) => `(${m}) === true`).join(shape.kind === 'all' ? ' && ' : ' || ')})`;
  };

  const body: string[] = [];
  rules.forEach(({ folded: { applies, violation } }, i) => {
    let outcome: string;
    if (applies?.kind === 'value' && applies.value !== true) outcome = String(NOT_APPLICABLE);
    else if (applies?.kind === 'value') outcome = `((${expression(violation)}) === true ? ${FOUND} : ${PASSED})`;
    else if (applies) outcome = `((${expression(applies)}) !== true ? ${NOT_APPLICABLE} : (${expression(violation)}) === true ? ${FOUND} : ${PASSED})`;
    // No applicability: the violation condition's own result; a non-boolean gives no verdict.
    else outcome = `((r = ${expression(violation)}), typeof r !== "boolean" ? ${NO_VERDICT} : r ? ${FOUND} : ${PASSED})`;
    body.push(`code = ${outcome}; out[${i}] = code; if (code === ${FOUND}) found++;`);
  });
  const source = `"use strict";
const UNSET = c[${captured.length}];
${functions.join('\n')}
return function outcomes(subject, out) {
  counter.n++;
  ${resets.join(' ')}
  ${subjects.names.map((name) => `if (hasOwn.call(subject, ${JSON.stringify(name)})) facts[${JSON.stringify(name)}] = subject[${JSON.stringify(name)}]; else delete facts[${JSON.stringify(name)}];`).join('\n  ')}
  let found = 0, code, r;
  ${body.join('\n  ')}
  return found;
};`;
  try {
    captured.push(UNSET);
    return new Function('c', 'env', 'facts', 'counter', 'hasOwn', source)(captured, env, env.facts, subjects.counter, hasOwn) as (subject: Facts, out: Uint8Array) => number;
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
    if (readValue) {
      try {
        constant = readValue(foldingEnv);
      } catch (error) {
        // A value that fails for every subject: the generic leaf reports it as it would.
        if (error !== NEEDS_SUBJECT) return generic;
        readPerSubject = subjectValue(readValue, (condition.value as { fact: string }).fact, (condition.value as { params?: Record<string, unknown> }).params, (condition.value as { path?: string }).path);
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
    const direct = (actual: unknown, expected: unknown): unknown => {
      if (expected !== current) settle(expected);
      return compareOrFail(fixedCompare, actual, ruleId, path);
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
    return { evaluate, shape: { kind: 'parts', fact: condition.fact, steps, readFact, readValue: readPerSubject, constant, operator: condition.operator, compare, direct, fail } };
  };

  /**
   * A condition value read per subject (a parameter on the subject's own
   * date): read once per subject however many conditions read the same
   * reference (values are pure functions of the facts).
   */
  const valuesThisSubject = new Map<string, { subject: number; value: unknown }>();
  const subjectCounter = { n: 0 };
  const subjectValue = (read: Reader, fact: string, params: Record<string, unknown> | undefined, path: string | undefined): Reader => {
    const key = JSON.stringify([fact, params ?? null, path ?? null]);
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
    if (evaluated++ === generateAfter) outcomes = generateOutcomes(specialized, { names: subjectNames, counter: subjectCounter }, env) ?? closureOutcomes;
    return outcomes(subject, out);
  };

  return {
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
}

import { Engine, Operator, type Almanac } from 'json-rules-engine';
import { PackError, RuleEvaluationError } from '../model/errors.js';
import type { Condition, Rule } from '../packs/schema.js';
import { isThenable, quietly } from './compiled-runner.js';
import { operatorFunctions } from './operators.js';
import { evidenceEntry } from './evidence.js';
import { evidenceSource, lookupValue } from './pack-values.js';
import { resolvePath } from './path.js';
import type { DecidingCondition, Evidence } from './report.js';
import type { RuleVerdict, RunContext, SubjectRunner } from './runner.js';

/** json-rules-engine's view of a rule's conditions after a run (results are written onto the tree). */
interface ConditionNode {
  all?: ConditionNode[];
  any?: ConditionNode[];
  not?: ConditionNode;
  fact?: string;
  path?: string;
  params?: Record<string, unknown>;
  operator?: string;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

/**
 * Give every member of an all/any a descending priority, so json-rules-engine
 * evaluates them one after another, left to right, and stops at the first
 * that decides — a guard such as "is recorded" then protects the comparison
 * after it. (Without priorities it evaluates all members at once.)
 */
/** A leaf's operator as the engine sees it: an alias per leaf (`name#n`), so a failing comparison names its rule and condition. */
interface LeafAlias {
  alias: string;
  operator: string;
  ruleId: string;
  path: string;
}

let nextAlias = 0;

function inOrder(condition: Condition, ruleId: string, path: string, aliases: LeafAlias[]): Record<string, unknown> {
  if ('all' in condition) return { all: condition.all.map((c, i) => ({ ...inOrder(c, ruleId, `${path}.all[${i}]`, aliases), priority: condition.all.length - i })) };
  if ('any' in condition) return { any: condition.any.map((c, i) => ({ ...inOrder(c, ruleId, `${path}.any[${i}]`, aliases), priority: condition.any.length - i })) };
  if ('not' in condition) return { not: inOrder(condition.not, ruleId, `${path}.not`, aliases) };
  // Unique across rules: several rules share one Engine, whose operators are keyed by name.
  const alias = `${condition.operator}#${nextAlias++}`;
  aliases.push({ alias, operator: condition.operator, ruleId, path });
  return { ...(structuredClone(condition) as Record<string, unknown>), operator: alias };
}

/** The operator name behind a leaf alias. */
function operatorName(alias: string): string {
  const hash = alias.lastIndexOf('#');
  return hash < 0 ? alias : alias.slice(0, hash);
}

/**
 * The engine operator of one leaf: the comparison (custom operators win a
 * name clash, as they are added last), its answer checked — a thrown error,
 * a Promise or anything but a boolean is a RuleEvaluationError naming the
 * rule and the condition, never a silent false inside `all` / `any`.
 */
function leafOperator(leaf: LeafAlias, custom: ReadonlyMap<string, (a: unknown, b: unknown) => boolean>): Operator {
  const own = custom.get(leaf.operator);
  const compare = own ?? operatorFunctions.get(leaf.operator);
  return new Operator(leaf.alias, (factValue: unknown, value: unknown) => {
    if (!compare) throw new RuleEvaluationError({ ruleId: leaf.ruleId, condition: leaf.path, reason: `Unknown operator: ${leaf.operator}` });
    let result: unknown;
    try {
      result = compare(factValue, value);
    } catch (error) {
      if (error instanceof PackError || error instanceof RuleEvaluationError) throw error;
      const reason = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : `threw ${String(error)}`;
      throw new RuleEvaluationError({ ruleId: leaf.ruleId, condition: leaf.path, ...(own ? { extension: { kind: 'operator' as const, name: leaf.operator } } : {}), reason: own ? `the operator threw ${reason}` : reason }, { cause: error });
    }
    if (typeof result !== 'boolean') {
      quietly(result);
      const what = isThenable(result) ? 'a Promise (custom operators are synchronous)' : result === null ? 'null' : `${typeof result} ${String(JSON.stringify(result)).slice(0, 60)}`;
      throw new RuleEvaluationError({ ruleId: leaf.ruleId, condition: leaf.path, ...(own ? { extension: { kind: 'operator' as const, name: leaf.operator } } : {}), reason: `operator ${leaf.operator} answered ${what}, not true or false` });
    }
    return result;
  });
}

/** Applicability first at a higher priority, so json-rules-engine short-circuits before the violation is evaluated. */
const conditionsCache = new WeakMap<Rule, { conditions: Record<string, unknown>; aliases: LeafAlias[] }>();
function engineConditions(rule: Rule): { conditions: Record<string, unknown>; aliases: LeafAlias[] } {
  let cached = conditionsCache.get(rule);
  if (!cached) {
    const aliases: LeafAlias[] = [];
    const conditions = rule.appliesWhen
      ? { all: [{ ...inOrder(rule.appliesWhen, rule.id, 'appliesWhen', aliases), priority: 2 }, { ...inOrder(rule.violationWhen, rule.id, 'violationWhen', aliases), priority: 1 }] }
      : { all: [{ ...inOrder(rule.violationWhen, rule.id, 'violationWhen', aliases), priority: 1 }] };
    cached = { conditions, aliases };
    conditionsCache.set(rule, cached);
  }
  return cached;
}

function evaluatedLeaves(node: ConditionNode | undefined, out: DecidingCondition[] = []): DecidingCondition[] {
  if (!node) return out;
  for (const child of node.all ?? node.any ?? (node.not ? [node.not] : [])) evaluatedLeaves(child, out);
  if (node.operator && node.fact && node.result !== undefined) {
    out.push({
      fact: node.fact,
      ...(node.path ? { path: node.path } : {}),
      ...(node.params ? { params: { ...node.params } } : {}),
      operator: operatorName(node.operator),
      actual: node.factResult,
      expected: node.valueResult,
      result: node.result,
    });
  }
  return out;
}

async function collectEvidence(rule: Rule, almanac: Almanac, context: RunContext): Promise<Evidence[]> {
  const evidence: Evidence[] = [];
  for (const item of rule.evidence) {
    const value = await almanac.factValue(item.fact, item.params ?? {}, item.path ?? '');
    evidence.push(evidenceEntry(item, value, evidenceSource(item), (id) => context.parameter(id, context.facts).packId));
  }
  return evidence;
}

/**
 * The reference interpreter: json-rules-engine on a fresh Engine per run,
 * since it keeps run state on the Engine (after a rejected run, the next run
 * on the same Engine returns no results at all).
 */
export const referenceRunner: SubjectRunner = {
  name: 'json-rules-engine',
  async run(rules: readonly Rule[], context: RunContext): Promise<Map<string, RuleVerdict>> {
    const { pack, facts } = context;
    const engine = new Engine([], { allowUndefinedFacts: false, pathResolver: resolvePath, replaceFactsInEventParams: false });
    engine.addFact('param', (params: { id?: unknown }) => context.parameter(String(params.id), context.facts).value);
    engine.addFact('lookup', (params: { id?: unknown }) => lookupValue(pack, String(params.id), facts));
    for (const rule of rules) {
      const { conditions, aliases } = engineConditions(rule);
      for (const leaf of aliases) engine.addOperator(leafOperator(leaf, context.operators));
      engine.addRule({ name: rule.id, conditions: conditions as never, event: { type: rule.id } });
    }

    let run: Awaited<ReturnType<Engine['run']>>;
    try {
      run = await engine.run(facts);
    } catch (error) {
      if (error instanceof PackError || error instanceof RuleEvaluationError) throw error;
      const reason = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : `threw ${String(error)}`;
      throw new RuleEvaluationError({ reason }, { cause: error });
    }
    const { results, failureResults, almanac } = run;
    const verdicts = new Map<string, RuleVerdict>();
    for (const result of [...results, ...failureResults]) {
      const id = String(result.name);
      const rule = rules.find((r) => r.id === id);
      // Duplicates and non-boolean results are left out, so the caller's completeness check reports them.
      if (!rule || verdicts.has(id) || typeof result.result !== 'boolean') continue;
      const top = (result.conditions as unknown as ConditionNode).all ?? [];
      const applies = rule.appliesWhen ? top[0]?.result === true : true;
      if (!applies) verdicts.set(id, { outcome: 'not-applicable' });
      else if (!result.result) verdicts.set(id, { outcome: 'passed' });
      else verdicts.set(id, { outcome: 'found', evidence: await collectEvidence(rule, almanac, context), decidedBy: evaluatedLeaves(top[top.length - 1]) });
    }
    return verdicts;
  },
};

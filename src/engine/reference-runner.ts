import { Engine, Operator, type Almanac } from 'json-rules-engine';
import type { Condition, Rule } from '../packs/schema.js';
import { customOperators } from './operators.js';
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
function inOrder(condition: Condition): Record<string, unknown> {
  if ('all' in condition) return { all: condition.all.map((c, i) => ({ ...inOrder(c), priority: condition.all.length - i })) };
  if ('any' in condition) return { any: condition.any.map((c, i) => ({ ...inOrder(c), priority: condition.any.length - i })) };
  if ('not' in condition) return { not: inOrder(condition.not) };
  return structuredClone(condition) as Record<string, unknown>;
}

/** Applicability first at a higher priority, so json-rules-engine short-circuits before the violation is evaluated. */
const conditionsCache = new WeakMap<Rule, Record<string, unknown>>();
function engineConditions(rule: Rule): Record<string, unknown> {
  let conditions = conditionsCache.get(rule);
  if (!conditions) {
    const clone = inOrder;
    conditions = rule.appliesWhen
      ? { all: [{ ...clone(rule.appliesWhen), priority: 2 }, { ...clone(rule.violationWhen), priority: 1 }] }
      : { all: [{ ...clone(rule.violationWhen), priority: 1 }] };
    conditionsCache.set(rule, conditions);
  }
  return conditions;
}

function evaluatedLeaves(node: ConditionNode | undefined, out: DecidingCondition[] = []): DecidingCondition[] {
  if (!node) return out;
  for (const child of node.all ?? node.any ?? (node.not ? [node.not] : [])) evaluatedLeaves(child, out);
  if (node.operator && node.fact && node.result !== undefined) {
    out.push({
      fact: node.fact,
      ...(node.path ? { path: node.path } : {}),
      ...(node.params ? { params: { ...node.params } } : {}),
      operator: node.operator,
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
    const pack = item.fact === 'param' ? { pack: context.parameter(String(item.params?.['id'])).packId } : {};
    evidence.push({ name: item.name, ...(item.label ? { label: item.label } : {}), type: item.type, value: value === undefined ? null : value, source: evidenceSource(item), ...pack });
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
    for (const operator of customOperators) engine.addOperator(operator);
    for (const [name, compare] of context.operators) engine.addOperator(new Operator(name, compare));
    engine.addFact('param', (params: { id?: unknown }) => context.parameter(String(params.id)).value);
    engine.addFact('lookup', (params: { id?: unknown }) => lookupValue(pack, String(params.id), facts));
    for (const rule of rules) engine.addRule({ name: rule.id, conditions: engineConditions(rule) as never, event: { type: rule.id } });

    const { results, failureResults, almanac } = await engine.run(facts);
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

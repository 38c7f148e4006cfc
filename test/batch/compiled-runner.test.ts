/**
 * The compiled runner's semantics, case by case, each checked against
 * json-rules-engine (the reference runner) on the same rule and facts.
 */
import { describe, expect, it } from 'vitest';
import { compiledRunner, RULE_OUTCOME, specializeRules } from '../../src/engine/compiled-runner.js';
import { referenceRunner } from '../../src/engine/reference-runner.js';
import type { RuleVerdict, RunContext } from '../../src/engine/runner.js';
import type { RuleEvaluationError } from '../../src/model/errors.js';
import { tn89Pack, type Condition, type Rule } from '../../src/index.js';
import { ruleSchema } from '../../src/subpaths/packs.js';

const pack = tn89Pack();
const AS_OF = '2024-06-30';

function context(facts: Record<string, unknown>, operators: RunContext['operators'] = new Map()): RunContext {
  return {
    pack,
    asOf: AS_OF,
    facts: { asOf: AS_OF, fund: { kind: 'mutual', declaredType: 'B', scheme: { minimumFirstSubscription: null } }, ...facts },
    parameter: (id) => ({ value: id === 'limit' ? '500000' : ['a', 'b'], packId: 'test' }),
    operators,
  };
}

/** A rule straight from conditions (no pack validation, so unknown facts and operators can be tried). */
function rule(violationWhen: Condition, appliesWhen?: Condition, id = 'test.rule'): Rule {
  return ruleSchema.parse({
    id,
    title: { th: 'ก', en: 'a rule' },
    subject: 'unitholder',
    severity: 'violation',
    citation: { clause: 1 },
    ...(appliesWhen ? { appliesWhen } : {}),
    violationWhen,
    evidence: [
      { name: 'amount', fact: 'unitholder', path: '$.amount', type: 'money' },
      { name: 'limit', fact: 'param', params: { id: 'limit' }, type: 'money' },
      { name: 'missing', fact: 'unitholder', path: '$.nothing', type: 'text' },
    ],
    message: 'm',
  });
}

type Result = { verdicts: Map<string, RuleVerdict> } | { error: string; condition?: string | undefined };

async function both(rules: Rule[], ctx: RunContext): Promise<{ reference: Result; compiled: Result }> {
  const run = async (f: () => Promise<Map<string, RuleVerdict>>): Promise<Result> => {
    try {
      return { verdicts: await f() };
    } catch (error) {
      // A failed evaluation is a RuleEvaluationError: compared by its reason, and by its condition where both runners can name it.
      const detail = (error as RuleEvaluationError).detail;
      return detail ? { error: `${(error as Error).name}: ${detail.reason}`, condition: detail.condition } : { error: `${(error as Error).name}: ${(error as Error).message}` };
    }
  };
  const reference = await run(() => referenceRunner.run(rules, ctx));
  const compiled = await run(() => compiledRunner.run(rules, ctx));
  if ('error' in reference && 'error' in compiled && reference.condition === undefined) {
    // json-rules-engine cannot tell which rule read an undefined fact; the compiled runner can.
    expect(compiled.error).toBe(reference.error);
  } else expect(compiled).toStrictEqual(reference);
  return { reference, compiled };
}

const holder = (amount: unknown, category = 'retail') => ({ unitholder: { amount, category, assessedOn: null } });
const lessThanLimit: Condition = { fact: 'unitholder', path: '$.amount', operator: 'decimalLessThan', value: { fact: 'param', params: { id: 'limit' } } };
const isRetail: Condition = { fact: 'unitholder', path: '$.category', operator: 'equal', value: 'retail' };
const assessedBefore: Condition = { fact: 'unitholder', path: '$.assessedOn', operator: 'dateBefore', value: '2020-01-01' };

describe('the compiled runner, against json-rules-engine', () => {
  it('reports a found rule with its evidence and the leaves it evaluated, in tree order', async () => {
    const { compiled } = await both([rule({ all: [isRetail, lessThanLimit] })], context(holder('499999.99')));
    expect(compiled).toStrictEqual({
      verdicts: new Map([
        [
          'test.rule',
          {
            outcome: 'found',
            evidence: [
              { name: 'amount', type: 'money', value: '499999.99', source: 'unitholder.amount' },
              { name: 'limit', type: 'money', value: '500000', source: 'param:limit', pack: 'test' },
              { name: 'missing', type: 'text', value: null, source: 'unitholder.nothing' },
            ],
            decidedBy: [
              { fact: 'unitholder', path: '$.category', operator: 'equal', actual: 'retail', expected: 'retail', result: true },
              { fact: 'unitholder', path: '$.amount', operator: 'decimalLessThan', actual: '499999.99', expected: '500000', result: true },
            ],
          },
        ],
      ]),
    });
  });

  it('evaluates all/any left to right and stops at the first member that decides', async () => {
    // The failing comparison after a false member of `all` is never evaluated, so it never throws.
    await both([rule({ all: [{ ...isRetail, value: 'institutional' }, assessedBefore] })], context(holder('1')));
    const { compiled } = await both([rule({ any: [isRetail, assessedBefore] })], context(holder('1')));
    expect(compiled).toMatchObject({ verdicts: new Map([['test.rule', { outcome: 'found', decidedBy: [{ path: '$.category', result: true }] }]]) });
    // ...but one reached throws, in both.
    const { reference } = await both([rule({ any: [{ ...isRetail, value: 'x' }, assessedBefore] })], context(holder('1')));
    expect(reference).toEqual({ error: 'RuleEvaluationError: OperatorTypeError: operator dateBefore: the fact is null (not recorded), expected a calendar date "YYYY-MM-DD"', condition: 'violationWhen.any[1]' });
  });

  it('does not evaluate the violation of a rule that does not apply', async () => {
    const { compiled } = await both([rule(assessedBefore, { ...isRetail, value: 'institutional' })], context(holder('1')));
    expect(compiled).toStrictEqual({ verdicts: new Map([['test.rule', { outcome: 'not-applicable' }]]) });
  });

  it('negates with not, and lists the negated leaf', async () => {
    const { compiled } = await both([rule({ not: { all: [{ ...isRetail, value: 'institutional' }, lessThanLimit] } })], context(holder('1')));
    expect(compiled).toMatchObject({ verdicts: new Map([['test.rule', { outcome: 'found', decidedBy: [{ path: '$.category', result: false }] }]]) });
  });

  it('fails with a typed error, as json-rules-engine does, for an unknown fact or operator', async () => {
    const { reference, compiled } = await both([rule({ fact: 'nowhere', operator: 'equal', value: 1 })], context(holder('1')));
    expect(reference).toEqual({ error: 'RuleEvaluationError: Undefined fact: nowhere', condition: undefined });
    expect(compiled).toEqual({ error: 'RuleEvaluationError: Undefined fact: nowhere', condition: 'violationWhen' });
    const unknown = await both([rule({ fact: 'unitholder', path: '$.amount', operator: 'startsWith', value: '4' })], context(holder('1')));
    expect(unknown.reference).toEqual({ error: 'RuleEvaluationError: Unknown operator: startsWith', condition: 'violationWhen' });
  });

  it('applies a path to objects only, as json-rules-engine\'s almanac does', async () => {
    const { compiled } = await both([rule({ fact: 'asOf', path: '$.year', operator: 'equal', value: AS_OF })], context(holder('1')));
    expect(compiled).toMatchObject({ verdicts: new Map([['test.rule', { outcome: 'found' }]]) });
  });

  it('uses custom operators from the context; a non-boolean answer is an error naming the condition, in both', async () => {
    const operators = new Map<string, (a: unknown, b: unknown) => boolean>([
      ['startsWith', (a, b) => String(a).startsWith(String(b))],
      ['weird', () => 1 as unknown as boolean],
    ]);
    const { compiled } = await both([rule({ fact: 'unitholder', path: '$.amount', operator: 'startsWith', value: '4' })], context(holder('499'), operators));
    expect(compiled).toMatchObject({ verdicts: new Map([['test.rule', { outcome: 'found' }]]) });
    const weird = await both([rule({ fact: 'unitholder', path: '$.amount', operator: 'weird', value: '4' })], context(holder('499'), operators));
    expect(weird.compiled).toStrictEqual({ error: 'RuleEvaluationError: operator weird answered number 1, not true or false', condition: 'violationWhen' });
    // Inside all/any too: json-rules-engine alone would read 1 as "not true" and pass silently.
    const inAny = await both([rule({ any: [{ fact: 'unitholder', path: '$.amount', operator: 'weird', value: '4' }, isRetail] })], context(holder('499'), operators));
    expect(inAny.reference).toStrictEqual({ error: 'RuleEvaluationError: operator weird answered number 1, not true or false', condition: 'violationWhen.any[0]' });
  });

  it('copies a literal list it reports, so a finding never shares the frozen pack', async () => {
    const { compiled } = await both([rule({ fact: 'unitholder', path: '$.category', operator: 'in', value: ['retail', 'x'] })], context(holder('1')));
    const expected = (compiled as { verdicts: Map<string, RuleVerdict> }).verdicts.get('test.rule')!.decidedBy![0]!.expected as string[];
    expect(Object.isFrozen(expected)).toBe(false);
  });
});

describe('specialised rules', () => {
  const fundContext = context({});

  it('replay a constant error for every subject, and skip rules that cannot apply', () => {
    const throwing = rule({ fact: 'fund', path: '$.scheme.minimumFirstSubscription', operator: 'decimalLessThan', value: 1 }, undefined, 'test.throws');
    const never = rule(assessedBefore, { fact: 'fund', path: '$.kind', operator: 'equal', value: 'private' }, 'test.never');
    const specialized = specializeRules([never, throwing], { context: fundContext, subjectFacts: ['unitholder'] });
    const out = new Uint8Array(2);
    for (let i = 0; i < 3; i++) expect(() => specialized.outcomes(holder(String(i)), out)).toThrow(/decimalLessThan: the fact is null/);
    const applies = specializeRules([never], { context: fundContext, subjectFacts: ['unitholder'] });
    expect(applies.outcomes(holder('1'), out)).toBe(0);
    expect(out[0]).toBe(RULE_OUTCOME.notApplicable);
  });

  it('remember operator answers per leaf without changing any verdict', () => {
    const rules = [rule({ all: [isRetail, lessThanLimit] }, undefined, 'test.a'), rule(lessThanLimit, isRetail, 'test.b')];
    const specialized = specializeRules(rules, { context: fundContext, subjectFacts: ['unitholder'] });
    const amounts = ['1', '499999.99', '500000', '500000.01', 499999, 500001];
    for (let i = 0; i < 12_000; i++) {
      const subject = holder(amounts[i % amounts.length], i % 7 === 0 ? 'institutional' : 'retail');
      const expected = compiledRunner.runSync(rules, { ...fundContext, facts: { ...fundContext.facts, ...subject } });
      expect(specialized.verdicts(subject)).toStrictEqual(expected);
    }
  });
});

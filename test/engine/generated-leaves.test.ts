/**
 * The generated outcome loop compares amounts and dates inline (a plain
 * decimal text against a threshold prepared once, a safe integer against a
 * whole-number threshold as numbers, two calendar dates as YYYYMMDD numbers), reads
 * subject paths once per subject and a plain object's properties without
 * asking hasOwnProperty. Here every such fast path is held to the generic
 * compiled evaluation — which the differential tests hold to json-rules-engine
 * — on values chosen to miss it: non-canonical and negative amounts,
 * exponents, leading zeros, -0, very long digit strings, numbers beyond 2^53,
 * wrong kinds, impossible and Buddhist Era dates, prototype-named path steps,
 * objects without a prototype or with getters, missing facts. The same
 * outcome, or the same error at the same rule and condition.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountOperand, canonicalAmount, compareAmounts, comparePlainAmount, plainAmountEnd } from '../../src/engine/amounts.js';
import { RULE_OUTCOME, runCompiledSync, specializeRules } from '../../src/engine/compiled-runner.js';
import type { RunContext } from '../../src/engine/runner.js';
import { RuleEvaluationError } from '../../src/model/errors.js';
import type { Condition, Rule } from '../../src/packs/schema.js';
import { tn89Pack } from '../../src/index.js';

const CODES = { 'not-applicable': RULE_OUTCOME.notApplicable, passed: RULE_OUTCOME.passed, found: RULE_OUTCOME.found } as const;
const AMOUNT_OPERATORS = ['decimalLessThan', 'decimalAtMost', 'decimalGreaterThan', 'decimalAtLeast', 'decimalEqual'] as const;
const DATE_OPERATORS = ['dateBefore', 'dateOnOrBefore', 'dateAfter', 'dateOnOrAfter'] as const;

const amounts = [
  '500000', '500000.00', '500000.0000000001', '499999.9999999999', '499999.99999999999', '0500000', '-0', '0', '0.0', '00', '-500000', '-499999.5',
  '5e5', '5E5', ' 500000', '500000 ', '+500000', '500,000', '.5', '5.', '', `1${'0'.repeat(29)}`, `1${'0'.repeat(30)}`, `9${'9'.repeat(40)}.5`, '0.0000000001',
  500000, -0, 0, 0.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true, {}, [], ['500000'],
];
const dates = ['2019-04-01', '2016-01-16', '2016-01-15', '2020-02-29', '2019-02-29', '2019-13-01', '2019-4-1', 'BE 2562-04-01', '2562-04-01 BE', ' 2019-04-01', '', '0000-01-01', '9999-12-31', 20190401, null, undefined, new Date(0), ['2019-04-01']];

// Numbers too: a safe integer (a count) is compared with a whole-number threshold as numbers, anything else by the operator.
const amount = fc.oneof(
  fc.constantFrom(...amounts),
  fc.stringMatching(/^-?\d{0,34}(\.\d{0,12})?$/),
  fc.integer().map(String),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(2 ** 53, 2 ** 53 + 2, -(2 ** 53), 999_999_999_999_999, 1e15, 1e16, '999999999999999', '1000000000000000', '9007199254740993'),
);
const date = fc.oneof(fc.constantFrom(...dates), fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));

/** A rule as the compiler reads it (what a pack's loader gives, without the texts). */
const rule = (id: string, violationWhen: Condition, appliesWhen?: Condition): Rule => ({ id, violationWhen, ...(appliesWhen ? { appliesWhen } : {}), evidence: [] }) as unknown as Rule;
const leaf = (path: string, operator: string, value: unknown): Condition => ({ fact: 'unitholder', path, operator, value }) as Condition;
const perSubject = (id: string) => ({ fact: 'param', params: { id } });

/** Rules that exercise every inline comparison, with constant and per-subject values, and paths shared between leaves. */
function rulesFor(threshold: unknown, on: unknown): Rule[] {
  const rules: Rule[] = [];
  for (const operator of AMOUNT_OPERATORS) {
    rules.push(rule(`const.${operator}`, leaf('$.first.amount', operator, threshold)));
    rules.push(rule(`param.${operator}`, leaf('$.first.amount', operator, perSubject('threshold')), leaf('$.first.date', 'dateOnOrAfter', '2016-01-16')));
  }
  for (const operator of DATE_OPERATORS) {
    rules.push(rule(`const.${operator}`, leaf('$.first.date', operator, on)));
    rules.push(rule(`param.${operator}`, { any: [leaf('$.first.date', operator, perSubject('on')), leaf('$.first.amount', 'decimalLessThan', '1000')] } as Condition));
  }
  // Prototype-named steps read as undefined unless the object has them itself; a root that is not an object is the value.
  for (const path of ['$.toString', '$.valueOf', '$.hasOwnProperty', '$.first.toString', '$.first.isPrototypeOf', '$.length', '$[0]', '$.first']) {
    rules.push(rule(`path.${path}`, leaf(path, 'equal', null)));
    rules.push(rule(`path.${path}.defined`, { not: leaf(path, 'equal', undefined) } as Condition));
  }
  rules.push(rule('missing.fact', { fact: 'nowhere', operator: 'equal', value: 1 } as Condition, leaf('$.first.amount', 'equal', 'unreachable')));
  return rules;
}

/** Parameters: `threshold` and `on` read from the subject itself (so they are per subject), anything else a constant. */
const parameter: RunContext['parameter'] = (id, facts) => {
  const holder = facts?.['unitholder'] as Record<string, unknown> | undefined;
  if (id === 'threshold' || id === 'on') return { value: holder !== null && typeof holder === 'object' ? holder[id] : undefined, packId: 'test' };
  return { value: '500000', packId: 'test' };
};
const context = (): RunContext => ({ pack: tn89Pack(), facts: { fund: { kind: 'mutual' }, asOf: '2024-06-30' }, asOf: '2024-06-30', parameter, operators: new Map() });

class Holder {
  constructor(readonly first: unknown) {}
  get threshold(): unknown {
    throw new Error('a getter on the prototype is not read');
  }
}

/** The subject's own fact in many shapes: plain, without a prototype, a class instance, an array, a text, missing. */
const holder = fc.tuple(amount, date, amount, date, fc.constantFrom('plain', 'null-prototype', 'instance', 'own toString', 'array', 'text', 'missing', 'first not an object')).map(([a, d, threshold, on, shape]) => {
  const first = { amount: a, date: d };
  switch (shape) {
    case 'plain':
      return { unitholder: { first, threshold, on } };
    case 'null-prototype':
      return { unitholder: Object.assign(Object.create(null) as object, { first: Object.assign(Object.create(null) as object, first), threshold, on }) };
    case 'instance':
      return { unitholder: new Holder(first) };
    case 'own toString':
      return { unitholder: { first: { ...first, toString: null, isPrototypeOf: 'own' }, threshold, on, toString: null, valueOf: 1 } };
    case 'array':
      return { unitholder: [first] };
    case 'text':
      return { unitholder: 'not an object' };
    case 'missing':
      return {};
    default:
      return { unitholder: { first: a, threshold, on } };
  }
});

type Answer = { codes: number[] } | { error: string; message: string; detail: unknown };
function attempt(run: () => number[]): Answer {
  try {
    return { codes: run() };
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message, detail: error instanceof RuleEvaluationError ? error.detail : undefined };
  }
}

describe('the generated loop’s inline comparisons and path reads', () => {
  it('give the generic outcomes, or the same error at the same rule and condition, subject after subject', () => {
    let errors = 0;
    let found = 0;
    fc.assert(
      fc.property(amount, date, fc.array(holder, { minLength: 1, maxLength: 12 }), fc.boolean(), (threshold, on, subjects, few) => {
        // Few rules are generated as one function, many as several sharing the subject's values.
        const all = rulesFor(threshold, on);
        const rules = few ? [...all.slice(0, 6), ...all.slice(10, 14), all.at(-1)!] : all;
        const ctx = context();
        // Generated from the first subject on; one instance over all subjects (its caches carry from one to the next).
        const specialized = specializeRules(rules, { context: ctx, subjectFacts: ['unitholder'], generateAfter: 0 });
        const out = new Uint8Array(rules.length);
        for (const subject of subjects) {
          const generic = attempt(() => {
            const verdicts = runCompiledSync(rules, { ...ctx, facts: { ...ctx.facts, ...subject } });
            return rules.map((r) => (verdicts.has(r.id) ? CODES[verdicts.get(r.id)!.outcome] : RULE_OUTCOME.noVerdict));
          });
          const generated = attempt(() => {
            specialized.outcomes(subject, out);
            return [...out];
          });
          expect(generated).toStrictEqual(generic);
          if ('error' in generic) errors++;
          else found += generic.codes.filter((c) => c === RULE_OUTCOME.found).length;
        }
      }),
      { numRuns: 400, seed: 11 },
    );
    // Both kinds of answer were compared: a wrong kind is an error, never a pass.
    expect(errors).toBeGreaterThan(100);
    expect(found).toBeGreaterThan(100);
  });

  it('report an amount of the wrong kind as the operator does, at its rule and condition', () => {
    const rules = [rule('r.amount', leaf('$.first.amount', 'decimalLessThan', '500000'))];
    const specialized = specializeRules(rules, { context: context(), subjectFacts: ['unitholder'], generateAfter: 0 });
    const out = new Uint8Array(1);
    specialized.outcomes({ unitholder: { first: { amount: '499999.99' } } }, out);
    expect(out[0]).toBe(RULE_OUTCOME.found);
    for (const [value, shown] of [['5e5', '"5e5"'], ['', '""'], [null, 'null (not recorded)'], [true, 'boolean true']] as const) {
      expect(() => specialized.outcomes({ unitholder: { first: { amount: value } } }, out)).toThrow(
        expect.objectContaining({ detail: expect.objectContaining({ ruleId: 'r.amount', condition: 'violationWhen', reason: expect.stringContaining(`operator decimalLessThan: the fact is ${shown.startsWith('"') ? `string ${shown}` : shown}`) }) }),
      );
    }
    // Leading zeros and -0 are amounts the operator makes canonical (not plain, so not compared inline).
    specialized.outcomes({ unitholder: { first: { amount: '0499999' } } }, out);
    expect(out[0]).toBe(RULE_OUTCOME.found);
    specialized.outcomes({ unitholder: { first: { amount: '-0' } } }, out);
    expect(out[0]).toBe(RULE_OUTCOME.found);
  });

  it('refuse a subject that is not an object as the closures do', () => {
    const rules = rulesFor('500000', '2016-01-16');
    const generated = specializeRules(rules, { context: context(), subjectFacts: ['unitholder'], generateAfter: 0 });
    const closures = specializeRules(rules, { context: context(), subjectFacts: ['unitholder'], generateAfter: Number.POSITIVE_INFINITY });
    const out = new Uint8Array(rules.length);
    for (const subject of [null, undefined, 'text', 7]) {
      const expected = attempt(() => [closures.outcomes(subject as unknown as Record<string, unknown>, out), ...out]);
      expect(attempt(() => [generated.outcomes(subject as unknown as Record<string, unknown>, out), ...out])).toStrictEqual(expected);
    }
  });
});

describe('plain amounts compared in place', () => {
  const text = fc.oneof(fc.constantFrom(...amounts.filter((a) => typeof a === 'string')), fc.stringMatching(/^-?\d{0,34}(\.\d{0,12})?$/), fc.stringMatching(/^[0-9.e-]{1,40}$/));
  it('measure exactly the texts plainAmount accepts, and order them as the canonical amounts are ordered', () => {
    fc.assert(
      fc.property(text, text, (value, threshold) => {
        const end = plainAmountEnd(value);
        const canonical = canonicalAmount(value);
        // Plain: digits without a leading zero (or 0), then at most one point and 1–10 digits.
        expect(end >= 0).toBe(/^(?:0|[1-9]\d{0,29})(?:\.\d{1,10})?$/.test(value));
        const operand = amountOperand(threshold);
        if (end >= 0 && operand !== undefined) expect(comparePlainAmount(value, end, operand)).toBe(compareAmounts(canonical!, operand.amount));
      }),
      { numRuns: 20_000 },
    );
  });
});

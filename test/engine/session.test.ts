/**
 * One evaluation session behind every entry point: in-force gating of
 * overriding packs by date, the same typed errors from extensions whichever
 * runner and whichever entry point (evaluate, register, order check), and
 * the one bounded validation path.
 */
import { describe, expect, it } from 'vitest';
import { typeBFund } from '../helpers/build.js';
import { Readable } from 'node:stream';
import {
  checkOrder,
  ComplianceInputError,
  defineExtensions,
  evaluate,
  evaluateRegister,
  loadPackFromObject,
  MissingExtensionError,
  prepareFund,
  RuleEvaluationError,
  tn89Pack,
  type Extensions,
  type PackInput,
  type SubjectRunner,
} from '../../src/index.js';
import { referenceRunner } from '../../src/engine/reference-runner.js';

const RULE = 'tn89.cl12.holder-outside-non-retail-fund-class';
const fund = (overrides: Record<string, unknown> = {}) =>
  typeBFund({ scheme: { investorRestriction: 'high-net-worth' }, unitholders: [{ investorId: 'I1', subscriptions: [{ date: '2018-06-01', amount: '250000' }] }], ...overrides });
// A retail investor whose first subscription is below the cl. 1 high-net-worth amount: outside a type B fund's class.
const investors = [{ id: 'I1', type: 'individual', category: 'retail', domicile: 'TH' }];

const meta = (id: string, from = '2020-01-01') => ({
  id,
  version: '1.0.0',
  notice: { th: 'นโยบายบริษัท', en: 'House policy' },
  title: { th: 'นโยบายบริษัท', en: 'House policy' },
  announced: '2020-01-01',
  inForce: { from, citation: { notice: { th: 'นโยบายบริษัท', en: 'House policy' } } },
});

/** A pack in force only from 2030 whose version of the law's rule never finds anything. */
function futureOverride(): PackInput {
  const base = tn89Pack().rules.find((r) => r.id === RULE)!;
  return {
    meta: meta('future', '2030-01-01'),
    messages: { never: { th: 'ไม่มี', en: 'never' } },
    rules: [{ ...structuredClone(base), override: true, citation: { notice: { th: 'นโยบายบริษัท', en: 'House policy' } }, appliesWhen: { fact: 'fund', path: '$.scheme.investorRestriction', operator: 'equal', value: 'high-net-worth' }, basis: [], consequence: undefined, violationWhen: { fact: 'unitholder', path: '$.investorId', operator: 'equal', value: 'nobody' }, evidence: [], message: 'never' }],
  };
}

describe('in-force gating of overriding packs', () => {
  it('a pack in force only from 2030 does not replace the law\'s rule as of 2024: the law\'s rule decides and its finding stays', async () => {
    const law = await evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30' });
    expect(law.findings.filter((f) => f.ruleId === RULE)).toHaveLength(1);
    const report = await evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [tn89Pack(), futureOverride()] });
    expect(report.findings.filter((f) => f.ruleId === RULE).map((f) => f.packId)).toEqual(['tn-89-2558']);
    expect(report.rules.find((r) => r.ruleId === RULE)).toMatchObject({ packId: 'tn-89-2558', outcome: 'found' });
    expect(report.rules.find((r) => r.ruleId === RULE)).not.toHaveProperty('replaces');
    expect(report.overrides).toEqual([]);
    // The future pack's not-in-force notice, beside the law's own notices (the law over time).
    expect(report.notices.filter((n) => n.packId !== 'future')).toEqual(law.notices);
    expect(report.notices.filter((n) => n.packId === 'future')).toHaveLength(1);
  });

  it('from 2030 the overriding version decides', async () => {
    const report = await evaluate({ funds: [fund()], investors }, { asOf: '2031-01-01', packs: [tn89Pack(), futureOverride()] });
    expect(report.rules.find((r) => r.ruleId === RULE)).toMatchObject({ packId: 'future', replaces: 'tn-89-2558', outcome: 'passed' });
    expect(report.findings.filter((f) => f.ruleId === RULE)).toEqual([]);
  });

  it('the register gates the same way', async () => {
    const rows = 'investor_id,investor_type,category,domicile,first_subscription_date,first_subscription_amount\nI1,individual,retail,TH,2018-06-01,250000\n';
    const summary = await evaluateRegister({ funds: [fund({ unitholders: [] })] }, { format: 'csv', stream: Readable.from([rows]) }, { asOf: '2024-06-30', packs: [tn89Pack(), futureOverride()] });
    expect(summary.rules.find((r) => r.ruleId === RULE)).toMatchObject({ packId: 'tn-89-2558', outcome: 'found' });
  });
});

/** A house rule on unitholders reading a custom fact through a custom operator. */
function housePack(extensions: Extensions, condition: Record<string, unknown>) {
  return loadPackFromObject(
    {
      meta: meta('house'),
      messages: { m: { th: 'ก', en: 'house finding' } },
      rules: [{ id: 'house.rule', title: { th: 'ก', en: 'house rule' }, subject: 'unitholder', severity: 'info', citation: { notice: { th: 'นโยบายบริษัท', en: 'House policy' } }, violationWhen: condition, message: 'm' }],
    } as PackInput,
    'house',
    { extensions },
  );
}

const RUNNERS = ['compiled', 'json-rules-engine'] as const;

async function failure(run: () => Promise<unknown>): Promise<RuleEvaluationError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuleEvaluationError);
  return error as RuleEvaluationError;
}

describe('condition semantics: every runner, the same typed errors', () => {
  const known = { fact: 'unitholder', path: '$.domicile', operator: 'equal', value: 'XX' };
  for (const runner of RUNNERS) {
    it(`${runner}: an operator answering a non-boolean inside "any" is an error naming pack, rule, subject and condition — never a pass`, async () => {
      const extensions = defineExtensions({ operators: { odd: () => 1 as unknown as boolean } });
      const pack = housePack(extensions, { any: [known, { fact: 'unitholder', path: '$.investorId', operator: 'odd', value: 'x' }] });
      const error = await failure(() => evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [pack], extensions, runner }));
      expect(error.detail).toMatchObject({ packId: 'house', ruleId: 'house.rule', subject: 'funds[0].unitholders[0]', condition: 'violationWhen.any[1]', extension: { kind: 'operator', name: 'odd' } });
    });

    it(`${runner}: a throwing operator is a typed error with its cause`, async () => {
      const extensions = defineExtensions({ operators: { boom: () => { throw new TypeError('bad value'); } } });
      const pack = housePack(extensions, { all: [{ ...known, operator: 'notEqual' }, { fact: 'unitholder', path: '$.investorId', operator: 'boom', value: 'x' }] });
      const error = await failure(() => evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [pack], extensions, runner }));
      expect(error.detail).toMatchObject({ packId: 'house', ruleId: 'house.rule', subject: 'funds[0].unitholders[0]', condition: 'violationWhen.all[1]', extension: { kind: 'operator', name: 'boom' } });
      expect(error.message).toContain('TypeError: bad value');
      expect(error.cause).toBeInstanceOf(TypeError);
    });

    it(`${runner}: an operator returning a Promise is an error, not a truthy object`, async () => {
      const extensions = defineExtensions({ operators: { later: () => Promise.resolve(true) as unknown as boolean } });
      const pack = housePack(extensions, { fact: 'unitholder', path: '$.investorId', operator: 'later', value: 'x' });
      const error = await failure(() => evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [pack], extensions, runner }));
      expect(error.detail.reason).toMatch(/a Promise \(custom operators are synchronous\)/);
    });

    it(`${runner}: a custom fact that rejects, never settles or throws is an error naming the fact — no unhandled rejection, no hang`, async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        for (const compute of [() => Promise.reject(new Error('late')), () => new Promise(() => undefined), () => { throw new RangeError('no data'); }]) {
          const extensions = defineExtensions({ facts: { score: { subjects: ['unitholder'], compute } } });
          const pack = housePack(extensions, { fact: 'score', operator: 'equal', value: 7 });
          const error = await failure(() => evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [pack], extensions, runner }));
          expect(error.detail).toMatchObject({ packId: 'house', ruleId: 'house.rule', subject: 'funds[0].unitholders[0]', extension: { kind: 'fact', name: 'score' } });
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  }

  it('a pack loaded with extensions but evaluated without them is a MissingExtensionError naming the rule, condition and extension', async () => {
    const extensions = defineExtensions({ facts: { score: { subjects: ['unitholder'], compute: () => 7 } } });
    const pack = housePack(extensions, { fact: 'score', operator: 'equal', value: 7 });
    const error = await evaluate({ funds: [fund()], investors }, { asOf: '2024-06-30', packs: [pack] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingExtensionError);
    expect((error as MissingExtensionError).missing).toEqual([{ packId: 'house', ruleId: 'house.rule', condition: 'violationWhen', kind: 'fact', name: 'score' }]);
  });
});

describe('the register and order checks report extension errors as evaluate does', () => {
  const rows = 'investor_id,investor_type,category,domicile,first_subscription_date,first_subscription_amount\nI1,individual,high-net-worth,TH,2018-06-01,250000\nI2,individual,high-net-worth,TH,2018-06-01,900000\n';
  const source = () => ({ format: 'csv' as const, stream: Readable.from([rows]) });

  it('a throwing custom fact and a throwing operator are both row errors naming pack, rule and extension; the run goes on', async () => {
    const factExtensions = defineExtensions({ facts: { score: { subjects: ['unitholder'], compute: ({ facts }) => { if ((facts['unitholder'] as { investorId: string }).investorId === 'I1') throw new Error('no score'); return 1; } } } });
    const operatorExtensions = defineExtensions({ operators: { boom: (fact) => { if (fact === 'I1') throw new Error('no answer'); return false; } } });
    for (const [extensions, condition, name] of [
      [factExtensions, { fact: 'score', operator: 'equal', value: 7 }, 'score'],
      [operatorExtensions, { fact: 'unitholder', path: '$.investorId', operator: 'boom', value: 'x' }, 'boom'],
    ] as const) {
      for (const runner of RUNNERS) {
        const summary = await evaluateRegister({ funds: [fund({ unitholders: [] })] }, source(), { asOf: '2024-06-30', packs: [tn89Pack(), housePack(extensions, condition)], extensions, runner });
        expect(summary.complete).toBe(true);
        expect(summary.rows).toMatchObject({ read: 2, evaluated: 1, bad: 1 });
        expect(summary.errors[0]!.issues[0]!.message).toMatch(new RegExp(`RuleEvaluationError: .*rule house\\.rule of pack house on rows\\[1\\].*"${name}"`));
      }
    }
  });

  it('the register checks waivers with the runner it was given', async () => {
    const kinds: string[] = [];
    const spy: SubjectRunner = { name: 'spy', run: (rules, context) => { kinds.push(rules[0]!.subject); return referenceRunner.run(rules, context); } };
    const waiver = { reference: 'W-1', grantedOn: '2019-01-01', ruleIds: [RULE], affectsThaiInvestors: false };
    const summary = await evaluateRegister({ funds: [fund({ unitholders: [], waivers: [waiver] })] }, source(), { asOf: '2024-06-30', runner: spy });
    expect(kinds).toContain('waiver');
    expect(summary.runner).toBe('spy');
  });

  it('checkOrder throws the same typed error for a throwing custom fact', () => {
    const extensions = defineExtensions({ facts: { score: { subjects: ['unitholder'], compute: () => { throw new Error('no score'); } } } });
    const pack = housePack(extensions, { fact: 'score', operator: 'equal', value: 7 });
    expect(() => checkOrder(fund() as never, investors[0]! as never, { kind: 'subscription', amount: '1000000' }, { asOf: '2024-06-30', investors: investors as never, packs: [pack], extensions })).toThrow(RuleEvaluationError);
  });
});

describe('one bounded validation path', () => {
  it('a scheme with a getter or a Proxy is refused without running it, by the register and by prepareFund', async () => {
    let ran = 0;
    const withGetter = fund();
    Object.defineProperty(withGetter, 'declaredType', { enumerable: true, get: () => { ran++; return 'B'; } });
    const proxied = new Proxy(fund(), { get: (target, key, receiver) => { ran++; return Reflect.get(target, key, receiver); } });
    for (const scheme of [withGetter, proxied]) {
      const error = await evaluateRegister({ funds: [scheme] }, { format: 'csv', stream: Readable.from(['investor_id\n']) }, { asOf: '2024-06-30' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ComplianceInputError);
      expect(() => prepareFund(scheme as never, investors as never, { asOf: '2024-06-30' })).toThrow(ComplianceInputError);
    }
    expect(ran).toBe(0);
  });
});

describe('unknown is unknown: rules reading a field the input marks unknown', () => {
  it('are not-applicable on that fund, with the reason in the rule and fund accounts, and the rest are evaluated', async () => {
    const scheme = fund({ scheme: { investorRestriction: 'high-net-worth' }, unknowns: [{ field: 'scheme.minimumFirstSubscription', reason: 'not in the source data' }] });
    const report = await evaluate({ funds: [scheme], investors }, { asOf: '2024-06-30' });
    const minimum = report.rules.find((a) => a.ruleId === 'tn89.cl12.first-subscription-below-scheme-minimum')!;
    expect(minimum.outcome).toBe('not-applicable');
    expect(minimum.notApplicable).toEqual([{ fundId: scheme.id, reason: 'scheme.minimumFirstSubscription is unknown: not in the source data', fields: ['scheme.minimumFirstSubscription'] }]);
    expect(report.funds[0]!.notApplicable!.map((n) => n.ruleId)).toContain('tn89.cl12.first-subscription-below-scheme-minimum');
    // Rules that read only what is known still run on the fund's subjects.
    expect(report.rules.find((a) => a.ruleId === 'tn89.cl12.holder-outside-non-retail-fund-class')!.subjects.evaluated).toBeGreaterThan(0);
  });
});


describe('the completeness guard on compiled outcome codes', () => {
  it('a rule left without a verdict stops the run, naming the rule and the subject; verdicts for all pass', async () => {
    const { EvaluationSession } = await import('../../src/engine/session.js');
    const { RULE_OUTCOME } = await import('../../src/engine/compiled-runner.js');
    const { EvaluationIncompleteError } = await import('../../src/index.js');
    const session = EvaluationSession.open({ asOf: '2024-06-30', accountKinds: ['unitholder'] });
    const group = session.groupsFor('unitholder')[0]!;
    const codes = new Uint8Array(group.rules.length).fill(RULE_OUTCOME.passed);
    expect(() => session.requireVerdicts(group, codes, 'rows[7]')).not.toThrow();
    expect(session.firstWithoutVerdict(group, codes)).toBe(-1);
    codes[2] = RULE_OUTCOME.noVerdict;
    codes[4] = RULE_OUTCOME.noVerdict;
    expect(session.firstWithoutVerdict(group, codes)).toBe(2);
    let error: unknown;
    try {
      session.requireVerdicts(group, codes, 'rows[7]');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EvaluationIncompleteError);
    expect(error).toMatchObject({ missingRuleIds: [group.rules[2]!.id], message: `Evaluation incomplete: compiled gave no verdict for ${group.rules[2]!.id} on rows[7]` });
  });
});

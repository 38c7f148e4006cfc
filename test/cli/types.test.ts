// The types a strict consumer writes against: the documented input type by name, the old name kept, locale checked,
// a finding's subject narrowed on its kind and an evidence value on its type. `npx tsc --noEmit` checks this file
// (test/ is in tsconfig.json, strict); the runtime assertions check that the types tell the truth about real reports.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  builtInRulesDirectory,
  ComplianceInputError,
  evaluate,
  type CalendarDate,
  type Evidence,
  type EvaluationInput,
  type EvaluationInputData,
  type Finding,
  type FundComplianceInput,
  type Money,
  type ParsedEvaluationInput,
  type SubjectIdentity,
} from '../../src/index.js';
import { readPackTestFile } from '../../src/subpaths/packs.js';

/** What a consumer writes: a line per finding, using the subject's own key and the evidence's typed value. */
function describeFinding(finding: Finding): string {
  const subject = finding.subject;
  let who: string;
  switch (subject.kind) {
    case 'unitholder':
      expectTypeOf(subject.investorId).toEqualTypeOf<string>();
      who = `investor ${subject.investorId.toUpperCase()}`;
      break;
    case 'accounting-period':
      expectTypeOf(subject.period.start).toEqualTypeOf<CalendarDate>();
      who = `period ${subject.period.start}–${subject.period.end}`;
      break;
    case 'office-order':
      who = `order ${subject.orderId}`;
      break;
    case 'recorded-ground':
      expectTypeOf(subject.groundItem).toEqualTypeOf<number>();
      who = `ground (${subject.groundItem + 0})`;
      break;
    case 'fund':
      // A fund subject has no investor: the key is typed absent.
      expectTypeOf(subject.investorId).toEqualTypeOf<undefined>();
      who = `fund ${subject.fundId}`;
      break;
    default:
      who = subject.kind;
  }
  const values = finding.evidence.map((e) => {
    if (e.type === 'money') {
      expectTypeOf(e.value).toEqualTypeOf<Money | null>();
      return e.value === null ? 'n/a' : `${e.value} THB`;
    }
    if (e.type === 'date') {
      expectTypeOf(e.value).toEqualTypeOf<CalendarDate | null>();
      return e.value ?? 'n/a';
    }
    if (e.type === 'months' || e.type === 'days' || e.type === 'number') {
      expectTypeOf(e.value).toEqualTypeOf<number | null>();
      return String(e.value?.toFixed(0));
    }
    if (e.type === 'boolean') return e.value === null ? 'n/a' : e.value ? 'yes' : 'no';
    if (e.type === 'list') return String(e.value?.length);
    return String(e.value);
  });
  return `${finding.ruleId} ${who}: ${values.join(', ')}`;
}

describe('types that guide', () => {
  it('names the documented input type FundComplianceInput (EvaluationInputData is the same type) and evaluate takes it first', () => {
    expectTypeOf<EvaluationInputData>().toEqualTypeOf<FundComplianceInput>();
    // The parsed type is named apart: defaults filled in (investors always present), so it is not what a caller writes.
    expectTypeOf<ParsedEvaluationInput['investors']>().not.toBeUndefined();
    expectTypeOf<undefined>().toExtend<FundComplianceInput['investors']>();
    expectTypeOf<EvaluationInput>().toEqualTypeOf<ParsedEvaluationInput>();
    expectTypeOf<FundComplianceInput['funds'][number]['kind']>().toEqualTypeOf<'mutual' | 'private' | 'provident'>();
    // evaluate's first overload takes the documented input (editors complete its fields); the second takes data of unknown shape.
    const input: FundComplianceInput = { funds: [] };
    // Type-level only: the call is not run (an empty fund list is an input error at run time).
    expectTypeOf(() => evaluate(input, { asOf: '2024-06-30' })).returns.resolves.toHaveProperty('findings');
    // @ts-expect-error locale is 'th' | 'en'
    void (() => evaluate(input, { asOf: '2024-06-30', locale: 'TH' }));
  });

  it('types a subject by its kind and an evidence value by its type', () => {
    expectTypeOf<Extract<SubjectIdentity, { kind: 'unitholder' }>['investorId']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<Evidence, { type: 'money' }>['value']>().toEqualTypeOf<Money | null>();
    // A subject without its kind's key, or a money value that is a number, does not compile.
    // @ts-expect-error a unitholder subject names its investor
    const noInvestor: SubjectIdentity = { kind: 'unitholder', fundId: 'F', pointer: 'funds[0].unitholders[0]' };
    // @ts-expect-error money is a decimal string, not a number
    const numericMoney: Evidence = { name: 'amount', type: 'money', value: 250000, source: 'unitholder.firstSubscription.amount' };
    void noInvestor;
    void numericMoney;
  });

  it('tells the truth: every finding of the built-in pack tests has a subject with its kind’s key and evidence values of their declared type', async () => {
    const directory = join(builtInRulesDirectory(), 'tn-89-2558', 'tests');
    const seen = { kinds: new Set<string>(), types: new Set<string>() };
    for (const name of readdirSync(directory).filter((f) => f.endsWith('.yaml'))) {
      const { cases, issues } = readPackTestFile(join(directory, name));
      expect(issues).toEqual([]);
      for (const testCase of cases) {
        const report = await evaluate(testCase.input, { asOf: testCase.asOf });
        for (const finding of report.findings) {
          seen.kinds.add(finding.subject.kind);
          expect(describeFinding(finding)).toContain(finding.ruleId);
          const key = { unitholder: 'investorId', 'accounting-period': 'period', 'office-order': 'orderId', 'scheme-amendment': 'amendmentId', 'fund-manager': 'fundManager', obligation: 'obligationId', waiver: 'waiverReference', 'recorded-ground': 'groundItem', fund: undefined }[finding.subject.kind];
          if (key) expect(finding.subject, finding.ruleId).toHaveProperty(key);
          for (const e of finding.evidence) {
            seen.types.add(e.type);
            if (e.value === null) continue;
            const ok = {
              money: () => typeof e.value === 'string' && /^-?\d+(\.\d+)?$/.test(e.value),
              date: () => typeof e.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(e.value),
              months: () => Number.isInteger(e.value),
              days: () => Number.isInteger(e.value),
              number: () => typeof e.value === 'number',
              text: () => typeof e.value === 'string',
              boolean: () => typeof e.value === 'boolean',
              list: () => Array.isArray(e.value),
              object: () => typeof e.value === 'object' && !Array.isArray(e.value),
            }[e.type]();
            expect(ok, `${finding.ruleId} ${e.name}: ${e.type} ${JSON.stringify(e.value)}`).toBe(true);
          }
        }
      }
    }
    // The cases reach more than one kind of subject and the common evidence types.
    expect(seen.kinds.size).toBeGreaterThan(2);
    for (const type of ['money', 'date', 'text']) expect(seen.types).toContain(type);
  });

  it('checks locale at run time: a JavaScript caller’s "TH" is an input error, not English output', async () => {
    const error = await evaluate({ funds: [] }, { asOf: '2024-06-30', locale: 'TH' as 'th' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComplianceInputError);
    expect((error as ComplianceInputError).issues[0]).toMatchObject({ pointer: 'locale', code: 'invalid_value' });
  });
});

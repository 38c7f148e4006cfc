// Dates are parsed once, into one representation every operator takes as it
// is: the latest supported Buddhist Era date is evaluated (never refused later
// by an operator re-parsing it), and a date outside the supported range is an
// input error with its path — in evaluate and in the CLI, never exit 3.
import { rmSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { evaluate, loadPackFromObject, PackError, tn89Pack, type PackInput } from '../../src/index.js';
import { cli, workspace } from '../cli/helpers/cli.js';
import { inputIssues, validInput, withValue } from './helpers.js';

function lateInput(approval = 'BE 2942-01-01', subscription = 'BE 2942-01-02') {
  const input = validInput();
  withValue(input, ['funds', 0, 'approvalDate'], approval);
  withValue(input, ['funds', 0, 'unitholders', 0, 'subscriptions', 0, 'date'], subscription);
  return input;
}

describe('the latest supported date is evaluated by every operator', () => {
  it('evaluate: approval and subscription in B.E. 2942 give a report (no OperatorTypeError)', async () => {
    const report = await evaluate(lateInput(), { asOf: 'BE 2942-06-30', packs: [tn89Pack()] });
    expect(report.asOf).toBe('2399-06-30');
    expect(report.findings.some((f) => f.subject.fundId === 'M0042_2561')).toBe(true);
  });

  it('check: the same scheme file exits 1 with a report', async () => {
    const dir = workspace({ 'late.json': JSON.stringify(lateInput()) });
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const r = await cli(['check', 'late.json', '--as-of', 'BE 2942-06-30', '--format', 'json'], { cwd: dir });
    expect(r.code, r.err).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toContain('2399-06-30');
  });
});

describe('a date outside 1900-2399 (B.E. 2443-2942) is an input error with its path', () => {
  it.each([
    ['funds', 0, 'approvalDate'],
    ['funds', 0, 'unitholders', 0, 'subscriptions', 0, 'date'],
  ])('at %s…', async (...path) => {
    for (const date of ['BE 2943-01-01', 'BE 3600-01-01', '1899-12-31']) {
      const input = withValue(validInput(), path, date);
      const issues = inputIssues(await evaluate(input, { asOf: '2024-06-30', packs: [tn89Pack()] }).catch((e: unknown) => e));
      expect(issues.map((i) => i.path.join('.'))).toContain(path.join('.'));
      expect(issues.find((i) => i.path.join('.') === path.join('.'))!.message).toMatch(/outside the supported dates/);
    }
  });

  it('the CLI names the field and exits 2 (the B.E. 2943 scheme that used to exit 3)', async () => {
    const dir = workspace({ 'far.json': JSON.stringify(lateInput('BE 2943-01-01', 'BE 2943-01-02')) });
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const r = await cli(['check', 'far.json', '--as-of', '2024-06-30'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/far\.json:\d+:\d+: funds\[0\]\.approvalDate: .*outside the supported dates/);
    expect((await cli(['check', 'far.json', '--as-of', 'BE 2943-06-30'], { cwd: dir })).err).toMatch(/--as-of: .*outside the supported dates/);
  });
});

describe('dates and months in a pack', () => {
  const pack = (dateValue: unknown, months: unknown) =>
    ({
      meta: { ...tn89Pack().meta, id: 'house', title: { th: 'ภายใน', en: 'House' } },
      messages: { m: { th: 'ข้อความ', en: 'message' } },
      parameters: [{ id: 'house-months', description: { th: 'เดือน', en: 'months' }, type: 'months', values: [{ from: '2016-01-16', value: months, citation: { clause: 1 } }] }],
      rules: [
        {
          id: 'house.approved-before',
          title: { th: 'กฎ', en: 'Rule' },
          subject: 'fund',
          severity: 'warning',
          citation: { clause: 1 },
          violationWhen: { fact: 'fund', path: '$.approvalDate', operator: 'dateBefore', value: dateValue },
          message: 'm',
        },
      ],
    }) as unknown as PackInput;

  it('a Buddhist Era literal in a pack means the same date as its Gregorian form', async () => {
    const found = async (value: string) => (await evaluate(validInput(), { asOf: '2024-06-30', packs: [tn89Pack(), loadPackFromObject(pack(value, 12))] })).findings.some((f) => f.ruleId === 'house.approved-before');
    expect(await found('BE 2561-06-01')).toBe(true);
    expect(await found('2018-06-01')).toBe(true);
    expect(await found('BE 2561-04-01')).toBe(false);
  });

  it('a months parameter beyond the bound (6000) is refused at load', () => {
    let error: unknown;
    try {
      loadPackFromObject(pack('2018-06-01', 95_000));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).issues.map((i) => i.pointer).join('\n')).toMatch(/parameters\[0\]\.values\[0\]\.value/);
  });
});

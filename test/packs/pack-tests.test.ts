import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRulesDirectory, defineExtensions, lintPack, loadPackFromDirectory, runPackTests, tn89Pack } from '../../src/index.js';
import { packTemplate } from '../../src/cli/pack-template.js';

const builtIn = join(builtInRulesDirectory(), 'tn-89-2558');

describe('pack test cases (OpenFisca style)', () => {
  it('the built-in TorNor. 89/2558 cases all pass through the same runner', async () => {
    const { results, issues } = await runPackTests(builtIn, { packs: [tn89Pack()] });
    expect(issues).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(8);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('a case that expects the wrong thing fails with a readable diff', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-tests-'));
    cpSync(builtIn, dir, { recursive: true });
    const file = join(dir, 'tests', 'cl1-high-net-worth.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('threshold: "500000", totalSubscribed', 'threshold: "400000", totalSubscribed').replace('subscriptions:\n              - { date: 2023-03-10, amount: "499999.99" }', 'subscriptions:\n              - { date: 2015-03-10, amount: "100" }\n              - { date: 2023-03-10, amount: "499999.99" }'));
    const { results } = await runPackTests(dir, { packs: [tn89Pack()] });
    const failed = results.find((r) => r.name.startsWith('an investor whose first subscription was 499,999.99'))!;
    expect(failed.passed).toBe(false);
    expect(failed.diff).toEqual([
      '- expected tn89.cl12.holder-outside-non-retail-fund-class, investor I-001',
      expect.stringMatching(/^\+ unexpected tn89\.cl16\.first-subscription-before-commencement, fund M0377_2562, investor I-001: /),
    ]);
  });
});

describe('pack test selection and places', () => {
  /** The `pack init` pack with its comparison done by a custom operator that counts its calls. */
  function countingPack() {
    const dir = mkdtempSync(join(tmpdir(), 'pack-filter-'));
    for (const [name, text] of Object.entries(packTemplate('house'))) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), name.startsWith('rules/') ? text.replace('operator: decimalLessThan', 'operator: countedLessThan') : text);
    }
    const calls = { count: 0 };
    const extensions = defineExtensions({ operators: { countedLessThan: (a: unknown, b: unknown) => (calls.count++, Number(a) < Number(b)) } });
    return { dir, calls, extensions, pack: loadPackFromDirectory(dir, { extensions }) };
  }

  it('selects cases before running them: a filtered-out case is never evaluated', async () => {
    const { dir, calls, extensions, pack } = countingPack();
    const all = await runPackTests(dir, { packs: [tn89Pack(), pack], extensions });
    expect(all.results.length).toBeGreaterThan(1);
    const perCase = calls.count / all.results.length;
    calls.count = 0;
    const first = all.results[0]!.name;
    const one = await runPackTests(dir, { packs: [tn89Pack(), pack], extensions, filter: (name) => name === first });
    expect(one.results.map((r) => r.name)).toEqual([first]);
    expect(calls.count).toBeGreaterThan(0);
    expect(calls.count).toBeLessThan(perCase * all.results.length);
    calls.count = 0;
    const none = await runPackTests(dir, { packs: [tn89Pack(), pack], extensions, filter: () => false });
    expect(none.results).toEqual([]);
    expect(calls.count).toBe(0);
  });

  it('names the line each case starts on in its file', async () => {
    const { dir, extensions, pack } = countingPack();
    const { results } = await runPackTests(dir, { packs: [tn89Pack(), pack], extensions });
    const text = readFileSync(join(dir, 'tests', 'house-policy.yaml'), 'utf8').split('\n');
    for (const result of results) expect(text[result.line! - 1], result.name).toContain(`- name: ${result.name}`);
  });
});

describe('pack lint', () => {
  it('finds nothing wrong with the built-in pack', () => {
    expect(lintPack(builtIn, { base: [] }).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('reports each problem with its file, path and a fix hint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-lint-'));
    cpSync(builtIn, dir, { recursive: true });
    const rule = join(dir, 'rules', 'cl3-no-fund-manager-appointed.yaml');
    writeFileSync(rule, readFileSync(rule, 'utf8').replace('operator: decimalEqual', 'operator: lessThan'));
    expect(lintPack(dir, { base: [] })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', file: expect.stringContaining('cl3-no-fund-manager-appointed.yaml'), pointer: 'violationWhen.operator', hint: expect.stringContaining('decimalLessThan') }),
      ]),
    );
    // A message with only one language is refused at once (the file's shape is checked before references).
    const messages = join(dir, 'messages.yaml');
    writeFileSync(messages, readFileSync(messages, 'utf8').replace(/    en: "Fund \{fundId\} has no appointed fund manager[^\n]*\n/, ''));
    expect(lintPack(dir, { base: [] })).toEqual([
      expect.objectContaining({ severity: 'error', file: expect.stringContaining('messages.yaml'), pointer: 'messages.no-fund-manager-appointed.en', hint: expect.stringContaining('both Thai') }),
    ]);
  });

  it('keys each fix hint on the problem’s code, not on its wording', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-lint-'));
    cpSync(builtIn, dir, { recursive: true });
    const rule = join(dir, 'rules', 'cl3-no-fund-manager-appointed.yaml');
    writeFileSync(
      rule,
      readFileSync(rule, 'utf8')
        .replace('citation: { clause: 3 }', 'citation: { clause: 99 }')
        .replace('{ fact: fund, path: $.activeOnAsOf,', '{ fact: fundd, path: $.activeOnAsOf,')
        .replace('path: $.fundManagersRecorded,', 'path: $.fundManagersRecordd,')
        .replace('{ name: fundManagerCount, fact: fund, path: $.fundManagerCount, type: number }', '{ name: fundManagerCount, fact: param, params: { id: no-such-parameter }, type: number }'),
    );
    const issues = lintPack(dir, { base: [] });
    const byCode = (code: string) => issues.find((i) => i.code === code);
    expect(byCode('unknown_clause')).toMatchObject({ pointer: 'citation.clause', hint: expect.stringContaining('clauses.yaml') });
    expect(byCode('unknown_fact')).toMatchObject({ pointer: 'appliesWhen.all[0].fact', hint: expect.stringContaining('defineExtensions') });
    expect(byCode('unknown_field')).toMatchObject({ pointer: 'appliesWhen.all[1].path', hint: expect.stringContaining('spelling of the path') });
    expect(byCode('unknown_parameter')).toMatchObject({ pointer: 'evidence[0].params.id', hint: expect.stringContaining('parameters.yaml') });
    // Every error of a pack check carries a code, and the code alone decides the hint.
    for (const issue of issues.filter((i) => i.severity === 'error')) expect(issue.code, issue.message).toBeDefined();
  });

  it('warns about a gap between dated values and errors on an override of an id that does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-lint-'));
    cpSync(builtIn, dir, { recursive: true });
    const parameters = join(dir, 'parameters.yaml');
    writeFileSync(
      parameters,
      readFileSync(parameters, 'utf8').replace(
        '      - from: 2016-01-16\n        value: "500000"\n        citation: { clause: 1, term: ผู้มีเงินลงทุนสูง }',
        '      - from: 2016-01-16\n        to: 2019-12-31\n        value: "500000"\n        citation: { clause: 1, term: ผู้มีเงินลงทุนสูง }\n      - from: 2020-02-01\n        value: "500000"\n        citation: { clause: 1, term: ผู้มีเงินลงทุนสูง }',
      ),
    );
    const rule = join(dir, 'rules', 'cl3-no-fund-manager-appointed.yaml');
    writeFileSync(rule, readFileSync(rule, 'utf8').replace('id: tn89.cl3.no-fund-manager-appointed', 'id: tn89.cl3.no-fund-manager-appointedd\noverride: true'));
    const issues = lintPack(dir, { base: [] });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/from 2020-01-01 to 2020-01-31/) }),
        expect.objectContaining({ severity: 'error', message: expect.stringMatching(/overrides nothing/) }),
      ]),
    );
  });
});

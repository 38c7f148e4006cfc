/**
 * `pack lint` and `pack test`, run in-process through `main` with a captured
 * io, on the example house-policy pack and on broken copies of it written to
 * temporary directories.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/index.js';

const root = resolve(__dirname, '../..');
const example = join(root, 'examples', 'house-policy');
const RULE_FILE = 'rules/retail-fund-foreign-holder-enhanced-kyc.yaml';
const CASES_FILE = 'tests/house-policy.yaml';

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, env: {} });
  return { code, out, err };
}

/** A copy of the example as `<tmp>/house-policy`, each file changed by its edit (an edit that changes nothing fails the test). */
/** The example's threshold with an earlier era added before its 2020 value, ending on `to`. */
function withEarlierEra(text: string, to: string): string {
  const era = `      - from: 2016-01-16\n        to: ${to}\n        value: "500000"\n        citation: { notice: { th: ทน. 89/2558, en: TorNor. 89/2558 }, clause: 1, term: ผู้มีเงินลงทุนสูง }\n`;
  const at = text.indexOf('      - from: 2020-01-01\n        value: "1000000"');
  if (at < 0) throw new Error('the example parameters changed: update withEarlierEra');
  return text.slice(0, at) + era + text.slice(at);
}

function brokenCopy(edits: Record<string, (text: string) => string>): { cwd: string; dir: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'pack-commands-'));
  const dir = join(cwd, 'house-policy');
  cpSync(example, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const before = (() => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '';
      }
    })();
    const after = edit(before);
    expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
    writeFileSync(path, after);
  }
  return { cwd, dir };
}

/** The 1-based line of the first line of a file of the copy that contains `text`. */
function lineOf(dir: string, file: string, text: string): number {
  const index = readFileSync(join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(text));
  expect(index, `${file} has no line with ${text}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** One printed lint issue: `error  <file>:<line>:<column>: <path>: <message>` and, on the next line, `fix: <hint>`. */
function lintIssue(out: string, severity: 'error' | 'warning', file: string, path: string) {
  const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^  ${severity}  (\\S*${escaped(file)}):(\\d+):(\\d+): ${escaped(path)}: (.+)\\n {9}fix: (.+)$`, 'm').exec(out);
  expect(m, `no ${severity} at ${file}:<line>:<column>: ${path} with a fix in:\n${out}`).not.toBeNull();
  return { file: m![1]!, line: Number(m![2]), column: Number(m![3]), message: m![4]!, fix: m![5]! };
}

describe('pack lint', () => {
  it('exits 0 on the example house-policy pack, with no errors and no warnings', async () => {
    const r = await cli(['pack', 'lint', 'examples/house-policy'], root);
    expect(r).toEqual({ code: 0, out: 'examples/house-policy: 0 errors, 0 warnings\n', err: '' });
  });

  it('exits 2 on a directory that does not exist', async () => {
    const r = await cli(['pack', 'lint', 'no-such-pack'], root);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('error: cannot lint:\n  no-such-pack: not a pack directory\n');
  });

  it('an unknown fact: exit 1, file:line:column, path, message and a fix', async () => {
    const { cwd, dir } = brokenCopy({ [RULE_FILE]: (t) => t.replace('- { fact: unitholder, path: $.assessedOn, operator: equal, value: null }', '- { fact: kycProfile, path: $.assessedOn, operator: equal, value: null }') });
    const r = await cli(['pack', 'lint', 'house-policy'], cwd);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^house-policy: 1 error, 0 warnings\n/);
    const issue = lintIssue(r.out, 'error', RULE_FILE, 'violationWhen.any[0].fact');
    expect(issue.line).toBe(lineOf(dir, RULE_FILE, 'kycProfile'));
    expect(issue.column).toBe(9);
    expect(issue.message).toMatch(/^unknown fact "kycProfile"; known facts: fund, asOf, param, lookup, unitholder, /);
    expect(issue.fix).toContain('register a custom fact with defineExtensions');
  });

  it('an unknown operator: exit 1, with the decimal and date operators as the fix', async () => {
    const { cwd, dir } = brokenCopy({ [RULE_FILE]: (t) => t.replace('operator: dateAfter', 'operator: greaterThan') });
    const r = await cli(['pack', 'lint', 'house-policy'], cwd);
    expect(r.code).toBe(1);
    const issue = lintIssue(r.out, 'error', RULE_FILE, 'violationWhen.any[1].all[1].operator');
    expect(issue.line).toBe(lineOf(dir, RULE_FILE, 'greaterThan'));
    expect(issue.message).toMatch(/^unknown operator "greaterThan"; known operators: equal, notEqual, .*dateAfter/);
    expect(issue.fix).toMatch(/decimalLessThan.*dateBefore/);
  });

  it('a rule without a citation: exit 1', async () => {
    const { cwd } = brokenCopy({ [RULE_FILE]: (t) => t.replace(/^citation:\n(  .*\n)+/m, '') });
    const r = await cli(['pack', 'lint', 'house-policy'], cwd);
    expect(r.code).toBe(1);
    const issue = lintIssue(r.out, 'error', RULE_FILE, 'citation');
    expect(issue.message).toBe('missing: give an object (a mapping of fields)');
    expect(issue.fix).toBe('add the missing field');
  });

  it('a citation that names neither a clause nor another notice: exit 1', async () => {
    const { cwd, dir } = brokenCopy({
      [RULE_FILE]: (t) => t.replace(/^citation:\n(  .*\n)+/m, 'citation: { term: ลูกค้าต่างประเทศ }\n'),
    });
    const r = await cli(['pack', 'lint', 'house-policy'], cwd);
    expect(r.code).toBe(1);
    const issue = lintIssue(r.out, 'error', RULE_FILE, 'citation');
    expect(issue.line).toBe(lineOf(dir, RULE_FILE, 'citation: { term'));
    expect(issue.message).toBe('a citation names a clause, or another notice');
    expect(issue.fix).toContain('notice: { th, en }');
  });

  it('two rules with the same id: exit 1', async () => {
    const { cwd, dir } = brokenCopy({ 'rules/copy.yaml': () => readFileSync(join(example, RULE_FILE), 'utf8') });
    const r = await cli(['pack', 'lint', 'house-policy'], cwd);
    expect(r.code).toBe(1);
    const issue = lintIssue(r.out, 'error', RULE_FILE, 'id');
    expect(issue.message).toBe('duplicate rule id "house.retail-fund-foreign-holder-enhanced-kyc"');
    expect(issue.line).toBe(lineOf(dir, RULE_FILE, 'id: house.'));
    expect(issue.fix).toContain('its own id');
  });

  it('dated values that overlap: exit 1, with "to:" the day before as the fix', async () => {
    const { cwd, dir } = brokenCopy({ 'parameters.yaml': (t) => withEarlierEra(t, '2020-01-01') });
    const r = await cli(['pack', 'lint', 'house-policy'], cwd);
    expect(r.code).toBe(1);
    const issue = lintIssue(r.out, 'error', 'parameters.yaml', 'parameters[0].values');
    expect(issue.line).toBe(lineOf(dir, 'parameters.yaml', 'values:'));
    expect(issue.message).toBe('dated values overlap: the value from 2016-01-16 runs into the one from 2020-01-01 (give the earlier one a "to" before 2020-01-01)');
    expect(issue.fix).toContain('"to:" the day before');
  });

  it('a gap between dated values: a warning with the days no value covers (exit 0: warnings pass)', async () => {
    const { cwd, dir } = brokenCopy({ 'parameters.yaml': (t) => withEarlierEra(t, '2019-11-30') });
    const r = await cli(['pack', 'lint', 'house-policy'], cwd);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^house-policy: 0 errors, 1 warning\n/);
    const issue = lintIssue(r.out, 'warning', 'parameters.yaml', 'parameters[0].values');
    expect(issue.line).toBe(lineOf(dir, 'parameters.yaml', 'values:'));
    expect(issue.message).toBe('no value of hnw-minimum-first-subscription is in force from 2019-12-01 to 2019-12-31; an evaluation on those dates fails');
    expect(issue.fix).toBe('extend "to:" to 2019-12-31 or add a value for the gap');
  });

  it('a gap and an error of the packs together: exit 1, both listed', async () => {
    const { cwd } = brokenCopy({
      'parameters.yaml': (t) => withEarlierEra(t, '2019-11-30'),
      'pack.yaml': (t) => t.replace('- rule: tn89.cl4.performance-disclosure-overdue', '- rule: tn89.cl4.performance-disclosure-overdu'),
    });
    const r = await cli(['pack', 'lint', 'house-policy'], cwd);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^house-policy: 1 error, 1 warning\n/);
    expect(r.out).toMatch(/^ {2}error {2}.*cannot disable tn89\.cl4\.performance-disclosure-overdu: no pack evaluated with this one has that rule$/m);
    expect(lintIssue(r.out, 'warning', 'parameters.yaml', 'parameters[0].values').message).toMatch(/^no value of hnw-minimum-first-subscription is in force from 2019-12-01/);
  });

  it('a message without English: exit 1, asking for both languages', async () => {
    const { cwd, dir } = brokenCopy({ 'messages.yaml': (t) => t.replace(/\n    en: .*/, '') });
    const r = await cli(['pack', 'lint', 'house-policy'], cwd);
    expect(r.code).toBe(1);
    const issue = lintIssue(r.out, 'error', 'messages.yaml', 'messages.retail-fund-foreign-holder-enhanced-kyc.en');
    expect(issue.line).toBe(lineOf(dir, 'messages.yaml', 'retail-fund-foreign-holder-enhanced-kyc:'));
    expect(issue.message).toBe('missing: give a text value');
    expect(issue.fix).toBe('give the text in both Thai ("th") and English ("en")');
  });

  it.each([
    {
      what: 'a parameter override of an id no earlier pack has',
      file: 'parameters.yaml',
      edit: (t: string) => t.replace('- id: hnw-minimum-first-subscription', '- id: hnw-minimum-first-subscriptions'),
      line: 'override: true',
      pointer: 'parameters[0].override',
      message: /parameter hnw-minimum-first-subscriptions overrides nothing/,
      fix: /remove "override: true"/,
    },
    {
      what: 'a rule override of an id no earlier pack has',
      file: RULE_FILE,
      edit: (t: string) => t.replace('id: house.retail-fund-foreign-holder-enhanced-kyc', 'id: tn89.cl4.performance-disclosure-overdu\noverride: true'),
      line: 'override: true',
      pointer: 'override',
      message: /rule tn89\.cl4\.performance-disclosure-overdu overrides nothing/,
      fix: /remove "override: true"/,
    },
    {
      what: 'a disable of a rule no pack has',
      file: 'pack.yaml',
      edit: (t: string) => t.replace('- rule: tn89.cl4.performance-disclosure-overdue', '- rule: tn89.cl4.performance-disclosure-overdu'),
      line: '- rule: tn89.cl4.performance-disclosure-overdu',
      pointer: 'disable[0].rule',
      message: /cannot disable tn89\.cl4\.performance-disclosure-overdu/,
      fix: /lists every rule/,
    },
  ])('$what: exit 1, at the file, line and column of the id', async ({ file, edit, line, pointer, message, fix }) => {
    const { cwd, dir } = brokenCopy({ [file]: edit });
    const r = await cli(['pack', 'lint', 'house-policy'], cwd);
    expect(r.code).toBe(1);
    const issueLine = r.out.split('\n').find((l) => message.test(l));
    expect(issueLine, r.out).toBeDefined();
    const m = /^ {2}error {2}(\S+):(\d+):(\d+): (\S+): /.exec(issueLine!);
    expect(m, `"${issueLine}" names no file:line:column`).not.toBeNull();
    expect(m![1]).toMatch(new RegExp(`house-policy/${file.replaceAll('.', '\\.')}$`));
    expect(Number(m![2])).toBe(lineOf(dir, file, line));
    expect(m![4]).toBe(pointer);
    expect(r.out).toMatch(fix);
  });
});

describe('pack test', () => {
  it('exits 0 on the example house-policy pack, every case passing', async () => {
    const r = await cli(['pack', 'test', 'examples/house-policy'], root);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^examples\/house-policy: (\d+) passed, 0 failed$/);
    expect(Number(/: (\d+) passed/.exec(lines.at(-1)!)![1])).toBeGreaterThanOrEqual(5);
    expect(lines.slice(0, -1).every((l) => /^pass {2}examples\/house-policy\/tests\/house-policy\.yaml:\d+: /.test(l))).toBe(true);
  });

  it('exits 1 with a readable diff when a case expects the wrong thing', async () => {
    const { cwd } = brokenCopy({
      [CASES_FILE]: (t) =>
        t
          .replace('threshold: "1000000", totalSubscribed', 'threshold: "500000", totalSubscribed')
          .replace('      - { ruleId: tn89.cl12.first-subscription-below-scheme-minimum, investorId: TH-IND-000101 }\n', '')
          .replace(/(      - ruleId: tn89\.cl12\.first-subscription-below-scheme-minimum\n        investorId: TH-IND-000101\n        evidence: \{ schemeMinimum: "1000000" \}\n)/, ''),
      'pack.yaml': (t) => t.slice(0, t.indexOf('disable:')),
    });
    const r = await cli(['pack', 'test', 'house-policy'], cwd);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL {2}\S*house-policy\/tests\/house-policy\.yaml:8: under the house policy a first subscription of 999,999\.99 THB does not make a high-net-worth investor\n/);
    expect(r.out).toContain('        ~ tn89.cl12.holder-outside-non-retail-fund-class, investor TH-IND-000101: evidence threshold is "1000000", expected "500000"\n');
    expect(r.out).toMatch(/FAIL {2}\S*: a fund that tracks its disclosures but never disclosed its performance gets no finding from the disabled rule\n {8}\+ unexpected tn89\.cl4\.performance-disclosure-overdue, fund M0413_2563: .*\n {8}~ report status is findings, expected no-findings\n/);
    expect(r.out).toMatch(/house-policy: \d+ passed, 2 failed\n$/);
  });

  it('exits 1 naming the finding a case expected but did not get', async () => {
    const { cwd } = brokenCopy({ [CASES_FILE]: (t) => t.replace('  expect:\n    findings: []\n    status: no-findings\n\n- name: the house KYC rule does not reach', '  expect:\n    findings:\n      - { ruleId: house.retail-fund-foreign-holder-enhanced-kyc, investorId: TH-IND-000104 }\n\n- name: the house KYC rule does not reach') });
    const r = await cli(['pack', 'test', 'house-policy'], cwd);
    expect(r.code).toBe(1);
    expect(r.out).toContain('        - expected house.retail-fund-foreign-holder-enhanced-kyc, investor TH-IND-000104\n');
  });

  it('exits 2 on a malformed test file (YAML), naming the file', async () => {
    const { cwd } = brokenCopy({ 'tests/broken.yaml': () => '- name: unclosed\n  asOf: [2024-06-30\n' });
    const r = await cli(['pack', 'test', 'house-policy'], cwd);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: cannot run the pack tests:\n {2}\S*house-policy\/tests\/broken\.yaml: \(file\): YAML: /);
  });

  it('exits 2 on a test file whose case lacks "expect" or has an unknown key, with the path of each problem', async () => {
    const { cwd } = brokenCopy({ 'tests/broken.yaml': () => '- name: a case without expectations\n  asof: 2024-06-30\n  input: { funds: [] }\n' });
    const r = await cli(['pack', 'test', 'house-policy'], cwd);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/house-policy\/tests\/broken\.yaml(:\d+:\d+)?: \[0\]\.asOf: /);
    expect(r.err).toMatch(/house-policy\/tests\/broken\.yaml(:\d+:\d+)?: \[0\]\.expect: /);
    expect(r.err).toMatch(/house-policy\/tests\/broken\.yaml:2:3: \[0\]\.asof: unknown field "asof"/);
  });

  it('exits 2 on a directory that does not exist, and on a pack without test cases', async () => {
    const missing = await cli(['pack', 'test', 'no-such-pack'], root);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('error: cannot test:\n  no-such-pack: not a pack directory\n');

    const { cwd, dir } = brokenCopy({});
    rmSync(join(dir, 'tests'), { recursive: true });
    const empty = await cli(['pack', 'test', 'house-policy'], cwd);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('house-policy: no test cases in tests/*.yaml');
  });
});

describe('check --pack with the example', () => {
  it('evaluates the example after the built-in pack: the house threshold, the house rule, and no finding of the disabled rule', async () => {
    const args = ['check', 'examples/schemes/house-policy-funds.yaml', '--as-of', '2024-06-30', '--format', 'json'];
    const law = await cli(args, root);
    const withHouse = await cli([...args, '--pack', 'examples/house-policy'], root);
    expect(law.code).toBe(1);
    expect(withHouse.code).toBe(1);
    const report = (out: string) => (JSON.parse(out) as { reports: { report: Report }[] }).reports[0]!.report;
    const ids = (out: string) => report(out).findings.map((f) => f.ruleId).sort();
    expect(ids(law.out)).toEqual(['tn89.cl12.first-subscription-below-scheme-minimum', 'tn89.cl4.performance-disclosure-overdue']);
    expect(ids(withHouse.out)).toEqual(['house.retail-fund-foreign-holder-enhanced-kyc', 'tn89.cl12.holder-outside-non-retail-fund-class']); // one finding per holder: not again as below the scheme minimum
    expect(report(withHouse.out).overrides).toEqual([{ kind: 'parameter', id: 'hnw-minimum-first-subscription', by: 'example-amc-house-policy', replaces: 'tn-89-2558' }]);
    expect(report(withHouse.out).disabled.map((d) => [d.ruleId, d.by])).toEqual([['tn89.cl4.performance-disclosure-overdue', 'example-amc-house-policy']]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { cli, workspace } from './helpers/cli.js';
import { sarifSchemaErrors } from './helpers/sarif-schema.js';
import { HNW_MINIMUM_LINE, hnwScheme } from './helpers/schemes.js';
import { all, parseXml } from './helpers/xml.js';

/**
 * A broken file is a result, as a parse error is in eslint or semgrep: every
 * format carries it, the other files are still checked, the report is written,
 * and the exit code is 2.
 */

const AS_OF = ['--as-of', '2024-06-30'];

// A failing scheme two folders down, a broken one, a bad field, and a clean one.
const tree = {
  'schemes/clean.yaml': hnwScheme('500000', 'M0001_2560'),
  'schemes/sub/deeper/failing.yaml': hnwScheme('100000', 'M0002_2560'),
  'schemes/sub/broken.yaml': 'id: [unclosed\n',
  'schemes/bad-field.yaml': hnwScheme('500000', 'M0003_2560').replace('declaredType: B', 'declaredType: Q'),
  'schemes/.git/ignored.yaml': 'id: [unclosed\n',
  'schemes/node_modules/pkg/ignored.yaml': 'id: [unclosed\n',
};

async function run(format: string, extra: string[] = []) {
  const dir = workspace(tree);
  const out = `reports/out.${format}`;
  const r = await cli(['check', 'schemes', ...AS_OF, '--format', format, '--output', out, ...extra], { cwd: dir });
  return { ...r, dir, text: readFileSync(join(dir, out), 'utf8') };
}

describe('check: input problems are results in every format', () => {
  it('walks into nested folders: a failing scheme two levels down fails the run', async () => {
    const dir = workspace({ 'schemes/ok.yaml': hnwScheme('500000', 'M0001_2560'), 'schemes/sub/deeper/failing.yaml': hnwScheme('100000', 'M0002_2560') });
    const r = await cli(['check', 'schemes', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`at schemes/sub/deeper/failing.yaml:${HNW_MINIMUM_LINE}:3`);
    expect(r.out).toContain('2 files checked');
    const flat = await cli(['check', 'schemes', '--no-recursive', ...AS_OF], { cwd: dir });
    expect(flat.code).toBe(0);
    expect(flat.out).toContain('1 file checked');
  });

  it('JSON: a problems entry per problem with file, line and column; the good files’ reports; exit 2', async () => {
    const r = await run('json');
    expect(r.code).toBe(2);
    const json = JSON.parse(r.text);
    expect(json.reports.map((x: { file: string }) => x.file)).toEqual(['schemes/clean.yaml', 'schemes/sub/deeper/failing.yaml']);
    expect(json.failing).toBe(1);
    expect(json.problems).toHaveLength(2);
    expect(json.problems[0]).toMatchObject({ file: 'schemes/bad-field.yaml', pointer: 'funds[0].declaredType', line: 5, column: 1 });
    expect(json.problems[1]).toMatchObject({ file: 'schemes/sub/broken.yaml', line: 2, column: 1 });
    expect(json.problems[1].message).toMatch(/^invalid YAML: /);
    expect(r.err).toMatch(/^error: 2 input problems in 2 files/);
  });

  it('SARIF: an error result at the file and line, a tool notification, a valid log; exit 2', async () => {
    const r = await run('sarif');
    expect(r.code).toBe(2);
    const log = JSON.parse(r.text) as Log;
    expect(sarifSchemaErrors(log)).toEqual([]);
    const [runOf] = log.runs;
    const errors = runOf!.results!.filter((x) => x.ruleId === 'input-problem');
    expect(errors.map((x) => [x.level, x.locations![0]!.physicalLocation!.artifactLocation!.uri, x.locations![0]!.physicalLocation!.region?.startLine])).toEqual([
      ['error', 'schemes/bad-field.yaml', 5],
      ['error', 'schemes/sub/broken.yaml', 2],
    ]);
    expect(runOf!.tool.driver.rules![errors[0]!.ruleIndex!]!.id).toBe('input-problem');
    // The failing scheme's finding is still there.
    expect(runOf!.results!.some((x) => x.ruleId === 'tn89.cl1.hnw-scheme-minimum-below-threshold')).toBe(true);
    const invocation = runOf!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.exitCode).toBe(2);
    expect(invocation.toolExecutionNotifications!.filter((n) => n.level === 'error')).toHaveLength(2);
  });

  it('JUnit: an <error> per problem in a suite of its own file, beside the checked files’ suites; exit 2', async () => {
    const r = await run('junit');
    expect(r.code).toBe(2);
    const root = parseXml(r.text);
    expect(root.attributes['errors']).toBe('2');
    const suites = all(root, 'testsuite');
    expect(suites.map((s) => s.attributes['name'])).toEqual(['schemes/bad-field.yaml', 'schemes/sub/broken.yaml', 'schemes/clean.yaml', 'schemes/sub/deeper/failing.yaml']);
    const errors = all(root, 'error');
    expect(errors).toHaveLength(2);
    expect(errors[1]!.text).toMatch(/^schemes\/sub\/broken\.yaml:2:1: invalid YAML/);
    expect(all(root, 'failure').length).toBeGreaterThan(0);
  });

  it('text and HTML: each problem a line, with the other files’ findings; exit 2', async () => {
    const text = await run('text');
    expect(text.code).toBe(2);
    expect(text.text).toContain('ERROR  schemes/sub/broken.yaml:2:1: invalid YAML');
    expect(text.text).toContain(`at schemes/sub/deeper/failing.yaml:${HNW_MINIMUM_LINE}:3`);
    const html = await run('html');
    expect(html.code).toBe(2);
    expect(html.text).toContain('<code>schemes/sub/broken.yaml:2:1</code>');
    expect(html.text).toContain('Not checked: 2 input problems');
  });

  it('an argument that names nothing is a problem too; the other arguments are still checked', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('100000') });
    const r = await cli(['check', 'fund.yaml', 'missing.yaml', ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out);
    expect(json.reports).toHaveLength(1);
    expect(json.problems).toEqual([{ file: 'missing.yaml', message: 'no such file or directory' }]);
  });
});

// The README's CLI section is what users copy: its workflow must be a valid
// GitHub Actions job that uploads SARIF, and its commands must run.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli, workspace } from './helpers/cli.js';
import { sarifSchemaErrors } from './helpers/sarif-schema.js';
import { hnwScheme } from './helpers/schemes.js';

const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## The CLI\n'), readme.indexOf('\n## ', readme.indexOf('## The CLI\n') + 1));
const blocks = (lang: string) => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

describe('the README’s CLI section', () => {
  const workflow = parse(blocks('yaml').find((b) => b.includes('\njobs:'))!) as { on: unknown; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs)[0]!.steps;

  it('has a workflow that checks out, sets up Node 20, installs the package and runs its action as SARIF', () => {
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@v\d+$/);
    expect(steps[1]!).toMatchObject({ uses: expect.stringMatching(/^actions\/setup-node@v\d+$/), with: { 'node-version': 20 } });
    expect(steps[2]!.run).toBe('npm ci');
    expect(steps[3]!).toMatchObject({ uses: './node_modules/thai-fund-compliance', with: { files: 'schemes', format: 'sarif' } });
    expect(workflow.permissions['security-events']).toBe('write');
  });

  it('uses an action that the package ships, with the inputs the workflow gives', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('action.yml');
    const action = parse(readFileSync(resolve(__dirname, '../../action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
    for (const input of Object.keys(steps[3]!.with!)) expect(Object.keys(action.inputs)).toContain(input);
  });

  it('has a SARIF command that writes a valid SARIF log', async () => {
    const command = blocks('sh').flatMap((b) => b.split('\n')).find((line) => line.includes('--format sarif'))!;
    const args = command.split(' ').slice(2);
    const dir = workspace({ 'schemes/fund.yaml': hnwScheme('100000') });
    const r = await cli(args, { cwd: dir });
    // A type B scheme's minimum below the cl. 1 amount is a violation: at the default --fail-on, so exit 1, and in the log as an error.
    expect(r.code).toBe(1);
    const log = JSON.parse(readFileSync(join(dir, 'results.sarif'), 'utf8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level])).toEqual([['tn89.cl1.hnw-scheme-minimum-below-threshold', 'error']]);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('schemes/fund.yaml');
  });

  it('has a config file example that check accepts', async () => {
    const config = blocks('yaml').find((b) => b.startsWith('# thai-fund-compliance.config.yaml'))!;
    const dir = workspace({ 'thai-fund-compliance.config.yaml': config.replace('packs: [rules/house-policy]\n', ''), 'schemes/fund.yaml': hnwScheme('500000') });
    const r = await cli(['check', '--as-of', '2024-06-30', '--format', 'json'], { cwd: dir });
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ failOn: 'warning', reports: [{ file: 'schemes/fund.yaml' }] });
  });

  it('has shell examples that run', async () => {
    const commands = blocks('sh').flatMap((b) => b.split('\n')).filter((line) => line.startsWith('npx thai-fund-compliance '));
    expect(commands.length).toBeGreaterThanOrEqual(3);
    const dir = workspace({ 'schemes/fund.yaml': hnwScheme('500000') });
    for (const command of commands) {
      const args = command.replace(/#.*$/, '').replace(/\[[^\]]*\]/g, '').trim().split(/\s+/).slice(2);
      const r = await cli(args, { cwd: dir });
      expect(r.code, `${command}\n${r.err}`).toBe(0);
    }
  });
});

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
  const workflow = parse(blocks('yaml')[0]!) as { on: unknown; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs)[0]!.steps;

  it('has a workflow that checks out, sets up Node 20, checks the schemes as SARIF and always uploads it', () => {
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@v\d+$/);
    expect(steps[1]!).toMatchObject({ uses: expect.stringMatching(/^actions\/setup-node@v\d+$/), with: { 'node-version': 20 } });
    expect(steps[2]!.run).toBe('npx thai-fund-compliance check schemes/ --format sarif --output results.sarif');
    expect(steps[3]!).toMatchObject({ if: 'always()', uses: expect.stringMatching(/^github\/codeql-action\/upload-sarif@v\d+$/), with: { sarif_file: 'results.sarif' } });
    expect(workflow.permissions['security-events']).toBe('write');
  });

  it('has a check command that writes a valid SARIF log where the workflow uploads it from', async () => {
    const args = steps[2]!.run!.split(' ').slice(2);
    const dir = workspace({ 'schemes/fund.yaml': hnwScheme('100000') });
    const r = await cli(args, { cwd: dir });
    // A type B scheme's minimum below the cl. 1 amount is a warning (the law branch's reading): below the default --fail-on, so exit 0, and still in the log.
    expect(r.code).toBe(0);
    const log = JSON.parse(readFileSync(join(dir, 'results.sarif'), 'utf8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level])).toEqual([['tn89.cl1.hnw-scheme-minimum-below-threshold', 'warning']]);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('schemes/fund.yaml');
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

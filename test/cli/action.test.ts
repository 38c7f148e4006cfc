// The composite action at the repository root: its inputs reach the CLI as written, its
// check step runs the CLI next to it and records the exit code, and the upload and the
// failing step follow from it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workspace } from './helpers/cli.js';
import { HNW_MINIMUM_LINE, hnwScheme } from './helpers/schemes.js';

const root = resolve(__dirname, '../..');

interface ActionStep {
  id?: string;
  name: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as Action;
const [checkStep, uploadStep, failStep] = action.runs.steps;

/** The action's directory as installed: dist/cli.cjs runs this repository's CLI from its sources. */
function installedAction(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tfc-action-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist/cli.cjs'), `import(${JSON.stringify(pathToFileURL(join(root, 'src/cli/bin.ts')).href)});\n`);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  return dir;
}

/** Run the check step as the runner does (`bash -e -o pipefail`), each input an environment variable. */
function runCheckStep(cwd: string, inputs: Record<string, string>): { outputs: Record<string, string>; stdout: string; status: number | null } {
  const withDefaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default]));
  const env: Record<string, string> = {};
  for (const [name, expression] of Object.entries(checkStep!.env!)) {
    const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expression)![1]!;
    env[name] = withDefaults[input]!;
  }
  const output = join(mkdtempSync(join(tmpdir(), 'tfc-gh-')), 'output');
  writeFileSync(output, '');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', checkStep!.run!], {
    cwd,
    env: { ...process.env, ...env, GITHUB_ACTION_PATH: installedAction(), GITHUB_OUTPUT: output, NODE_OPTIONS: `--import=${pathToFileURL(join(root, 'node_modules/tsx/dist/esm/index.mjs')).href}`, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { outputs, stdout: r.stdout, status: r.status };
}

describe('action.yml', () => {
  it('is a composite action whose inputs reach the shell only through the environment', () => {
    expect(action.runs.using).toBe('composite');
    expect(checkStep!.run).not.toContain('${{');
    expect(failStep!.run).not.toContain('${{');
    expect(uploadStep!.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
    expect(uploadStep!.if).toContain("inputs.format == 'sarif'");
    expect(failStep!.if).toContain("steps.check.outputs.exit-code != '0'");
    expect(action.outputs['exit-code']!.value).toBe('${{ steps.check.outputs.exit-code }}');
  });

  it('writes annotations by default and records exit code 1 on a finding, walking into folders', () => {
    const dir = workspace({ 'schemes/sub/fund.yaml': hnwScheme('100000') });
    const r = runCheckStep(dir, { files: 'schemes', 'as-of': '2024-06-30' });
    expect(r.status).toBe(0); // the step itself succeeds, so the upload can run; the last step fails
    expect(r.outputs['exit-code']).toBe('1');
    expect(r.stdout).toMatch(new RegExp(`^::error file=schemes/sub/fund\\.yaml,line=${HNW_MINIMUM_LINE},col=3,`, 'm'));
  });

  it('writes SARIF for the upload, keeps quoted patterns for the CLI, and records exit 2 for a broken file', () => {
    const dir = workspace({ 'schemes/a.yaml': hnwScheme('500000'), 'schemes/b.yaml': 'id: [\n' });
    const r = runCheckStep(dir, { files: "schemes/*.yaml", format: 'sarif', 'as-of': '2024-06-30', 'sarif-file': 'out/results.sarif' });
    expect(r.outputs['exit-code']).toBe('2');
    expect(r.outputs['sarif-file']).toBe('out/results.sarif');
    const log = JSON.parse(readFileSync(join(dir, 'out/results.sarif'), 'utf8'));
    expect(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['input-problem']);
  });
});

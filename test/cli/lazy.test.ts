import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

/** The modules one run of the CLI loads (from the sources, through tsx). */
function loadedModules(args: string[]): { urls: string[]; status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tfc-lazy-'));
  const trace = join(dir, 'trace.txt');
  writeFileSync(trace, '');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', join(root, 'test/cli/helpers/trace-imports.mjs'), join(root, 'src/cli/bin.ts'), ...args], {
    cwd: root, // where tsx resolves
    env: { ...process.env, TRACE_IMPORTS_FILE: trace, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { urls: readFileSync(trace, 'utf8').split('\n').filter(Boolean), status: r.status, out: r.stdout };
}

const heavy = (urls: string[]) => urls.filter((u) => /\/node_modules\/(zod|json-rules-engine|decimal\.js|yaml)\/|\/src\/(engine|packs|model|batch|pretrade)\//.test(u));

describe('lazy command loading', () => {
  it('--help lists every command without loading the library, zod, yaml or the rules engine', () => {
    const { urls, status, out } = loadedModules(['--help']);
    expect(status).toBe(0);
    for (const name of ['check', 'rules', 'explain', 'pack', 'register', 'order']) expect(out).toMatch(new RegExp(`\\n  ${name}\\b`));
    expect(urls.some((u) => u.endsWith('/src/cli/main.ts'))).toBe(true); // the trace works
    expect(heavy(urls)).toEqual([]);
    expect(urls.filter((u) => u.includes('/src/cli/commands/'))).toEqual([]);
  });

  it('check (the compiled evaluator) never loads json-rules-engine: the reference runner is loaded only when asked for', () => {
    const { urls, status } = loadedModules(['check', 'fixtures/funds/01-retail-funds-clean.yaml', '--as-of', '2024-06-30']);
    expect(status).toBe(0);
    expect(urls.some((u) => u.includes('/src/engine/session.ts'))).toBe(true); // it did evaluate
    expect(urls.filter((u) => /json-rules-engine|reference-runner/.test(u))).toEqual([]);
  });

  it('a command loads its own module only', () => {
    const { urls } = loadedModules(['rules', '--help']);
    const commands = urls.filter((u) => u.includes('/src/cli/commands/')).map((u) => u.replace(/^.*\/src\/cli\/commands\//, ''));
    expect([...new Set(commands)]).toEqual(['rules.ts']);
  });
});

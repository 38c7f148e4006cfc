// The published package is clean: `npm run check:package` packs it once and
// runs publint and @arethetypeswrong/cli on the tarball (see
// scripts/check-package.mjs). CI runs `npm test`, so CI enforces it. The
// script is also shown to fail on a package with wrong types, so a pass means
// something.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const script = join(root, 'scripts', 'check-package.mjs');

function checkPackage(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('npm run check:package', () => {
  it('is the script package.json runs', async () => {
    const { default: manifest } = await import('../../package.json', { with: { type: 'json' } });
    expect(manifest.scripts['check:package']).toBe('node scripts/check-package.mjs');
  });

  it('passes: publint and arethetypeswrong find nothing in the packed tarball', () => {
    // The test command packs once from its build (TFC_TEST_TARBALL); alone, the script packs itself.
    const tarball = process.env['TFC_TEST_TARBALL'];
    const { status, out } = tarball ? checkPackage('--tarball', tarball) : checkPackage();
    expect(out).toMatch(/^packed thai-fund-compliance@\d+\.\d+\.\d+: \d+ files/m);
    expect(out).toContain('contents: ok');
    expect(out).toContain('publint: no problems');
    expect(out).toContain('attw: no problems');
    expect(out).toMatch(/node10: OK[\s\S]*node16 \(from CJS\): OK \(CJS\)[\s\S]*node16 \(from ESM\): OK \(ESM\)[\s\S]*bundler: OK/);
    expect(status, out).toBe(0);
  }, 240_000);

  it('fails on a package whose types are wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'broken-package-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'broken-types', version: '1.0.0', type: 'module', exports: { '.': { import: './index.js', require: './index.js', types: './index.d.ts' } } }));
    writeFileSync(join(dir, 'index.js'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'index.d.ts'), 'export declare const x: number;\n');
    const { status, out } = checkPackage('--dir', dir);
    expect(out).toMatch(/publint: \d+ problem/);
    expect(out).toMatch(/types should be the first in the object/);
    expect(out).toContain('attw: problems found');
    expect(out).toContain('check:package failed');
    expect(status).toBe(1);
  }, 120_000);
});

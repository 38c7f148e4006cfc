// The API reference builds from the TSDoc comments with typedoc
// (`npm run docs`, typedoc.json): no warning, in particular none about a type
// that the public API uses but does not export. (The generated docs/api is not
// committed; docs/README.md says how to build it.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

const root = resolve(__dirname, '../..');

describe('npm run docs', () => {
  it('typedoc.json documents the public barrel and the subpath exports into docs/api and fails on missing exports', () => {
    const config = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as Record<string, unknown>;
    // The barrel and each subpath export (thai-fund-compliance/engine, /packs, /register, /pretrade).
    expect(config['entryPoints']).toEqual(['src/index.ts', 'src/subpaths/engine.ts', 'src/subpaths/packs.ts', 'src/subpaths/register.ts', 'src/subpaths/pretrade.ts']);
    expect(config['out']).toBe('docs/api');
    expect(config['treatValidationWarningsAsErrors']).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.docs).toBe('typedoc');
  });

  it('builds without a warning', () => {
    const out = mkdtempSync(join(tmpdir(), 'api-docs-'));
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    const result = spawnSync('npm', ['run', '--silent', 'docs', '--', '--out', out], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    const log = `${result.stdout}${result.stderr}`.replace(/^npm warn .*\n/gm, '');
    expect(log).not.toMatch(/\[warning\]|\[error\]/);
    expect(log).not.toMatch(/is referenced by .* but not included in the documentation/);
    expect(result.status, log).toBe(0);
    // Several entry points: each page is named after its module (`index.` for the barrel).
    for (const page of ['index.html', 'functions/index.evaluate.html', 'classes/index.ComplianceInputError.html', 'functions/index.loadPackFromObject.html', 'modules/subpaths_engine.html', 'classes/subpaths_engine.EvaluationSession.html', 'modules/subpaths_packs.html', 'modules/subpaths_register.html', 'modules/subpaths_pretrade.html']) {
      expect(existsSync(join(out, page)), page).toBe(true);
    }
    expect(readFileSync(join(out, 'functions', 'index.evaluate.html'), 'utf8')).toContain('ComplianceInputError');
  }, 180_000);
});

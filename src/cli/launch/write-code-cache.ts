/**
 * Build step (tsup.config.ts, and the bench's own build): write the CLI's
 * code cache (code-cache.ts) by running the built CLI once over the example
 * funds, so that the functions a `check` uses are compiled and cached.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_CACHE_FILE } from './code-cache.js';

export function writeCliCodeCache(distDir: string, examples = 'fixtures/funds'): void {
  const cli = join(distDir, 'cli.cjs');
  const result = spawnSync(process.execPath, [cli, 'check', examples, '--as-of', '2024-06-30'], {
    encoding: 'utf8',
    // Without NODE_OPTIONS: V8 rejects a cache made under other flags than the user's run.
    env: { ...process.env, NODE_OPTIONS: '', THAI_FUND_COMPLIANCE_WRITE_CODE_CACHE: '1' },
  });
  // check exits 1 when it finds something, which the examples are made to.
  if (result.status === null || result.status > 1 || !existsSync(join(distDir, CODE_CACHE_FILE))) {
    throw new Error(`writing the CLI's code cache failed (node ${cli} check ${examples}: exit ${result.status}): ${result.stderr || result.error?.message}`);
  }
}

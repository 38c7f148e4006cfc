/**
 * The package as a user gets it: `npm pack` (its prepack builds dist/), then
 * `npm install` of the tarball into a fresh directory. End-to-end test files
 * run in parallel and every pack rebuilds dist/ (tsup cleans it first), so
 * packing is serialised across processes with a lock directory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(__dirname, '../../..');
const LOCK = join(tmpdir(), `thai-fund-compliance-pack-${Buffer.from(root).toString('hex').slice(-24)}.lock`);
const STALE_MS = 5 * 60_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock<T>(fn: () => T): T {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      sleep(250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * The tarball under test: the one the test command packed once from the
 * build it made (TFC_TEST_TARBALL), or, when a test file runs alone, a fresh
 * `npm pack` (whose prepack builds dist/).
 */
export function packedTarball(prefix: string): string {
  const given = process.env['TFC_TEST_TARBALL'];
  if (given && existsSync(given)) return given;
  const packDir = mkdtempSync(join(tmpdir(), `${prefix}-pack-`));
  withLock(() => execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }));
  const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  return join(packDir, tarball);
}

/** Install the packed tarball into a new directory, as a user would; returns that directory. */
export function packAndInstall(prefix: string): string {
  const tarball = packedTarball(prefix);
  const consumer = mkdtempSync(join(tmpdir(), `${prefix}-consumer-`));
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: consumer, stdio: ['ignore', 'ignore', 'inherit'] });
  return consumer;
}

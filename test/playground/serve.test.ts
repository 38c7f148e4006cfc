// `thai-fund-compliance playground`: the server serves the built folder's own
// files and nothing else; a bad --port is a usage error, not a stack trace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundServer } from '../../src/cli/commands/playground.js';
import { cli } from '../cli/helpers/cli.js';

let base: string;
const server = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'tfc-playground-serve-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>playground</title>');
  writeFileSync(join(dir, 'playground.js'), 'void 0;');
  writeFileSync(join(dir, 'notes.txt'), 'not served');
  return playgroundServer(dir);
})();

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('the playground server', () => {
  it('serves the page at / and its script, with their types', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>playground</title>');
    const script = await fetch(`${base}/playground.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing else: no other file type, no path out of the folder, no method but GET and HEAD', async () => {
    expect((await fetch(`${base}/notes.txt`)).status).toBe(404);
    expect((await fetch(`${base}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/../../package.json`)).status).toBe(404);
    expect((await fetch(`${base}/`, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('refuses a port that is not one, as a usage error', async () => {
    const run = await cli(['playground', '--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(run.err).toBe('error: --port eighty: give a port number from 0 to 65535 (0: any free port)\n');
  });
});

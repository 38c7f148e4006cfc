/**
 * `sec pull` and the client against a local HTTP server on 127.0.0.1 that
 * replays the SEC's real v2 responses (fixtures/sec-open-data/v2): cursor
 * paging, a 429, a 500, a malformed page, a wrong key. No other network.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fetchAll, SecApiError } from '../../src/index.js';

const FIXTURES = new URL('../../fixtures/sec-open-data/', import.meta.url);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as { items: Record<string, unknown>[] } & Record<string, unknown>;
const KEY = 'test-subscription-key';
const CURSOR = 'MnxFMTBBQzI3YkQvUXNQ';

interface Seen {
  path: string;
  query: Record<string, string>;
  status: number;
}

/** Scripted answers: per "path?cursor" a queue of failures served before the real answer. */
let failures: Map<string, ('429' | '500' | 'malformed' | '401')[]>;
let seen: Seen[];
let server: Server;
let baseUrl: string;

function answer(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const query = Object.fromEntries(url.searchParams);
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    seen.push({ path: url.pathname, query, status });
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
  if (req.headers['ocp-apim-subscription-key'] !== KEY) return send(401, '{"statusCode":401,"message":"Access denied due to invalid subscription key."}');
  const queue = failures.get(`${url.pathname}?${query['next_cursor'] ?? ''}`) ?? failures.get('*');
  const failure = queue?.shift();
  if (failure === '429') return send(429, '{"statusCode":429,"message":"Rate limit is exceeded."}', { 'retry-after': '0' });
  if (failure === '500') return send(500, 'Internal Server Error');
  if (failure === 'malformed') return send(200, '{"message":"success","page_size":100,"next_cursor":"","items":[{"proj_id":"M00');
  if (failure === '401') return send(401, '{}');
  const empty = { message: 'success', page_size: 100, next_cursor: '', items: [] };
  if (url.pathname === '/v2/fund/general-info/profiles') {
    // Page 1: the SEC's example profile, with a cursor; page 2: the real record M0001_2558, the last page.
    if (!query['next_cursor']) return send(200, JSON.stringify({ ...fixture('v2/profiles.example.json'), next_cursor: CURSOR }));
    if (query['next_cursor'] === CURSOR) return send(200, JSON.stringify({ ...empty, items: [fixture('v2/profile.M0001_2558.json')] }));
    return send(400, '{"message":"bad cursor"}');
  }
  if (url.pathname === '/v2/fund/general-info/involve-parties') return send(200, JSON.stringify(query['proj_id'] === 'M0000_2552' ? { ...fixture('v2/involve-parties.example.json'), next_cursor: '' } : empty));
  if (url.pathname === '/v2/fund/factsheet/subscription-redemption-minimums') {
    return send(200, JSON.stringify(query['proj_id'] === 'M0000_2552' ? { ...fixture('v2/subscription-redemption-minimums.example.json'), next_cursor: null } : empty));
  }
  return send(404, '{}');
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  failures = new Map();
  seen = [];
});

async function cli(args: string[], cwd: string, env: Record<string, string> = { SEC_API_KEY: KEY }) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd, env });
  return { code, out, err };
}

const pullArgs = (out = 'funds.ndjson') => ['sec', 'pull', '--amc', 'C0000000023', '--out', out, '--base-url', baseUrl, '--backoff', '1'];
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');

describe('sec pull', () => {
  it('pages through the profiles, rides out a 429, a 500 and a malformed page, and writes one fund a line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-pull-'));
    failures.set(`/v2/fund/general-info/profiles?${CURSOR}`, ['429', '500']);
    failures.set('/v2/fund/general-info/involve-parties?', ['malformed']);
    const r = await cli(pullArgs(), dir);
    expect(r.err).toMatch(/retry 1 of profiles page 2 .*HTTP 429/);
    expect(r.err).toMatch(/retry 2 of profiles page 2 .*HTTP 500/);
    expect(r.err).toMatch(/retry 1 of parties page 1 .*not a v2 response/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/pulled C0000000023: 2 projects fetched, 2 funds written to funds\.ndjson, 0 refused/);
    const funds = lines(join(dir, 'funds.ndjson')).map((l) => JSON.parse(l));
    expect(funds.map((f) => [f.id, f.status, f.declaredType ?? null, f.scheme.minimumFirstSubscription ?? null])).toEqual([
      ['M0000_2552', 'registered', 'R', '5000'],
      ['M0001_2558', 'dissolved', null, null],
    ]);
    const profileCalls = seen.filter((s) => s.path.endsWith('/profiles'));
    expect(profileCalls.map((s) => [s.status, s.query['next_cursor'] ?? ''])).toEqual([
      [200, ''],
      [429, CURSOR],
      [500, CURSOR],
      [200, CURSOR],
    ]);
    expect(profileCalls[0]!.query).toMatchObject({ company_info: 'C0000000023', page_size: '100' });
    expect(seen.find((s) => s.path.endsWith('/subscription-redemption-minimums'))!.query).toMatchObject({ proj_id: 'M0000_2552', latest: 'true' });
  });

  it('check and register read the pulled file: no finding from what SEC data lacks, the unknowns reported per rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-pull-'));
    expect((await cli(pullArgs(), dir)).code).toBe(0);
    const r = await cli(['check', 'funds.ndjson', '--as-of', '2022-07-01', '--format', 'json'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const { report } = JSON.parse(r.out).reports[0];
    expect(report.findings).toEqual([]);
    expect(report.funds.map((f: { fundId: string }) => f.fundId)).toEqual(['M0000_2552', 'M0001_2558']);
    const cl3 = report.rules.find((rule: { ruleId: string }) => rule.ruleId === 'tn89.cl3.no-fund-manager-appointed');
    expect(cl3.outcome).toBe('not-applicable');
    expect(cl3.notApplicable.map((n: { fundId: string }) => n.fundId)).toContain('M0000_2552');
    // A register of holders for the pulled fund: a retail holder below the fund's stated minimum of 5,000 THB.
    const csv = 'fund_id,investor_id,investor_type,category,domicile,first_subscription_date,first_subscription_amount\nM0000_2552,INV-1,individual,retail,TH,2022-07-01,1000\n';
    writeFileSync(join(dir, 'register.csv'), csv);
    const belowMinimum = async (at: string) => {
      const reg = await cli(['register', 'funds.ndjson', 'register.csv', '--as-of', '2022-07-01', '--format', 'ndjson'], at);
      const records = reg.out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
      const summary = records.find((r) => r.type === 'summary');
      return { code: reg.code, rule: summary.rules.find((x: { ruleId: string }) => x.ruleId === 'tn89.cl12.first-subscription-below-scheme-minimum') };
    };
    // The scheme's investor restriction is not in SEC data: the rule that reads it is not run, so no finding rests on it.
    expect(await belowMinimum(dir)).toMatchObject({ code: 0, rule: { outcome: 'not-applicable', subjects: { evaluated: 0 } } });
    // Read from the declared type (the user's choice, listed as an assumption), the rule runs and finds the holder.
    const assumed = mkdtempSync(join(tmpdir(), 'sec-pull-'));
    expect((await cli([...pullArgs(), '--investor-restriction', 'from-declared-type'], assumed)).code).toBe(0);
    writeFileSync(join(assumed, 'register.csv'), csv);
    expect(await belowMinimum(assumed)).toMatchObject({ code: 1, rule: { outcome: 'found', subjects: { found: 1 } } });
  });

  it('resumes: funds already written are kept and not fetched again; a line cut short is dropped and fetched again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-pull-'));
    expect((await cli(pullArgs(), dir)).code).toBe(0);
    const file = join(dir, 'funds.ndjson');
    const [first, second] = lines(file);
    writeFileSync(file, `${first}\n${second!.slice(0, 40)}`);
    seen = [];
    const r = await cli(pullArgs(), dir);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/resuming: 1 fund already in funds\.ndjson/);
    expect(r.out).toMatch(/1 fund written to funds\.ndjson \(plus 1 from before\)/);
    expect(lines(file)).toEqual([first, second]);
    expect(seen.filter((s) => s.query['proj_id'] === 'M0000_2552')).toEqual([]);
  });

  it('without the key in the environment it stops with exit 2 and names the variable; a wrong key is a 401 with a hint, not retried', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-pull-'));
    const none = await cli(pullArgs(), dir, {});
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/set the environment variable SEC_API_KEY/);
    const wrong = await cli(pullArgs(), dir, { SEC_API_KEY: 'wrong' });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/HTTP 401 \(is the subscription key right/);
    expect(seen).toHaveLength(1);
    expect(wrong.err).not.toContain('wrong');
  });

  it('gives up after the bounded number of retries, keeps what it wrote, and says how to resume', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-pull-'));
    failures.set('/v2/fund/general-info/involve-parties?', ['500', '500', '500', '500']);
    const r = await cli([...pullArgs(), '--retries', '2'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/HTTP 500; gave up after 3 tries/);
    expect(seen.filter((s) => s.path.endsWith('/involve-parties')).map((s) => s.status)).toEqual([500, 500, 500]);
  });

  it('shows a progress line on a terminal only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-pull-'));
    let err = '';
    const code = await main(pullArgs(), { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s), isTTY: true }, cwd: dir, env: { SEC_API_KEY: KEY } });
    expect(code).toBe(0);
    expect(err).toMatch(/\r\u001b\[KC0000000023: \d+ projects?, \d+ pages? read/);
    const piped = await cli(pullArgs('other.ndjson'), dir);
    expect(piped.err).not.toMatch(/pages? read/);
  });

  it('refuses a management company id that is not one, before any request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-pull-'));
    const r = await cli(['sec', 'pull', '--amc', 'MFC', '--out', 'x.ndjson', '--base-url', baseUrl], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--amc: expected a management company id such as C0000000290/);
    expect(seen).toEqual([]);
  });
});

describe('fetchAll', () => {
  it('follows next_cursor to the last page ("" ends it) and waits as told by Retry-After', async () => {
    failures.set(`/v2/fund/general-info/profiles?${CURSOR}`, ['429']);
    const waits: number[] = [];
    const pages = await fetchAll('profiles', { company_info: 'C0000000023' }, { subscriptionKey: KEY, baseUrl, sleep: async (ms) => void waits.push(ms) });
    expect(pages.map((p) => p.items.map((i) => (i as { proj_id: string }).proj_id))).toEqual([['M0000_2552'], ['M0001_2558']]);
    expect(waits).toEqual([0]);
  });

  it('a page that stays malformed is an SecApiError once the retries are spent', async () => {
    failures.set('*', ['malformed', 'malformed']);
    await expect(fetchAll('parties', { proj_id: 'M0000_2552' }, { subscriptionKey: KEY, baseUrl, retries: 1, sleep: async () => {} })).rejects.toThrow(SecApiError);
  });
});

// Nothing silently accepted: a key written twice in JSON (scheme files and
// NDJSON rows), a register cut off inside its last field, an unknown locale.
// Pack errors list each problem once (no spurious "(root)" line).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { evaluate, evaluateRegister, loadPackFromDirectory, PackError, tn89Pack, type RowError } from '../../src/index.js';
import { findDuplicateKey, parseJson } from '../../src/io/json.js';
import { cli, workspace } from '../cli/helpers/cli.js';
import { inputIssues, validInput } from './helpers.js';
import { REGISTER_FUND } from '../helpers/build.js';

const root = resolve(__dirname, '../..');
const AS_OF = '2024-06-30';
const FUND = REGISTER_FUND;
const HEADER = 'fund_id,investor_id,investor_type,category,domicile,assessed_on,first_subscription_date,first_subscription_amount';

function ws(files: Record<string, string>): string {
  const dir = workspace(files);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('a key written twice in JSON is an input error with its line', () => {
  it('check: at the top level and nested, as for YAML', async () => {
    const top = '{\n  "id": "A",\n  "id": "B"\n}\n';
    const nested = JSON.stringify(FUND, null, 2).replace('"minimumFirstSubscription": "500000"', '"minimumFirstSubscription": "1000000",\n    "minimumFirstSubscription": "10"');
    const dir = ws({ 'top.json': top, 'nested.json': nested });
    const r = await cli(['check', 'top.json', 'nested.json', '--as-of', AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.out).toContain('top.json:3:3: invalid JSON: the key "id" is written twice in one object; write each key once');
    const line = nested.split('\n').findIndex((l, i, all) => l.includes('minimumFirstSubscription') && all.slice(0, i).some((p) => p.includes('minimumFirstSubscription'))) + 1;
    expect(r.out).toMatch(new RegExp(`nested\\.json:${line}:\\d+: invalid JSON: the key "minimumFirstSubscription" is written twice`));
    // Nothing was checked: the text report lists only the two problems.
    expect(r.out).toMatch(/^Not checked \(2 input problems\):\n/);
    expect(r.out).toMatch(/\n0 files checked: .*input problems: 2\n$/);
    expect(r.err).toBe('');
  });

  it('register: an NDJSON row with a key twice is a row error on its line; the other rows are read', async () => {
    const good = JSON.stringify({ fund_id: 'HNW-B', investor_id: 'I1', investor_type: 'individual', category: 'high-net-worth', domicile: 'TH', assessed_on: '2019-01-01', first_subscription_date: '2020-01-10', first_subscription_amount: '1000000' });
    const twice = good.replace('"I1"', '"I2"').replace('"first_subscription_amount":"1000000"', '"first_subscription_amount":"1000000","first_subscription_amount":"10"');
    const errors: RowError[] = [];
    const summary = await evaluateRegister({ funds: [FUND] }, { format: 'ndjson', stream: Readable.from([Buffer.from(`${good}\n${twice}\n`)]) }, { asOf: AS_OF, onRowError: (e) => errors.push(e) });
    expect(summary.rows).toMatchObject({ read: 2, evaluated: 1, bad: 1 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 2, line: 2 });
    expect(errors[0]!.issues[0]!.message).toMatch(/the key "first_subscription_amount" is written twice/);
  });

  it('the duplicate finder agrees with a parse that keeps every key, for any JSON', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), (text) => {
        expect(findDuplicateKey(text)).toBeUndefined();
        expect(parseJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 5 }), fc.nat(), (object, pick) => {
        const keys = Object.keys(object);
        const key = keys[pick % keys.length]!;
        const text = `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(object[k])}`).join(',')},${JSON.stringify(key)}:1}`;
        expect(findDuplicateKey(`[${text}]`)?.key).toBe(key);
        expect(() => parseJson(text)).toThrow(/written twice/);
      }),
      { numRuns: 200 },
    );
    // Escapes spell the same key.
    expect(findDuplicateKey('{"a":1,"\\u0061":2}')?.key).toBe('a');
    expect(findDuplicateKey('{"a":{"a":1},"b":[{"a":1},{"a":2}]}')).toBeUndefined();
  });
});

describe('a register cut off inside its last field is a row error, not data', () => {
  it('an amount 1000000 cut to 10 raises no finding; the run exits 2 naming the line', async () => {
    const complete = 'HNW-B,I1,individual,high-net-worth,TH,2019-01-01,2020-01-10,1000000';
    const cut = 'HNW-B,I2,individual,high-net-worth,TH,2019-01-01,2020-01-10,10';
    const dir = ws({ 'scheme.json': JSON.stringify({ funds: [FUND] }), 'reg.csv': `${HEADER}\n${complete}\n${cut}` });
    const r = await cli(['register', 'scheme.json', 'reg.csv', '--as-of', AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; line?: number; subject?: { investorId?: string } });
    expect(lines.filter((l) => l.type === 'finding')).toEqual([]);
    expect(lines.find((l) => l.type === 'row-error')).toMatchObject({ line: 3 });
    expect(r.err).toMatch(/reg\.csv:3 \(row 2\): the last record has no line break after its last field: the file may be cut off/);
  });

  it('an unclosed quote or missing fields at the end are row errors too', async () => {
    for (const last of ['HNW-B,I2,individual,high-net-worth,TH,2019-01-01,2020-01-10,"10', 'HNW-B,I2,individual,high-net-worth,TH,2019-01-01,"2020-01-10"']) {
      const errors: RowError[] = [];
      const summary = await evaluateRegister({ funds: [FUND] }, { format: 'csv', stream: Readable.from([Buffer.from(`${HEADER}\n${last}`)]) }, { asOf: AS_OF, onRowError: (e) => errors.push(e) });
      expect(summary.rows).toMatchObject({ read: 1, evaluated: 0, bad: 1 });
      expect(errors[0]).toMatchObject({ row: 1, line: 2 });
    }
  });
});

describe('options and pack errors', () => {
  it("a locale other than 'th' or 'en' is an input error naming locale", async () => {
    const issues = inputIssues(await evaluate(validInput(), { asOf: AS_OF, packs: [tn89Pack()], locale: 'fr' as 'en' }).catch((e: unknown) => e));
    expect(issues).toEqual([expect.objectContaining({ pointer: 'locale', message: 'expected "th" or "en", got "fr"' })]);
    expect((await evaluate(validInput(), { asOf: AS_OF, packs: [tn89Pack()], locale: 'th' })).locale).toBe('th');
  });

  it('a pack file that cannot be read is one problem, without a "(root): expected object, received undefined" line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfc-pack-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(root, 'rules/tn-89-2558'), join(dir, 'pack'), { recursive: true });
    rmSync(join(dir, 'pack', 'pack.yaml'));
    execFileSync('mkfifo', [join(dir, 'pack', 'pack.yaml')]);
    writeFileSync(join(dir, 'pack', 'rules', 'broken.yaml'), 'id: [unclosed\n');
    let error: unknown;
    try {
      loadPackFromDirectory(join(dir, 'pack'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PackError);
    const issues = (error as PackError).issues;
    expect(issues.map((i) => i.message).join('\n')).not.toMatch(/received undefined/);
    expect(issues.filter((i) => i.file?.endsWith('pack.yaml'))).toHaveLength(1);
    expect(issues.filter((i) => i.file?.endsWith('broken.yaml')).length).toBeGreaterThan(0);
  });
});

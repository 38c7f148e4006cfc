// The CLI on hostile scheme files: alias bombs, a 50 MB file, bytes that are
// not UTF-8, YAML tags that construct values, deep nesting. Each is exit 2
// with a clear `file[:line:column]: reason` line, no report, no stack trace,
// no hang, and nothing run.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cli, workspace } from '../cli/helpers/cli.js';
import { expectNoEffects, settle } from './helpers.js';

const root = resolve(__dirname, '../..');

const FUND = `id: M0042_2561
names: { th: กองทุนเปิดผู้มีเงินลงทุนสูง, en: High Net Worth Open Fund }
kind: mutual
declaredType: B
managementCompany: { id: C0000000021 }
approvalDate: 2018-05-01
offering: { inThailand: true, abroad: false }
scheme: { investorRestriction: high-net-worth, minimumFirstSubscription: "500000.00" }
`;

const LAUGHS = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

/**
 * Exit 2, nothing on stderr, and a text report on stdout that checked nothing: only the
 * "Not checked" list naming the file with the reason, and a summary of 0 files checked.
 * No stack trace. (A hang fails on the test timeout; nothing here is timed.)
 */
async function exit2(files: Record<string, string | Buffer>, name: string, reason: RegExp): Promise<string> {
  const dir = workspace({});
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  let out = '';
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  await expectNoEffects(async () => {
    const { value, error } = await settle(() => cli(['check', name, '--as-of', '2024-06-30'], { cwd: dir }));
    expect(error).toBeUndefined();
    expect(value!.code).toBe(2);
    expect(value!.err).toBe('');
    out = value!.out;
    expect(out).toMatch(new RegExp(`^Not checked \\(\\d+ input problems?\\):\\n {2}ERROR {2}${name.replace('.', '\\.')}(:\\d+:\\d+)?: `));
    expect(out).toMatch(/\n0 files checked: no findings; at or above --fail-on violation: 0; input problems: \d+\n$/);
    expect(out).toMatch(reason);
    expect(out).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
    expect(out.length).toBeLessThan(20_000);
  });
  return out;
}

describe('check on hostile scheme files: exit 2, clearly, quickly', () => {
  it('a billion-laughs alias bomb', async () => {
    await exit2({ 'laughs.yaml': LAUGHS }, 'laughs.yaml', /Excessive alias count/);
  });

  it('a 50 MB file is refused before it is read', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    Buffer.from('funds:\n').copy(big);
    await exit2({ 'huge.yaml': big }, 'huge.yaml', /the file is 50\.0 MB; a scheme file is at most 10\.0 MB/);
  });

  it('a 10 MB fund name in a file under the limit', async () => {
    await exit2({ 'name.yaml': FUND.replace('en: High Net Worth Open Fund', `en: "${'x'.repeat(9 * 1024 * 1024)}"`) }, 'name.yaml', /name\.yaml:2:\d+: funds\[0\]\.names\.en: .*5000 characters/);
  });

  it('bytes that are not UTF-8 (a TIS-620 file), with the line', async () => {
    const tis620 = Buffer.from([0xa1, 0xcd, 0xa7, 0xb7, 0xd8, 0xb9]); // "กองทุน" in TIS-620
    const file = Buffer.concat([Buffer.from('id: F1\nnames:\n  th: "'), tis620, Buffer.from('"\n  en: Fund\n')]);
    await exit2({ 'tis620.yaml': file }, 'tis620.yaml', /tis620\.yaml:3:1: the file is not UTF-8 text \(convert a TIS-620/);
    await exit2({ 'tis620.json': Buffer.concat([Buffer.from('{"funds":[{"id":"'), tis620, Buffer.from('"}]}')]) }, 'tis620.json', /not UTF-8/);
  });

  it.each([
    ['!!js/function', 'names: { th: x, en: !!js/function "function () { globalThis.pwned = 1 }" }', /the tag tag:yaml\.org,2002:js\/function is not supported/],
    ['!!js/undefined', 'kind: !!js/undefined mutual', /js\/undefined is not supported/],
    ['!!python/object', 'kind: !!python/object:os.system mutual', /python\/object:os\.system is not supported/],
    ['a local tag', 'kind: !mutual mutual', /the tag !mutual is not supported/],
    ['!!binary', 'kind: !!binary bXV0dWFs', /binary is not supported/],
    ['!!timestamp', 'approvalDate: !!timestamp 2018-05-01', /timestamp is not supported/],
    ['!!set', 'offering: !!set { inThailand, abroad }', /set is not supported/],
  ])('a YAML tag: %s', async (_, line, reason) => {
    const key = line.split(':')[0]!;
    const scheme = FUND.split('\n').map((l) => (l.startsWith(`${key}:`) ? line : l)).join('\n');
    expect(scheme).toContain(line);
    await exit2({ 'tagged.yaml': scheme }, 'tagged.yaml', reason);
  });

  it('plain JSON-compatible tags are still fine', async () => {
    const dir = workspace({ 'plain.yaml': FUND.replace('minimumFirstSubscription: "500000.00"', 'minimumFirstSubscription: !!str 500000.00') });
    const r = await cli(['check', 'plain.yaml', '--as-of', '2024-06-30'], { cwd: dir });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it.each([
    ['10,000 levels of flow sequences', 'deep.yaml', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, /nested too deeply/],
    ['10,000 levels of flow mappings', 'deep-map.yaml', `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`, /nested too deeply/],
    ['2,000 levels of block mappings', 'deep-block.yaml', Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), /nested too deeply|nested deeper than 64 levels/],
    ['10,000 levels of JSON arrays', 'deep.json', `{"funds":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, /nested deeper than 64 levels/],
  ])('%s', async (_, name, content, reason) => {
    const err = await exit2({ [name]: content }, name, reason);
    // One reason, said once.
    expect(err.match(/nested too deeply/g)?.length ?? 1).toBe(1);
  });

  it('prototype keys', async () => {
    await exit2({ 'proto.yaml': `${FUND}__proto__:\n  polluted: true\n` }, 'proto.yaml', /proto\.yaml:\d+:\d+: funds\[0\]\.__proto__: the key "__proto__" is not allowed/);
    await exit2({ 'proto.json': '{"funds":[],"constructor":{"prototype":{"polluted":true}}}' }, 'proto.json', /constructor: the key "constructor" is not allowed/);
  });

  it('a --pack with 3,000 bad parameters lists every one with its line, in bounded time', async () => {
    const parameters = Array.from({ length: 3_000 }, (_, i) => `  - id: bad-${i}\n    description: { th: ก, en: bad }\n    type: money\n    values: [{ from: 2016-01-01, value: 'x', citation: { clause: 1 } }]`);
    const dir = workspace({ 'scheme.yaml': FUND, 'pack/parameters.yaml': `parameters:\n${parameters.join('\n')}\n` });
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(root, 'rules', 'tn-89-2558', 'pack.yaml'), join(dir, 'pack', 'pack.yaml'));
    const { value } = await settle(() => cli(['check', 'scheme.yaml', '--pack', 'pack', '--as-of', '2024-06-30'], { cwd: dir }));
    expect(value!.code).toBe(2);
    expect(value!.err).toMatch(/pack\/parameters\.yaml:12001:\d+: parameters\[2999\]\.values\[0\]\.value: not a valid money value/);
  });

  it('a hostile --pack directory is exit 2 too, never an internal error', async () => {
    const dir = workspace({ 'scheme.yaml': FUND, 'pack/pack.yaml': LAUGHS });
    const r = await cli(['check', 'scheme.yaml', '--pack', 'pack', '--as-of', '2024-06-30'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Excessive alias count/);
  });
});

describe('text from a scheme file cannot drive the terminal', () => {
  const evil = 'Evil\u001b[2J\u001b]0;title\u0007\r  1 file checked: no findings\nforged line\u0000\u009b31m';
  const scheme = JSON.stringify({
    id: 'F1',
    names: { th: evil, en: evil },
    kind: 'mutual',
    declaredType: 'B',
    managementCompany: { id: 'C1' },
    approvalDate: '2018-05-01',
    offering: { inThailand: true, abroad: false },
    scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '1000' },
  });

  it.each([false, true])('in the text report (terminal colours: %s): no control character but ours', async (tty) => {
    const dir = workspace({ 'evil.json': scheme });
    const r = await cli(['check', 'evil.json', '--as-of', '2024-06-30'], { cwd: dir, tty });
    expect(r.code).toBe(1);
    expect(r.out).toContain('Evil\uFFFD[2J');
    // Only our own colour codes, and only in colour; no CR, BEL, NUL, C1, and no forged line.
    const withoutOurColours = r.out.replace(/\u001b\[\d+m/g, '');
    expect(withoutOurColours).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.out.split('\n').filter((line) => line.startsWith('forged line'))).toEqual([]);
  });

  it('in the list of input problems (on stdout in text, on stderr beside JSON)', async () => {
    const dir = workspace({ 'evil.json': JSON.stringify({ funds: [{ ['\u001b[2Jkey\r\nforged']: 1 }] }) });
    const text = await cli(['check', 'evil.json', '--as-of', '2024-06-30'], { cwd: dir });
    expect(text.code).toBe(2);
    expect(text.out).toMatch(/^Not checked \(\d+ input problems?\):\n {2}ERROR {2}evil\.json:/);
    const json = await cli(['check', 'evil.json', '--as-of', '2024-06-30', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(2);
    expect(json.err).toMatch(/evil\.json:/);
    for (const listing of [text.out, json.err]) {
      expect(listing).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(listing.split('\n').filter((line) => line.startsWith('forged'))).toEqual([]);
    }
  });
});

describe('the real executable', () => {
  it('exits 2 on an alias bomb and on a 50 MB file, promptly', () => {
    const dir = workspace({ 'laughs.yaml': LAUGHS });
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'huge.json'), Buffer.alloc(50 * 1024 * 1024, 0x20));
    for (const file of ['laughs.yaml', 'huge.json']) {
      const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src/cli/bin.ts'), 'check', file, '--as-of', '2024-06-30'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Not checked \(1 input problem\):\n {2}ERROR {2}(laughs\.yaml: invalid YAML: Excessive alias count|huge\.json: the file is 50\.0 MB)/);
      expect(r.stdout).toMatch(/\n0 files checked: /);
    }
  });
});

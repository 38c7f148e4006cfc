// Every file the library opens goes through one reader: regular files only
// (a FIFO, a device or a socket is refused without waiting or reading), a byte
// limit counted while reading, and pack files kept inside their pack. Every
// output file goes through one writer: a temporary file renamed into place,
// never an input, never an existing file truncated by a failed run. Standard
// output closed early (`| head`) or on a full disk never gives a wrong exit code.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { evaluateRegisterFile, FileReadError, loadPackFromDirectory, PackError, runPackTests, tn89Pack } from '../../src/index.js';
import { readRegularFile } from '../../src/io/read-file.js';
import { cli } from '../cli/helpers/cli.js';
import { REGISTER_FUND } from '../helpers/build.js';

const root = resolve(__dirname, '../..');
const TSX = join(root, 'node_modules', '.bin', 'tsx');
const BIN = join(root, 'src/cli/bin.ts');
const AS_OF = '2024-06-30';

const FUND = REGISTER_FUND;
const SCHEME = JSON.stringify({ funds: [FUND] });
const HEADER = 'fund_id,investor_id,investor_type,category,domicile,assessed_on,first_subscription_date,first_subscription_amount,subscription_count,total_subscribed,subscriptions_without_prospectus';
/** A row with findings (a retail holder below the threshold). */
const BREAKING = 'HNW-B,I1,individual,retail,TH,,2020-01-10,100,1,,0';

function dir(files: Record<string, string> = {}): string {
  const d = mkdtempSync(join(tmpdir(), 'tfc-files-'));
  onTestFinished(() => rmSync(d, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

function packCopy(): string {
  const d = dir();
  cpSync(join(root, 'rules/tn-89-2558'), join(d, 'pack'), { recursive: true });
  return join(d, 'pack');
}

function packIssues(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    return (error as PackError).issues.map((i) => `${i.file}: ${i.pointer}: ${i.message}`).join('\n');
  }
  throw new Error('the pack was loaded');
}

describe('one reader: regular files only, the limit counted while reading', () => {
  it('refuses a FIFO without waiting for a writer, and a device', () => {
    const d = dir();
    fifo(join(d, 'pipe.yaml'));
    expect(() => readRegularFile(join(d, 'pipe.yaml'), { maxBytes: 100 })).toThrow(/FIFO/);
    expect(() => readRegularFile('/dev/zero', { maxBytes: 100 })).toThrow(/character device, not a regular file/);
    expect(() => readRegularFile(d, { maxBytes: 100 })).toThrow(FileReadError);
  });

  it('counts bytes as it reads: a file whose stat size is 0 but holds more is refused', () => {
    // Files under /proc report size 0 and are regular files.
    expect(() => readRegularFile('/proc/self/maps', { maxBytes: 16 })).toThrow(/grew past/);
    expect(readRegularFile('/proc/self/maps', { maxBytes: 10 * 1024 * 1024 }).length).toBeGreaterThan(16);
  });

  it('check: a scheme file that is a FIFO, or a link to /dev/zero, is exit 2 naming the file', async () => {
    const d = dir();
    fifo(join(d, 'fifo.yaml'));
    symlinkSync('/dev/zero', join(d, 'zero.yaml'));
    const r = await cli(['check', 'fifo.yaml', 'zero.yaml', '--as-of', AS_OF], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/fifo\.yaml: cannot read: a FIFO \(named pipe\), not a regular file/);
    expect(r.out).toMatch(/zero\.yaml: cannot read: a character device, not a regular file/);
  });

  it('register: a register or a scheme that is a FIFO is exit 2; evaluateRegisterFile throws a FileReadError with the path', async () => {
    const d = dir({ 'scheme.json': SCHEME });
    fifo(join(d, 'reg.csv'));
    const r = await cli(['register', 'scheme.json', 'reg.csv', '--as-of', AS_OF], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/reg\.csv: cannot read: a FIFO/);
    const error = await evaluateRegisterFile({ funds: [FUND] }, join(d, 'reg.csv'), { asOf: AS_OF }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileReadError);
    expect((error as FileReadError).path).toBe(join(d, 'reg.csv'));
    fifo(join(d, 'scheme-fifo.json'));
    writeFileSync(join(d, 'ok.csv'), `${HEADER}\n`);
    const s = await cli(['register', 'scheme-fifo.json', 'ok.csv', '--as-of', AS_OF], { cwd: d });
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/scheme-fifo\.json: cannot read: a FIFO/);
  });
});

describe('pack files stay inside the pack', () => {
  it.each([
    ['a rule linked to /dev/zero', 'rules/zero.yaml', '/dev/zero', /rules\/zero\.yaml.*(outside the pack|not a regular file)/],
    ['pack.yaml linked to /dev/zero', 'pack.yaml', '/dev/zero', /pack\.yaml.*(outside the pack|not a regular file)/],
    ['a FIFO as a rule', 'rules/pipe.yaml', 'FIFO', /rules\/pipe\.yaml.*FIFO/],
    ['a rule linked to a file outside the pack', 'rules/outside.yaml', 'OUTSIDE', /rules\/outside\.yaml.*resolves outside the pack directory/],
  ])('%s is refused', (_, name, target, message) => {
    const pack = packCopy();
    const path = join(pack, name);
    rmSync(path, { force: true });
    if (target === 'FIFO') fifo(path);
    else if (target === 'OUTSIDE') {
      const outside = join(pack, '..', 'outside.yaml');
      cpSync(join(pack, 'rules', readdirSync(join(pack, 'rules')).find((n) => n.endsWith('.yaml'))!), outside);
      symlinkSync(outside, path);
    } else symlinkSync(target, path);
    expect(packIssues(() => loadPackFromDirectory(pack))).toMatch(message);
  });

  it('a link inside the pack is followed', () => {
    const pack = packCopy();
    const rule = readdirSync(join(pack, 'rules')).find((n) => n.endsWith('.yaml'))!;
    mkdirSync(join(pack, 'shared'));
    cpSync(join(pack, 'rules', rule), join(pack, 'shared', rule));
    rmSync(join(pack, 'rules', rule));
    symlinkSync(join('..', 'shared', rule), join(pack, 'rules', rule));
    expect(loadPackFromDirectory(pack).rules.length).toBe(tn89Pack().rules.length);
  });

  it('hidden files under rules/ and tests/ are not loaded', async () => {
    const pack = packCopy();
    writeFileSync(join(pack, 'rules', '.draft.yaml'), 'this: is not a rule\n');
    expect(loadPackFromDirectory(pack).rules.length).toBe(tn89Pack().rules.length);
    mkdirSync(join(pack, 'tests'), { recursive: true });
    writeFileSync(join(pack, 'tests', '.scratch.yaml'), 'not: a test\n');
    const { issues } = await runPackTests(pack, { packs: [tn89Pack()] });
    expect(issues.filter((i) => i.file?.includes('.scratch'))).toEqual([]);
  });

  it('pack tests: a link to /dev/zero, a file over 10 MB and a !!binary tag are refused, not read', async () => {
    const pack = packCopy();
    const tests = join(pack, 'tests');
    rmSync(tests, { recursive: true, force: true });
    mkdirSync(tests);
    symlinkSync('/dev/zero', join(tests, 'zero.yaml'));
    writeFileSync(join(tests, 'huge.yaml'), `# ${'x'.repeat(11 * 1024 * 1024)}\n`);
    writeFileSync(join(tests, 'binary.yaml'), `- name: binary\n  asOf: "2024-06-30"\n  input: !!binary aGVsbG8=\n  expect: { findings: [] }\n`);
    const { results, issues } = await runPackTests(pack, { packs: [tn89Pack()] });
    expect(results).toEqual([]);
    const text = issues.map((i) => `${i.file}: ${i.message}`).join('\n');
    expect(text).toMatch(/zero\.yaml: .*(outside the pack|not a regular file)/);
    expect(text).toMatch(/huge\.yaml: larger than 10 MB/);
    expect(text).toMatch(/binary\.yaml: YAML: .*binary/);
  });
});

describe('one output writer', () => {
  it('register --output <the register> is refused before anything is read; the register is intact', async () => {
    const register = `${HEADER}\n${BREAKING}\n`;
    const d = dir({ 'scheme.json': SCHEME, 'reg.csv': register });
    for (const output of ['reg.csv', './reg.csv', 'scheme.json']) {
      const r = await cli(['register', 'scheme.json', 'reg.csv', '--as-of', AS_OF, '--output', output], { cwd: d });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--output: cannot write .*: it is an input of this run/);
    }
    symlinkSync(join(d, 'reg.csv'), join(d, 'link.csv'));
    expect((await cli(['register', 'scheme.json', 'reg.csv', '--as-of', AS_OF, '--output', 'link.csv'], { cwd: d })).code).toBe(2);
    expect(readFileSync(join(d, 'reg.csv'), 'utf8')).toBe(register);
    expect(readFileSync(join(d, 'scheme.json'), 'utf8')).toBe(SCHEME);
  });

  it('check --output <a scheme file> is refused', async () => {
    const d = dir({ 'fund.json': JSON.stringify(FUND) });
    const r = await cli(['check', 'fund.json', '--as-of', AS_OF, '--output', 'fund.json'], { cwd: d });
    expect(r.code).toBe(2);
    expect(readFileSync(join(d, 'fund.json'), 'utf8')).toBe(JSON.stringify(FUND));
  });

  it('a bad scheme or a bad header leaves an existing output file as it was, and no temporary file', async () => {
    const d = dir({ 'scheme.json': SCHEME, 'bad.json': '{"funds": [{"id": "X"}]}', 'badheader.csv': 'who,what\n', 'reg.csv': `${HEADER}\n${BREAKING}\n`, 'out.ndjson': 'previous run\n' });
    expect((await cli(['register', 'bad.json', 'reg.csv', '--as-of', AS_OF, '--output', 'out.ndjson'], { cwd: d })).code).toBe(2);
    expect((await cli(['register', 'scheme.json', 'badheader.csv', '--as-of', AS_OF, '--output', 'out.ndjson'], { cwd: d })).code).toBe(2);
    expect(readFileSync(join(d, 'out.ndjson'), 'utf8')).toBe('previous run\n');
    expect(readdirSync(d).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // A complete run replaces it.
    expect((await cli(['register', 'scheme.json', 'reg.csv', '--as-of', AS_OF, '--output', 'out.ndjson'], { cwd: d })).code).toBe(1);
    expect(readFileSync(join(d, 'out.ndjson'), 'utf8')).toMatch(/"type":"summary"/);
    expect(readdirSync(d).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('an output that cannot be written is exit 2 in check and register', async () => {
    const d = dir({ 'scheme.json': SCHEME, 'fund.json': JSON.stringify(FUND), 'reg.csv': `${HEADER}\n${BREAKING}\n` });
    mkdirSync(join(d, 'adir'));
    // Both create a missing folder of --output (one writer, documented)...
    expect((await cli(['register', 'scheme.json', 'reg.csv', '--as-of', AS_OF, '--output', 'no/such/dir/out.ndjson'], { cwd: d })).code).toBe(1);
    expect(readFileSync(join(d, 'no/such/dir/out.ndjson'), 'utf8')).toMatch(/"type":"summary"/);
    // ...so an unwritable folder is a path under a regular file.
    for (const args of [
      ['check', 'fund.json', '--as-of', AS_OF, '--output', 'fund.json/out.txt'],
      ['check', 'fund.json', '--as-of', AS_OF, '--output', 'adir'],
      ['register', 'scheme.json', 'reg.csv', '--as-of', AS_OF, '--output', 'reg.csv/out.ndjson'],
      ['register', 'scheme.json', 'reg.csv', '--as-of', AS_OF, '--output', 'adir'],
    ]) {
      const r = await cli(args, { cwd: d });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/^error: --output: cannot write /);
    }
  });
});

describe('standard output closed early or full', () => {
  it('register … | head exits with the run\'s code (1: findings), not 0', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => BREAKING.replace('I1', `I${i}`)).join('\n');
    const d = dir({ 'scheme.json': SCHEME, 'reg.csv': `${HEADER}\n${rows}\n` });
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${TSX}" "${BIN}" register scheme.json reg.csv --as-of ${AS_OF} | head -c 100 >/dev/null`], { cwd: d, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.status, r.stderr).toBe(1);
  });

  it('stdout on a full disk: exit 2 with the reason, no stack trace (not 1, which means findings)', () => {
    const d = dir({ 'fund.json': JSON.stringify(FUND) });
    const r = spawnSync('bash', ['-c', `"${TSX}" "${BIN}" check fund.json --as-of ${AS_OF} --format json > /dev/full`], { cwd: d, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toMatch(/error: cannot write standard output: no space left on the device/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status, r.stderr).toBe(2);
  });
});

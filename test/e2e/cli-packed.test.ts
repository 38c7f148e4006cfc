// The CLI as a CI job runs it: the packed package installed from its tarball,
// its bin run on scheme files in a repository-like directory.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, CODE_CACHE_FILE, commonJsWrapper, readCodeCache } from '../../src/cli/launch/code-cache.js';
import { packAndInstall, root } from '../cli/helpers/packed.js';
import { sarifSchemaErrors } from '../cli/helpers/sarif-schema.js';
import { HNW_MINIMUM_LINE, hnwScheme, inputJson } from '../cli/helpers/schemes.js';
import { all, parseXml } from '../cli/helpers/xml.js';

let consumer = '';
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(consumer, name, '..'), { recursive: true });
    writeFileSync(join(consumer, name), text);
  }
}

function run(...args: string[]) {
  const bin = join(consumer, 'node_modules', '.bin', 'thai-fund-compliance');
  const result = spawnSync(bin, args, { cwd: consumer, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(() => {
  consumer = packAndInstall('tfc-cli');
  write({
    'schemes/hnw.yaml': hnwScheme('100000'),
    'schemes/2024/input.json': inputJson,
    'clean/fund.yaml': hnwScheme('500000.00'),
    'bad/fund.yaml': hnwScheme('5e5').replace('BE 2562-01-10', '2562-01-10'),
  });
}, 180_000);

describe('the packed CLI', () => {
  it('prints --version from its own package.json', () => {
    const r = run('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(version);
  });

  it('exits 1 with text findings at file:line:column, and 0 on a clean scheme', () => {
    const found = run('check', 'schemes/hnw.yaml', '--as-of', '2024-06-30');
    expect(found.code).toBe(1);
    expect(found.out).toContain('VIOLATION  TorNor. 89/2558 cl. 1 definition of "high-net-worth investor"  tn89.cl1.hnw-scheme-minimum-below-threshold');
    expect(found.out).toContain(`at schemes/hnw.yaml:${HNW_MINIMUM_LINE}:3 (funds[0].scheme.minimumFirstSubscription)`);
    const clean = run('check', 'clean', '--as-of', 'BE 2567-06-30', '--lang', 'th');
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('ไม่พบประเด็น');
  });

  it('exits 2 on bad input, naming each bad field with file, line and reason, without a stack trace', () => {
    const r = run('check', 'bad', '--as-of', '2024-06-30');
    expect(r.code).toBe(2);
    // Input problems are results: in text, listed under "Not checked" on stdout, one ERROR line each.
    expect(r.out).toMatch(/^Not checked \(2 input problems\):/);
    expect(r.out).toContain('  ERROR  bad/fund.yaml:7:1: funds[0].approvalDate: year 2562 looks like a Buddhist Era year');
    expect(r.out).toMatch(/ {2}ERROR {2}bad\/fund\.yaml:9:3: funds\[0\]\.scheme\.minimumFirstSubscription: /);
    expect(r.out).toContain('input problems: 2');
    expect(r.out + r.err).not.toMatch(/\n\s+at /);
    expect(run('check', 'schemes', '--format', 'xml').code).toBe(2);
  });

  it('writes JSON reports with the location of each finding, for a quoted ** pattern', () => {
    const r = run('check', 'schemes/**/*.json', '--as-of', '2024-06-30', '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.reports.map((x: { file: string }) => x.file)).toEqual(['schemes/2024/input.json']);
    expect(json.reports[0].locations).toContainEqual({ pointer: 'funds[0].unitholders[1].subscriptions[0].amount', line: 24, column: 15 });
  });

  it('writes SARIF that the official schema accepts, for upload to code scanning', () => {
    const r = run('check', 'schemes', 'schemes/2024', '--as-of', '2024-06-30', '--format', 'sarif', '--output', 'results.sarif');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^wrote results\.sarif: 2 files, \d+ findings, \d+ at or above violation\n$/);
    const log = JSON.parse(readFileSync(join(consumer, 'results.sarif'), 'utf8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].tool.driver.version).toBe(version);
    const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'tn89.cl1.hnw-scheme-minimum-below-threshold');
    expect(result.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'schemes/hnw.yaml' }, region: { startLine: HNW_MINIMUM_LINE, startColumn: 3 } });
  });

  it('writes JUnit XML with a failing case per failing fund × rule', () => {
    const r = run('check', 'schemes/hnw.yaml', '--as-of', '2024-06-30', '--format', 'junit');
    expect(r.code).toBe(1);
    const failures = all(parseXml(r.out), 'failure');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.text).toContain('“ผู้มีเงินลงทุนสูง” หมายความว่า');
  });

  it('writes an HTML report in Thai', () => {
    const r = run('check', 'schemes/hnw.yaml', '--as-of', '2024-06-30', '--format', 'html', '--lang', 'th');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^<!DOCTYPE html>\n<html lang="th">/);
    expect(r.out).toContain('ณ วันที่ <strong>30 มิ.ย. 2567</strong>');
  });

  it('lists and explains the rules shipped in the package', () => {
    const rules = run('rules', '--format', 'json');
    expect(rules.code).toBe(0);
    expect(JSON.parse(rules.out).rules.length).toBeGreaterThan(10);
    const explain = run('explain', 'tn89.cl1.hnw-scheme-minimum-below-threshold');
    expect(explain.code).toBe(0);
    expect(explain.out).toContain('THB 500,000.00 from 16 Jan 2016');
    const unknown = run('explain', 'tn89.nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Did you mean:');
  });

  it('starts from the code cache shipped beside its bundle, and answers the same without it', () => {
    const dist = join(consumer, 'node_modules', 'thai-fund-compliance', 'dist');
    const bundle = join(dist, BUNDLE_FILE);
    const cachePath = join(dist, CODE_CACHE_FILE);
    const cache = readCodeCache(readFileSync(bundle), cachePath);
    expect(cache.data).toBeInstanceOf(Buffer);
    // This process has not compiled the bundle: V8 either takes the data or rejects it.
    expect(new Script(commonJsWrapper(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData: cache.data }).cachedDataRejected).toBe(false);

    const args = ['check', 'schemes', '--as-of', '2024-06-30', '--format', 'json'];
    const cached = run(...args);
    expect(cached.code).toBe(1);
    renameSync(cachePath, `${cachePath}.away`);
    try {
      expect(run(...args)).toEqual(cached);
    } finally {
      renameSync(`${cachePath}.away`, cachePath);
    }
  });
});

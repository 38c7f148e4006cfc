import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { todayInBangkok } from '../../src/cli/io.js';
import { cli, workspace } from './helpers/cli.js';
import { fundList, HNW_MINIMUM_LINE, housePack, hnwScheme, inputJson, revocationScheme, waivedScheme } from './helpers/schemes.js';

const AS_OF = ['--as-of', '2024-06-30'];

describe('check: findings and exit codes', () => {
  it('exits 1 and prints the cited finding at the line and column of the field that decided it', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('100000') });
    const r = await cli(['check', 'fund.yaml', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out).toContain('VIOLATION  TorNor. 89/2558 cl. 1 definition of "high-net-worth investor"  tn89.cl1.hnw-scheme-minimum-below-threshold');
    expect(r.out).toContain('THB 100,000.00, below THB 500,000.00');
    expect(r.out).toContain(`at fund.yaml:${HNW_MINIMUM_LINE}:3 (funds[0].scheme.minimumFirstSubscription)`);
    expect(r.out).toContain('1 file checked: violation 1; at or above --fail-on violation: 1');
  });

  it('prints evidence and the threshold in Thai with --lang th: labels, not code names', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('100000') });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--lang', 'th'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out).toContain('หลักฐาน: เงินลงทุนครั้งแรกขั้นต่ำ=100,000.00 บาท, เกณฑ์=500,000.00 บาท');
    expect(r.out).not.toMatch(/minimumFirstSubscription=|threshold=/);
    expect(r.out).toContain('ถึงเกณฑ์ "ฝ่าฝืน" (--fail-on violation): 1');
  });

  it('exits 0 on a clean scheme and prints in Thai with --lang th, dates in the Buddhist Era', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('500000.00') });
    const r = await cli(['check', 'fund.yaml', '--as-of', 'BE 2567-06-30', '--lang', 'th'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('M0100_2562 กองทุนเปิดทดสอบพลัส [B]: ไม่พบประเด็น');
    expect(r.out).toContain('30 มิ.ย. 2567');
  });

  it('points a finding about the second fund of a bare list at that fund’s field', async () => {
    const dir = workspace({ 'funds.yaml': fundList });
    const r = await cli(['check', 'funds.yaml', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out).toContain('M0001_2560 Fund One [R]: no findings');
    expect(r.out).toMatch(/M0002_2560 Fund Two \[A\]: 1 finding\n  VIOLATION  TorNor\. 89\/2558 cl\. 1  tn89\.cl1\.declared-type-mismatch\n/);
    expect(r.out).toContain('at funds.yaml:16:3 (funds[1].declaredType)');
  });

  it('exits 0 when the worst finding is below --fail-on, and 1 when --fail-on is lowered to it', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('100000') });
    expect((await cli(['check', 'fund.yaml', ...AS_OF, '--fail-on', 'revocation-ground'], { cwd: dir })).code).toBe(0);
    expect((await cli(['check', 'fund.yaml', ...AS_OF, '--fail-on', 'order-ground'], { cwd: dir })).code).toBe(0);
    expect((await cli(['check', 'fund.yaml', ...AS_OF, '--fail-on', 'warning'], { cwd: dir })).code).toBe(1);
  });

  it('exits 1 on a §11 revocation ground and states the §11 ¶2 consequence', async () => {
    const dir = workspace({ 'fund.yaml': revocationScheme });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--fail-on', 'revocation-ground'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out).toContain('REVOCATION GROUND  TorNor. 89/2558 cl. 11 para 1 (4)');
    expect(r.out).toContain('must dissolve fund M0150_2560 immediately (TorNor. 89/2558 cl. 11 para 2)');
    expect(r.out).toContain('at fund.yaml:13:5 (funds[0].orders[0].dueBy)');
  });

  it('shows a waived finding with the waiver’s reference, and never fails on it', async () => {
    const dir = workspace({ 'fund.yaml': waivedScheme });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--fail-on', 'info'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('VIOLATION (waived กลต.น.(ว) 2145/2566)  TorNor. 89/2558 cl. 4 para 2  tn89.cl4.nav-standard-not-association');
    expect(r.out).toContain('1 file checked: waived 1; at or above --fail-on info: 0');
  });

  it('says the notice was not in force before 16 January 2016 and fails nothing', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('100000').replace('BE 2562-01-10', '2015-06-01') });
    const r = await cli(['check', 'fund.yaml', '--as-of', '2016-01-15'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('TorNor. 89/2558 was not yet in force on 15 Jan 2016');
  });

  it('uses today in Asia/Bangkok when --as-of is not given', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('500000') });
    const r = await cli(['check', 'fund.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).asOf).toBe(todayInBangkok());
    // 18:00 UTC on 30 June is already 1 July in Bangkok (UTC+7), whatever TZ this process runs in.
    expect(todayInBangkok(new Date('2024-06-30T18:00:00Z'))).toBe('2024-07-01');
    expect(todayInBangkok(new Date('2024-06-30T16:59:59Z'))).toBe('2024-06-30');
  });

  it("gives the date the time-zone database gives for Asia/Bangkok, around every day's change", () => {
    const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' });
    const instants: Date[] = [new Date('1900-01-01T12:00:00Z'), new Date('1920-03-31T17:00:00Z'), new Date('1920-04-01T00:00:00Z'), new Date('9999-12-31T16:59:59Z'), new Date('9999-12-31T17:00:00Z')];
    // Either side of 17:00 UTC (midnight in Bangkok) on days spread over two centuries, leap days included.
    for (let day = Date.UTC(1920, 3, 1); day < Date.UTC(2120, 0, 1); day += 86_400_000 * 97) {
      for (const ms of [16 * 3600_000 + 3599_999, 17 * 3600_000, 0, 23 * 3600_000 + 3599_999]) instants.push(new Date(day + ms));
    }
    for (const leap of ['2024-02-28T17:00:00Z', '2024-02-29T16:59:59Z', '2024-02-29T17:00:00Z', '2100-02-28T17:00:00Z']) instants.push(new Date(leap));
    for (const instant of instants) expect(todayInBangkok(instant), instant.toISOString()).toBe(zone.format(instant));
  });
});

describe('check: input errors exit 2 with file, line, column and reason', () => {
  it('lists every bad field of every file, never a stack trace, and still checks the good file', async () => {
    const bad = hnwScheme('5e5').replace('BE 2562-01-10', '2562-01-10').replace('declaredType: B', 'declaredType: Q');
    const dir = workspace({ 'bad.yaml': bad, 'broken.yaml': 'id: [unclosed\n', 'good.yaml': hnwScheme('100000') });
    const r = await cli(['check', '.', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^Not checked \(4 input problems\):/);
    expect(r.out).toMatch(/ {2}ERROR {2}bad\.yaml:5:1: funds\[0\]\.declaredType: /);
    expect(r.out).toContain('  ERROR  bad.yaml:7:1: funds[0].approvalDate: year 2562 looks like a Buddhist Era year');
    expect(r.out).toMatch(/ {2}ERROR {2}bad\.yaml:9:3: funds\[0\]\.scheme\.minimumFirstSubscription: .*not a plain decimal amount/);
    expect(r.out).toMatch(/ {2}ERROR {2}broken\.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]\n/);
    // The good file is checked and reported beside the problems.
    expect(r.out).toContain(`at good.yaml:${HNW_MINIMUM_LINE}:3 (funds[0].scheme.minimumFirstSubscription)`);
    expect(r.out).toContain('1 file checked: violation 1; at or above --fail-on violation: 1; input problems: 4');
    expect(r.out + r.err).not.toMatch(/\n\s+at .*\.[cm]?[jt]s:\d+:\d+/);
  });

  it('points a missing field at its nearest enclosing object, and a JSON field at its own line', async () => {
    const json = inputJson.replace('"amount": "499999.99"', '"amount": "499,999.99"').replace('"kind": "mutual",\n', '');
    const dir = workspace({ 'input.json': json });
    const r = await cli(['check', 'input.json', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/ {2}ERROR {2}input\.json:3:5: funds\[0\]\.kind: /);
    expect(r.out).toMatch(/ {2}ERROR {2}input\.json:23:15: funds\[0\]\.unitholders\[1\]\.subscriptions\[0\]\.amount: /);
  });

  it('gives the line of a JSON syntax error', async () => {
    const dir = workspace({ 'input.json': '{\n  "funds": [\n    { "id": "x", }\n  ]\n}\n' });
    const r = await cli(['check', 'input.json', ...AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/ {2}ERROR {2}input\.json:3:18: invalid JSON: Expected double-quoted property name/);
  });

  it('exits 2 on a bad --as-of, a missing file, an unknown format or command', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('500000') });
    const asOf = await cli(['check', 'fund.yaml', '--as-of', '2016-02-30'], { cwd: dir });
    expect(asOf.code).toBe(2);
    expect(asOf.err).toMatch(/^error: --as-of: /);
    const missing = await cli(['check', 'nope.yaml', ...AS_OF], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('ERROR  nope.yaml: no such file or directory');
    expect((await cli(['check', 'fund.yaml', '--format', 'pdf'], { cwd: dir })).code).toBe(2);
    expect((await cli(['frobnicate'], { cwd: dir })).code).toBe(2);
  });

  it('exits 2 when --output cannot be written', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('500000') });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--output', 'fund.yaml/out.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('error: --output: cannot write fund.yaml/out.txt');
  });

  it('creates the folder of --output', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('500000') });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--format', 'sarif', '--output', 'reports/ci/out.sarif'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'reports/ci/out.sarif'), 'utf8')).version).toBe('2.1.0');
  });
});

describe('check: files, directories and patterns', () => {
  const tree = {
    'schemes/a.yaml': hnwScheme('100000', 'M0001_2560'),
    'schemes/b.json': JSON.stringify(parse(hnwScheme('500000', 'M0002_2560'))),
    'schemes/README.md': '# not a scheme',
    'schemes/nested/c.yml': hnwScheme('200000', 'M0003_2560'),
    'schemes/.hidden/d.yaml': hnwScheme('300000', 'M0004_2560'),
  };
  const checkedFiles = (out: string) => JSON.parse(out).reports.map((r: { file: string }) => r.file);

  it('checks a directory’s scheme files and those of its subdirectories, not hidden ones', async () => {
    const r = await cli(['check', 'schemes', ...AS_OF, '--format', 'json'], { cwd: workspace(tree) });
    expect(checkedFiles(r.out)).toEqual(['schemes/a.yaml', 'schemes/b.json', 'schemes/nested/c.yml']);
  });

  it('checks only a directory’s own scheme files with --no-recursive', async () => {
    const r = await cli(['check', 'schemes', '--no-recursive', ...AS_OF, '--format', 'json'], { cwd: workspace(tree) });
    expect(checkedFiles(r.out)).toEqual(['schemes/a.yaml', 'schemes/b.json']);
  });

  it('expands a quoted ** pattern to the scheme files below, skipping hidden directories', async () => {
    const r = await cli(['check', 'schemes/**/*.y*ml', ...AS_OF, '--format', 'json'], { cwd: workspace(tree) });
    expect(r.code).toBe(1);
    expect(checkedFiles(r.out)).toEqual(['schemes/a.yaml', 'schemes/nested/c.yml']);
  });

  it('checks each file once when arguments overlap', async () => {
    const r = await cli(['check', 'schemes/a.yaml', './schemes/a.yaml', 'schemes/*.yaml', ...AS_OF, '--format', 'json'], { cwd: workspace(tree) });
    expect(checkedFiles(r.out)).toEqual(['schemes/a.yaml']);
  });

  it('exits 2 when a pattern matches no scheme file', async () => {
    const r = await cli(['check', 'schemes/*.toml', ...AS_OF], { cwd: workspace(tree) });
    expect(r.code).toBe(2);
    expect(r.out).toContain('ERROR  schemes/*.toml: no .yaml, .yml or .json file matches');
  });
});

describe('check: output', () => {
  it('writes the reports as JSON with the line and column of each finding', async () => {
    const dir = workspace({ 'input.json': inputJson });
    const r = await cli(['check', 'input.json', ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.asOf).toBe('2024-06-30');
    expect(json.failOn).toBe('violation');
    const { report, locations } = json.reports[0];
    const i = report.findings.findIndex((f: { ruleId: string }) => f.ruleId === 'tn89.cl12.holder-outside-non-retail-fund-class');
    // Compact findings: the citation's words are in the rules catalog, once.
    const rule = json.rules.find((x: { id: string }) => x.id === report.findings[i].ruleId);
    expect(rule.citation.key).toBe(report.findings[i].citation);
    expect(rule.citation.text.th).toBe('ทน. 89/2558 ข้อ 12 วรรคหนึ่ง (5)');
    expect(locations).toHaveLength(report.findings.length);
    expect(locations[i]).toEqual({ pointer: 'funds[0].unitholders[1].subscriptions[0].amount', line: 24, column: 15 });
  });

  it('colours text only on a terminal, and never with NO_COLOR', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('100000') });
    const ansi = /\u001b\[/;
    expect((await cli(['check', 'fund.yaml', ...AS_OF], { cwd: dir, tty: true })).out).toMatch(ansi);
    expect((await cli(['check', 'fund.yaml', ...AS_OF], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).out).not.toMatch(ansi);
    expect((await cli(['check', 'fund.yaml', ...AS_OF], { cwd: dir, tty: false })).out).not.toMatch(ansi);
  });

  it('writes --output to the file, uncoloured, and keeps the exit code', async () => {
    const dir = workspace({ 'fund.yaml': hnwScheme('100000') });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--output', 'report.txt'], { cwd: dir, tty: true });
    expect(r.code).toBe(1);
    expect(r.out).toBe('wrote report.txt: 1 file, 1 finding, 1 at or above violation\n');
    const text = readFileSync(join(dir, 'report.txt'), 'utf8');
    expect(text).toContain(`at fund.yaml:${HNW_MINIMUM_LINE}:3`);
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('still writes the report when an input is bad, with the problem in it, and exits 2', async () => {
    const dir = workspace({ 'fund.yaml': 'id: [' });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--format', 'sarif', '--output', 'out.sarif'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'out.sarif'))).toBe(true);
    expect(r.err).toMatch(/^error: 1 input problem in 1 file/);
    expect(r.out).toBe('wrote out.sarif: 0 files, 0 findings, 0 at or above violation, 1 input problem\n');
  });
});

describe('check --pack', () => {
  it('evaluates an extra pack beside the notice: a house-policy warning fails only with --fail-on warning', async () => {
    const dir = workspace({ ...housePack, 'fund.yaml': hnwScheme('600000') });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--pack', 'house'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('WARNING  House policy cl. 2  house.scheme-minimum-below-house-policy');
    expect(r.out).toContain('sets a minimum first subscription of THB 600,000.00, below the house minimum of THB 1,000,000.00');
    expect(r.out).toContain(`at fund.yaml:${HNW_MINIMUM_LINE}:3`);
    expect((await cli(['check', 'fund.yaml', ...AS_OF, '--pack', 'house', '--fail-on', 'warning'], { cwd: dir })).code).toBe(1);
  });

  it('exits 2 listing every issue of a bad pack with its file and line', async () => {
    const broken = housePack['house/rules/below-house-minimum.yaml']!.replace('operator: decimalLessThan', 'operator: lessThanish').replace('id: house-minimum } }\nevidence', 'id: house-minimun } }\nevidence');
    const dir = workspace({ ...housePack, 'house/rules/below-house-minimum.yaml': broken, 'fund.yaml': hnwScheme('600000') });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--pack', join(dir, 'house')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: 2 problems in the rule packs given with --pack:/);
    expect(r.err).toMatch(/below-house-minimum\.yaml:12:3: violationWhen\.operator: unknown operator "lessThanish"/);
    expect(r.err).toMatch(/below-house-minimum\.yaml:13:35: violationWhen\.value\.params\.id: no parameter "house-minimun"/);
  });

  it('exits 2 when a pack would be evaluated twice', async () => {
    const dir = workspace({ ...housePack, 'fund.yaml': hnwScheme('600000') });
    const r = await cli(['check', 'fund.yaml', ...AS_OF, '--pack', 'house', '--pack', 'house'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('house: the pack id "house-policy" is already taken by');
  });
});

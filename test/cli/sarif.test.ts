import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { sarifLevel } from '../../src/cli/severity.js';
import { tn89Pack } from '../../src/index.js';
import { cli, workspace } from './helpers/cli.js';
import { sarifSchemaErrors } from './helpers/sarif-schema.js';
import { fundList, HNW_MINIMUM_LINE, housePack, hnwScheme, inputJson, overridePack, revocationScheme, waivedScheme } from './helpers/schemes.js';

const packageVersion = (JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

async function sarif(files: Record<string, string>, args: string[] = []): Promise<{ log: Log; code: number; dir: string }> {
  const dir = workspace(files);
  const r = await cli(['check', 'schemes', '--as-of', '2024-06-30', '--format', 'sarif', '--output', 'results.sarif', ...args], { cwd: dir });
  expect(r.err).toBe('');
  return { log: JSON.parse(readFileSync(join(dir, 'results.sarif'), 'utf8')) as Log, code: r.code, dir };
}

const schemes = {
  'schemes/hnw.yaml': hnwScheme('100000'),
  'schemes/list.yaml': fundList,
  'schemes/input.json': inputJson,
  'schemes/revocation.yaml': revocationScheme,
};

describe('SARIF 2.1.0 for GitHub code scanning', () => {
  it('is valid against the official SARIF 2.1.0 schema, in English and in Thai, with an extra pack', async () => {
    const en = await sarif(schemes);
    expect(en.code).toBe(1);
    expect(sarifSchemaErrors(en.log)).toEqual([]);
    const th = await sarif({ ...schemes, ...housePack }, ['--lang', 'th', '--pack', 'house']);
    expect(sarifSchemaErrors(th.log)).toEqual([]);
    expect(en.log.version).toBe('2.1.0');
  });

  it('has a validator that rejects a broken log', async () => {
    const { log } = await sarif(schemes);
    const broken = structuredClone(log) as unknown as { runs: { tool: { driver: Record<string, unknown> }; results: Record<string, unknown>[] }[] };
    delete broken.runs[0]!.tool.driver['name'];
    broken.runs[0]!.results[0]!['level'] = 'fatal';
    const errors = sarifSchemaErrors(broken);
    expect(errors.some((e) => /name/.test(e))).toBe(true);
    expect(errors.some((e) => /runs(\/|\[)0(\/|\]\.)results(\/|\[)0\]?(\/|\.)level/.test(e))).toBe(true);
    expect(sarifSchemaErrors({ version: '2.1.0' })).not.toEqual([]);
  });

  it('names the tool with the version of this package', async () => {
    const { log } = await sarif(schemes);
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('thai-fund-compliance');
    expect(driver.version).toBe(packageVersion);
    expect(driver.semanticVersion).toBe(packageVersion);
  });

  it('describes every rule of every evaluated pack, with the clause’s Thai text and English reading in its help', async () => {
    const { log } = await sarif({ ...schemes, ...housePack }, ['--pack', 'house']);
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual([...tn89Pack().rules.map((r) => r.id), 'house.scheme-minimum-below-house-policy']);
    const hnw = rules.find((r) => r.id === 'tn89.cl1.hnw-scheme-minimum-below-threshold')!;
    expect(hnw.name).toBe('HnwSchemeMinimumBelowThreshold');
    expect(hnw.shortDescription?.text).toBe('High-net-worth fund scheme declares a minimum first subscription below the threshold');
    expect(hnw.help?.text).toContain('TorNor. 89/2558 cl. 1 definition of "high-net-worth investor"');
    expect(hnw.help?.text).toContain('“ผู้มีเงินลงทุนสูง” หมายความว่า ผู้ที่จะลงทุนในหน่วยลงทุนของกองทุนรวมในครั้งแรกตั้งแต่ 500,000 บาทขึ้นไป');
    expect(hnw.help?.text).toContain('A person whose first investment in units of the mutual fund is 500,000 baht or more');
    expect(hnw.help?.markdown).toContain('> “ผู้มีเงินลงทุนสูง” หมายความว่า');
    expect(hnw.properties).toMatchObject({ citation: 'TorNor. 89/2558 cl. 1 definition of "high-net-worth investor"', severity: 'violation' });
    expect(hnw.defaultConfiguration?.level).toBe('error');
    for (const rule of rules) expect(rule.defaultConfiguration?.level, rule.id).toBe(sarifLevel(rule.properties!['severity'] as never));
    expect(rules.find((r) => r.id === 'house.scheme-minimum-below-house-policy')?.defaultConfiguration?.level).toBe('warning');
  });

  it('lists a rule a --pack disables as not enabled, and reports the overridden threshold', async () => {
    const { log } = await sarif({ ...overridePack, 'schemes/hnw.yaml': hnwScheme('600000') }, ['--pack', 'stricter']);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const run = log.runs[0]!;
    const disabled = run.tool.driver.rules!.find((r) => r.id === 'tn89.cl1.hnw-scheme-minimum-not-stated')!;
    expect(disabled.defaultConfiguration).toEqual({ level: 'warning', enabled: false });
    expect(disabled.properties).toMatchObject({ disabledBy: 'stricter-house' });
    const [result] = run.results!;
    expect(run.tool.driver.rules![result!.ruleIndex!]!.id).toBe('tn89.cl1.hnw-scheme-minimum-below-threshold');
    expect(result!.message.text).toContain('below THB 1,000,000.00');
  });

  it('maps severities to levels: grounds and violations are errors, warnings warnings, info notes', () => {
    expect(['revocation-ground', 'order-ground', 'violation', 'warning', 'info'].map((s) => sarifLevel(s as never))).toEqual(['error', 'error', 'error', 'warning', 'note']);
  });

  it('puts each result on the line of the field that decided it, with a URI relative to the working directory', async () => {
    const { log } = await sarif(schemes);
    const run = log.runs[0]!;
    const results = run.results!;
    for (const result of results) expect(run.tool.driver.rules![result.ruleIndex!]!.id).toBe(result.ruleId);
    const at = (ruleId: string) => results.filter((r) => r.ruleId === ruleId).map((r) => ({ level: r.level, ...r.locations![0]!.physicalLocation }));
    expect(at('tn89.cl1.hnw-scheme-minimum-below-threshold')).toEqual([
      { level: 'error', artifactLocation: { uri: 'schemes/hnw.yaml' }, region: { startLine: HNW_MINIMUM_LINE, startColumn: 3, endLine: HNW_MINIMUM_LINE, endColumn: 37 } },
    ]);
    expect(at('tn89.cl1.declared-type-mismatch')[0]).toMatchObject({ artifactLocation: { uri: 'schemes/list.yaml' }, region: { startLine: 16, startColumn: 3 } });
    expect(at('tn89.cl12.holder-outside-non-retail-fund-class')[0]).toMatchObject({ artifactLocation: { uri: 'schemes/input.json' }, region: { startLine: 24, startColumn: 15 } });
    expect(at('tn89.cl11.unitholding-limit-order-not-carried-out')[0]).toMatchObject({ level: 'error', artifactLocation: { uri: 'schemes/revocation.yaml' }, region: { startLine: 13, startColumn: 5 } });
  });

  it('words results in the chosen language with the citation', async () => {
    const { log } = await sarif(schemes, ['--lang', 'th']);
    const result = log.runs[0]!.results!.find((r) => r.ruleId === 'tn89.cl1.hnw-scheme-minimum-below-threshold')!;
    expect(result.message.text).toBe('โครงการของกองทุน M0100_2562 ซึ่งเสนอขายแก่ผู้มีเงินลงทุนสูง กำหนดมูลค่าการลงทุนครั้งแรกขั้นต่ำ 100,000.00 บาท ต่ำกว่า 500,000.00 บาท (ทน. 89/2558 ข้อ 1 บทนิยามคำว่า “ผู้มีเงินลงทุนสูง”)');
    expect(log.runs[0]!.tool.driver.rules!.find((r) => r.id === result.ruleId)?.shortDescription?.text).toBe('โครงการกองทุนสำหรับผู้มีเงินลงทุนสูงกำหนดเงินลงทุนครั้งแรกขั้นต่ำต่ำกว่าเกณฑ์');
  });

  it('keeps fingerprints stable across runs and when the lines of a file move', async () => {
    const first = await sarif(schemes);
    const again = await sarif(schemes);
    const prints = (log: Log) => log.runs[0]!.results!.map((r) => r.partialFingerprints);
    expect(prints(again.log)).toEqual(prints(first.log));
    expect(new Set(prints(first.log).map((p) => JSON.stringify(p))).size).toBe(first.log.runs[0]!.results!.length);

    writeFileSync(join(first.dir, 'schemes/hnw.yaml'), `# reviewed 2024-07-01\n# by compliance\n${hnwScheme('100000')}`);
    const r = await cli(['check', 'schemes', '--as-of', '2024-06-30', '--format', 'sarif'], { cwd: first.dir });
    const moved = JSON.parse(r.out) as Log;
    const hnw = (log: Log) => log.runs[0]!.results!.find((x) => x.ruleId === 'tn89.cl1.hnw-scheme-minimum-below-threshold')!;
    expect(hnw(moved).locations![0]!.physicalLocation!.region!.startLine).toBe(HNW_MINIMUM_LINE + 2);
    expect(hnw(moved).partialFingerprints).toEqual(hnw(first.log).partialFingerprints);
  });

  it('keeps a waived finding as a suppressed result with the waiver’s reference', async () => {
    const { log, code } = await sarif({ 'schemes/waived.yaml': waivedScheme });
    expect(code).toBe(0);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const result = log.runs[0]!.results!.find((r) => r.ruleId === 'tn89.cl4.nav-standard-not-association')!;
    expect(result.suppressions).toEqual([{ kind: 'external', justification: 'waiver กลต.น.(ว) 2145/2566' }]);
    expect(result.locations![0]!.physicalLocation!.region).toMatchObject({ startLine: 9 });
  });

  it('reports a notice not yet in force as a tool notification, with no results', async () => {
    const dir = workspace({ 'schemes/hnw.yaml': hnwScheme('100000').replace('BE 2562-01-10', '2015-06-01') });
    const r = await cli(['check', 'schemes', '--as-of', '2016-01-15', '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(0);
    const log = JSON.parse(r.out) as Log;
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text).toContain('TorNor. 89/2558 was not yet in force on 15 Jan 2016');
  });
});

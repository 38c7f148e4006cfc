import { describe, expect, it } from 'vitest';
import { tn89Pack } from '../../src/index.js';
import { cli, workspace } from './helpers/cli.js';
import { all, parseXml, type XmlElement } from './helpers/xml.js';
import { fundList, HNW_MINIMUM_LINE, housePack, hnwScheme, overridePack, revocationScheme, waivedScheme } from './helpers/schemes.js';

async function junit(files: Record<string, string>, args: string[] = []): Promise<{ root: XmlElement; xml: string; code: number }> {
  const r = await cli(['check', 'schemes', '--as-of', '2024-06-30', '--format', 'junit', ...args], { cwd: workspace(files) });
  expect(r.err).toBe('');
  return { root: parseXml(r.out), xml: r.out, code: r.code };
}

const caseOf = (root: XmlElement, classname: string, ruleId: string) =>
  all(root, 'testcase').filter((c) => c.attributes['classname'] === classname && c.attributes['name']!.startsWith(`${ruleId}: `));

describe('the strict XML reader used by these tests', () => {
  it('rejects what an XML parser rejects', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml('<a>fish & chips</a>')).toThrow(/bare "&"/);
    expect(() => parseXml('<a x="<"/>')).toThrow();
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/unknown entity/);
    expect(() => parseXml('<a/><b/>')).toThrow(/second root/);
    expect(() => parseXml('<a>\u0007</a>')).toThrow(/cannot hold/);
    expect(parseXml('<?xml version="1.0"?>\n<a x="&lt;&amp;">t&#x0E01;</a>')).toEqual({ name: 'a', attributes: { x: '<&' }, children: [], text: 'tก' });
  });
});

describe('JUnit XML', () => {
  it('is well-formed, with one <testsuite> per file and one <testcase> per fund × rule', async () => {
    const { root, code } = await junit({ 'schemes/hnw.yaml': hnwScheme('100000'), 'schemes/list.yaml': fundList });
    expect(code).toBe(1);
    expect(root.name).toBe('testsuites');
    const suites = all(root, 'testsuite');
    expect(suites.map((s) => s.attributes['name'])).toEqual(['schemes/hnw.yaml', 'schemes/list.yaml']);
    const rules = tn89Pack().rules.length;
    expect(suites.map((s) => all(s, 'testcase').length)).toEqual([rules, 2 * rules]);
    expect(suites.map((s) => s.attributes['tests'])).toEqual([String(rules), String(2 * rules)]);
    expect(suites.map((s) => s.attributes['failures'])).toEqual(['1', '1']);
    expect(root.attributes).toMatchObject({ tests: String(3 * rules), failures: '2', errors: '0', skipped: '0' });
    expect(new Set(all(suites[1]!, 'testcase').map((c) => c.attributes['classname']))).toEqual(new Set(['M0001_2560', 'M0002_2560']));
  });

  it('fails the fund × rule case with the message, the cited clause in Thai and English, and the location', async () => {
    const { root } = await junit({ 'schemes/hnw.yaml': hnwScheme('100000') });
    const [testcase] = caseOf(root, 'M0100_2562', 'tn89.cl1.hnw-scheme-minimum-below-threshold');
    expect(testcase!.attributes['name']).toBe('tn89.cl1.hnw-scheme-minimum-below-threshold: High-net-worth fund scheme declares a minimum first subscription below the threshold');
    expect(testcase!.attributes['line']).toBe(String(HNW_MINIMUM_LINE));
    const [failure] = all(testcase!, 'failure');
    expect(failure!.attributes['type']).toBe('violation');
    expect(failure!.attributes['message']).toBe('The scheme of fund M0100_2562, offered to high-net-worth investors, declares a minimum first subscription of THB 100,000.00, below THB 500,000.00');
    expect(failure!.text).toContain('TorNor. 89/2558 cl. 1 definition of "high-net-worth investor"');
    expect(failure!.text).toContain('“ผู้มีเงินลงทุนสูง” หมายความว่า ผู้ที่จะลงทุนในหน่วยลงทุนของกองทุนรวมในครั้งแรกตั้งแต่ 500,000 บาทขึ้นไป');
    expect(failure!.text).toContain('A person whose first investment in units of the mutual fund is 500,000 baht or more');
    expect(failure!.text).toContain(`at schemes/hnw.yaml:${HNW_MINIMUM_LINE}:3 (funds[0].scheme.minimumFirstSubscription)`);
  });

  it('never skips: a rule that does not apply passes with a note saying so', async () => {
    const { root, xml } = await junit({ 'schemes/hnw.yaml': hnwScheme('100000') });
    expect(xml).not.toContain('<skipped');
    const [testcase] = caseOf(root, 'M0100_2562', 'tn89.cl11.unitholding-limit-order-not-carried-out');
    expect(all(testcase!, 'failure')).toEqual([]);
    expect(all(testcase!, 'system-out')[0]!.text).toBe('Not applicable to this fund (nothing to check).');
    const [passed] = caseOf(root, 'M0100_2562', 'tn89.cl1.declared-type-mismatch');
    expect(passed!.children).toEqual([]);
  });

  it('notes a rule not in force on the as-of date, and fails nothing', async () => {
    const r = await cli(['check', 'schemes', '--as-of', '2016-01-15', '--format', 'junit'], { cwd: workspace({ 'schemes/hnw.yaml': hnwScheme('100000').replace('BE 2562-01-10', '2015-06-01') }) });
    expect(r.code).toBe(0);
    const cases = all(parseXml(r.out), 'testcase');
    expect(cases.length).toBe(tn89Pack().rules.length);
    for (const c of cases) expect(all(c, 'system-out')[0]!.text).toBe('Not in force on 15 Jan 2016.');
  });

  it('notes a rule a --pack disables, with the reason', async () => {
    const { root } = await junit({ ...overridePack, 'schemes/hnw.yaml': hnwScheme('600000') }, ['--pack', 'stricter']);
    const [testcase] = caseOf(root, 'M0100_2562', 'tn89.cl1.hnw-scheme-minimum-not-stated');
    expect(all(testcase!, 'system-out')[0]!.text).toBe('Disabled by pack stricter-house: Checked by compliance before a scheme is filed');
    expect(all(caseOf(root, 'M0100_2562', 'tn89.cl1.hnw-scheme-minimum-below-threshold')[0]!, 'failure')[0]!.attributes['message']).toContain('below THB 1,000,000.00');
  });

  it('lets a finding below --fail-on pass, with the finding in a note', async () => {
    const { root, code } = await junit({ ...housePack, 'schemes/hnw.yaml': hnwScheme('600000') }, ['--pack', 'house']);
    expect(code).toBe(0);
    const [testcase] = caseOf(root, 'M0100_2562', 'house.scheme-minimum-below-house-policy');
    expect(all(testcase!, 'failure')).toEqual([]);
    expect(all(testcase!, 'system-out')[0]!.text).toMatch(/^Below --fail-on violation:\n\[WARNING\] The scheme of fund M0100_2562 sets a minimum first subscription of THB 600,000.00/);
  });

  it('writes evidence and the threshold in the report’s language: Thai labels and severity word, never code names', async () => {
    const { root } = await junit({ ...housePack, 'schemes/hnw.yaml': hnwScheme('600000') }, ['--pack', 'house', '--lang', 'th']);
    const [note] = all(caseOf(root, 'M0100_2562', 'house.scheme-minimum-below-house-policy')[0]!, 'system-out');
    expect(note!.text).toMatch(/^ต่ำกว่าเกณฑ์ "ฝ่าฝืน" \(--fail-on violation\):\n\[คำเตือน\] /);
    const failing = await junit({ 'schemes/hnw.yaml': hnwScheme('100000') }, ['--lang', 'th']);
    const failure = all(caseOf(failing.root, 'M0100_2562', 'tn89.cl1.hnw-scheme-minimum-below-threshold')[0]!, 'failure')[0]!;
    expect(failure.text).toContain('หลักฐาน: เงินลงทุนครั้งแรกขั้นต่ำ = 100,000.00 บาท; เกณฑ์ = 500,000.00 บาท');
    expect(failure.text).not.toMatch(/minimumFirstSubscription =|threshold =/);
    expect(root.attributes['name']).toContain('ณ วันที่ 2024-06-30');
  });

  it('lets a waived finding pass, with the waiver’s reference in a note', async () => {
    const { root, code } = await junit({ 'schemes/waived.yaml': waivedScheme });
    expect(code).toBe(0);
    expect(all(root, 'failure')).toEqual([]);
    const [testcase] = caseOf(root, 'M0671_2565', 'tn89.cl4.nav-standard-not-association');
    expect(all(testcase!, 'system-out')[0]!.text).toMatch(/^Waived \(กลต\.น\.\(ว\) 2145\/2566\):\n\[VIOLATION\] The scheme of fund M0671_2565 declares another standard/);
  });

  it('escapes markup in file names, messages and Thai text', async () => {
    const { root } = await junit({ 'schemes/a&b <draft>.yaml': revocationScheme }, ['--lang', 'th']);
    const [suite] = all(root, 'testsuite');
    expect(suite!.attributes['name']).toBe('schemes/a&b <draft>.yaml');
    const [failure] = all(caseOf(root, 'M0150_2560', 'tn89.cl11.unitholding-limit-order-not-carried-out')[0]!, 'failure');
    expect(failure!.attributes['type']).toBe('revocation-ground');
    expect(failure!.text).toContain('ที่ schemes/a&b <draft>.yaml:13:5');
    expect(failure!.text).toContain('ทน. 89/2558 ข้อ 11 วรรคสอง');
  });
});

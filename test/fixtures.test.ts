/**
 * The example funds in fixtures/funds/ evaluated as of 2024-06-30 (the date of
 * the README demo): each file gives exactly the findings listed here, and every
 * finding is cited, evidenced and worded in Thai and English.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evaluate, tn89Pack, type Report } from '../src/index.js';

const AS_OF = '2024-06-30';
const FIXTURES = fileURLToPath(new URL('../fixtures/funds/', import.meta.url));

/** fixture file -> the exact set of (fund id, rule id) findings as of 2024-06-30; [] means clean. */
const EXPECTED: Record<string, ReadonlyArray<readonly [fundId: string, ruleId: string]>> = {
  '01-retail-funds-clean.yaml': [],
  '02-declared-type-mismatch.yaml': [
    ['M0789_2562', 'tn89.cl1.declared-type-mismatch'],
    ['M0802_2562', 'tn89.cl1.declared-type-mismatch'],
  ],
  // First subscriptions of 2013–2015 are not judged by the notice (cl. 16): info only.
  '03-institutional-funds-clean.yaml': [['M0034_2556', 'tn89.cl16.first-subscription-before-commencement']],
  '04-institutional-fund-approved-2016.yaml': [['M0098_2559', 'tn89.cl1.institutional-fund-approved-after-commencement']],
  '05-non-retail-funds-clean.yaml': [],
  '06-non-retail-ineligible-holders.yaml': [
    ['M0266_2561', 'tn89.cl12.holder-outside-non-retail-fund-class'],
    ['M0377_2562', 'tn89.cl12.holder-outside-non-retail-fund-class'],
    ['M0520_2563', 'tn89.cl12.x-fund-holder-not-institutional-or-uhnw'],
  ],
  '07-hnw-scheme-minimum.yaml': [
    ['M0590_2564', 'tn89.cl1.hnw-scheme-minimum-below-threshold'],
    ['M0601_2564', 'tn89.cl12.holder-outside-non-retail-fund-class'],
  ],
  '08-foreign-offering-clean.yaml': [],
  '09-financial-statements-violations.yaml': [
    ['M0155_2560', 'tn89.cl5.standard-not-association'],
    ['M0155_2560', 'tn89.cl5.auditor-not-sec-approved'],
    ['M0188_2560', 'tn89.cl5.period-longer-than-12-months'],
    ['M0155_2560', 'tn89.cl12.accounting-standard-not-scheme'],
  ],
  '10-foreign-offering-violations.yaml': [
    ['M0720_2565', 'tn89.cl5.foreign-auditor-not-licensed-where-offered'],
    ['M0720_2565', 'tn89.cl5.foreign-standard-not-stated-in-scheme'],
    ['M0733_2565', 'tn89.cl5.foreign-offering-standard-not-permitted'],
    ['M0741_2566', 'tn89.cl5.foreign-offering-countries-not-recorded'],
  ],
  '11-final-period-exception-clean.yaml': [],
  '12-final-period-too-long.yaml': [
    ['M0290_2561', 'tn89.cl5.final-period-longer-than-15-months'],
    ['M0715_2565', 'tn89.cl5.final-period-longer-than-15-months'],
  ],
  '13-revocation-clean.yaml': [],
  '14-revocation-grounds.yaml': [
    ['M0455_2563', 'tn89.cl11.amendment-contrary-to-law'],
    ['M0150_2560', 'tn89.cl11.retail-units-sold-without-prospectus-rules'],
    ['M0150_2560', 'tn89.cl11.unitholding-limit-order-not-carried-out'],
    ['M0041_2557', 'tn89.cl11.institutional-fund-non-institutional-holder'],
    ['M0041_2557', 'tn89.cl16.first-subscription-before-commencement'],
  ],
  '15-fund-managers-clean.yaml': [],
  '16-fund-manager-approval-lapsed.yaml': [
    ['M0474_2563', 'tn89.cl3.fund-manager-approval-not-valid'],
    ['M0488_2563', 'tn89.cl3.fund-manager-approval-not-valid'],
    ['M0488_2563', 'tn89.cl3.no-fund-manager-appointed'],
  ],
  '17-disclosure-clean.yaml': [],
  '18-disclosure-violations.yaml': [
    ['M0541_2563', 'tn89.cl4.nav-standard-not-association'],
    ['M0556_2564', 'tn89.cl4.performance-disclosure-overdue'],
    ['M0563_2564', 'tn89.cl4.performance-disclosure-overdue'],
  ],
  '19-private-fund-clean.yaml': [],
  '20-private-fund-obligation-not-tied.yaml': [['PVF-2564-0107', 'tn89.cl7.obligation-not-tied-to-permitted-investment']],
  // The cl. 4 para 2 finding is listed though waived: a waiver never removes a finding.
  '21-cross-border-waiver-valid.yaml': [
    ['M0671_2565', 'tn89.cl4.nav-standard-not-association'],
    ['M0671_2565', 'tn89.cl4.performance-disclosure-overdue'],
  ],
  '22-cross-border-waivers-invalid.yaml': [
    ['M0662_2564', 'tn89.cl10.waiver-fund-not-offered-in-thailand-and-abroad'],
    ['M0662_2564', 'tn89.cl4.nav-standard-not-association'],
    ['M0679_2565', 'tn89.cl10.waiver-affects-thai-investors'],
    ['M0679_2565', 'tn89.cl4.performance-disclosure-overdue'],
    ['M0684_2565', 'tn89.cl10.waiver-host-country-showing-missing'],
    ['M0684_2565', 'tn89.cl4.nav-standard-not-association'],
  ],
  '23-scheme-operations-clean.yaml': [],
  '24-scheme-operations-inconsistent.yaml': [
    ['M0723_2565', 'tn89.cl12.offering-countries-not-in-scheme'],
    ['M0736_2566', 'tn89.cl12.accounting-standard-not-scheme'],
    ['M0748_2566', 'tn89.cl12.first-subscription-below-scheme-minimum'],
    ['M0752_2566', 'tn89.cl12.holder-outside-scheme-restriction'],
  ],
  '25-recorded-grounds.yaml': [
    ['M0760_2566', 'tn89.cl12.recorded-ground-1'],
    ['M0760_2566', 'tn89.cl12.recorded-ground-4'],
    ['M0771_2566', 'tn89.cl12.recorded-ground-2'],
    ['M0771_2566', 'tn89.cl12.recorded-ground-3'],
  ],
  '26-special-funds-clean.yaml': [],
};

const files = readdirSync(FIXTURES)
  .filter((name) => /\.(ya?ml|json)$/.test(name))
  .sort();

const key = ([fundId, ruleId]: readonly [string, string]) => `${fundId}  ${ruleId}`;
const THAI = /[\u0E00-\u0E7F]/;
const PLACEHOLDER = /\{[A-Za-z][A-Za-z0-9]*\}/;

function readFixture(name: string): { text: string; doc: unknown } {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  return { text, doc: parse(text) };
}

/** The leading comment block of a fixture file. */
function header(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line.replace(/^#\s?/, ''));
  }
  return lines.join(' ');
}

describe('fixtures/funds', () => {
  it('every fixture file has an entry in the table of expected findings, and every entry a file', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it('the fixtures include both clean and failing examples', () => {
    const expected = files.map((name) => EXPECTED[name] ?? []);
    expect(expected.some((pairs) => pairs.length === 0)).toBe(true);
    expect(expected.some((pairs) => pairs.length > 0)).toBe(true);
  });

  it('every rule id in the table is a rule of the built-in pack', () => {
    const ruleIds = new Set(tn89Pack().rules.map((rule) => rule.id));
    for (const pairs of Object.values(EXPECTED)) for (const [, ruleId] of pairs) expect(ruleIds, ruleId).toContain(ruleId);
  });

  describe.each(files)('%s', (name) => {
    const reports = new Map<string, Promise<Report>>();
    const reportOf = () => {
      let report = reports.get(name);
      if (!report) {
        report = evaluate(readFixture(name).doc, { asOf: AS_OF });
        reports.set(name, report);
      }
      return report;
    };

    it('gives exactly the expected (fund, rule) findings as of 2024-06-30', async () => {
      const expected = EXPECTED[name];
      expect(expected, `add ${name} to EXPECTED in test/fixtures.test.ts`).toBeDefined();
      const report = await reportOf();
      const actual = [...new Set(report.findings.map((f) => key([f.subject.fundId, f.ruleId])))].sort();
      expect(actual).toEqual([...new Set(expected!.map(key))].sort());
      expect(report.status).toBe(expected!.length === 0 ? 'no-findings' : 'findings');
      expect(report.summary.rules).toBe(tn89Pack().rules.length);
      expect(report.summary.passed + report.summary.found + report.summary.notApplicable + report.summary.notInForce).toBe(report.summary.rules);
    });

    it('says in its header comment what it shows and which rules it triggers (or that it is clean)', () => {
      const text = header(readFixture(name).text);
      expect(text.length, 'a YAML comment header').toBeGreaterThan(20);
      const expected = EXPECTED[name] ?? [];
      if (expected.length === 0) expect(text.toLowerCase()).toContain('clean');
      for (const [, ruleId] of expected) expect(text, `header names ${ruleId}`).toContain(ruleId);
    });

    it('cites, evidences and words every finding in Thai and English', async () => {
      const report = await reportOf();
      for (const finding of report.findings) {
        const where = `${finding.ruleId} @ ${finding.subject.pointer}`;
        expect(finding.citation.text.th, where).toMatch(THAI);
        expect(finding.citation.text.th, where).toContain('ข้อ');
        expect(finding.citation.text.en, where).toMatch(/^TorNor\. 89\/2558 cl\. \d+/);
        expect(finding.citation.clauseText, `${where}: the Thai words of the clause`).toMatch(THAI);
        expect(finding.citation.reading?.trim().length ?? 0, `${where}: the English reading`).toBeGreaterThan(0);
        expect(finding.evidence.length, where).toBeGreaterThan(0);
        for (const item of finding.evidence) expect(item.name.length, where).toBeGreaterThan(0);
        expect(finding.message.th, where).toMatch(THAI);
        expect(finding.message.en.trim().length, where).toBeGreaterThan(0);
        expect(finding.message.th, where).not.toMatch(PLACEHOLDER);
        expect(finding.message.en, where).not.toMatch(PLACEHOLDER);
        expect(finding.title.th, where).toMatch(THAI);
        expect(finding.title.en.length, where).toBeGreaterThan(0);
        if (finding.citation.clause === 11) {
          expect(finding.severity, where).toBe('revocation-ground');
          expect(finding.consequence, `${where}: the consequence of cl. 11 para 2`).toBeDefined();
          expect(finding.consequence!.citation.clause, where).toBe(11);
          expect(finding.consequence!.citation.paragraph, where).toBe(2);
          expect(finding.consequence!.message.th, where).toMatch(THAI);
          expect(finding.consequence!.message.th, where).not.toMatch(PLACEHOLDER);
          expect(finding.consequence!.message.en, where).not.toMatch(PLACEHOLDER);
          expect(finding.consequence!.message.en, where).toContain(finding.subject.fundId);
        }
      }
    });

    it('is evaluated without changing the parsed document', async () => {
      const { doc } = readFixture(name);
      const before = structuredClone(doc);
      await evaluate(doc, { asOf: AS_OF });
      expect(doc).toEqual(before);
    });
  });
});

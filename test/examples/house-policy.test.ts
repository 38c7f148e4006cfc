/**
 * examples/house-policy: a house pack evaluated after the built-in TorNor.
 * 89/2558 pack. It overrides the 500,000 THB high-net-worth threshold with
 * 1,000,000 THB, adds a house KYC rule, and disables a built-in rule with a
 * reason. The example must lint clean, its own cases must pass, and what it
 * changes must show in the report.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluate, lintPack, loadPackFromDirectory, runPackTests, tn89Pack, type Report } from '../../src/index.js';

const root = resolve(__dirname, '../..');
const example = join(root, 'examples', 'house-policy');
const fixture = join(root, 'examples', 'schemes', 'house-policy-funds.yaml');
const PACK_ID = 'example-amc-house-policy';
const B_FUND_RULE = 'tn89.cl12.holder-outside-non-retail-fund-class';
const DISABLED_RULE = 'tn89.cl4.performance-disclosure-overdue';
const HOUSE_RULE = 'house.retail-fund-foreign-holder-enhanced-kyc';
const AS_OF = '2024-06-30';

const input = () => parse(readFileSync(fixture, 'utf8')) as unknown;
const findingsOf = (report: Report, ruleId: string) => report.findings.filter((f) => f.ruleId === ruleId);

/** A copy of the example in a temporary directory, changed by `edit(file → text)`. */
function changedCopy(edits: Record<string, (text: string) => string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'house-policy-')), 'house-policy');
  cpSync(example, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
    writeFileSync(path, after);
  }
  return dir;
}

async function caseResults(dir: string) {
  const { results, issues } = await runPackTests(dir, { packs: [tn89Pack(), loadPackFromDirectory(dir)] });
  expect(issues).toEqual([]);
  return results;
}

describe('examples/house-policy lints clean', () => {
  it('has no lint issue, not even a warning, against the built-in pack', () => {
    expect(lintPack(example)).toEqual([]);
  });

  it('every YAML file starts with a yaml-language-server line naming its JSON Schema in schemas/', () => {
    const files = [
      ...readdirSync(example).filter((f) => f.endsWith('.yaml')),
      ...readdirSync(join(example, 'rules')).map((f) => `rules/${f}`),
      ...readdirSync(join(example, 'tests')).map((f) => `tests/${f}`),
    ];
    const expected = (file: string) =>
      file.startsWith('rules/') ? 'rule' : file.startsWith('tests/') ? 'pack-test' : file === 'pack.yaml' ? 'pack-meta' : file.replace('.yaml', '');
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of [...files.map((f) => join(example, f)), fixture]) {
      const first = readFileSync(file, 'utf8').split('\n')[0]!;
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, `${file}: first line ${first}`).not.toBeNull();
      const name = file === fixture ? 'input' : expected(relative(example, file));
      expect(resolve(dirname(file), m![1]!), file).toBe(join(root, 'schemas', `${name}.schema.json`));
    }
  });
});

describe("examples/house-policy's own test cases", () => {
  it('all pass, evaluated after the built-in pack', async () => {
    const results = await caseResults(example);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    const names = results.map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'under the house policy a first subscription of 999,999.99 THB does not make a high-net-worth investor',
        'under the house policy a first subscription of exactly 1,000,000.00 THB is enough (inclusive)',
        'a holder of a retail fund domiciled in Singapore with no KYC review on record needs an enhanced review',
        'no enhanced review is asked of a Thai holder, nor of a foreign holder reviewed on the day of the first subscription',
        'a fund that tracks its disclosures but never disclosed its performance gets no finding from the disabled rule',
      ]),
    );
    expect(results.length).toBeGreaterThanOrEqual(5);
  });

  it('fail when the pack loses its override, its disable or its rule: the cases test what the pack does', async () => {
    const withoutOverride = changedCopy({ 'parameters.yaml': (t) => t.replace('value: "1000000"', 'value: "500000"') });
    const failedWithoutOverride = (await caseResults(withoutOverride)).filter((r) => !r.passed);
    expect(failedWithoutOverride.map((r) => r.name)).toEqual(['under the house policy a first subscription of 999,999.99 THB does not make a high-net-worth investor']);
    // With the law's 500,000 THB the holder is a high-net-worth investor, only below the scheme's own 1,000,000 THB minimum.
    expect(failedWithoutOverride[0]!.diff).toEqual([`- expected ${B_FUND_RULE}, investor TH-IND-000101`, expect.stringMatching(/^\+ unexpected tn89\.cl12\.first-subscription-below-scheme-minimum, fund M0377_2562, investor TH-IND-000101: /)]);

    const withoutDisable = changedCopy({ 'pack.yaml': (t) => t.slice(0, t.indexOf('disable:')) });
    const failedWithoutDisable = (await caseResults(withoutDisable)).filter((r) => !r.passed);
    expect(failedWithoutDisable.map((r) => r.name)).toEqual(['a fund that tracks its disclosures but never disclosed its performance gets no finding from the disabled rule']);
    expect(failedWithoutDisable[0]!.diff[0]).toMatch(new RegExp(`^\\+ unexpected ${DISABLED_RULE.replaceAll('.', '\\.')}, fund M0413_2563: `));

    const withoutGuardedDate = changedCopy({ [`rules/retail-fund-foreign-holder-enhanced-kyc.yaml`]: (t) => t.replace('operator: dateAfter', 'operator: dateOnOrAfter') });
    const failedWithoutGuardedDate = (await caseResults(withoutGuardedDate)).filter((r) => !r.passed);
    expect(failedWithoutGuardedDate.map((r) => r.name)).toEqual(['no enhanced review is asked of a Thai holder, nor of a foreign holder reviewed on the day of the first subscription']);
  });
});

describe('examples/house-policy evaluated with the built-in pack', () => {
  it('the law alone: 999,999.99 THB is enough, and the fund that never disclosed its performance has a finding', async () => {
    const report = await evaluate(input(), { asOf: AS_OF });
    expect(findingsOf(report, B_FUND_RULE)).toEqual([]);
    expect(findingsOf(report, DISABLED_RULE).map((f) => f.subject.fundId)).toEqual(['M0413_2563']);
    expect(findingsOf(report, HOUSE_RULE)).toEqual([]);
    expect(report.overrides).toEqual([]);
    expect(report.disabled).toEqual([]);
  });

  it('with the house pack: the threshold is the house’s, the disabled rule is listed with its reason, the house rule finds the foreign holder', async () => {
    const house = loadPackFromDirectory(example);
    const report = await evaluate(input(), { asOf: AS_OF, packs: [tn89Pack(), house] });

    expect(report.overrides).toEqual([{ kind: 'parameter', id: 'hnw-minimum-first-subscription', by: PACK_ID, replaces: 'tn-89-2558' }]);
    expect(report.disabled).toEqual([
      {
        ruleId: DISABLED_RULE,
        packId: 'tn-89-2558',
        by: PACK_ID,
        reason: {
          th: expect.stringContaining('ปฏิทินการเปิดเผยข้อมูลกองทุน'),
          en: expect.stringMatching(/^Performance disclosures are tracked in the Fund Reporting disclosure calendar, .* would duplicate that system's alerts\.$/),
        },
      },
    ]);
    expect(report.rules.find((r) => r.ruleId === DISABLED_RULE)).toMatchObject({ outcome: 'disabled', disabled: { by: PACK_ID } });
    expect(findingsOf(report, DISABLED_RULE)).toEqual([]);
    expect(report.summary.disabled).toBe(1);
    expect(report.summary.rules).toBe(tn89Pack().rules.length + 1);

    // The built-in rule decides with the house's 1,000,000 THB, and says whose value it was.
    const [below] = findingsOf(report, B_FUND_RULE);
    expect(findingsOf(report, B_FUND_RULE)).toHaveLength(1);
    expect(below!.subject.investorId).toBe('TH-IND-000101');
    expect(below!.packId).toBe('tn-89-2558');
    expect(below!.evidence.find((e) => e.name === 'threshold')).toMatchObject({ value: '1000000', pack: PACK_ID, source: 'param:hnw-minimum-first-subscription' });
    expect(below!.message.en).toContain('first subscription, THB 999,999.99 on 10 Mar 2023, was below the THB 1,000,000.00 in force that day');
    // TH-IND-000102 subscribed exactly 1,000,000.00 THB: inclusive.
    expect(report.findings.filter((f) => f.subject.investorId === 'TH-IND-000102')).toEqual([]);

    const [kyc] = findingsOf(report, HOUSE_RULE);
    expect(findingsOf(report, HOUSE_RULE)).toHaveLength(1);
    expect(kyc).toMatchObject({
      packId: PACK_ID,
      severity: 'warning',
      status: 'violation',
      subject: { kind: 'unitholder', fundId: 'M0412_2563', investorId: 'SG-IND-000007' },
      citation: { text: { th: 'นโยบายการรู้จักลูกค้าและการตรวจสอบเพื่อทราบข้อเท็จจริงเกี่ยวกับลูกค้าของบริษัท ข้อ 6.3', en: 'House KYC/CDD policy s. 6.3' } },
    });
    expect(kyc!.evidence.map((e) => [e.name, e.value])).toEqual([
      ['domicile', 'SG'],
      ['firstSubscriptionDate', '2024-02-15'],
      ['kycReviewDate', null],
    ]);
    expect(kyc!.message.en).toBe(
      'Unitholder SG-IND-000007 of retail fund M0412_2563 is domiciled in SG, outside Thailand, but no enhanced KYC review is recorded on or before the first subscription on 15 Feb 2024 (last review: (not recorded)); refer the account to Compliance for an enhanced KYC review',
    );
    // Thai wording, with the Buddhist Era date.
    expect(kyc!.message.th).toContain('ลงทุนครั้งแรก 15 ก.พ. 2567');
    // The Thai holder of the same fund needs no enhanced review.
    expect(report.findings.filter((f) => f.subject.investorId === 'TH-IND-000104')).toEqual([]);

    expect(report.findings.map((f) => f.ruleId).sort()).toEqual([B_FUND_RULE, HOUSE_RULE].sort());
  });

  it('before the house policy took effect (1 Jan 2020) the law’s 500,000 THB decides and the house rule is not in force', async () => {
    const house = loadPackFromDirectory(example);
    const fund = {
      id: 'M0377_2562',
      names: { th: 'กองทุนเปิดตัวอย่าง ไฮเนทเวิร์ธ', en: 'Example High Net Worth Open Fund' },
      kind: 'mutual',
      declaredType: 'B',
      managementCompany: { id: 'C0000000999' },
      approvalDate: '2019-02-01',
      offering: { inThailand: true, abroad: false },
      scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '500000' },
      unitholders: [{ investorId: 'SG-IND-000001', subscriptions: [{ date: '2019-06-03', amount: '499999.99' }] }],
    };
    const report = await evaluate({ funds: [fund], investors: [{ id: 'SG-IND-000001', type: 'individual', category: 'retail', domicile: 'SG' }] }, { asOf: '2019-12-31', packs: [tn89Pack(), house] });
    const [below] = findingsOf(report, B_FUND_RULE);
    // The house pack is not in force yet, so its override does not decide: the law's value does.
    expect(below!.evidence.find((e) => e.name === 'threshold')).toMatchObject({ value: '500000', pack: 'tn-89-2558' });
    expect(report.rules.find((r) => r.ruleId === HOUSE_RULE)!.outcome).toBe('not-in-force');
    expect(report.packs.map((p) => [p.id, p.inForceOnAsOf])).toEqual([
      ['tn-89-2558', true],
      [PACK_ID, false],
    ]);
  });
});

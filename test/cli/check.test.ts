import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    out: () => out,
    err: () => err,
  };
}

const scheme = (minimum: string) => `# a high-net-worth fund scheme
id: M0100_2562
names: { th: กองทุนเปิดทดสอบพลัส, en: Test Plus Open Fund }
kind: mutual
declaredType: B
managementCompany: { id: C0000000021 }
approvalDate: BE 2562-01-10
offering: { inThailand: true, abroad: false }
scheme: { investorRestriction: high-net-worth, minimumFirstSubscription: "${minimum}" }
`;

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('check', () => {
  it('exits 1 and prints the cited finding when a scheme breaks the notice', async () => {
    const dir = dirWith({ 'fund.yaml': scheme('100000') });
    const c = capture();
    expect(await main(['check', dir, '--as-of', '2024-06-30'], c.io)).toBe(1);
    expect(c.out()).toContain('VIOLATION  TorNor. 89/2558 cl. 1 definition of "high-net-worth investor"  tn89.cl1.hnw-scheme-minimum-below-threshold');
    expect(c.out()).toContain('THB 100,000.00, below THB 500,000.00');
  });

  it('exits 0 on a clean scheme and prints in Thai with --lang th', async () => {
    const dir = dirWith({ 'fund.yaml': scheme('500000.00') });
    const c = capture();
    expect(await main(['check', join(dir, 'fund.yaml'), '--as-of', 'BE 2567-06-30', '--lang', 'th'], c.io)).toBe(0);
    expect(c.out()).toContain('ไม่พบประเด็น');
    expect(c.out()).toContain('30 มิ.ย. 2567');
  });

  it('writes the reports as JSON with --format json', async () => {
    const dir = dirWith({ 'fund.json': JSON.stringify({ funds: [parse(scheme('1'))] }) });
    const c = capture();
    expect(await main(['check', dir, '--as-of', '2024-06-30', '--format', 'json'], c.io)).toBe(1);
    const json = JSON.parse(c.out());
    expect(json.asOf).toBe('2024-06-30');
    expect(json.reports[0].report.findings[0].citation.text.th).toBe('ทน. 89/2558 ข้อ 1 บทนิยามคำว่า “ผู้มีเงินลงทุนสูง”');
  });

  it('exits 0 with --fail-on revocation-ground when the worst finding is a violation', async () => {
    const dir = dirWith({ 'fund.yaml': scheme('100000') });
    expect(await main(['check', dir, '--as-of', '2024-06-30', '--fail-on', 'revocation-ground'], capture().io)).toBe(0);
  });

  it('exits 2 and lists every bad field with its file, never a stack trace', async () => {
    const dir = dirWith({ 'bad.yaml': scheme('5e5').replace('BE 2562-01-10', '2562-01-10').replace('declaredType: B', 'declaredType: Q'), 'broken.yaml': 'id: [unclosed' });
    const c = capture();
    expect(await main(['check', dir, '--as-of', '2024-06-30'], c.io)).toBe(2);
    expect(c.err()).toMatch(/bad\.yaml: funds\[0\]\.declaredType: /);
    expect(c.err()).toMatch(/bad\.yaml: funds\[0\]\.approvalDate: year 2562 looks like a Buddhist Era year/);
    expect(c.err()).toMatch(/bad\.yaml: funds\[0\]\.scheme\.minimumFirstSubscription: .*not a plain decimal amount/);
    expect(c.err()).toMatch(/broken\.yaml: invalid YAML/);
    expect(c.err()).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad --as-of or a missing file', async () => {
    expect(await main(['check', 'x.yaml', '--as-of', '2016-02-30'], capture().io)).toBe(2);
    const c = capture();
    expect(await main(['check', '/no/such/file.yaml', '--as-of', '2024-06-30'], c.io)).toBe(2);
    expect(c.err()).toContain('/no/such/file.yaml: no such file or directory');
    expect(await main(['frobnicate'], capture().io)).toBe(2);
  });

  it('says the notice was not in force before 16 January 2016 and fails nothing', async () => {
    const dir = dirWith({ 'fund.yaml': scheme('100000').replace('BE 2562-01-10', '2015-06-01') });
    const c = capture();
    expect(await main(['check', dir, '--as-of', '2016-01-15'], c.io)).toBe(0);
    expect(c.out()).toContain('TorNor. 89/2558 was not yet in force on 15 Jan 2016');
  });
});

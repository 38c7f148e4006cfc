// The package as a user gets it: `npm pack`, install the tarball elsewhere,
// then import, require, type-check and run its bin.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, root } from '../cli/helpers/packed.js';

let consumer = '';

const scheme = {
  funds: [
    {
      id: 'M0200_2563',
      names: { th: 'กองทุนเปิดทดสอบแพ็กเกจ', en: 'Package Test Open Fund' },
      kind: 'mutual',
      // A type B (high-net-worth) scheme: the cl. 1 minimum of 500,000 baht applies to type B schemes.
      declaredType: 'B',
      managementCompany: { id: 'C0000000021' },
      approvalDate: '2020-02-01',
      offering: { inThailand: true, abroad: false },
      scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '250000' },
    },
  ],
};

beforeAll(() => {
  // Packing is serialised with the other end-to-end files (each pack rebuilds dist/).
  consumer = packAndInstall('tfc');
  writeFileSync(join(consumer, 'scheme.json'), JSON.stringify(scheme));
}, 180_000);

describe('the packed package', () => {
  it('can be imported as ESM and evaluates with the shipped rules', () => {
    const out = execFileSync(
      'node',
      ['--input-type=module', '-e', "import { evaluate } from 'thai-fund-compliance'; import { readFileSync } from 'node:fs'; const r = await evaluate(JSON.parse(readFileSync('scheme.json','utf8')), { asOf: '2024-06-30' }); console.log(JSON.stringify(r.findings.map(f => [f.ruleId, f.citation.text.en])));"],
      { cwd: consumer, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual([['tn89.cl1.hnw-scheme-minimum-below-threshold', 'TorNor. 89/2558 cl. 1 definition of "high-net-worth investor"']]);
  });

  it('can be required as CommonJS', () => {
    const out = execFileSync(
      'node',
      ['-e', "const { evaluate, tn89Pack } = require('thai-fund-compliance'); evaluate(require('./scheme.json'), { asOf: '2024-06-30' }).then(r => console.log(r.summary.found, tn89Pack().meta.notice.th));"],
      { cwd: consumer, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('1 ทน. 89/2558');
  });

  it('ships type declarations for both import and require', () => {
    // esm.mts also narrows a finding's subject on its kind and an evidence value on its type, as a consumer would.
    const narrowing = [
      "import type { Finding, Money } from 'thai-fund-compliance';",
      'export function who(f: Finding): string {',
      "  if (f.subject.kind === 'unitholder') return f.subject.investorId.toUpperCase();",
      "  if (f.subject.kind === 'accounting-period') return f.subject.period.start;",
      '  return f.subject.fundId;',
      '}',
      'export function money(f: Finding): Money[] {',
      "  return f.evidence.flatMap((e) => (e.type === 'money' && e.value !== null ? [e.value] : []));",
      '}',
    ].join('\n');
    writeFileSync(join(consumer, 'esm.mts'), `import { evaluate, type Report } from 'thai-fund-compliance';\nconst r: Promise<Report> = evaluate({ funds: [] }, { asOf: '2024-06-30' });\nvoid r;\n${narrowing}\n`);
    writeFileSync(join(consumer, 'cjs.cts'), "import tfc = require('thai-fund-compliance');\nconst r: Promise<tfc.Report> = tfc.evaluate({}, { asOf: '2024-06-30' });\nvoid r;\n");
    writeFileSync(join(consumer, 'bad.mts'), "import { evaluate } from 'thai-fund-compliance';\nvoid evaluate({}, { asOff: '2024-06-30' });\n");
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const common = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types')];
    // One compiler run over all three files (type-checking the declarations is the slow part):
    // the only errors are the misspelt option in bad.mts. evaluate has two overloads, so the
    // error line is "No overload matches this call" and its detail lines name the misspelt option.
    const result = spawnSync('node', [tsc, ...common, 'esm.mts', 'cjs.cts', 'bad.mts'], { cwd: consumer, encoding: 'utf8' });
    const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(result.status).not.toBe(0);
    expect(errors.length, result.stdout).toBeGreaterThan(0);
    for (const line of errors) expect(line).toMatch(/^bad\.mts\(2,\d+\): error TS\d+: /);
    const details = result.stdout.split('\n').filter((line) => /^\s/.test(line) && /does not exist/.test(line));
    expect(details.length, result.stdout).toBeGreaterThan(0);
    for (const line of details) expect(line).toMatch(/'asOff' does not exist/);
  }, 300_000);

  it('runs its CLI: exit 1 on findings, 0 when clean, 2 on bad input', () => {
    const bin = join(consumer, 'node_modules', '.bin', 'thai-fund-compliance');
    const found = spawnSync(bin, ['check', 'scheme.json', '--as-of', '2024-06-30'], { cwd: consumer, encoding: 'utf8' });
    expect(found.status).toBe(1);
    expect(found.stdout).toContain('tn89.cl1.hnw-scheme-minimum-below-threshold');
    const clean = spawnSync(bin, ['check', 'scheme.json', '--as-of', '2015-12-31', '--format', 'json'], { cwd: consumer, encoding: 'utf8' });
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout).reports[0].report.status).toBe('not-in-force');
    writeFileSync(join(consumer, 'bad.json'), JSON.stringify({ funds: [{ id: 'x' }] }));
    const bad = spawnSync(bin, ['check', 'bad.json'], { cwd: consumer, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    // Input problems are results: listed on stdout, one ERROR line each.
    expect(bad.stdout).toMatch(/ {2}ERROR {2}bad\.json:1:\d+: funds\[0\]\.names: /);
  });
});

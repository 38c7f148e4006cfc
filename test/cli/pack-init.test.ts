import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, workspace } from './helpers/cli.js';
import { all, parseXml } from './helpers/xml.js';

describe('pack init', () => {
  it('creates a pack that lints clean and whose example tests pass', async () => {
    const dir = workspace({});
    const init = await cli(['pack', 'init', 'house-rules'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.out).toContain('created pack house-rules in house-rules');
    const lint = await cli(['pack', 'lint', 'house-rules'], { cwd: dir });
    expect(lint.out).toBe('house-rules: 0 errors, 0 warnings\n');
    expect(lint.code).toBe(0);
    const test = await cli(['pack', 'test', 'house-rules'], { cwd: dir });
    expect(test.err).toBe('');
    expect(test.code).toBe(0);
    expect(test.out).toContain('house-rules: 2 passed, 0 failed');
  });

  it('makes a pack check uses: a scheme below the house minimum gets the house warning', async () => {
    const dir = workspace({});
    await cli(['pack', 'init', 'policy', '--id', 'acme-policy'], { cwd: dir });
    writeFileSync(
      join(dir, 'fund.yaml'),
      'id: M0001_2563\nnames: { th: กองทุนเปิดตัวอย่าง, en: Example Open Fund }\nkind: mutual\ndeclaredType: R\nmanagementCompany: { id: C0000000001 }\napprovalDate: 2020-03-02\noffering: { inThailand: true, abroad: false }\nscheme: { investorRestriction: general, minimumFirstSubscription: "1000" }\n',
    );
    const r = await cli(['check', 'fund.yaml', '--as-of', '2024-06-30', '--pack', 'policy', '--fail-on', 'warning'], { cwd: dir });
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toContain('acme-policy.scheme-minimum-below-house-policy');
  });

  it('refuses a directory that is not empty, and a bad id', async () => {
    const dir = workspace({ 'taken/file.txt': 'x' });
    const r = await cli(['pack', 'init', 'taken'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('taken is not empty');
    expect((await cli(['pack', 'init', 'new', '--id', 'Bad Id'], { cwd: dir })).code).toBe(2);
  });
});

describe('pack test: JUnit, --filter, and the failing case’s line', () => {
  async function brokenPack() {
    const dir = workspace({});
    await cli(['pack', 'init', 'p'], { cwd: dir });
    const file = join(dir, 'p/tests/house-policy.yaml');
    // The second case (at its line) now expects a finding it does not get.
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('minimumFirstSubscription: "1000000" }\n  expect:\n    findings: []', 'minimumFirstSubscription: "1000000" }\n  expect:\n    findings: [{ ruleId: p.scheme-minimum-below-house-policy }]'));
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('- name: a scheme minimum at the house minimum')) + 1;
    return { dir, line };
  }

  it('names the failing case’s file and line', async () => {
    const { dir, line } = await brokenPack();
    const r = await cli(['pack', 'test', 'p'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL  p/tests/house-policy.yaml:${line}: a scheme minimum at the house minimum passes (inclusive)`);
    expect(r.out).toContain('- expected p.scheme-minimum-below-house-policy');
    expect(r.out).toMatch(/pass {2}p\/tests\/house-policy\.yaml:\d+: a scheme minimum below/);
  });

  it('runs only the cases whose name contains --filter, and exits 2 when none does', async () => {
    const { dir } = await brokenPack();
    const r = await cli(['pack', 'test', 'p', '--filter', 'BELOW the house'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('p: 1 passed, 0 failed');
    const none = await cli(['pack', 'test', 'p', '--filter', 'no such case'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.err).toContain('--filter no such case: no test case name contains it');
  });

  it('writes JUnit XML with a <failure> at the case’s file and line', async () => {
    const { dir, line } = await brokenPack();
    const r = await cli(['pack', 'test', 'p', '--format', 'junit'], { cwd: dir });
    expect(r.code).toBe(1);
    const root = parseXml(r.out);
    expect(root.attributes).toMatchObject({ tests: '2', failures: '1' });
    const cases = all(root, 'testcase');
    const failed = cases.find((c) => c.children.some((ch) => ch.name === 'failure'))!;
    expect(failed.attributes).toMatchObject({ file: 'p/tests/house-policy.yaml', line: String(line) });
    expect(all(failed, 'failure')[0]!.text).toContain('- expected p.scheme-minimum-below-house-policy');
  });
});

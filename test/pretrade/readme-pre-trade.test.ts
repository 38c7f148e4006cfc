/**
 * The README's "Pre-trade checks" section is what integrators copy: its
 * command prints what it shows, its code calls the public API and says what
 * it returns, and its node:http handler serves order checks.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { cli, workspace } from '../cli/helpers/cli.js';
import { fundOfType, holder, investor, subscription } from '../helpers/build.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const start = readme.indexOf('## Pre-trade checks\n');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const blocks = (lang: string) => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

const FUND = fundOfType('B', { id: 'M0377_2562', unitholders: [holder('TH-IND-008230', subscription('2022-03-10', '300000.00'))] });
const INVESTORS = [investor('TH-IND-008230', 'retail')];

/** Expected output with `...` lines standing for any number of lines. */
function expectLines(actual: string, expected: string): void {
  const want = expected.trimEnd().split('\n');
  const got = actual.trimEnd().split('\n');
  let g = 0;
  for (let w = 0; w < want.length; w++) {
    if (want[w]!.trim() === '...') {
      const next = want[w + 1];
      while (g < got.length && next !== undefined && got[g] !== next) g++;
      continue;
    }
    expect(got[g], `line ${g + 1}`).toBe(want[w]);
    g++;
  }
  expect(g).toBe(got.length);
}

describe('the README\'s pre-trade section', () => {
  it('has a section, after Registers', () => {
    expect(start).toBeGreaterThan(readme.indexOf('## Registers\n'));
    expect(blocks('ts')).toHaveLength(2);
  });

  it('calls only functions the package exports', () => {
    for (const code of blocks('ts')) {
      const imported = [...code.matchAll(/import \{([^}]+)\} from 'thai-fund-compliance'/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim())).filter((name) => !name.startsWith('type '));
      expect(imported.length).toBeGreaterThan(0);
      for (const name of imported) expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('has a command that prints what the README shows, and exits 1', async () => {
    const [command] = blocks('sh');
    const args = command!.trim().split(/\s+/).slice(2);
    const dir = workspace({
      'scheme.yaml': JSON.stringify({ funds: [FUND], investors: INVESTORS }),
      'somchai.yaml': 'id: TH-IND-000145\ntype: individual\ncategory: retail\ndomicile: TH\n',
    });
    const r = await cli(args, { cwd: dir });
    expect(r.code).toBe(1);
    expectLines(r.out, blocks('text')[0]!);
  });

  it('says what its code example returns', () => {
    const prepared = api.prepareFund(FUND, INVESTORS, { asOf: '2024-06-30' });
    const check = api.checkOrder(prepared, { id: 'TH-IND-000145', type: 'individual', category: 'retail', domicile: 'TH' }, { kind: 'subscription', amount: '300000.00' });
    const code = blocks('ts')[0]!;
    expect(code).toContain(`check.decision;                 // '${check.decision}'`);
    expect(code).toContain(`check.summary.th;               // '${check.summary.th.slice(0, 70)}`);
    expect(code).toContain(`// [${check.active.map((f) => `'${f.finding.citation.text.en}'`).join(', ')}]`);
    // What the comment says about the basis.
    expect(code).toContain('the cl. 1 definitions it rests on are in finding.basis');
    expect(check.active.map((f) => f.finding.basis?.map((b) => b.text.en))).toEqual([['TorNor. 89/2558 cl. 1 definition of "non-retail mutual fund"', 'TorNor. 89/2558 cl. 1 definition of "non-retail investor"', 'TorNor. 89/2558 cl. 1 definition of "high-net-worth investor"']]);
  });

  describe('has a node:http handler that serves order checks', () => {
    let stop = () => {};
    afterAll(() => stop());

    it('answers blocked and allowed with the reasons in Thai, and 422 with every bad field', async () => {
      const dir = workspace({ 'scheme.json': JSON.stringify({ funds: [FUND], investors: INVESTORS }) });
      const server = blocks('ts')[1]!.replace(`from 'thai-fund-compliance'`, `from '${pathToFileURL(join(ROOT, 'src', 'index.ts')).href}'`);
      writeFileSync(join(dir, 'server.ts'), server);
      const port = await new Promise<number>((done) => {
        const probe = createServer().listen(0, () => {
          const { port: free } = probe.address() as { port: number };
          probe.close(() => done(free));
        });
      });
      const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['server.ts'], { cwd: dir, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      stop = () => child.kill();
      const post = async (body: unknown) => {
        const response = await fetch(`http://127.0.0.1:${port}/orders/check`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      for (let tries = 0; ; tries++) {
        try {
          await fetch(`http://127.0.0.1:${port}/`);
          break;
        } catch {
          if (tries > 100 || child.exitCode !== null) throw new Error(`the README server did not start: ${stderr}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      const somchai = { id: 'TH-IND-000145', type: 'individual', category: 'retail', domicile: 'TH' };
      const blocked = await post({ investor: somchai, order: { kind: 'subscription', amount: '300000.00' } });
      expect(blocked.status).toBe(200);
      expect(blocked.body['decision']).toBe('blocked');
      expect(blocked.body['reason']).toMatch(/^ไม่อนุญาต: /);
      expect(blocked.body['findings']).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'tn89.cl12.holder-outside-non-retail-fund-class', citation: 'ทน. 89/2558 ข้อ 12 วรรคหนึ่ง (5)' })]));
      const allowed = await post({ investor: somchai, order: { kind: 'subscription', amount: '500000' } });
      expect(allowed.body).toMatchObject({ decision: 'allowed', findings: [] });
      const bad = await post({ investor: { ...somchai, domicile: 'Thailand' }, order: { kind: 'subscription', amount: 0.5 } });
      expect(bad.status).toBe(422);
      expect((bad.body['issues'] as { pointer: string }[]).map((i) => i.pointer).sort()).toEqual(['investor.domicile', 'order.amount']);
      expect((await post('{not json')).status).toBe(400);
    }, 30_000);
  });
});

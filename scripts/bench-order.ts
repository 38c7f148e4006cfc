/**
 * Pre-trade check latency: `npm run bench:order`.
 *
 * For funds with 1,000, 10,000 and 100,000 unitholders (a high-net-worth
 * fund, type B: every holder rule applies), prepares the fund once, warms
 * up, then times a mix of orders one by one — first subscriptions around the
 * 500,000 THB boundary, top-ups by existing holders (some after a low first
 * subscription), switch-ins, and transfers to new and existing investors; a
 * tenth of the investors are classified from KYC profiles reviewed before
 * and after 2022-10-01. Prints p50/p90/p99/p99.9 per fund size and writes
 * them, with the machine, to bench/order-results.md.
 *
 * The library is timed as users get it: built to plain JavaScript with tsup
 * (bench/tmp/order-lib, git-ignored); `--src` times the TypeScript sources
 * through tsx instead (slower: tsx keeps function names).
 *
 * Options: --orders <n> (timed orders per size, default 20000),
 * --sizes 1000,10000,100000, --src, --no-write.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'tsup';
import type { FundInput, InvestorInput, OrderInput } from '../src/index.js';

type Library = typeof import('../src/index.js');

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ORDERS = Number(option('--orders') ?? 20_000);
const WARMUP = 5_000;
const SIZES = (option('--sizes') ?? '1000,10000,100000').split(',').map(Number);
const WRITE = !args.includes('--no-write');
const FROM_SRC = args.includes('--src');
const ROOT = resolve(import.meta.dirname, '..');

/** The library built as the package ships it (ESM, tsup), beside a link to rules/ where the built module looks for it. */
async function builtLibrary(): Promise<Library> {
  const tmp = join(ROOT, 'bench', 'tmp');
  const outDir = join(tmp, 'order-lib');
  mkdirSync(tmp, { recursive: true });
  const rules = join(tmp, 'rules');
  if (!existsSync(rules)) symlinkSync(join('..', '..', 'rules'), rules);
  await build({ entry: { index: 'src/index.ts' }, format: ['esm'], outDir, target: 'node20', shims: true, silent: true, config: false, sourcemap: false, clean: true, dts: false });
  return (await import(pathToFileURL(join(outDir, 'index.js')).href)) as Library;
}
const { checkOrder, prepareFund }: Library = FROM_SRC ? await import('../src/index.js') : await builtLibrary();
const AS_OF = '2024-06-30';

/** A small deterministic PRNG (mulberry32), so every run times the same orders. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AMOUNTS = ['499999.99', '500000', '500000.00', '500000.01', '300000', '1000000', '2500000.50', '50000'];

function investorFor(id: string, rnd: () => number): InvestorInput {
  const r = rnd();
  if (r < 0.1) {
    // Classified from the KYC profile with the thresholds in force on the review date.
    return { id, type: 'individual', domicile: 'TH', profile: { assessedOn: rnd() < 0.5 ? '2022-09-30' : '2022-10-01', netAssets: rnd() < 0.5 ? '35000000.00' : '5000000.00' } };
  }
  const category = r < 0.7 ? 'retail' : r < 0.9 ? 'high-net-worth' : r < 0.95 ? 'ultra-high-net-worth' : 'institutional';
  return { id, type: category === 'institutional' ? 'juristic' : 'individual', category, domicile: 'TH', assessedOn: '2023-01-16' };
}

function fundWith(holders: number, rnd: () => number): { fund: FundInput; investors: InvestorInput[] } {
  const investors: InvestorInput[] = [];
  const unitholders: NonNullable<FundInput['unitholders']> = [];
  for (let i = 0; i < holders; i++) {
    const id = `TH-${String(i).padStart(7, '0')}`;
    investors.push(investorFor(id, rnd));
    const subscriptions = [{ date: '2021-03-01', amount: AMOUNTS[Math.floor(rnd() * AMOUNTS.length)]! }];
    if (rnd() < 0.5) subscriptions.push({ date: '2023-05-02', amount: '250000' });
    unitholders.push({ investorId: id, subscriptions });
  }
  return {
    fund: {
      id: 'M0377_2562',
      names: { th: 'กองทุนเปิดเจ้าพระยา หุ้นเทคโนโลยีโลก สำหรับผู้มีเงินลงทุนสูง', en: 'Chao Phraya Global Technology Equity Fund for High-Net-Worth Investors' },
      kind: 'mutual',
      declaredType: 'B',
      managementCompany: { id: 'C0000000118' },
      approvalDate: '2019-05-07',
      registrationDate: '2019-05-28',
      offering: { inThailand: true, abroad: false },
      scheme: { investorRestriction: 'high-net-worth', minimumFirstSubscription: '500000.00', accountingStandard: 'association' },
      accountingPeriods: [{ start: '2023-06-01', end: '2024-05-31', standard: 'association', auditor: { name: 'Auditor', secApproved: true, licensedIn: ['TH'] } }],
      unitholders,
    },
    investors,
  };
}

type Case = { investor: InvestorInput; order: OrderInput };

function ordersFor(investors: readonly InvestorInput[], count: number, rnd: () => number): Case[] {
  const cases: Case[] = [];
  let fresh = 0;
  const existing = () => investors[Math.floor(rnd() * investors.length)]!;
  const amount = () => AMOUNTS[Math.floor(rnd() * AMOUNTS.length)]!;
  for (let i = 0; i < count; i++) {
    const r = rnd();
    if (r < 0.4) cases.push({ investor: investorFor(`NEW-${fresh++}`, rnd), order: { kind: 'subscription', amount: amount() } });
    else if (r < 0.7) cases.push({ investor: existing(), order: { kind: 'subscription', amount: amount(), ...(rnd() < 0.1 ? { prospectusDelivered: false } : {}) } });
    else if (r < 0.8) cases.push({ investor: rnd() < 0.5 ? existing() : investorFor(`NEW-${fresh++}`, rnd), order: { kind: 'switch-in', amount: amount(), fromFundId: 'M0266_2561' } });
    else {
      const to = rnd() < 0.5 ? investorFor(`NEW-${fresh++}`, rnd) : existing();
      const from = existing();
      if (to.id === from.id) {
        i--;
        continue;
      }
      cases.push({ investor: from, order: { kind: 'transfer', amount: amount(), to, date: '2024-06-28' } });
    }
  }
  return cases;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Row {
  holders: number;
  prepareMs: number;
  orders: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  blocked: number;
  subjects: number;
}

function run(holders: number): Row {
  const rnd = random(holders);
  const { fund, investors } = fundWith(holders, rnd);
  const t0 = performance.now();
  const prepared = prepareFund(fund, investors, { asOf: AS_OF });
  const prepareMs = performance.now() - t0;
  const warm = ordersFor(investors, WARMUP, rnd);
  for (const { investor, order } of warm) checkOrder(prepared, investor, order);
  const cases = ordersFor(investors, ORDERS, rnd);
  const times = new Float64Array(cases.length);
  let blocked = 0;
  let subjects = 0;
  for (let i = 0; i < cases.length; i++) {
    const { investor, order } = cases[i]!;
    const start = performance.now();
    const check = checkOrder(prepared, investor, order);
    times[i] = performance.now() - start;
    if (check.decision === 'blocked') blocked++;
    subjects = Math.max(subjects, check.evaluated.subjects);
  }
  const sorted = times.slice().sort();
  const total = times.reduce((a, b) => a + b, 0);
  return {
    holders,
    prepareMs,
    orders: cases.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted[sorted.length - 1]!,
    mean: total / cases.length,
    blocked,
    subjects,
  };
}

/** Milliseconds in words: below 1 ms in whole microseconds, else in milliseconds. */
const ms = (n: number) => (n < 1 ? `${Math.round(n * 1000)} µs` : `${n.toFixed(2)} ms`);
const cpu = cpus();
const machine = `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} (${platform()} ${release()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} GiB free), Node ${process.version}, load average ${loadavg()[0]!.toFixed(2)} at the start`;
console.log(`checkOrder latency, warm, in process — ${machine}`);
console.log(`${ORDERS} timed orders per fund after ${WARMUP} warm-up orders; as of ${AS_OF}; ${FROM_SRC ? 'TypeScript sources through tsx' : 'the library built with tsup (ESM)'}\n`);
console.log('holders    prepare      p50        p90        p99        p99.9      max        blocked  subjects/check');
// Load the packs and warm the preparation up once, so the first size's prepare time is comparable.
{
  const rnd = random(1);
  const { fund, investors } = fundWith(100, rnd);
  prepareFund(fund, investors, { asOf: AS_OF });
}
const rows: Row[] = [];
for (const size of SIZES) {
  const row = run(size);
  rows.push(row);
  console.log(
    `${String(row.holders).padEnd(10)} ${ms(row.prepareMs).padEnd(12)} ${ms(row.p50).padEnd(10)} ${ms(row.p90).padEnd(10)} ${ms(row.p99).padEnd(10)} ${ms(row.p999).padEnd(10)} ${ms(row.max).padEnd(10)} ${String(row.blocked).padEnd(8)} ≤ ${row.subjects}`,
  );
}
const target = rows.find((r) => r.holders === 10_000);
if (target) console.log(`\n10,000 holders: p99 ${ms(target.p99)} — ${target.p99 <= 1 ? 'within' : 'OVER'} the 1 ms target`);

if (WRITE) {
  const lines = [
    '# Pre-trade check latency (`npm run bench:order`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; ${FROM_SRC ? 'the TypeScript sources through tsx' : 'the library built with tsup (ESM), as the package ships it'}.`,
    '',
    `A high-net-worth fund (type B) with N unitholders is prepared once (\`prepareFund\`), then ${WARMUP} warm-up orders and ${ORDERS} timed orders are checked one by one with \`checkOrder\` on the prepared fund, in process: 40% first subscriptions by new investors (amounts around the 500,000 THB boundary), 30% top-ups by existing holders (a tenth without the prospectus rules), 10% switch-ins, 20% transfers to new or existing investors; a tenth of the investors are classified from KYC profiles reviewed on 30 Sep or 1 Oct 2022. Times are per call, including validation, the before/after evaluation of the touched subjects and building the result.`,
    '',
    '| unitholders | prepare | p50 | p90 | p99 | p99.9 | max | blocked | subjects evaluated per check |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.holders.toLocaleString('en-US')} | ${ms(r.prepareMs)} | ${ms(r.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${ms(r.p999)} | ${ms(r.max)} | ${r.blocked} / ${r.orders} | ≤ ${r.subjects} |`),
    '',
    'The per-check cost does not grow with the number of unitholders: a check evaluates the order\'s investors (one, or two for a transfer) without and with the order, and reuses what `prepareFund` computed for the fund. Only `prepareFund` grows with the register.',
    '',
  ];
  mkdirSync(join(import.meta.dirname, '..', 'bench'), { recursive: true });
  writeFileSync(join(import.meta.dirname, '..', 'bench', 'order-results.md'), lines.join('\n'));
  console.log('wrote bench/order-results.md');
}

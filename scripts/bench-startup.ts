/**
 * `npm run bench:startup` (also run by `npm run bench`, after the register
 * benchmark): what a user waits for and what they store.
 * 1. `node dist/cli.cjs check <one scheme file>` against `node -e 0`,
 *    `--help` and the same check without the code cache, interleaved in
 *    the same run, wall-clock median of 10 each (and CPU time from GNU time
 *    when there is one: on a shared machine it moves less than the wall time);
 * 2. the register's NDJSON findings, compact (the default) and with
 *    `--full-findings`, in bytes per finding, on a synthetic register.
 * With `--before <cli.cjs>` (an earlier build, e.g. of main), its `check` and
 * `--help` run in the same interleaved rounds, for a before/after under the
 * same load. Writes its section of bench/results.md (between the markers below,
 * replacing an earlier one). Needs `npm run build` first (dist/cli.cjs).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { SYNTHETIC_AS_OF, SYNTHETIC_SCHEME, syntheticRegister } from './bench-synthetic.js';

const ROOT = resolve(import.meta.dirname, '..');
const TMP = join(ROOT, 'bench', 'tmp');
const CLI = join(ROOT, 'dist', 'cli.cjs');
const SCHEME_FILE = 'fixtures/funds/01-retail-funds-clean.yaml';
const RUNS = 10;
const beforeAt = process.argv.indexOf('--before');
const BEFORE = beforeAt >= 0 ? resolve(process.argv[beforeAt + 1] ?? '') : undefined;
const REGISTER_ROWS = 200_000;
const TARGETS = { checkMs: 350, bytesPerFinding: 600 };
const BEGIN = '<!-- bench:startup -->';
const END = '<!-- /bench:startup -->';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (text: string) => process.stdout.write(`${text}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

if (!existsSync(CLI)) {
  console.error('dist/cli.cjs is missing: run npm run build first');
  process.exit(2);
}

// ---------------------------------------------------------------- start-up

const gnuTime = existsSync('/usr/bin/time');
function measure(args: string[]): { ms: number; cpuMs: number } {
  const [command, argv] = gnuTime ? ['/usr/bin/time', ['-f', '@@cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
  const started = process.hrtime.bigint();
  const result = spawnSync(command, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // check exits 1 when it finds something; 2 or more is a failure of the run.
  if (result.status === null || result.status > 1) throw new Error(`node ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  const cpu = /@@cpu ([\d.]+) ([\d.]+)/.exec(result.stderr ?? '');
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : Number.NaN };
}

/**
 * The same build without its code cache (dist/cli-bundle.cache), as a Node other than the one
 * that built it runs the package: the bundle is compiled at every start.
 */
function withoutCodeCache(): string {
  const dir = join(TMP, 'no-code-cache');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'dist'), { recursive: true });
  for (const file of ['cli.cjs', 'cli-bundle.cjs']) copyFileSync(join(ROOT, 'dist', file), join(dir, 'dist', file));
  cpSync(join(ROOT, 'dist', 'packs'), join(dir, 'dist', 'packs'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'rules'), join(dir, 'rules'));
  return join(dir, 'dist', 'cli.cjs');
}
const UNCACHED = withoutCodeCache();

const commands: [string, string[]][] = [
  ['`node -e 0`', ['-e', '0']],
  [`\`check ${SCHEME_FILE}\``, [CLI, 'check', SCHEME_FILE, '--as-of', SYNTHETIC_AS_OF]],
  ['`--help`', [CLI, '--help']],
  [`\`check ${SCHEME_FILE}\` without the code cache (a Node other than the build's)`, [UNCACHED, 'check', SCHEME_FILE, '--as-of', SYNTHETIC_AS_OF]],
  ...(BEFORE
    ? ([
        [`before (${relative(ROOT, BEFORE)}): \`check ${SCHEME_FILE}\``, [BEFORE, 'check', SCHEME_FILE, '--as-of', SYNTHETIC_AS_OF]],
        [`before (${relative(ROOT, BEFORE)}): \`--help\``, [BEFORE, '--help']],
      ] as [string, string[]][])
    : []),
];
log(`start-up: ${RUNS} runs of each, interleaved`);
const samples = commands.map(() => ({ ms: [] as number[], cpu: [] as number[] }));
for (let i = 0; i < RUNS; i++) {
  commands.forEach(([, args], c) => {
    const { ms, cpuMs } = measure(args);
    samples[c]!.ms.push(ms);
    samples[c]!.cpu.push(cpuMs);
  });
}
const startup = commands.map(([name], c) => ({ name, wall: median(samples[c]!.ms), min: Math.min(...samples[c]!.ms), cpu: median(samples[c]!.cpu) }));
for (const s of startup) log(`  ${s.name}: wall median ${fmt(s.wall)} ms (min ${fmt(s.min)}), cpu median ${Number.isNaN(s.cpu) ? '—' : `${fmt(s.cpu)} ms`}`);

// ---------------------------------------------------------------- findings size

mkdirSync(TMP, { recursive: true });
const scheme = join(TMP, 'scheme.json');
writeFileSync(scheme, `${JSON.stringify(SYNTHETIC_SCHEME, null, 2)}\n`);
const register = join(TMP, `register-${REGISTER_ROWS / 1000}k.csv`);
if (!existsSync(register)) {
  const out = createWriteStream(register);
  for (const chunk of syntheticRegister(REGISTER_ROWS, 'csv')) if (!out.write(chunk)) await new Promise<void>((done) => out.once('drain', () => done()));
  await new Promise<void>((done) => out.end(() => done()));
}
function findingsFile(extra: string[]): { findings: number; bytes: number; maxLine: number } {
  const output = join(TMP, `findings${extra.length ? '-full' : ''}.ndjson`);
  const result = spawnSync(process.execPath, [CLI, 'register', scheme, register, '--as-of', SYNTHETIC_AS_OF, '--output', output, ...extra], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 1) throw new Error(`register exited ${result.status} (expected 1): ${result.stderr}`);
  const lines = readFileSync(output, 'utf8').split('\n').filter((line) => line.startsWith('{"type":"finding"'));
  const bytes = lines.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0);
  return { findings: lines.length, bytes, maxLine: Math.max(...lines.map((line) => Buffer.byteLength(line) + 1)) };
}
const compact = findingsFile([]);
const full = findingsFile(['--full-findings']);
const perFinding = (f: typeof compact) => f.bytes / f.findings;
log(`findings NDJSON (${fmt(REGISTER_ROWS)} rows, ${fmt(compact.findings)} findings): compact ${fmt(perFinding(compact))} bytes a finding (longest line ${fmt(compact.maxLine)}), --full-findings ${fmt(perFinding(full))}`);

// ---------------------------------------------------------------- results

const check = startup[1]!;
const base = startup[0]!;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const section = `${BEGIN}
## Start-up and findings size

Written by \`npm run bench:startup\` (scripts/bench-startup.ts) on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}; load average ${loadavg().map((l) => fmt(l, 1)).join(', ')} when it finished (more than the cores means the runs waited for a CPU). On a shared machine the wall times carry the load of the moment: compare each line with \`node -e 0\` of the same run.

| command | wall, median of ${RUNS} | wall, fastest | CPU (user + system), median |
|---|---|---|---|
${startup.map((s) => `| ${s.name} | ${fmt(s.wall)} ms | ${fmt(s.min)} ms | ${Number.isNaN(s.cpu) ? '—' : `${fmt(s.cpu)} ms`} |`).join('\n')}

| target | result | |
|---|---|---|
| \`check\` of one scheme file ≤ ${TARGETS.checkMs} ms wall, median of ${RUNS}, Node start-up included | ${fmt(check.wall)} ms (\`node -e 0\`: ${fmt(base.wall)} ms in the same run; ${fmt(check.wall - base.wall)} ms over it) | ${verdict(check.wall <= TARGETS.checkMs)} |
| findings NDJSON ≤ ${TARGETS.bytesPerFinding} bytes a finding, compact | ${fmt(perFinding(compact))} bytes (${fmt(compact.findings)} findings of ${fmt(REGISTER_ROWS)} rows; longest line ${fmt(compact.maxLine)}; \`--full-findings\`: ${fmt(perFinding(full))} bytes) | ${verdict(perFinding(compact) <= TARGETS.bytesPerFinding)} |
${END}`;
const resultsFile = join(ROOT, 'bench', 'results.md');
const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmarks\n';
const at = previous.indexOf(BEGIN);
const endAt = previous.indexOf(END);
const next = at >= 0 && endAt > at ? `${previous.slice(0, at)}${section}${previous.slice(endAt + END.length)}` : `${previous.trimEnd()}\n\n${section}\n`;
writeFileSync(resultsFile, next);
log(`wrote ${relative(ROOT, resultsFile)} (${fmt(statSync(resultsFile).size)} bytes)`);

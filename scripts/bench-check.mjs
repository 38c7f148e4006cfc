// Start-up cost of the CLI: `node dist/cli.js check <one scheme file>` against
// `node -e 0`, interleaved in the same run, wall-clock median of N each.
// Usage: node scripts/bench-check.mjs [scheme file] [runs]   (after npm run build)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';

const file = process.argv[2] ?? 'fixtures/funds/01-retail-funds-clean.yaml';
const runs = Number(process.argv[3] ?? 10);
if (!existsSync('dist/cli.js')) {
  console.error('dist/cli.js is missing: run npm run build first');
  process.exit(2);
}

const commands = {
  'node -e 0': ['-e', '0'],
  [`check ${file}`]: ['dist/cli.js', 'check', file, '--as-of', '2024-06-30'],
  '--help': ['dist/cli.js', '--help'],
};

// CPU time (user + system) from GNU time when there is one: on a loaded machine it moves less than the wall time.
const gnuTime = existsSync('/usr/bin/time');
function measure(args) {
  const [command, argv] = gnuTime ? ['/usr/bin/time', ['-f', '@@cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // check exits 1 when it finds something; 2 or more is a failure of the run.
  if (result.status === null || result.status > 1) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  const cpu = /@@cpu ([\d.]+) ([\d.]+)/.exec(result.stderr ?? '');
  return { ms, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN };
}

const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
const cpuTimes = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(commands)) {
    const { ms, cpu } = measure(args);
    times[name].push(ms);
    cpuTimes[name].push(cpu);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`node ${process.version}, ${cpus().length} cores, ${runs} runs each, interleaved`);
const base = median(times['node -e 0']);
const cpuBase = median(cpuTimes['node -e 0']);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  const over = name === 'node -e 0' ? '' : ` (+${(m - base).toFixed(0)} ms over node -e 0)`;
  const cpu = median(cpuTimes[name]);
  const cpuText = Number.isNaN(cpu) ? '' : `  cpu median ${cpu.toFixed(0).padStart(5)} ms${name === 'node -e 0' ? '' : ` (+${(cpu - cpuBase).toFixed(0)})`}`;
  console.log(`${name.padEnd(52)} wall median ${m.toFixed(0).padStart(5)} ms, min ${Math.min(...xs).toFixed(0).padStart(5)} ms${over}${cpuText}`);
}

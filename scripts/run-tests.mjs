// The test command: build the package (end-to-end tests use dist/), then run
// the whole suite under two time zones, so a date that shifts with the zone
// fails. Counts come from vitest's JSON reporter; the last line is
// `tests: N passed, M failed` and the exit code is non-zero on any failure,
// any skipped test, or no test at all.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ZONES = ['America/Los_Angeles', 'Asia/Bangkok'];
const resultsDir = '.test-results';
const extraArgs = process.argv.slice(2);

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

if (run('npm', ['run', '--silent', 'build']) !== 0) {
  console.log('tests: 0 passed, 1 failed (the build failed)');
  process.exit(1);
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
let runnerFailed = false;
for (const zone of ZONES) {
  const output = join(resultsDir, `${zone.replace('/', '_')}.json`);
  console.log(`\n== vitest with TZ=${zone}`);
  const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${output}`, ...extraArgs], { TZ: zone });
  let json;
  try {
    json = JSON.parse(readFileSync(output, 'utf8'));
  } catch {
    console.error(`no JSON results for TZ=${zone}`);
    runnerFailed = true;
    continue;
  }
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  skipped += json.numPendingTests + json.numTodoTests;
  // A suite that fails to load counts no test but is a failure all the same.
  if (status !== 0 && json.numFailedTests === 0) runnerFailed = true;
}

const ok = !runnerFailed && failed === 0 && skipped === 0 && passed > 0;
if (skipped > 0) console.error(`${skipped} test(s) skipped or todo: a skipped case is a defect`);
if (runnerFailed) console.error('vitest exited with an error outside the test counts (a suite failed to load?)');
// Anything that failed outside the counts still shows as a failure in the line.
const reportedFailed = failed === 0 && !ok ? 1 : failed;
console.log(`tests: ${passed} passed, ${reportedFailed} failed`);
process.exit(ok ? 0 : 1);

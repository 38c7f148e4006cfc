// The test command, sized for a 2-core machine: set-up once (the browser for
// the HTML report, the type check, one build, one packed tarball for the end-to-end tests),
// then vitest: every project under Asia/Bangkok, and the `dates` project
// (calendar, law scenarios, reports) again under America/Los_Angeles, so a
// date that shifts with the zone fails. Counts come from vitest's JSON
// reporter; the last line is `tests: N passed, M failed`, and the exit code is
// non-zero on any failure, any skipped test, or no test at all.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBrowser } from './ensure-browser.mjs';

const RUNS = [
  { zone: 'Asia/Bangkok', args: [] },
  { zone: 'America/Los_Angeles', args: ['--project', 'dates'] },
];
const resultsDir = resolve('.test-results');
const extraArgs = process.argv.slice(2);

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function fail(why) {
  console.error(why);
  console.log(`tests: 0 passed, 1 failed (${why})`);
  process.exit(1);
}

const browser = ensureBrowser();
if (!browser.ok) fail(`the HTML report's browser test cannot run: ${browser.reason}`);

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(join(resultsDir, 'pack'), { recursive: true });
// vitest strips types without checking them: the library, its tests and the playground are type-checked first.
if (run('npm', ['run', '--silent', 'typecheck']) !== 0) fail('the type check failed (npm run typecheck)');
if (run('npm', ['run', '--silent', 'build']) !== 0) fail('the build failed');
if (run('npm', ['run', '--silent', 'playground']) !== 0) fail('the playground build failed');
// One tarball for every end-to-end test (dist/ is already built: no prepack).
const packed = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', join(resultsDir, 'pack')], { encoding: 'utf8' });
if (packed.status !== 0) fail(`npm pack failed: ${packed.stderr}`);
const tarball = join(resultsDir, 'pack', JSON.parse(packed.stdout)[0].filename);
const shared = { TFC_TEST_TARBALL: tarball, CHROMIUM_PATH: browser.path };

let passed = 0;
let failed = 0;
let skipped = 0;
let runnerFailed = false;
for (const { zone, args } of RUNS) {
  const output = join(resultsDir, `${zone.replace('/', '_')}.json`);
  console.log(`\n== vitest ${args.join(' ') || '(all projects)'} with TZ=${zone}`);
  const status = run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${output}`, ...extraArgs], { ...shared, TZ: zone });
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

#!/usr/bin/env node
// `npm run check:package`: pack the package once, as `npm publish` would, and
// check the tarball with publint (package.json fields, exports, files) and
// @arethetypeswrong/cli (types resolve for import and require under node10,
// node16 and bundlers). Exit 0 only when both find nothing at all.
//
// Packing happens in a staging copy (its prepack builds a dist/ of its own),
// so the working tree's dist/ is never rebuilt under tests that are using it.
//
//   node scripts/check-package.mjs [--dir <package directory>] [--keep]
//
// --dir      check another package directory (default: this repository)
// --tarball  check a tarball already packed from this repository's build
//            (the test command packs once and passes it here)
// --keep     keep the staging directory and tarball, and print where they are
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const packageDir = resolve(option('--dir') ?? root);
const keep = args.includes('--keep');
const givenTarball = option('--tarball');
const require = createRequire(join(root, 'package.json'));

/** What the build and `npm pack` read: package.json, the build configuration and sources, and the published files. */
function stage(into) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  // The playground's build (part of prepack) reads its sources, the scripts that bundle it and the examples it opens with.
  const always = ['package.json', 'tsconfig.json', 'tsup.config.ts', 'src', 'scripts', 'playground', 'examples', 'fixtures'];
  const names = Array.isArray(manifest.files)
    ? [...always, ...manifest.files.filter((f) => f !== 'dist'), ...readdirSync(packageDir).filter((n) => /^(readme|license|licence|changelog|notice)(\..*)?$/i.test(n))]
    : readdirSync(packageDir).filter((n) => !['node_modules', '.git', 'dist', '.test-results'].includes(n));
  for (const name of new Set(names)) {
    if (existsSync(join(packageDir, name))) cpSync(join(packageDir, name), join(into, name), { recursive: true });
  }
  const modules = existsSync(join(packageDir, 'node_modules')) ? join(packageDir, 'node_modules') : join(root, 'node_modules');
  symlinkSync(modules, join(into, 'node_modules'), 'dir');
  return manifest;
}

function pack(dir) {
  const out = join(dir, '.pack');
  mkdirSync(out);
  // Run prepack (our build) first, then pack without lifecycle scripts, so stdout is npm's JSON alone.
  const build = spawnSync('npm', ['run', '--silent', '--if-present', 'prepack'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (build.status !== 0) {
    process.stderr.write(build.stdout + build.stderr);
    throw new Error(`the build failed (exit ${build.status})`);
  }
  const result = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`npm pack failed (exit ${result.status})`);
  }
  const json = JSON.parse(result.stdout);
  return { tarball: join(out, json[0].filename), files: json[0].files.map((f) => f.path), size: json[0].size };
}

async function runPublint(tarball) {
  const { publint } = await import(require.resolve('publint'));
  const { formatMessage } = await import(require.resolve('publint/utils'));
  const data = readFileSync(tarball);
  const { messages, pkg } = await publint({ pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) }, level: 'suggestion', strict: true });
  return messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
}

function runAttw(tarball) {
  const manifest = require.resolve('@arethetypeswrong/cli/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  const cli = join(dirname(manifest), typeof bin === 'string' ? bin : bin.attw);
  const result = spawnSync(process.execPath, [cli, tarball, '--format', 'ascii', '--no-color', '--no-emoji', '--profile', 'strict'], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

/** Files the published package needs, and files it must not carry. */
function contentProblems(files) {
  const problems = [];
  if (packageDir === root) {
    for (const needed of ['package.json', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.cjs', 'dist/cli-bundle.cjs', 'dist/cli-bundle.cache', 'rules/tn-89-2558/pack.yaml', 'rules/sec-investor-definitions/pack.yaml', 'README.md', 'playground/dist/index.html', 'playground/dist/playground.js']) {
      if (!files.includes(needed)) problems.push(`missing from the tarball: ${needed}`);
    }
    if (!files.some((f) => f.startsWith('schemas/') && f.endsWith('.json'))) problems.push('no JSON Schema under schemas/ in the tarball');
  }
  for (const file of files) {
    if (/^(src|test|fixtures|bench|scripts|examples|docs|\.ci|\.github)\//.test(file) || file.endsWith('.tgz')) problems.push(`should not be published: ${file}`);
  }
  return problems;
}

/** A tarball packed elsewhere: its manifest and file list, read from the archive itself. */
function readTarball(tarball) {
  const list = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const manifest = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
  if (list.status !== 0 || manifest.status !== 0) throw new Error(`cannot read ${tarball}`);
  const files = list.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  return { manifest: JSON.parse(manifest.stdout), tarball, files, size: statSync(tarball).size };
}

const staging = mkdtempSync(join(tmpdir(), `check-package-${basename(packageDir)}-`));
let failed = false;
try {
  const started = Date.now();
  const { manifest, tarball, files, size } = givenTarball ? readTarball(resolve(givenTarball)) : (() => {
    const manifest = stage(staging);
    return { manifest, ...pack(staging) };
  })();
  console.log(`packed ${manifest.name}@${manifest.version}: ${files.length} files, ${(size / 1024).toFixed(0)} kB (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  const content = contentProblems(files);
  console.log(content.length === 0 ? 'contents: ok' : `contents: ${content.length} problem(s)\n${content.map((p) => `  ${p}`).join('\n')}`);

  const lint = await runPublint(tarball);
  console.log(lint.length === 0 ? 'publint: no problems' : `publint: ${lint.length} problem(s)\n${lint.map((m) => `  ${m}`).join('\n')}`);

  const types = runAttw(tarball);
  console.log(types.ok ? 'attw: no problems' : 'attw: problems found');
  console.log(types.output.split('\n').map((line) => `  ${line}`).join('\n'));

  failed = content.length > 0 || lint.length > 0 || !types.ok;
  if (keep) console.log(`kept: ${tarball}`);
} catch (error) {
  console.error(`check-package: ${error instanceof Error ? error.message : String(error)}`);
  failed = true;
} finally {
  if (!keep) rmSync(staging, { recursive: true, force: true });
}
console.log(failed ? 'check:package failed' : 'check:package passed');
process.exit(failed ? 1 : 0);

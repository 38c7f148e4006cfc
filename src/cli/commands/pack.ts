import { Option, type Command } from 'commander';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { lintPack, loadPackFromDirectory, PackError, runPackTests, type LintIssue, type PackTestResult } from '../../index.js';
import { cwdOf, EXIT, writeProblems, type Io } from '../io.js';
import { attributes, escapeXml } from '../formats/xml.js';
import { packIdFrom, packTemplate } from '../pack-template.js';
import { loadPacks, whereIs } from '../packs.js';

interface PackOptions {
  pack: string[];
  format: 'text' | 'json' | 'junit';
  filter?: string;
}

/** One case's result, its file shown relative to the command's directory. */
type CaseResult = PackTestResult;

function missingDirectories(directories: readonly string[], cwd: string): string[] {
  return directories.filter((d) => !existsSync(resolve(cwd, d)) || !statSync(resolve(cwd, d)).isDirectory()).map((d) => `${d}: not a pack directory`);
}

function lintLine(issue: LintIssue): string {
  return `${issue.severity}  ${whereIs(issue)}: ${issue.pointer}: ${issue.message}${issue.hint ? `\n         fix: ${issue.hint}` : ''}`;
}

/** `pack lint <dirs...>`: exit 1 on any error (warnings are printed but pass), 2 on usage errors. */
function lint(directories: string[], options: PackOptions, io: Io): number {
  const cwd = cwdOf(io);
  const missing = missingDirectories(directories, cwd);
  if (missing.length > 0) {
    writeProblems(io, 'cannot lint', missing);
    return EXIT.usage;
  }
  const base = loadPacks(options.pack, cwd);
  if (base.problems.length > 0) {
    writeProblems(io, 'a --pack pack is invalid', base.problems);
    return EXIT.usage;
  }
  const results = directories.map((directory) => ({ directory, issues: lintPack(resolve(cwd, directory), { base: base.packs }) }));
  if (options.format === 'json') io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    for (const { directory, issues } of results) {
      const errors = issues.filter((i) => i.severity === 'error').length;
      io.stdout.write(`${directory}: ${errors} error${errors === 1 ? '' : 's'}, ${issues.length - errors} warning${issues.length - errors === 1 ? '' : 's'}\n`);
      for (const issue of issues) io.stdout.write(`  ${lintLine(issue)}\n`);
    }
  }
  return results.some((r) => r.issues.some((i) => i.severity === 'error')) ? EXIT.findings : EXIT.ok;
}

/** `--filter`: case names that contain the text, ignoring case. */
function nameFilter(filter: string | undefined): ((name: string) => boolean) | undefined {
  if (filter === undefined) return undefined;
  const wanted = filter.toLowerCase();
  return (name) => name.toLowerCase().includes(wanted);
}

/** The runner names files relative to the process's directory; show them relative to the command's. */
function shownFrom(results: readonly PackTestResult[], cwd: string): CaseResult[] {
  return results.map((result) => ({ ...result, file: relative(cwd, resolve(result.file)) || result.file }));
}

/** JUnit XML of the pack tests: a <testsuite> per test file, a <testcase> per case (with its file and line), a <failure> with the diff. */
function packTestJunit(outcomes: readonly { directory: string; results: CaseResult[] }[]): string {
  const byFile = new Map<string, CaseResult[]>();
  for (const { results } of outcomes) for (const r of results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const suites = [...byFile].map(([file, results]) => {
    const failures = results.filter((r) => !r.passed).length;
    const cases = results.map((r) => {
      const open = `    <testcase${attributes({ classname: file, name: r.name, file, line: r.line, time: '0' })}`;
      if (r.passed) return `${open}/>`;
      const message = r.diff[0] ?? 'failed';
      return `${open}>\n      <failure${attributes({ message, type: 'pack-test' })}>${escapeXml([`${file}${r.line !== undefined ? `:${r.line}` : ''}: ${r.name}`, ...r.diff].join('\n'))}</failure>\n    </testcase>`;
    });
    return { xml: [`  <testsuite${attributes({ name: file, tests: results.length, failures, errors: 0, skipped: 0, time: '0', file })}>`, ...cases, '  </testsuite>'].join('\n'), tests: results.length, failures };
  });
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attributes({ name: 'pack test', tests, failures, errors: 0, skipped: 0, time: '0' })}>`, ...suites.map((s) => s.xml), '</testsuites>', ''].join('\n');
}

/** `pack init <dir>`: a new pack that lints clean and whose example tests pass. */
function init(directory: string, options: { id?: string }, io: Io): number {
  const target = resolve(cwdOf(io), directory);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
    io.stderr.write(`error: pack init: ${directory} ${statSync(target).isDirectory() ? 'is not empty' : 'is not a directory'}; give a new or empty directory\n`);
    return EXIT.usage;
  }
  const id = options.id ?? packIdFrom(basename(target));
  if (!/^[a-z][a-z0-9-]*$/.test(id)) {
    io.stderr.write(`error: pack init: --id ${id}: a pack id is lower-case letters, digits and "-", starting with a letter\n`);
    return EXIT.usage;
  }
  const files = packTemplate(id);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(target, name)), { recursive: true });
    writeFileSync(join(target, name), text);
  }
  io.stdout.write(`created pack ${id} in ${directory}:\n${Object.keys(files).map((f) => `  ${join(directory, f)}`).join('\n')}\nnext: thai-fund-compliance pack lint ${directory} && thai-fund-compliance pack test ${directory}\n`);
  return EXIT.ok;
}

/** `pack test <dirs...>`: exit 1 when a case fails, 2 when a pack or a test file is invalid. */
async function test(directories: string[], options: PackOptions, io: Io): Promise<number> {
  const cwd = cwdOf(io);
  const missing = missingDirectories(directories, cwd);
  if (missing.length > 0) {
    writeProblems(io, 'cannot test', missing);
    return EXIT.usage;
  }
  const base = loadPacks(options.pack, cwd);
  const problems = [...base.problems];
  const outcomes = [];
  for (const directory of directories) {
    let pack;
    try {
      pack = loadPackFromDirectory(resolve(cwd, directory));
    } catch (error) {
      if (!(error instanceof PackError)) throw error;
      problems.push(...error.issues.map((i) => `${whereIs(i)}: ${i.pointer}: ${i.message}`));
      continue;
    }
    // The pack under test is evaluated after the built-in pack and any --pack packs (or alone, when it is the built-in one).
    const packs = [...base.packs.filter((p) => p.meta.id !== pack.meta.id), pack];
    const filter = nameFilter(options.filter);
    const { results, issues } = await runPackTests(resolve(cwd, directory), { packs, ...(filter ? { filter } : {}) });
    problems.push(...issues.map((i) => `${whereIs(i)}: ${i.pointer}: ${i.message}`));
    if (results.length === 0 && issues.length === 0 && options.filter === undefined) problems.push(`${directory}: no test cases in tests/*.yaml`);
    outcomes.push({ directory, results: shownFrom(results, cwd) });
  }
  if (problems.length > 0) {
    writeProblems(io, 'cannot run the pack tests', problems);
    return EXIT.usage;
  }
  if (options.filter !== undefined && outcomes.every((o) => o.results.length === 0)) {
    writeProblems(io, 'cannot run the pack tests', [`--filter ${options.filter}: no test case name contains it`]);
    return EXIT.usage;
  }
  if (options.format === 'json') io.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
  else if (options.format === 'junit') io.stdout.write(packTestJunit(outcomes));
  else {
    for (const { directory, results } of outcomes) {
      for (const result of results) {
        io.stdout.write(`${result.passed ? 'pass' : 'FAIL'}  ${result.line !== undefined ? `${result.file}:${result.line}` : result.file}: ${result.name}\n`);
        for (const line of result.diff) io.stdout.write(`        ${line}\n`);
      }
      const failed = results.filter((r) => !r.passed).length;
      io.stdout.write(`${directory}: ${results.length - failed} passed, ${failed} failed\n`);
    }
  }
  return outcomes.some((o) => o.results.some((r) => !r.passed)) ? EXIT.findings : EXIT.ok;
}

/** `pack lint` and `pack test`: for compliance engineers writing their own packs. */
export function registerPack(program: Command, io: Io, setCode: (code: number) => void): void {
  const pack = program.command('pack').description('create, lint and test rule packs');
  pack
    .command('init')
    .description('create a new pack: a dated parameter, a rule, its message and passing test cases, to edit into your policy')
    .argument('<dir>', 'a new or empty directory')
    .option('--id <id>', 'the pack id (default: from the directory name)')
    .action((directory: string, options: { id?: string }) => setCode(init(directory, options, io)));
  const common = (command: Command) =>
    command
      .option('--pack <dir>', 'another pack this one is evaluated with (repeatable; the built-in TorNor. 89/2558 pack is always first)', (value: string, all: string[]) => [...all, value], [] as string[])
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  common(pack.command('lint').description('check pack files: facts, operators, citations, ids, dated parameters, messages, overrides').argument('<dirs...>', 'pack directories')).action(
    (directories: string[], options: PackOptions) => setCode(lint(directories, options, io)),
  );
  pack
    .command('test')
    .description("run the pack's tests/*.yaml cases and show a diff for each failure, at the case's file and line")
    .argument('<dirs...>', 'pack directories')
    .option('--pack <dir>', 'another pack this one is evaluated with (repeatable; the built-in TorNor. 89/2558 pack is always first)', (value: string, all: string[]) => [...all, value], [] as string[])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
    .option('--filter <text>', 'run only the cases whose name contains this text (ignoring case)')
    .action(async (directories: string[], options: PackOptions) => setCode(await test(directories, options, io)));
}

import { Option, type Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { lintPack, loadPackFromDirectory, PackError, runPackTests, type LintIssue } from '../../index.js';
import { cwdOf, EXIT, writeProblems, type Io } from '../io.js';
import { loadPacks, whereIs } from '../packs.js';

interface PackOptions {
  pack: string[];
  format: 'text' | 'json';
}

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
    const { results, issues } = await runPackTests(resolve(cwd, directory), { packs });
    problems.push(...issues.map((i) => `${whereIs(i)}: ${i.pointer}: ${i.message}`));
    if (results.length === 0 && issues.length === 0) problems.push(`${directory}: no test cases in tests/*.yaml`);
    outcomes.push({ directory, results });
  }
  if (problems.length > 0) {
    writeProblems(io, 'cannot run the pack tests', problems);
    return EXIT.usage;
  }
  if (options.format === 'json') io.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
  else {
    for (const { directory, results } of outcomes) {
      for (const result of results) {
        io.stdout.write(`${result.passed ? 'pass' : 'FAIL'}  ${result.file}: ${result.name}\n`);
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
  const pack = program.command('pack').description('lint and test rule packs');
  const common = (command: Command) =>
    command
      .option('--pack <dir>', 'another pack this one is evaluated with (repeatable; the built-in TorNor. 89/2558 pack is always first)', (value: string, all: string[]) => [...all, value], [] as string[])
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  common(pack.command('lint').description('check pack files: facts, operators, citations, ids, dated parameters, messages, overrides').argument('<dirs...>', 'pack directories')).action(
    (directories: string[], options: PackOptions) => setCode(lint(directories, options, io)),
  );
  common(pack.command('test').description('run the pack\'s tests/*.yaml cases and show a diff for each failure').argument('<dirs...>', 'pack directories')).action(
    async (directories: string[], options: PackOptions) => setCode(await test(directories, options, io)),
  );
}

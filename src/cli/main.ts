import { Command, CommanderError, Option } from 'commander';
import { ComplianceInputError, evaluate, parseCalendarDate, type Report, type Severity } from '../index.js';
import { colourStyle, formatText, plainStyle } from './format-text.js';
import { expandPaths, readInputFile } from './read-inputs.js';

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

/** Exit codes: what a CI step checks. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, violation: 2, 'order-ground': 3, 'revocation-ground': 4 };

/** Today's date in Asia/Bangkok, where the SEC's calendar runs. */
function todayInBangkok(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

interface CheckOptions {
  asOf?: string;
  format: 'text' | 'json';
  lang: 'th' | 'en';
  failOn: Severity;
}

async function check(paths: string[], options: CheckOptions, io: Io): Promise<number> {
  const asOfText = options.asOf ?? todayInBangkok();
  const asOf = parseCalendarDate(asOfText);
  if (!asOf.ok) {
    io.stderr.write(`error: --as-of: ${asOf.reason}\n`);
    return EXIT.usage;
  }
  const { files, missing } = expandPaths(paths);
  const problems: string[] = missing.map((path) => `${path}: no such file or directory`);
  if (files.length === 0 && missing.length === 0) problems.push(`no .yaml, .yml or .json files in ${paths.join(', ')}`);
  const reports: { file: string; report: Report }[] = [];
  for (const file of files) {
    const read = readInputFile(file);
    if (read.error !== undefined) {
      problems.push(`${file}: ${read.error}`);
      continue;
    }
    try {
      reports.push({ file, report: await evaluate(read.input, { asOf: asOf.date, locale: options.lang }) });
    } catch (error) {
      if (!(error instanceof ComplianceInputError)) throw error;
      for (const issue of error.issues) problems.push(`${file}: ${issue.pointer}: ${issue.message}`);
    }
  }
  if (problems.length > 0) {
    io.stderr.write(`error: ${problems.length} input problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return EXIT.usage;
  }
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify({ asOf: asOf.date, reports }, null, 2)}\n`);
  } else {
    const colour = Boolean(io.stdout.isTTY) && !process.env['NO_COLOR'];
    io.stdout.write(`${reports.map(({ file, report }) => formatText(file, report, options.lang, colour ? colourStyle : plainStyle)).join('\n\n')}\n`);
  }
  const threshold = SEVERITY_RANK[options.failOn];
  const failing = reports.some(({ report }) => report.findings.some((f) => f.status === 'violation' && SEVERITY_RANK[f.severity] >= threshold));
  return failing ? EXIT.findings : EXIT.ok;
}

/** Run the CLI with the given arguments; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name('thai-fund-compliance')
    .description('Check Thai fund schemes against SEC notice TorNor. 89/2558 (ทน. 89/2558); findings cite the clause.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) });

  program
    .command('check')
    .description('check fund scheme files (YAML or JSON: one fund, a list of funds, or { funds, investors })')
    .argument('<paths...>', 'files or directories')
    .option('--as-of <date>', 'the date to apply the law as of: YYYY-MM-DD or "BE YYYY-MM-DD" (default: today in Asia/Bangkok)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the text output').choices(['th', 'en']).default('en'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(Object.keys(SEVERITY_RANK)).default('violation'))
    .action(async (paths: string[], options: CheckOptions) => {
      code = await check(paths, options, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  return code;
}

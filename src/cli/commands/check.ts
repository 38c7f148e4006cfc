import { Option, type Command } from 'commander';
import { ComplianceInputError, evaluate, parseCalendarDate, type Report, type Severity } from '../../index.js';
import { colourStyle, formatText, plainStyle } from '../format-text.js';
import { EXIT, todayInBangkok, type Io } from '../io.js';
import { expandPaths, readInputFile } from '../read-inputs.js';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, violation: 2, 'order-ground': 3, 'revocation-ground': 4 };

interface CheckOptions {
  asOf?: string;
  format: 'text' | 'json';
  lang: 'th' | 'en';
  failOn: Severity;
}

async function check(paths: string[], options: CheckOptions, io: Io): Promise<number> {
  const asOf = parseCalendarDate(options.asOf ?? todayInBangkok());
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

/** `check <paths...>`: evaluate scheme files against the notice. */
export function registerCheck(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('check')
    .description('check fund scheme files (YAML or JSON: one fund, a list of funds, or { funds, investors })')
    .argument('<paths...>', 'files or directories')
    .option('--as-of <date>', 'the date to apply the law as of: YYYY-MM-DD or "BE YYYY-MM-DD" (default: today in Asia/Bangkok)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the text output').choices(['th', 'en']).default('en'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(Object.keys(SEVERITY_RANK)).default('violation'))
    .action(async (paths: string[], options: CheckOptions) => {
      setCode(await check(paths, options, io));
    });
}

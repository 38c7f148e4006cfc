import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { registerFormatOf } from '../../subpaths/register.js';
import {
  ComplianceInputError,
  evaluateRegister,
  formatValue,
  parseCalendarDate,
  type RegisterFormat,
  type RegisterProgress,
  type RegisterSummary,
  type RowError,
  type Severity,
  type WritableLike,
} from '../../index.js';
import { AtomicOutputFile, assertNotAnInput, OutputWriteError } from '../../io/output-file.js';
import { FileReadError, openRegularFileChunks } from '../../io/read-file.js';
import { where } from '../check-run.js';
import { cwdOf, EXIT, todayInBangkok, writeProblems, type Io } from '../io.js';
import { loadPacks } from '../packs.js';
import { readInputFile } from '../read-inputs.js';
import { SEVERITY_ORDER, SEVERITY_RANK } from '../severity.js';

interface RegisterCommandOptions {
  asOf?: string;
  format: 'ndjson' | 'summary';
  output?: string;
  maxErrors: string;
  failOn: Severity;
  pack: string[];
  registerFormat?: RegisterFormat;
  runner: 'compiled' | 'json-rules-engine';
  lang: 'th' | 'en';
  fullFindings?: boolean;
}

const DEFAULT_MAX_ERRORS = 100;
/** Bad rows listed on stderr (all of them are in the NDJSON output). */
const ERRORS_SHOWN = 20;

/** 1234567 → 1,234,567 (without Intl, which costs a noticeable startup). */
const number = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const plural = (n: number, one: string, many = `${one}s`) => `${number(n)} ${n === 1 ? one : many}`;

function seconds(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** One progress line: a bar by bytes read, rows, rows/s and the time left. */
export function formatProgress(p: RegisterProgress, width = 24): string {
  const rate = p.elapsedMs > 0 ? (p.rows / p.elapsedMs) * 1000 : 0;
  const fraction = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : undefined;
  const bytesPerMs = p.elapsedMs > 0 ? p.bytesRead / p.elapsedMs : 0;
  const eta = p.totalBytes && bytesPerMs > 0 ? (p.totalBytes - p.bytesRead) / bytesPerMs : Number.NaN;
  const bar = fraction === undefined ? '' : `${String(Math.floor(fraction * 100)).padStart(3)}% [${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] `;
  return `${bar}${plural(p.rows, 'row')} · ${number(Math.round(rate))} rows/s${fraction === undefined ? '' : ` · ETA ${seconds(eta)}`}`;
}

function rowErrorLine(file: string, error: RowError): string {
  const issues = error.issues.map((i) => (i.field === '(row)' ? i.message : `${i.field}: ${i.message}`)).join('; ');
  return `${file}:${error.line} (row ${number(error.row)}${error.investorId ? `, investor ${error.investorId}` : ''}): ${issues}`;
}

/** The human summary of a run: what `--format summary` prints, and (shorter) what stderr gets after NDJSON. */
export function formatRegisterSummary(summary: RegisterSummary, file: string, options: { lang: 'th' | 'en'; failOn: Severity; full: boolean }): string {
  const lines: string[] = [];
  const { rows, findings } = summary;
  lines.push(
    `register ${file} as of ${formatValue({ type: 'date', value: summary.asOf }, options.lang)}: ${plural(rows.read, 'row')} in ${(summary.elapsedMs / 1000).toFixed(1)} s (${number(summary.rowsPerSecond)} rows/s, ${summary.runner})`,
  );
  lines.push(`  evaluated ${number(rows.evaluated)} · not yet holding ${number(rows.notYetHolding)} · bad rows ${number(rows.bad)}${summary.complete ? '' : ` · STOPPED at row ${number(summary.aborted!.row)}: ${summary.aborted!.reason}`}`);
  const severities = SEVERITY_ORDER.filter((s) => findings.bySeverity[s] > 0).map((s) => `${s} ${number(findings.bySeverity[s])}`);
  lines.push(`  findings ${number(findings.total)}${findings.waived ? ` (${number(findings.waived)} waived)` : ''}${severities.length ? `: ${severities.join(' · ')}` : ''}`);
  for (const notice of summary.notices) lines.push(`  note: ${notice.message[options.lang]}`);
  for (const warning of summary.warnings) lines.push(`  warning: ${warning}`);
  if (options.full) {
    lines.push('  rules (rows evaluated / applicable / found):');
    for (const rule of summary.rules) {
      lines.push(`    ${rule.outcome.padEnd(14)} ${rule.ruleId}  ${rule.citation[options.lang]}  ${number(rule.subjects.evaluated)} / ${number(rule.subjects.applicable)} / ${number(rule.subjects.found)}`);
    }
    lines.push('  funds:');
    for (const fund of summary.funds) {
      lines.push(`    ${fund.fundId}${fund.declaredType ? ` (${fund.declaredType})` : ''}: ${number(fund.evaluated)} evaluated · ${number(fund.notYetHolding)} not yet holding · ${plural(fund.findings, 'finding')}`);
    }
  }
  if (summary.errors.length > 0) {
    const shown = summary.errors.slice(0, ERRORS_SHOWN);
    lines.push(`  bad rows${rows.bad > shown.length ? ` (first ${shown.length} of ${number(rows.bad)}; all are in the NDJSON output)` : ''}:`);
    for (const error of shown) lines.push(`    ${rowErrorLine(file, error)}`);
  }
  return `${lines.join('\n')}\n`;
}

function failing(summary: RegisterSummary, failOn: Severity): number {
  return SEVERITY_ORDER.filter((s) => SEVERITY_RANK[s] >= SEVERITY_RANK[failOn]).reduce((n, s) => n + summary.findings.bySeverity[s], 0);
}

/** A writable for the NDJSON stream: the output file, or stdout (with backpressure when it is a real stream). */
function ndjsonTarget(io: Io, file: AtomicOutputFile | undefined): WritableLike {
  if (file) return file.stream;
  const stdout = io.stdout as Partial<WritableLike> & Io['stdout'];
  if (typeof stdout.once === 'function') return stdout as WritableLike;
  return { write: (chunk) => (stdout.write(chunk), true), once: () => undefined };
}

async function register(schemeFile: string, registerFile: string, options: RegisterCommandOptions, io: Io): Promise<number> {
  const cwd = cwdOf(io);
  const asOf = parseCalendarDate(options.asOf ?? todayInBangkok());
  if (!asOf.ok) {
    io.stderr.write(`error: --as-of: ${asOf.reason}\n`);
    return EXIT.usage;
  }
  const maxErrors = Number(options.maxErrors);
  if (!Number.isInteger(maxErrors) || maxErrors < 0) {
    io.stderr.write(`error: --max-errors: expected a whole number (0 stops at the first bad row), got ${JSON.stringify(options.maxErrors)}\n`);
    return EXIT.usage;
  }
  if (options.output !== undefined) {
    // Before anything is read: the output must not be the register or the scheme (it would be overwritten).
    try {
      assertNotAnInput(resolve(cwd, options.output), [resolve(cwd, schemeFile), resolve(cwd, registerFile)], options.output);
    } catch (error) {
      io.stderr.write(`error: --output: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }
  const format = options.registerFormat ?? registerFormatOf(registerFile);
  if (!format) {
    io.stderr.write(`error: cannot tell the format of ${registerFile}: name it .csv, .ndjson or .jsonl, or give --register-format\n`);
    return EXIT.usage;
  }
  const { packs, problems: packProblems } = loadPacks(options.pack, cwd);
  if (packProblems.length > 0) {
    writeProblems(io, `${packProblems.length} problem${packProblems.length === 1 ? '' : 's'} in the rule packs given with --pack`, packProblems);
    return EXIT.usage;
  }
  const scheme = readInputFile(schemeFile, cwd);
  if (scheme.error) {
    writeProblems(io, 'the scheme file cannot be read', [`${where(schemeFile, scheme.error.location)}: ${scheme.error.message}`]);
    return EXIT.usage;
  }
  const registerPath = resolve(cwd, registerFile);
  let input: ReturnType<typeof openRegularFileChunks>['chunks'];
  let size: number;
  try {
    ({ chunks: input, size } = openRegularFileChunks(registerPath));
  } catch (error) {
    io.stderr.write(`error: ${registerFile}: cannot read: ${error instanceof FileReadError ? error.reason : (error as Error).message}\n`);
    return EXIT.usage;
  }
  let outputFile: AtomicOutputFile | undefined;
  if (options.output !== undefined) {
    try {
      // A temporary file, renamed into place when the run is complete: an existing file is never truncated by a failed run.
      outputFile = await AtomicOutputFile.open(resolve(cwd, options.output), options.output);
    } catch (error) {
      input.close();
      io.stderr.write(`error: --output: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }

  const tty = Boolean(io.stderr.isTTY);
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) io.stderr.write('\r\u001b[K');
    progressShown = false;
  };
  let summary: RegisterSummary;
  try {
    summary = await evaluateRegister(
      scheme.input,
      { format, stream: input, size },
      {
        asOf: asOf.date,
        packs,
        maxErrors,
        runner: options.runner,
        findings: options.fullFindings ? 'full' : 'compact',
        ...(options.format === 'ndjson' ? { output: ndjsonTarget(io, outputFile) } : {}),
        // A progress line only for a person at a terminal; never in a pipe or a CI log.
        ...(tty
          ? {
              onProgress: (p: RegisterProgress) => {
                progressShown = true;
                io.stderr.write(`\r${formatProgress(p)}\u001b[K`);
              },
            }
          : {}),
      },
    );
  } catch (error) {
    clearProgress();
    const writeFailure = error instanceof OutputWriteError ? error : outputFile?.failed;
    await outputFile?.abort();
    if (writeFailure) {
      io.stderr.write(`error: ${outputFile ? '--output: ' : ''}${writeFailure.message}\n`);
      writeFailure.reported = true;
      return EXIT.usage;
    }
    if (!(error instanceof ComplianceInputError)) throw error;
    const inHeader = error.issues.every((issue) => issue.path[0] === 'header');
    const lines = error.issues.map((issue) =>
      inHeader ? `${registerFile}: header: ${issue.message}` : `${where(schemeFile, scheme.source?.locate(issue.path).location)}: ${issue.pointer}: ${issue.message}`,
    );
    writeProblems(io, `${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} in ${inHeader ? 'the register header' : 'the scheme file'}`, lines);
    return EXIT.usage;
  } finally {
    input.close();
  }
  clearProgress();

  const text = formatRegisterSummary(summary, registerFile, { lang: options.lang, failOn: options.failOn, full: options.format === 'summary' });
  try {
    if (options.format === 'summary') {
      if (outputFile) await outputFile.commit(text);
      else io.stdout.write(text);
    } else {
      await outputFile?.commit();
      io.stderr.write(text);
    }
  } catch (error) {
    if (!(error instanceof OutputWriteError)) throw error;
    io.stderr.write(`error: --output: ${error.message}\n`);
    return EXIT.usage;
  }
  const failingFindings = failing(summary, options.failOn);
  if (outputFile) io.stdout.write(`wrote ${options.output}: ${plural(summary.rows.read, 'row')}, ${plural(summary.findings.total, 'finding')}, ${number(failingFindings)} at or above ${options.failOn}, ${plural(summary.rows.bad, 'bad row')}\n`);
  // Bad rows mean the register was not fully checked: an input problem, whatever the findings.
  if (summary.rows.bad > 0 || !summary.complete) return EXIT.usage;
  return failingFindings > 0 ? EXIT.findings : EXIT.ok;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `register <scheme> <register>`: check a whole unitholder register (CSV or NDJSON), streaming. */
export function registerRegister(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('register')
    .description('check a unitholder register (CSV with a header row, or NDJSON; one holding a row) against the funds of a scheme file, streaming')
    .argument('<scheme>', 'scheme file (YAML or JSON): the fund, or { funds } when rows name their fund_id')
    .argument('<register>', 'the register: .csv (header row first) or .ndjson / .jsonl')
    .option('--as-of <date>', 'the date to apply the law as of, and of the holdings: YYYY-MM-DD or "BE YYYY-MM-DD" (default: today in Asia/Bangkok)')
    .addOption(new Option('--format <format>', 'ndjson: a line per finding and per bad row, then a summary line; summary: text').choices(['ndjson', 'summary']).default('ndjson'))
    .option('--output <file>', 'write the output to this file instead of stdout')
    .option('--max-errors <n>', 'bad rows tolerated; the next one stops the run', String(DEFAULT_MAX_ERRORS))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(Object.keys(SEVERITY_RANK)).default('violation'))
    .option('--pack <dir>', 'also evaluate the rule pack in this directory (repeatable)', collect, [] as string[])
    .addOption(new Option('--register-format <format>', 'the register format, when its file name does not tell').choices(['csv', 'ndjson']))
    .addOption(new Option('--runner <runner>', 'compiled (default), or json-rules-engine to cross-check (slow)').choices(['compiled', 'json-rules-engine']).default('compiled'))
    .addOption(new Option('--lang <lang>', 'language of the summary').choices(['th', 'en']).default('en'))
    .option('--full-findings', 'write each finding with its rule\'s title, clause text, reading and messages (default: compact, those are in `rules --format json`)')
    .action(async (schemeFile: string, registerFile: string, options: RegisterCommandOptions) => {
      setCode(await register(schemeFile, registerFile, options, io));
    });
}

import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { ComplianceInputError, evaluate, parseCalendarDate, type LoadedPack, type Report, type RuleOutcome, type Severity } from '../../index.js';
import { assertNotAnInput, writeFileAtomic } from '../../io/output-file.js';
import { artifactUri, failingCount, locateFindings, ruleKey, where, type CheckedFile, type CheckRun } from '../check-run.js';
import { formatHtml } from '../formats/html.js';
import { formatJson } from '../formats/json.js';
import { formatJunit } from '../formats/junit.js';
import { formatSarif } from '../formats/sarif.js';
import { colourStyle, formatText, plainStyle } from '../formats/text.js';
import { expandArguments } from '../glob.js';
import { cwdOf, EXIT, todayInBangkok, wantsColour, writeProblems, type Io } from '../io.js';
import { loadPacks, ruleCatalog } from '../packs.js';
import { readInputFile } from '../read-inputs.js';
import { SEVERITY_RANK } from '../severity.js';
import { PACKAGE_NAME, packageVersion } from '../version.js';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface CheckOptions {
  asOf?: string;
  format: Format;
  lang: 'th' | 'en';
  failOn: Severity;
  output?: string;
  pack: string[];
  fullFindings?: boolean;
}

interface Evaluation {
  asOf: string;
  lang: 'th' | 'en';
  packs: LoadedPack[];
  cwd: string;
  /** JUnit reports each fund × rule, so it needs each rule's outcome per fund. */
  perFund: boolean;
}

type FileOutcome = { checked: CheckedFile; problems?: never } | { checked?: never; problems: string[] };

/** Each rule's outcome for each fund on its own (the report's rule accounts are for the whole file). */
async function outcomesPerFund(input: unknown, ev: Evaluation): Promise<Map<string, RuleOutcome>[]> {
  const { funds, ...rest } = input as { funds: unknown[] };
  const outcomes: Map<string, RuleOutcome>[] = [];
  for (const fund of funds) {
    const report = await evaluate({ ...rest, funds: [fund] }, { asOf: ev.asOf, locale: ev.lang, packs: ev.packs });
    outcomes.push(new Map(report.rules.map((r) => [ruleKey(r.packId, r.ruleId), r.outcome])));
  }
  return outcomes;
}

async function checkFile(file: string, ev: Evaluation): Promise<FileOutcome> {
  const read = readInputFile(file, ev.cwd);
  if (read.error) return { problems: [`${where(file, read.error.location)}: ${read.error.message}`] };
  let report: Report;
  try {
    report = await evaluate(read.input, { asOf: ev.asOf, locale: ev.lang, packs: ev.packs });
  } catch (error) {
    if (!(error instanceof ComplianceInputError)) throw error;
    return { problems: error.issues.map((issue) => `${where(file, read.source?.locate(issue.path).location)}: ${issue.pointer}: ${issue.message}`) };
  }
  const checked: CheckedFile = { file, uri: artifactUri(file, ev.cwd), report, findings: locateFindings(report, read.source) };
  if (ev.perFund) checked.fundOutcomes = await outcomesPerFund(read.input, ev);
  return { checked };
}

function render(run: CheckRun, format: Format, colour: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(run);
    case 'sarif':
      return formatSarif(run);
    case 'junit':
      return formatJunit(run);
    case 'html':
      return formatHtml(run);
    default:
      return formatText(run, colour ? colourStyle : plainStyle);
  }
}

function writeOutput(run: CheckRun, options: CheckOptions, io: Io): boolean {
  if (options.output === undefined) {
    io.stdout.write(render(run, options.format, wantsColour(io)));
    return true;
  }
  try {
    // A temporary file renamed into place: an existing file is never left truncated.
    writeFileAtomic(resolve(cwdOf(io), options.output), render(run, options.format, false), options.output);
  } catch (error) {
    io.stderr.write(`error: --output: ${(error as Error).message}\n`);
    return false;
  }
  const findings = run.files.reduce((n, f) => n + f.report.findings.length, 0);
  io.stdout.write(`wrote ${options.output}: ${run.files.length} file${run.files.length === 1 ? '' : 's'}, ${findings} finding${findings === 1 ? '' : 's'}, ${failingCount(run)} at or above ${run.failOn}\n`);
  return true;
}

async function check(args: string[], options: CheckOptions, io: Io): Promise<number> {
  const cwd = cwdOf(io);
  const asOf = parseCalendarDate(options.asOf ?? todayInBangkok());
  if (!asOf.ok) {
    io.stderr.write(`error: --as-of: ${asOf.reason}\n`);
    return EXIT.usage;
  }
  const { packs, problems: packProblems } = loadPacks(options.pack, cwd);
  if (packProblems.length > 0) {
    writeProblems(io, `${packProblems.length} problem${packProblems.length === 1 ? '' : 's'} in the rule packs given with --pack`, packProblems);
    return EXIT.usage;
  }
  const { files, problems } = expandArguments(args, cwd);
  if (options.output !== undefined) {
    try {
      assertNotAnInput(resolve(cwd, options.output), files.map((file) => resolve(cwd, file)), options.output);
    } catch (error) {
      io.stderr.write(`error: --output: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }
  const ev: Evaluation = { asOf: asOf.date, lang: options.lang, packs, cwd, perFund: options.format === 'junit' };
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const outcome = await checkFile(file, ev);
    if (outcome.problems) problems.push(...outcome.problems);
    else checked.push(outcome.checked);
  }
  if (problems.length > 0) {
    writeProblems(io, `${problems.length} input problem${problems.length === 1 ? '' : 's'}`, problems);
    return EXIT.usage;
  }
  const run: CheckRun = { tool: { name: PACKAGE_NAME, version: packageVersion() }, asOf: asOf.date, lang: options.lang, failOn: options.failOn, packs, rules: ruleCatalog(packs), files: checked, findingsForm: options.fullFindings ? 'full' : 'compact' };
  if (!writeOutput(run, options, io)) return EXIT.usage;
  return failingCount(run) > 0 ? EXIT.findings : EXIT.ok;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `check <files...>`: evaluate scheme files against the notice. */
export function registerCheck(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('check')
    .description('check fund scheme files (YAML or JSON: one fund, a list of funds, or { funds, investors })')
    .argument('<files...>', 'files, directories (their .yaml/.yml/.json files) or quoted patterns such as "schemes/**/*.yaml"')
    .option('--as-of <date>', 'the date to apply the law as of: YYYY-MM-DD or "BE YYYY-MM-DD" (default: today in Asia/Bangkok)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the output').choices(['th', 'en']).default('en'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(Object.keys(SEVERITY_RANK)).default('violation'))
    .option('--output <file>', 'write the output to this file instead of stdout')
    .option('--pack <dir>', 'also evaluate the rule pack in this directory (repeatable)', collect, [] as string[])
    .option('--full-findings', 'JSON: write each finding with its rule\'s title, clause text, reading and messages (default: compact, those are in the report\'s `rules`)')
    .action(async (args: string[], options: CheckOptions) => {
      setCode(await check(args, options, io));
    });
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { ComplianceInputError, evaluate, parseCalendarDate, type LoadedPack, type Report, type RuleOutcome, type Severity } from '../../index.js';
import { assertNotAnInput, writeFileAtomic } from '../../io/output-file.js';
import { artifactUri, failingCount, locateFindings, problemLine, ruleKey, type CheckedFile, type CheckRun, type InputProblem } from '../check-run.js';
import { CHECK_FORMATS, loadConfig, type CheckConfig, type CheckFormat } from '../config.js';
import { formatGithub } from '../formats/github.js';
import { formatHtml } from '../formats/html.js';
import { formatJson } from '../formats/json.js';
import { formatJunit } from '../formats/junit.js';
import { formatSarif } from '../formats/sarif.js';
import { colourStyle, formatText, plainStyle } from '../formats/text.js';
import { expandArguments } from '../glob.js';
import { cwdOf, EXIT, todayInBangkok, wantsColour, writeProblems, type Io } from '../io.js';
import { loadPacks, ruleCatalog } from '../packs.js';
import { readInputFile, readInputText, type InputFile } from '../read-inputs.js';
import { readStdin, STDIN_ARGUMENT, type StdinIo } from '../stdin.js';
import { SEVERITY_RANK } from '../severity.js';
import { PACKAGE_NAME, packageVersion } from '../version.js';

type Format = CheckFormat;

interface CheckOptions {
  asOf?: string;
  format: Format;
  lang: 'th' | 'en';
  failOn: Severity;
  output?: string;
  pack: string[];
  fullFindings?: boolean;
  recursive: boolean;
  quiet?: boolean;
  config?: string;
  stdinFilename?: string;
}

interface Evaluation {
  asOf: string;
  lang: 'th' | 'en';
  packs: LoadedPack[];
  cwd: string;
  /** JUnit reports each fund × rule, so it needs each rule's outcome per fund. */
  perFund: boolean;
}

type FileOutcome = { checked: CheckedFile; problems?: never } | { checked?: never; problems: InputProblem[] };

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

/** The file's SHA-256 for the report's run metadata (the bytes as they are now; the report names the version it checked). */
function digestOf(file: string, cwd: string, text?: string): string | undefined {
  try {
    return createHash('sha256').update(text !== undefined ? Buffer.from(text, 'utf8') : readFileSync(resolve(cwd, file))).digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * A JSON scheme may name its JSON Schema (`"$schema": "./node_modules/thai-fund-compliance/schemas/input.schema.json"`)
 * for the editor; the key is not data, so it is dropped before validation (at the root, or of a single-fund file).
 */
function withoutSchemaKey(read: InputFile): InputFile & { sha256?: string } {
  const input = read.input as { funds?: unknown[]; $schema?: unknown } | undefined;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return read;
  const drop = (value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !('$schema' in value) || typeof (value as { $schema: unknown }).$schema !== 'string') return value;
    const { $schema: _ignored, ...rest } = value as Record<string, unknown>;
    return rest;
  };
  const shape = read.source?.shape;
  if (shape === 'single-fund' && Array.isArray(input.funds)) return { ...read, input: { ...input, funds: [drop(input.funds[0]), ...input.funds.slice(1)] } };
  return { ...read, input: drop(input) };
}

async function checkFile(file: string, ev: Evaluation, stdin?: InputFile & { text?: string }): Promise<FileOutcome> {
  const read = { ...withoutSchemaKey(stdin ?? readInputFile(file, ev.cwd)) };
  if (!read.error) {
    const sha256 = digestOf(file, ev.cwd, stdin ? (stdin.text ?? '') : undefined);
    if (sha256) read.sha256 = sha256;
  }
  const uri = artifactUri(file, ev.cwd);
  if (read.error) return { problems: [{ file, uri, message: read.error.message, ...(read.error.location ? { location: read.error.location } : {}) }] };
  let report: Report;
  try {
    report = await evaluate(read.input, { asOf: ev.asOf, locale: ev.lang, packs: ev.packs });
  } catch (error) {
    if (!(error instanceof ComplianceInputError)) throw error;
    return {
      problems: error.issues.map((issue) => {
        const location = read.source?.locate(issue.path).location;
        // evaluate() words the issues in the report's language (`locale`).
        const { code, hint } = issue;
        return { file, uri, pointer: issue.pointer, message: issue.message, ...(code ? { code } : {}), ...(hint ? { hint } : {}), ...(location ? { location } : {}) };
      }),
    };
  }
  const checked: CheckedFile = { file, uri, report, findings: locateFindings(report, read.source), ...(read.sha256 ? { sha256: read.sha256 } : {}) };
  if (ev.perFund) checked.fundOutcomes = await outcomesPerFund(read.input, ev);
  return { checked };
}

function render(run: CheckRun, format: Format, colour: boolean, quiet: boolean): string {
  switch (format) {
    case 'github':
      return formatGithub(run, quiet);
    case 'json':
      return formatJson(run);
    case 'sarif':
      return formatSarif(run);
    case 'junit':
      return formatJunit(run);
    case 'html':
      return formatHtml(run);
    default:
      return formatText(run, colour ? colourStyle : plainStyle, quiet);
  }
}

function writeOutput(run: CheckRun, options: CheckOptions, io: Io): boolean {
  if (options.output === undefined) {
    // Text and annotations on stdout list the input problems themselves; any other output leaves them to stderr.
    if (run.problems.length > 0 && options.format !== 'text' && options.format !== 'github') writeProblems(io, problemsHeading(run.problems), run.problems.map(problemLine));
    io.stdout.write(render(run, options.format, wantsColour(io), options.quiet ?? false));
    return true;
  }
  if (run.problems.length > 0) writeProblems(io, problemsHeading(run.problems), run.problems.map(problemLine));
  try {
    // A temporary file renamed into place (its folder created): an existing file is never left truncated.
    writeFileAtomic(resolve(cwdOf(io), options.output), render(run, options.format, false, options.quiet ?? false), options.output);
  } catch (error) {
    io.stderr.write(`error: --output: ${(error as Error).message}\n`);
    return false;
  }
  if (options.quiet) return true;
  const findings = run.files.reduce((n, f) => n + f.report.findings.length, 0);
  const problems = run.problems.length > 0 ? `, ${run.problems.length} input problem${run.problems.length === 1 ? '' : 's'}` : '';
  io.stdout.write(`wrote ${options.output}: ${run.files.length} file${run.files.length === 1 ? '' : 's'}, ${findings} finding${findings === 1 ? '' : 's'}, ${failingCount(run)} at or above ${run.failOn}${problems}\n`);
  return true;
}

function problemsHeading(problems: readonly InputProblem[]): string {
  const files = new Set(problems.map((p) => p.file)).size;
  return `${problems.length} input problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (reported; the other files were checked)`;
}

/** The settings of the config file under the flags given on the command line (`given`): flags win. */
function withConfig(options: CheckOptions, config: CheckConfig, given: (name: string) => boolean): CheckOptions {
  const merged = { ...options };
  if (config.asOf !== undefined && !given('asOf')) merged.asOf = config.asOf;
  if (config.format !== undefined && !given('format')) merged.format = config.format;
  if (config.lang !== undefined && !given('lang')) merged.lang = config.lang;
  if (config.failOn !== undefined && !given('failOn')) merged.failOn = config.failOn;
  if (config.output !== undefined && !given('output')) merged.output = config.output;
  if (config.recursive !== undefined && !given('recursive')) merged.recursive = config.recursive;
  if (config.quiet !== undefined && !given('quiet')) merged.quiet = config.quiet;
  if (config.packs !== undefined && !given('pack')) merged.pack = config.packs;
  return merged;
}

async function check(args: string[], given: CheckOptions, io: StdinIo, isGiven: (name: string) => boolean): Promise<number> {
  const cwd = cwdOf(io);
  const config = loadConfig(cwd, given.config);
  if (!config.ok) {
    writeProblems(io, `${config.problems.length} problem${config.problems.length === 1 ? '' : 's'} in the config file`, config.problems);
    return EXIT.usage;
  }
  const options = config.loaded ? withConfig(given, config.loaded.config, isGiven) : given;
  if (args.length === 0) args = config.loaded?.config.files ?? [];
  if (args.length === 0) {
    io.stderr.write(`error: no files to check: name files, directories or patterns (or "-" for stdin), or set "files" in a config file\n`);
    return EXIT.usage;
  }
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
  const fromStdin = args.includes(STDIN_ARGUMENT);
  const expanded = expandArguments(args.filter((a) => a !== STDIN_ARGUMENT), cwd, { recursive: options.recursive });
  const problems: InputProblem[] = expanded.problems.map(({ argument, message }) => ({ file: argument, uri: artifactUri(argument, cwd), message }));
  if (options.output !== undefined) {
    try {
      assertNotAnInput(resolve(cwd, options.output), expanded.files.map((file) => resolve(cwd, file)), options.output);
    } catch (error) {
      io.stderr.write(`error: --output: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }
  const ev: Evaluation = { asOf: asOf.date, lang: options.lang, packs, cwd, perFund: options.format === 'junit' };
  const checked: CheckedFile[] = [];
  if (fromStdin) {
    // eslint's --stdin-filename: what reports call the text, and (by its extension) JSON or YAML.
    const name = options.stdinFilename ?? '<stdin>';
    const text = await readStdin(io);
    const read = text.ok ? { text: text.text, ...readInputText(name, text.text, /\.json$/i.test(name) || (options.stdinFilename === undefined && /^\s*[[{]/.test(text.text))) } : { file: name, error: { message: text.message } };
    const outcome = await checkFile(name, ev, read);
    if (outcome.problems) problems.push(...outcome.problems);
    else checked.push(outcome.checked);
  }
  for (const file of expanded.files) {
    const outcome = await checkFile(file, ev);
    if (outcome.problems) problems.push(...outcome.problems);
    else checked.push(outcome.checked);
  }
  const run: CheckRun = { tool: { name: PACKAGE_NAME, version: packageVersion() }, generatedAt: new Date().toISOString(), asOf: asOf.date, lang: options.lang, failOn: options.failOn, packs, rules: ruleCatalog(packs), files: checked, problems, findingsForm: options.fullFindings ? 'full' : 'compact' };
  if (!writeOutput(run, options, io)) return EXIT.usage;
  // A bad input is the worst outcome: the run is incomplete, whatever the other files found.
  if (problems.length > 0) return EXIT.usage;
  return failingCount(run) > 0 ? EXIT.findings : EXIT.ok;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `check <files...>`: evaluate scheme files against the notice. */
export function registerCheck(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('check')
    .description('check fund scheme files (YAML or JSON: one fund, a list of funds, or { funds, investors })')
    .argument('[files...]', 'files, directories (their .yaml/.yml/.json files, and those of subdirectories but hidden ones and node_modules), quoted patterns such as "schemes/**/*.yaml", or - for stdin (default: "files" of the config file)')
    .option('--as-of <date>', 'the date to apply the law as of: YYYY-MM-DD or "BE YYYY-MM-DD" (default: today in Asia/Bangkok)')
    .addOption(new Option('--format <format>', 'output format (github: annotations for GitHub Actions)').choices(CHECK_FORMATS).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the output').choices(['th', 'en']).default('en'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(Object.keys(SEVERITY_RANK)).default('violation'))
    .option('--output <file>', 'write the output to this file instead of stdout')
    .option('--pack <dir>', 'also evaluate the rule pack in this directory (repeatable)', collect, [] as string[])
    .option('--full-findings', 'JSON: write each finding with its rule\'s title, clause text, reading and messages (default: compact, those are in the report\'s `rules`)')
    .option('--no-recursive', 'check only the files directly in a directory argument, not its subdirectories')
    .option('--quiet', 'report only input problems and findings at or above --fail-on (text, github); no summary line for --output')
    .option('--config <file>', 'read settings from this file instead of the nearest thai-fund-compliance.config.{yaml,yml,json} or package.json "thai-fund-compliance" key')
    .option('--stdin-filename <name>', 'the name reports give to the text read from - (its extension .json, .yaml or .yml decides how it is parsed)')
    .addHelpText('after', '\nSettings: a thai-fund-compliance.config.yaml (.yml, .json) or a "thai-fund-compliance" key in package.json, in this directory or above, may set files, asOf, format, lang, failOn, packs, recursive, output and quiet; flags win.\nExit codes: 0 no finding at or above --fail-on, 1 findings, 2 an input or usage problem (every input problem is reported, the other files are still checked).')
    .action(async (args: string[], options: CheckOptions, command: Command) => {
      const given = (name: string) => command.getOptionValueSource(name) === 'cli';
      setCode(await check(args, options, io, given));
    });
}

import { appendFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { fetchSecFunds, SecApiError, type SecProgress } from '../../adapters/sec-open-data/client.js';
import type { SecRefusal } from '../../adapters/sec-open-data/adapt.js';
import { parseCalendarDate } from '../../model/calendar-date.js';
import { cwdOf, EXIT, printable, type Io } from '../io.js';

/** The environment variable that holds the SEC developer-portal subscription key (never a command-line argument: it would show in `ps`). */
export const SEC_KEY_ENV = 'SEC_API_KEY';

interface PullOptions {
  amc: string;
  out: string;
  project: string[];
  asOf?: string;
  refused?: string;
  keyEnv: string;
  baseUrl?: string;
  retries: string;
  backoff: string;
  investorRestriction: 'unknown' | 'from-declared-type';
  missingEnglishName: 'error' | 'use-abbreviation' | 'use-thai';
}

const AMC_ID = /^C\d{10}$/;

/**
 * The funds already in the output (one JSON fund a line). A last line cut
 * short by an interrupted run is removed so the file can be appended to.
 */
function resumeFrom(file: string): { done: Set<string>; problem?: string } {
  const done = new Set<string>();
  if (!existsSync(file)) return { done };
  const text = readFileSync(file, 'utf8');
  // appendFileSync writes a fund and its newline at once: a last line without one was cut short.
  const kept = text === '' || text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  for (const [index, line] of kept.split('\n').entries()) {
    if (line.trim() === '') continue;
    let id: unknown;
    try {
      id = (JSON.parse(line) as { id?: unknown }).id;
    } catch {
      id = undefined;
    }
    if (typeof id !== 'string') return { done, problem: `line ${index + 1} is not a fund written by sec pull; give another --out file` };
    done.add(id);
  }
  if (kept.length !== text.length) truncateSync(file, Buffer.byteLength(kept, 'utf8'));
  return { done };
}

function describeRefusal(refusal: SecRefusal): string {
  return printable(`${refusal.projId ?? '(no project)'}: ${refusal.reason}: ${refusal.message}`).slice(0, 500);
}

async function pull(options: PullOptions, io: Io): Promise<number> {
  const cwd = cwdOf(io);
  const env = io.env ?? process.env;
  const key = env[options.keyEnv];
  if (!key) {
    io.stderr.write(`error: no subscription key: set the environment variable ${options.keyEnv} to your SEC API subscription key (developer portal → Profile → Subscriptions)\n`);
    return EXIT.usage;
  }
  if (!AMC_ID.test(options.amc)) {
    io.stderr.write(`error: --amc: expected a management company id such as C0000000290 (unique_id in the SEC data), got ${JSON.stringify(options.amc)}\n`);
    return EXIT.usage;
  }
  let asOf: string | undefined;
  if (options.asOf !== undefined) {
    const parsed = parseCalendarDate(options.asOf);
    if (!parsed.ok) {
      io.stderr.write(`error: --as-of: ${parsed.reason}\n`);
      return EXIT.usage;
    }
    asOf = parsed.date;
  }
  const retries = Number(options.retries);
  const backoff = Number(options.backoff);
  if (!Number.isInteger(retries) || retries < 0 || retries > 20 || !Number.isFinite(backoff) || backoff < 0) {
    io.stderr.write('error: --retries is a whole number from 0 to 20 and --backoff a number of milliseconds\n');
    return EXIT.usage;
  }
  const outFile = resolve(cwd, options.out);
  const { done, problem } = resumeFrom(outFile);
  if (problem) {
    io.stderr.write(`error: --out ${options.out}: ${problem}\n`);
    return EXIT.usage;
  }
  if (done.size > 0) io.stderr.write(`resuming: ${done.size} fund${done.size === 1 ? '' : 's'} already in ${options.out} are not fetched again\n`);
  else writeFileSync(outFile, '');
  const refusedFile = options.refused === undefined ? undefined : resolve(cwd, options.refused);
  if (refusedFile && done.size === 0) writeFileSync(refusedFile, '');

  const tty = Boolean(io.stderr.isTTY);
  let pages = 0;
  let projects = 0;
  const progress = (event: SecProgress) => {
    if (event.kind === 'page') pages++;
    if (event.kind === 'retry') io.stderr.write(`${tty ? '\r\u001b[K' : ''}retry ${event.attempt} of ${event.endpoint} page ${event.page} in ${(event.waitMs / 1000).toFixed(1)} s: ${printable(event.why)}\n`);
    else if (tty) io.stderr.write(`\r\u001b[K${options.amc}: ${projects} project${projects === 1 ? '' : 's'}, ${pages} page${pages === 1 ? '' : 's'} read`);
  };
  const counts = { adapted: 0, refused: 0, legacy: 0, unknownFields: 0 };
  try {
    for await (const { result } of fetchSecFunds(
      { amc: options.amc, subscriptionKey: key, retries, backoffMs: backoff, onProgress: progress, skip: done, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...(asOf ? { asOf } : {}), ...(options.project.length > 0 ? { projects: options.project } : {}) },
      { investorRestriction: options.investorRestriction, missingEnglishName: options.missingEnglishName },
    )) {
      projects++;
      for (const fund of result.funds) {
        appendFileSync(outFile, `${JSON.stringify(fund)}\n`);
        counts.adapted++;
        counts.unknownFields += fund.unknowns?.length ?? 0;
      }
      for (const refusal of result.refused) {
        counts.refused++;
        if (refusal.reason === 'legacy-v1-record') counts.legacy++;
        if (refusedFile) appendFileSync(refusedFile, `${JSON.stringify(refusal)}\n`);
        else io.stderr.write(`${tty ? '\r\u001b[K' : ''}refused ${describeRefusal(refusal)}\n`);
      }
    }
  } catch (error) {
    if (tty) io.stderr.write('\n');
    if (error instanceof SecApiError) {
      io.stderr.write(`error: SEC API: ${printable(error.message)}\n${counts.adapted > 0 || done.size > 0 ? `${options.out} keeps the ${done.size + counts.adapted} funds pulled so far; run the same command again to resume\n` : ''}`);
      return EXIT.usage;
    }
    throw error;
  }
  if (tty) io.stderr.write('\r\u001b[K');
  io.stdout.write(
    `pulled ${options.amc}: ${projects} project${projects === 1 ? '' : 's'} fetched, ${counts.adapted} fund${counts.adapted === 1 ? '' : 's'} written to ${options.out}${done.size > 0 ? ` (plus ${done.size} from before)` : ''}, ${counts.refused} refused${counts.legacy > 0 ? ` (${counts.legacy} legacy v1)` : ''}${refusedFile && counts.refused > 0 ? ` (listed in ${options.refused})` : ''}; each fund lists in "unknowns" what SEC data does not carry\n`,
  );
  return EXIT.ok;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `sec pull`: download a management company's funds from the SEC open API as fund records, one a line. */
export function registerSec(program: Command, io: Io, setCode: (code: number) => void): void {
  const sec = program.command('sec').description('work with the SEC Thailand open data (api.sec.or.th)');
  sec
    .command('pull')
    .description(`download every fund of a management company from the SEC open API v2 as fund records (NDJSON, one fund a line) for check and register; the subscription key is read from $${SEC_KEY_ENV}`)
    .requiredOption('--amc <id>', 'the management company id (unique_id), e.g. C0000000290')
    .requiredOption('--out <file>', 'the NDJSON file to write; if it exists, the funds in it are kept and not fetched again (resume)')
    .option('--project <proj_id>', 'only this project (repeatable)', collect, [] as string[])
    .option('--as-of <date>', 'take the subscription minimum of the factsheet period covering this date (default: the latest factsheet)')
    .option('--refused <file>', 'write the records that could not be adapted here (NDJSON) instead of to stderr')
    .option('--key-env <name>', 'the environment variable holding the subscription key', SEC_KEY_ENV)
    .option('--base-url <url>', 'the API host', undefined)
    .option('--retries <n>', 'retries of a page on HTTP 429, 5xx, network errors or a malformed page', '5')
    .option('--backoff <ms>', 'wait before the first retry, doubled each time (a Retry-After from the server wins)', '1000')
    .addOption(new Option('--investor-restriction <how>', 'the scheme restriction is not in SEC data: leave it unknown, or read it from proj_retail_type').choices(['unknown', 'from-declared-type']).default('unknown'))
    .addOption(new Option('--missing-english-name <how>', 'a project without proj_name_en: refuse it, or use the abbreviation or Thai name').choices(['error', 'use-abbreviation', 'use-thai']).default('error'))
    .action(async (options: PullOptions) => {
      setCode(await pull(options, io));
    });
}

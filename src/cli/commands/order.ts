import { Option, type Command } from 'commander';
import {
  checkOrder,
  ComplianceInputError,
  evaluationInputSchema,
  investorSchema,
  positiveMoneySchema,
  formatDate,
  formatPath,
  formatValue,
  parseCalendarDate,
  type Finding,
  type FundInput,
  type InvestorInput,
  type OrderCheck,
  type OrderFinding,
  type OrderInput,
  type Severity,
  type ValidationIssue,
} from '../../index.js';
import type { z } from 'zod';
import { issuesFromZod } from '../../model/errors.js';
import { where } from '../check-run.js';
import { colourStyle, plainStyle, type Style } from '../formats/text.js';
import { cwdOf, EXIT, todayInBangkok, wantsColour, writeProblems, type Io } from '../io.js';
import type { PathKey } from '../locate.js';
import { loadPacks } from '../packs.js';
import { readInputFile, type InputFile } from '../read-inputs.js';
import { SEVERITY_LABEL, SEVERITY_RANK } from '../severity.js';

interface OrderOptions {
  investor?: string;
  subscribe?: string;
  switchIn?: string;
  fromFund?: string;
  transfer?: string;
  transferTo?: string;
  units?: string;
  date?: string;
  asOf?: string;
  fund?: string;
  reference?: string;
  format: 'text' | 'json';
  lang: 'th' | 'en';
  blockOn: Severity;
  pack: string[];
}

type Lang = 'th' | 'en';

/** An investor file holds one investor: a mapping (read as a single "fund" document, so its fields sit under funds[0]). */
function investorOf(read: InputFile): { investor?: InvestorInput; problem?: string } {
  const input = read.input as { funds?: unknown[]; investors?: unknown } | undefined;
  if (read.source?.shape !== 'single-fund' || !input?.funds || input.funds.length !== 1) {
    return { problem: `${read.file}: an investor file holds one investor: a mapping with id, type, category (or profile) and domicile` };
  }
  return { investor: input.funds[0] as InvestorInput };
}

/** The option that gave each field of the order. */
function orderFlag(key: PathKey | undefined, kind: OrderInput['kind']): string {
  switch (key) {
    case 'amount':
      return kind === 'subscription' ? '--subscribe' : kind === 'switch-in' ? '--switch-in' : '--transfer';
    case 'date':
      return '--date';
    case 'units':
      return '--units';
    case 'fromFundId':
      return '--from-fund';
    case 'reference':
      return '--reference';
    default:
      return '(order)';
  }
}

interface Sources {
  scheme: InputFile;
  fundIndex: number;
  investor: InputFile;
  transferee: InputFile | undefined;
  kind: OrderInput['kind'];
  /** Records the scheme file does not hold, taken from the order's investor files: `investors[i]` from here on is in those files. */
  added?: { from: number; files: InputFile[] };
}

/** `file:line:column: field: reason` for each issue, in the file (or option) the field came from. */
function locateIssue(issue: ValidationIssue, s: Sources): string {
  const [head, ...rest] = issue.path;
  if (s.fundIndex < 0 && (head === 'fund' || head === 'investors')) return `${s.scheme.file}: ${issue.pointer}: ${issue.message}`;
  const inFile = (read: InputFile, path: PathKey[], shown: string) => `${where(read.file, read.source?.locate(path).location)}: ${shown}: ${issue.message}`;
  if (head === 'fund') {
    const path: PathKey[] = ['funds', s.fundIndex, ...rest];
    return inFile(s.scheme, path, formatPath(path));
  }
  if (head === 'investors' && s.added && typeof rest[0] === 'number' && rest[0] >= s.added.from) {
    const file = s.added.files[rest[0] - s.added.from]!;
    return inFile(file, ['funds', 0, ...rest.slice(1)], formatPath(rest.slice(1)));
  }
  if (head === 'investors') return inFile(s.scheme, issue.path, issue.pointer);
  if (head === 'investor') return inFile(s.investor, ['funds', 0, ...rest], formatPath(rest));
  if (head === 'order' && rest[0] === 'to' && s.transferee) return inFile(s.transferee, ['funds', 0, ...rest.slice(1)], formatPath(rest.slice(1)));
  if (head === 'order') return `${orderFlag(rest[0], s.kind)}: ${issue.message}`;
  if (head === 'asOf') return `--as-of: ${issue.message}`;
  return `${issue.pointer}: ${issue.message}`;
}

function evidenceLine(finding: Finding, lang: Lang): string | undefined {
  const evidence = finding.evidence.map((e) => `${e.label?.[lang] ?? e.name}=${formatValue(e, lang)}`).join(', ');
  return evidence ? `${lang === 'th' ? 'หลักฐาน' : 'evidence'}: ${evidence}` : undefined;
}

const EFFECT: Record<OrderFinding['effect'], { th: string; en: string }> = {
  active: { th: 'เกิดจากคำสั่งนี้', en: 'caused by the order' },
  aggravated: { th: 'รุนแรงขึ้น', en: 'made worse' },
  unchanged: { th: 'ไม่เปลี่ยนแปลง', en: 'unchanged' },
  improved: { th: 'ดีขึ้น', en: 'improved' },
};

function shown(value: unknown, lang: Lang): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function findingLines(item: OrderFinding, lang: Lang, style: Style): string[] {
  const { finding } = item;
  const label = SEVERITY_LABEL[finding.severity][lang];
  const waived = finding.status === 'waived' ? (lang === 'th' ? ` (ผ่อนผันแล้ว ${finding.waiver?.reference ?? ''})` : ` (waived ${finding.waiver?.reference ?? ''})`) : '';
  const effect = item.effect === 'active' ? '' : ` [${EFFECT[item.effect][lang]}]`;
  const blocks = item.blocks ? (lang === 'th' ? ' — ระงับคำสั่ง' : ' — blocks') : '';
  const lines = [`  ${style.severity(finding.severity, label)}${waived}${effect}${blocks}  ${finding.citation.text[lang]}  ${style.dim(finding.ruleId)}`];
  lines.push(`    ${finding.message[lang]}`);
  const evidence = evidenceLine(finding, lang);
  if (evidence) lines.push(style.dim(`    ${evidence}`));
  for (const change of item.changes ?? []) {
    const what = `${change.fact}${change.path ? change.path.slice(1) : ''}`;
    lines.push(style.dim(`    ${lang === 'th' ? 'เปลี่ยน' : 'changed'}: ${what} ${shown(change.before.actual, lang)} → ${shown(change.after.actual, lang)} (${change.operator} ${shown(change.after.expected, lang)})`));
  }
  if (finding.consequence) lines.push(`    → ${finding.consequence.message[lang]} (${finding.consequence.citation.text[lang]})`);
  return lines;
}

/** The check for a person: the decision, its reasons, the pre-existing findings, and who the investors are. */
export function formatOrderText(check: OrderCheck, lang: Lang, style: Style): string {
  const t = (th: string, en: string) => (lang === 'th' ? th : en);
  const out = [
    style.bold(check.summary[lang]),
    style.dim(`  ${t('ณ วันที่', 'as of')} ${formatDate(check.asOf, lang)} · ${t('ระงับเมื่อพบประเด็นระดับ', 'blocks at or above')} ${SEVERITY_LABEL[check.blockOn][lang].toLowerCase()}`),
  ];
  for (const notice of check.notices) out.push(`  ${notice.message[lang]} (${notice.citation.text[lang]})`);
  if (check.active.length > 0) {
    out.push('', style.bold(t('ประเด็นที่คำสั่งนี้จะทำให้เกิด (active):', 'Findings the order would cause (active):')));
    for (const item of check.active) out.push(...findingLines(item, lang, style));
  }
  if (check.passive.length > 0) {
    out.push('', style.bold(t('ประเด็นที่มีอยู่ก่อนคำสั่งนี้ (passive):', 'Findings that exist without the order (passive):')));
    for (const item of check.passive) out.push(...findingLines(item, lang, style));
  }
  if (check.resolved.length > 0) {
    out.push('', style.bold(t('ประเด็นที่คำสั่งนี้ทำให้หมดไป:', 'Findings the order would resolve:')));
    for (const finding of check.resolved) out.push(`  ${SEVERITY_LABEL[finding.severity][lang]}  ${finding.citation.text[lang]}  ${finding.message[lang]}`);
  }
  out.push('', style.bold(t('ผู้ลงทุน:', 'Investors:')));
  const roles = { subscriber: t('ผู้จองซื้อ', 'subscriber'), transferor: t('ผู้โอน', 'transferor'), transferee: t('ผู้รับโอน', 'transferee') };
  for (const party of check.parties) out.push(`  ${roles[party.role]}: ${party.explanation[lang]}`);
  return `${out.join('\n')}\n`;
}

/** Problems found without the dates: the files against their schemas, the amounts. */
function staticProblems(s: Sources, fund: unknown, investors: unknown, investor: unknown, transferee: unknown, kind: OrderInput['kind'], options: OrderOptions): string[] {
  const problems: string[] = [];
  const issues: ValidationIssue[] = [];
  // Coded issues in our wording (never zod's defaults), an unknown key at the key with a did-you-mean.
  const add = (error: z.ZodError, schema: unknown, value: unknown, prefix: PathKey[]) => {
    for (const i of issuesFromZod(error, undefined, schema, value)) {
      const path = [...prefix, ...i.path];
      issues.push({ ...i, path, pointer: formatPath(path) });
    }
  };
  if (fund !== undefined) {
    const input = { funds: [fund], investors: Array.isArray(investors) ? investors : [] };
    const parsed = evaluationInputSchema.safeParse(input);
    if (!parsed.success) {
      for (const i of issuesFromZod(parsed.error, undefined, evaluationInputSchema, input)) {
        const path: PathKey[] = i.path[0] === 'funds' ? ['fund', ...i.path.slice(2)] : i.path;
        issues.push({ ...i, path, pointer: formatPath(path) });
      }
    }
  }
  if (investor !== undefined) {
    const parsed = investorSchema.safeParse(investor);
    if (!parsed.success) add(parsed.error, investorSchema, investor, ['investor']);
  }
  if (transferee !== undefined) {
    const parsed = investorSchema.safeParse(transferee);
    if (!parsed.success) add(parsed.error, investorSchema, transferee, ['order', 'to']);
  }
  for (const [value, key] of [
    [kind === 'subscription' ? options.subscribe : kind === 'switch-in' ? options.switchIn : options.transfer, 'amount'],
    [options.units, 'units'],
  ] as const) {
    if (value === undefined) continue;
    const parsed = positiveMoneySchema.safeParse(value);
    if (!parsed.success) add(parsed.error, positiveMoneySchema, value, ['order', key]);
  }
  for (const issue of issues) problems.push(locateIssue(issue, s));
  return problems;
}

async function order(schemeFile: string, options: OrderOptions, io: Io): Promise<number> {
  const cwd = cwdOf(io);
  const problems: string[] = [];

  const kinds = [
    options.subscribe !== undefined ? ('subscription' as const) : undefined,
    options.switchIn !== undefined ? ('switch-in' as const) : undefined,
    options.transfer !== undefined || options.transferTo !== undefined ? ('transfer' as const) : undefined,
  ].filter((k) => k !== undefined);
  if (kinds.length !== 1) problems.push(`${kinds.length === 0 ? 'no order given' : 'more than one order given'}: give one of --subscribe <amount>, --switch-in <amount>, or --transfer <amount> with --transfer-to <investor file>`);
  const kind = kinds[0] ?? 'subscription';
  if (kind === 'transfer' && options.transfer === undefined) problems.push('--transfer-to: give the value of the units transferred with --transfer <amount> (THB)');
  if (kind === 'transfer' && options.transferTo === undefined) problems.push('--transfer: give the transferee with --transfer-to <investor file>');
  if (options.fromFund !== undefined && kind !== 'switch-in') problems.push('--from-fund: only with --switch-in');
  if (options.units !== undefined && kind !== 'transfer') problems.push('--units: only with --transfer');
  if (options.investor === undefined) problems.push('--investor: give the investor placing the order (a YAML or JSON file with one investor)');

  const date = options.date !== undefined ? parseCalendarDate(options.date) : undefined;
  if (date && !date.ok) problems.push(`--date: ${date.reason}`);
  const asOf = parseCalendarDate(options.asOf ?? (date?.ok ? date.date : todayInBangkok()));
  if (!asOf.ok) problems.push(`--as-of: ${asOf.reason}`);

  const { packs, problems: packProblems } = loadPacks(options.pack, cwd);
  if (packProblems.length > 0) {
    writeProblems(io, `${packProblems.length} problem${packProblems.length === 1 ? '' : 's'} in the rule packs given with --pack`, packProblems);
    return EXIT.usage;
  }

  const scheme = readInputFile(schemeFile, cwd);
  if (scheme.error) problems.push(`${where(schemeFile, scheme.error.location)}: ${scheme.error.message}`);
  const investorRead = options.investor !== undefined ? readInputFile(options.investor, cwd) : undefined;
  if (investorRead?.error) problems.push(`${where(investorRead.file, investorRead.error.location)}: ${investorRead.error.message}`);
  const transfereeRead = options.transferTo !== undefined ? readInputFile(options.transferTo, cwd) : undefined;
  if (transfereeRead?.error) problems.push(`${where(transfereeRead.file, transfereeRead.error.location)}: ${transfereeRead.error.message}`);
  const investor = investorRead && !investorRead.error ? investorOf(investorRead) : undefined;
  if (investor?.problem) problems.push(investor.problem);
  const transferee = transfereeRead && !transfereeRead.error ? investorOf(transfereeRead) : undefined;
  if (transferee?.problem) problems.push(transferee.problem);

  // The fund: the scheme file's only fund, or the one --fund names.
  const input = (scheme.input ?? {}) as { funds?: unknown; investors?: unknown };
  const funds = Array.isArray(input.funds) ? (input.funds as { id?: unknown }[]) : [];
  let fundIndex = -1;
  if (!scheme.error) {
    if (options.fund !== undefined) {
      fundIndex = funds.findIndex((f) => f !== null && typeof f === 'object' && f.id === options.fund);
      if (fundIndex < 0) problems.push(`${schemeFile}: no fund "${options.fund}" (funds: ${funds.map((f) => String(f?.id)).join(', ') || 'none'})`);
    } else if (funds.length === 1) fundIndex = 0;
    else problems.push(`${schemeFile}: ${funds.length === 0 ? 'no fund' : `${funds.length} funds`}; name the fund with --fund <id>`);
  }

  if (problems.length > 0 || !investor?.investor || fundIndex < 0 || !asOf.ok) {
    // Every bad field at once: what does not depend on the dates is checked even when an option is bad.
    const sources: Sources = { scheme, fundIndex, investor: investorRead!, transferee: transfereeRead, kind };
    problems.push(...staticProblems(sources, funds[fundIndex], input.investors, investor?.investor, transferee?.investor, kind, options));
    writeProblems(io, `${problems.length} input problem${problems.length === 1 ? '' : 's'}`, problems);
    return EXIT.usage;
  }

  const common = { ...(date?.ok ? { date: date.date } : {}), ...(options.reference !== undefined ? { reference: options.reference } : {}) };
  const orderInput: OrderInput =
    kind === 'subscription'
      ? { kind, amount: options.subscribe!, ...common }
      : kind === 'switch-in'
        ? { kind, amount: options.switchIn!, ...(options.fromFund !== undefined ? { fromFundId: options.fromFund } : {}), ...common }
        : { kind, amount: options.transfer!, to: transferee!.investor!, ...(options.units !== undefined ? { units: options.units } : {}), ...common };

  // The order's investors are the records the check uses for them: a holder the scheme file has no record for may be given by --investor or --transfer-to.
  const investors = (Array.isArray(input.investors) ? input.investors : []) as InvestorInput[];
  const known = new Set(investors.map((i) => (i !== null && typeof i === 'object' ? i.id : undefined)));
  const added: NonNullable<Sources['added']> = { from: investors.length, files: [] };
  const extra: InvestorInput[] = [];
  for (const [record, file] of [
    [investor.investor, investorRead!],
    [transferee?.investor, transfereeRead],
  ] as const) {
    if (!record || !file || known.has(record.id) || !investorSchema.safeParse(record).success) continue;
    known.add(record.id);
    extra.push(record);
    added.files.push(file);
  }

  let check: OrderCheck;
  try {
    check = checkOrder(funds[fundIndex] as FundInput, investor.investor, orderInput, { asOf: asOf.date, investors: [...investors, ...extra], packs, blockOn: options.blockOn });
  } catch (error) {
    if (!(error instanceof ComplianceInputError)) throw error;
    const sources: Sources = { scheme, fundIndex, investor: investorRead!, transferee: transfereeRead, kind, added };
    const lines = error.issues.map((issue) => locateIssue(issue, sources));
    writeProblems(io, `${lines.length} input problem${lines.length === 1 ? '' : 's'}`, lines);
    return EXIT.usage;
  }

  io.stdout.write(options.format === 'json' ? `${JSON.stringify(check, null, 2)}\n` : formatOrderText(check, options.lang, wantsColour(io) ? colourStyle : plainStyle));
  return check.decision === 'blocked' ? EXIT.findings : EXIT.ok;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `order <scheme> --investor <file> --subscribe <amount>`: would this order breach the notice? */
export function registerOrder(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('order')
    .description('check an order before accepting it: a subscription, switch-in or transfer of units (exit 0 allowed, 1 blocked, 2 bad input)')
    .argument('<scheme>', 'scheme file (YAML or JSON) with the fund, its unitholders and their investors')
    .option('--investor <file>', 'the investor placing the order: a YAML or JSON file with one investor (id, type, category or profile, domicile)')
    .option('--subscribe <amount>', 'a subscription of this amount in THB, e.g. 250000.00')
    .option('--switch-in <amount>', 'a switch into the fund of this amount in THB (a subscription funded from another fund)')
    .option('--from-fund <id>', 'with --switch-in: the fund switched out of')
    .option('--transfer <amount>', 'a transfer of units worth this amount in THB from the investor to --transfer-to')
    .option('--transfer-to <file>', 'with --transfer: the transferee, a YAML or JSON file with one investor')
    .option('--units <units>', 'with --transfer: the number of units transferred')
    .option('--date <date>', 'the order date: YYYY-MM-DD or "BE YYYY-MM-DD" (default: the as-of date)')
    .option('--as-of <date>', 'the date the law is applied as of (default: the order date, else today in Asia/Bangkok)')
    .option('--fund <id>', 'the fund, when the scheme file has several')
    .option('--reference <text>', 'your order reference')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the output').choices(['th', 'en']).default('en'))
    .addOption(new Option('--block-on <severity>', 'block on a finding the order causes (or worsens) at or above this severity').choices(Object.keys(SEVERITY_RANK)).default('violation'))
    .option('--pack <dir>', 'also evaluate the rule pack in this directory (repeatable)', collect, [] as string[])
    .action(async (schemeFile: string, options: OrderOptions) => {
      setCode(await order(schemeFile, options, io));
    });
}

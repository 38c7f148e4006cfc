import { parseJson } from '../io/json.js';
import { openRegularFileStream } from '../io/read-file.js';
import { extname } from 'node:path';
import { compiledRunner, RULE_OUTCOME, runCompiledSync, specializeRules, type SpecializedRules } from '../engine/compiled-runner.js';
import { referenceRunner } from '../engine/reference-runner.js';
import type { Extensions } from '../engine/extensions.js';
import { deriveFundFacts, deriveSubjects, type FundFacts, type SubjectIdentity } from '../engine/facts.js';
import { renderCitation } from '../engine/citation.js';
import { parseCalendarDate, type CalendarDate } from '../model/calendar-date.js';
import { ComplianceInputError, EvaluationIncompleteError, issuesFromZod } from '../model/errors.js';
import type { Fund } from '../model/fund.js';
import { evaluationInputSchema } from '../model/input.js';
import { parameterResolver, preparePacks } from '../engine/pack-context.js';
import { inRange } from '../engine/pack-values.js';
import type { ReportNotice, RuleAccount, RuleOutcome } from '../engine/report.js';
import type { RuleVerdict, RunContext, SubjectRunner } from '../engine/runner.js';
import type { LoadedPack } from '../packs/load.js';
import type { PackInput, Rule, Severity, SubjectKind } from '../packs/schema.js';
import { buildFinding, rowOriginsTemplate, rowPointer, type RegisterFinding, type WaiverCover } from './findings.js';
import { NdjsonWriter, type WritableLike } from './output.js';
import { CsvRecordReader, LineReader } from './records.js';
import { FIELD_COUNT, mapHeader, parseRegisterRow, slotsFromCsv, slotsFromObject, type HeaderMapping, type RowIssue } from './row.js';

export type RegisterFormat = 'csv' | 'ndjson';

export interface RegisterSource {
  format: RegisterFormat;
  /** The register's bytes (or text), e.g. `fs.createReadStream(path)`; read once, chunk by chunk. */
  stream: AsyncIterable<Uint8Array | string>;
  /** Its size in bytes, for the progress estimate. */
  size?: number;
}

export interface RegisterProgress {
  /** Data rows read so far (valid or not). */
  rows: number;
  bytesRead: number;
  totalBytes?: number;
  elapsedMs: number;
}

/** A row that could not be checked, with where it is and why. */
export interface RowError {
  type: 'row-error';
  /** Data row number, from 1 (the CSV header is not a row). */
  row: number;
  /** Line of the file the row starts on, from 1. */
  line: number;
  fundId?: string;
  investorId?: string;
  issues: RowIssue[];
}

export interface RegisterOptions {
  /** The date the law is applied as of: `YYYY-MM-DD` or `BE YYYY-MM-DD`. Rows are holdings as of this date. */
  asOf: string;
  /** Packs to evaluate, in order; default: the built-in TorNor. 89/2558 pack. */
  packs?: readonly (LoadedPack | PackInput)[];
  /** Custom facts and operators the packs use. */
  extensions?: Extensions;
  /**
   * How rows are evaluated: `compiled` (default; the pack's conditions
   * compiled once per fund), `json-rules-engine` (the reference interpreter,
   * to cross-check; far slower), or any SubjectRunner.
   */
  runner?: 'compiled' | 'json-rules-engine' | SubjectRunner;
  /** Bad rows tolerated; the next one stops the run (reported as aborted). Default: no limit. */
  maxErrors?: number;
  /** NDJSON destination: a line per finding and per bad row, then a summary line. Written with backpressure. */
  output?: WritableLike;
  onFinding?(finding: RegisterFinding): void;
  onRowError?(error: RowError): void;
  onProgress?(progress: RegisterProgress): void;
  /** How often `onProgress` is called, at most (default 100 ms). */
  progressIntervalMs?: number;
}

export interface RegisterFundAccount {
  fundId: string;
  declaredType: string | null;
  /** Rows evaluated against the fund. */
  evaluated: number;
  /** Rows whose first subscription is after the as-of date: not yet holding units, not evaluated. */
  notYetHolding: number;
  findings: number;
}

export interface RegisterSummary {
  type: 'summary';
  summaryVersion: 1;
  asOf: CalendarDate;
  /** `not-in-force`: no pack was in force on the as-of date, so nothing passed or failed. */
  status: 'findings' | 'no-findings' | 'not-in-force';
  /** False when the run stopped early (too many bad rows): rows after `aborted.row` were not read. */
  complete: boolean;
  aborted?: { row: number; line: number; reason: string };
  runner: string;
  rows: { read: number; evaluated: number; notYetHolding: number; bad: number };
  findings: { total: number; violations: number; waived: number; bySeverity: Record<Severity, number> };
  /** The unitholder rules: how many rows each was evaluated on, applied to, and found. */
  rules: RuleAccount[];
  funds: RegisterFundAccount[];
  notices: ReportNotice[];
  /** The first bad rows (all of them are in the NDJSON stream and counted in `rows.bad`). */
  errors: RowError[];
  warnings: string[];
  elapsedMs: number;
  rowsPerSecond: number;
}

const SEVERITIES: readonly Severity[] = ['revocation-ground', 'order-ground', 'violation', 'warning', 'info'];
const ERRORS_KEPT = 100;
/** The subject facts of a register row. */
const SUBJECT_KIND: SubjectKind = 'unitholder';




/** The rules of one pack for one fund, ready for rows. */
interface RuleGroup {
  pack: LoadedPack;
  rules: Rule[];
  accounts: RuleAccount[];
  context: RunContext;
  specialized: SpecializedRules | undefined;
}

interface FundPlan {
  fund: Fund;
  facts: FundFacts;
  origins: Record<string, string>;
  groups: RuleGroup[];
  waivers: WaiverCover[];
  account: RegisterFundAccount;
}

/** The custom facts a unitholder subject gets (extensions), computed as evaluate() computes them. */
function customFactsOf(extensions: Extensions | undefined) {
  return Object.entries(extensions?.facts ?? {}).filter(([, fact]) => fact.subjects === 'all' || fact.subjects.includes(SUBJECT_KIND));
}

/**
 * Evaluate a whole unitholder register against the funds of a scheme input
 * (`{ funds, investors? }`, as {@link evaluate} takes it), streaming: rows are
 * read, validated, evaluated and reported one chunk at a time, and only
 * counts stay in memory. Each row is one investor's holding in one fund (see
 * REGISTER_COLUMNS); the unitholder rules of the packs are evaluated on it
 * with the compiled evaluator. Bad rows are reported with their row and line
 * and counted; the run goes on up to `maxErrors`.
 *
 * Throws {@link ComplianceInputError} for a bad scheme, as-of date or CSV header.
 */
export async function evaluateRegister(scheme: unknown, source: RegisterSource, options: RegisterOptions): Promise<RegisterSummary> {
  const started = performance.now();
  const asOfParsed = typeof options.asOf === 'string' ? parseCalendarDate(options.asOf) : { ok: false as const, reason: 'give the as-of date as "YYYY-MM-DD"' };
  if (!asOfParsed.ok) throw new ComplianceInputError([{ path: ['asOf'], pointer: 'asOf', message: asOfParsed.reason }], 'options');
  const asOf = asOfParsed.date;
  const parsedScheme = evaluationInputSchema.safeParse(scheme);
  if (!parsedScheme.success) throw new ComplianceInputError(issuesFromZod(parsedScheme.error), 'scheme');
  const funds = parsedScheme.data.funds;

  const { packs, plan, packInForce, notices } = preparePacks(options.packs, options.extensions, asOf);

  // Accounts for the unitholder rules, as evaluate() keeps them.
  const accounts = new Map<string, RuleAccount>();
  const active: { rule: Rule; pack: LoadedPack }[] = [];
  const waiverRules: { rule: Rule; pack: LoadedPack }[] = [];
  for (const { rule, pack, replaces } of plan.rules) {
    const inForce = packInForce.get(pack)! && inRange(asOf, rule.inForce?.from, rule.inForce?.to);
    if (rule.subject === 'waiver' && inForce) waiverRules.push({ rule, pack });
    if (rule.subject !== SUBJECT_KIND) continue;
    accounts.set(rule.id, {
      ruleId: rule.id,
      packId: pack.meta.id,
      ...(replaces ? { replaces } : {}),
      title: rule.title,
      subject: rule.subject,
      severity: rule.severity,
      citation: renderCitation(pack, rule.citation).text,
      outcome: inForce ? 'not-applicable' : 'not-in-force',
      subjects: { evaluated: 0, applicable: 0, found: 0 },
    });
    if (inForce) active.push({ rule, pack });
  }
  for (const { rule, pack, by, reason } of plan.disabled) {
    if (rule.subject !== SUBJECT_KIND) continue;
    accounts.set(rule.id, {
      ruleId: rule.id,
      packId: pack.meta.id,
      title: rule.title,
      subject: rule.subject,
      severity: rule.severity,
      citation: renderCitation(pack, rule.citation).text,
      outcome: 'disabled',
      disabled: { by, reason },
      subjects: { evaluated: 0, applicable: 0, found: 0 },
    });
  }

  const runner: SubjectRunner | undefined =
    options.runner === undefined || options.runner === 'compiled' ? undefined : options.runner === 'json-rules-engine' ? referenceRunner : options.runner;
  const compiled = runner === undefined || runner === compiledRunner;
  const customFacts = customFactsOf(options.extensions);
  const operators = new Map(Object.entries(options.extensions?.operators ?? {}));
  const warnings: string[] = [];

  const fundPlans: FundPlan[] = funds.map((fund, index) => {
    const facts = deriveFundFacts(fund, asOf);
    const subjects = deriveSubjects(fund, index, new Map(), asOf);
    const origins = rowOriginsTemplate(subjects.get('fund')?.[0]?.origins ?? {});
    if (fund.unitholders.length > 0) {
      warnings.push(`fund ${fund.id}: the scheme lists ${fund.unitholders.length} unitholder(s); a register run checks the register's rows only (check the scheme file itself for those)`);
    }
    const contextFor = (pack: LoadedPack): RunContext => ({ pack, facts: { fund: facts, asOf }, asOf, parameter: parameterResolver(plan, pack, asOf), operators });

    // Valid waivers (§10) turn the findings of the rules they cover into `waived`, as evaluate() does.
    const waivers: WaiverCover[] = [];
    for (const waiver of subjects.get('waiver') ?? []) {
      let valid = true;
      for (const pack of new Set(waiverRules.map((w) => w.pack))) {
        const rules = waiverRules.filter((w) => w.pack === pack).map((w) => w.rule);
        const context = contextFor(pack);
        const verdicts = runCompiledSync(rules, { ...context, facts: { ...context.facts, ...waiver.facts } });
        if ([...verdicts.values()].some((v) => v.outcome === 'found')) valid = false;
      }
      const { reference, ruleIds } = waiver.facts['waiver'] as { reference: string; ruleIds: string[] };
      if (valid) waivers.push({ reference, ruleIds, pointer: waiver.identity.pointer });
    }

    const groups: RuleGroup[] = [];
    for (const pack of packs) {
      const rules = active.filter((a) => a.pack === pack).map((a) => a.rule);
      if (rules.length === 0) continue;
      const context = contextFor(pack);
      groups.push({
        pack,
        rules,
        accounts: rules.map((rule) => accounts.get(rule.id)!),
        context,
        specialized: compiled ? specializeRules(rules, { context, subjectFacts: [SUBJECT_KIND, ...customFacts.map(([name]) => name)] }) : undefined,
      });
    }
    return {
      fund,
      facts,
      origins,
      groups,
      waivers,
      account: { fundId: fund.id, declaredType: fund.declaredType ?? null, evaluated: 0, notYetHolding: 0, findings: 0 },
    };
  });
  const fundById = new Map(fundPlans.map((p) => [p.fund.id, p]));
  const singleFund = fundPlans.length === 1 ? fundPlans[0] : undefined;

  const writer = options.output ? new NdjsonWriter(options.output) : undefined;
  const maxErrors = options.maxErrors ?? Number.POSITIVE_INFINITY;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const rows = { read: 0, evaluated: 0, notYetHolding: 0, bad: 0 };
  const findingCounts = { total: 0, violations: 0, waived: 0 };
  const errors: RowError[] = [];
  let aborted: RegisterSummary['aborted'];
  const outcomes = new Uint8Array(Math.max(1, ...fundPlans.flatMap((p) => p.groups.map((g) => g.rules.length))));

  const rowError = (row: number, line: number, issues: RowIssue[], who?: { fundId?: string | undefined; investorId?: string | undefined }) => {
    rows.bad++;
    const error: RowError = { type: 'row-error', row, line, ...(who?.fundId ? { fundId: who.fundId } : {}), ...(who?.investorId ? { investorId: who.investorId } : {}), issues };
    if (errors.length < ERRORS_KEPT) errors.push(error);
    writer?.line(JSON.stringify(error));
    options.onRowError?.(error);
    if (rows.bad > maxErrors && !aborted) aborted = { row, line, reason: `more than ${maxErrors} bad row${maxErrors === 1 ? '' : 's'} (--max-errors)` };
  };

  const emit = (plan: FundPlan, group: RuleGroup, index: number, investorId: string, row: number, line: number, verdict: Required<Pick<RuleVerdict, 'evidence' | 'decidedBy'>>) => {
    const identity: SubjectIdentity = { kind: SUBJECT_KIND, fundId: plan.fund.id, investorId, pointer: rowPointer(row) };
    const finding = buildFinding({ pack: group.pack, rule: group.rules[index]!, identity, row, origins: plan.origins, evidence: verdict.evidence, decidedBy: verdict.decidedBy, waivers: plan.waivers });
    findingCounts.total++;
    plan.account.findings++;
    if (finding.status === 'waived') findingCounts.waived++;
    else {
      findingCounts.violations++;
      bySeverity[finding.severity]++;
    }
    const record: RegisterFinding = { type: 'finding', row, line, ...finding };
    writer?.line(JSON.stringify(record));
    options.onFinding?.(record);
  };

  /** Which fund a valid row belongs to, or why none. */
  const fundOf = (fundId: string | undefined): FundPlan | string => {
    if (fundId === undefined) return singleFund ?? 'no fund_id, and the scheme file has more than one fund';
    const plan = fundById.get(fundId);
    if (!plan) return `no fund "${fundId}" in the scheme file (funds: ${fundPlans.map((p) => p.fund.id).join(', ')})`;
    return plan;
  };

  const subjectOf = (plan: FundPlan, facts: Record<string, unknown>): Record<string, unknown> => {
    if (customFacts.length === 0) return facts;
    const all: Record<string, unknown> = { fund: plan.facts, asOf, ...facts };
    const frozen = Object.freeze({ ...all });
    for (const [name, fact] of customFacts) all[name] = fact.compute({ fund: plan.facts as unknown as Record<string, unknown>, facts: frozen, asOf });
    delete all['fund'];
    delete all['asOf'];
    return all;
  };

  const count = (account: RuleAccount, code: number) => {
    account.subjects.evaluated++;
    if (code !== RULE_OUTCOME.notApplicable) account.subjects.applicable++;
    if (code === RULE_OUTCOME.found) account.subjects.found++;
  };
  const noVerdict = (group: RuleGroup, i: number, row: number) =>
    new EvaluationIncompleteError([group.rules[i]!.id], `compiled gave no verdict for ${group.rules[i]!.id} on ${rowPointer(row)}`);

  /** Evaluate one valid row with the compiled rules, synchronously; an evaluation error leaves no partial counts. */
  const evaluateCompiled = (ready: Ready): void => {
    const { plan, subject, investorId, row, line } = ready;
    const groups = plan.groups;
    if (groups.length === 1) {
      const group = groups[0]!;
      const specialized = group.specialized!;
      const found = specialized.outcomes(subject, outcomes);
      const n = group.rules.length;
      for (let i = 0; i < n; i++) if (outcomes[i] === RULE_OUTCOME.noVerdict) throw noVerdict(group, i, row);
      for (let i = 0; i < n; i++) count(group.accounts[i]!, outcomes[i]!);
      if (found > 0) {
        const indexes: number[] = [];
        for (let i = 0; i < n; i++) if (outcomes[i] === RULE_OUTCOME.found) indexes.push(i);
        for (const i of indexes) emit(plan, group, i, investorId, row, line, specialized.explain(i, subject));
      }
      return;
    }
    // Several packs with unitholder rules: every group's outcomes first, then the counts and findings.
    const codes = groups.map((group) => {
      group.specialized!.outcomes(subject, outcomes);
      return outcomes.slice(0, group.rules.length);
    });
    groups.forEach((group, g) => {
      const i = codes[g]!.indexOf(RULE_OUTCOME.noVerdict);
      if (i >= 0) throw noVerdict(group, i, row);
    });
    groups.forEach((group, g) => codes[g]!.forEach((code, i) => count(group.accounts[i]!, code)));
    groups.forEach((group, g) =>
      codes[g]!.forEach((code, i) => {
        if (code === RULE_OUTCOME.found) emit(plan, group, i, investorId, row, line, group.specialized!.explain(i, subject));
      }),
    );
  };

  const evaluateWithRunner = async (ready: Ready): Promise<void> => {
    const { plan, subject, investorId, row, line } = ready;
    const results: Map<string, RuleVerdict>[] = [];
    for (const group of plan.groups) {
      const verdicts = await runner!.run(group.rules, { ...group.context, facts: { ...group.context.facts, ...subject } });
      const missing = group.rules.map((r) => r.id).filter((id) => !verdicts.has(id));
      if (missing.length > 0 || verdicts.size !== group.rules.length) {
        throw new EvaluationIncompleteError(missing, `${runner!.name} gave no verdict for ${missing.join(', ') || 'some rules'} on ${rowPointer(row)}`);
      }
      results.push(verdicts);
    }
    plan.groups.forEach((group, g) => {
      group.rules.forEach((rule, i) => {
        const verdict = results[g]!.get(rule.id)!;
        const code = verdict.outcome === 'not-applicable' ? RULE_OUTCOME.notApplicable : verdict.outcome === 'passed' ? RULE_OUTCOME.passed : RULE_OUTCOME.found;
        count(group.accounts[i]!, code);
        if (code === RULE_OUTCOME.found) emit(plan, group, i, investorId, row, line, { evidence: verdict.evidence ?? [], decidedBy: verdict.decidedBy ?? [] });
      });
    });
  };

  const evaluationFailed = (error: unknown, ready: Ready) => {
    if (error instanceof EvaluationIncompleteError) throw error;
    const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
    rowError(ready.row, ready.line, [{ field: '(evaluation)', message }], { fundId: ready.plan.fund.id, investorId: ready.investorId });
  };

  // Records are queued per chunk, then handled in order (the async runner path awaits between rows).
  type Pending = { fields?: string[]; text?: string; error?: string; line: number };
  type Ready = { plan: FundPlan; subject: Record<string, unknown>; investorId: string; row: number; line: number };
  let queue: Pending[] = [];
  let header: HeaderMapping | undefined;
  let headerProblems: string[] | undefined;
  const slots: unknown[] = new Array<unknown>(FIELD_COUNT);
  const csv = source.format === 'csv';
  const reader = csv
    ? new CsvRecordReader({ record: (fields, line) => void queue.push({ fields, line }), error: (line, error) => void queue.push({ error, line }) })
    : new LineReader({ line: (text, line) => void queue.push({ text, line }), error: (line, error) => void queue.push({ error, line }) });

  /** Read, validate and place one record; undefined when it is the header, bad (reported) or not yet holding. */
  const prepare = (item: Pending): Ready | undefined => {
    if (csv && !header) {
      const mapped = item.fields ? mapHeader(item.fields, { fundIdRequired: fundPlans.length > 1 }) : { ok: false as const, problems: [`line ${item.line}: ${item.error}`] };
      if (mapped.ok) header = mapped.mapping;
      else headerProblems = mapped.problems;
      return undefined;
    }
    const row = ++rows.read;
    const line = item.line;
    if (item.error !== undefined) return void rowError(row, line, [{ field: '(row)', message: item.error }]);
    let issues: RowIssue | RowIssue[] | undefined;
    if (item.fields) issues = slotsFromCsv(item.fields, header!, slots);
    else {
      let value: unknown;
      try {
        value = parseJson(item.text!);
      } catch (error) {
        return void rowError(row, line, [{ field: '(row)', message: `not JSON: ${(error as Error).message}` }]);
      }
      issues = slotsFromObject(value, slots);
    }
    if (issues) return void rowError(row, line, Array.isArray(issues) ? issues : [issues]);
    const parsed = parseRegisterRow(slots);
    if (!parsed.ok) {
      return void rowError(row, line, parsed.issues, { fundId: typeof slots[0] === 'string' ? slots[0] : undefined, investorId: typeof slots[1] === 'string' ? slots[1] : undefined });
    }
    const { fundId, facts } = parsed.row;
    const plan = fundOf(fundId);
    if (typeof plan === 'string') return void rowError(row, line, [{ field: 'fund_id', message: plan }], { fundId, investorId: facts.investorId });
    // A unitholder whose first subscription is after the as-of date does not hold units yet (as in deriveSubjects).
    if (facts.firstSubscription.date > asOf) {
      rows.notYetHolding++;
      plan.account.notYetHolding++;
      return undefined;
    }
    return { plan, subject: subjectOf(plan, { [SUBJECT_KIND]: facts }), investorId: facts.investorId, row, line };
  };

  const evaluated = (ready: Ready) => {
    rows.evaluated++;
    ready.plan.account.evaluated++;
  };

  const drain = async (): Promise<void> => {
    const items = queue;
    queue = [];
    if (compiled) {
      // The compiled path never awaits within a chunk.
      for (const item of items) {
        if (aborted || headerProblems) return;
        const ready = prepare(item);
        if (!ready) continue;
        try {
          evaluateCompiled(ready);
        } catch (error) {
          evaluationFailed(error, ready);
          continue;
        }
        evaluated(ready);
      }
      return;
    }
    for (const item of items) {
      if (aborted || headerProblems) return;
      const ready = prepare(item);
      if (!ready) continue;
      try {
        await evaluateWithRunner(ready);
      } catch (error) {
        evaluationFailed(error, ready);
        continue;
      }
      evaluated(ready);
    }
  };

  const decoder = new TextDecoder('utf-8');
  let bytesRead = 0;
  let sawInvalidUtf8 = false;
  const interval = options.progressIntervalMs ?? 100;
  let lastProgress = started;
  const progress = (force = false) => {
    if (!options.onProgress) return;
    const now = performance.now();
    if (!force && now - lastProgress < interval) return;
    lastProgress = now;
    options.onProgress({ rows: rows.read, bytesRead, ...(source.size !== undefined ? { totalBytes: source.size } : {}), elapsedMs: now - started });
  };

  const iterator = source.stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const chunk = next.value;
      let text: string;
      if (typeof chunk === 'string') {
        text = chunk;
        bytesRead += Buffer.byteLength(chunk);
      } else {
        text = decoder.decode(chunk, { stream: true });
        bytesRead += chunk.byteLength;
      }
      if (!sawInvalidUtf8 && text.includes('\uFFFD')) sawInvalidUtf8 = true;
      reader.push(text);
      await drain();
      if (headerProblems || aborted) break;
      if (writer) await writer.ready();
      progress();
    }
    if (!headerProblems && !aborted) {
      reader.push(decoder.decode());
      reader.end();
      await drain();
    }
  } finally {
    if (headerProblems || aborted) await iterator.return?.();
  }
  if (csv && !header && !headerProblems) headerProblems = ['the register is empty: a CSV register starts with a header row naming its columns'];
  if (headerProblems) {
    throw new ComplianceInputError(headerProblems.map((message) => ({ path: ['header'], pointer: 'header', message })), 'register header');
  }
  if (sawInvalidUtf8) warnings.push('the register has bytes that are not UTF-8 (shown as U+FFFD); convert it to UTF-8 (a TIS-620 export, for instance)');
  progress(true);

  const rules = [...accounts.values()];
  for (const account of rules) {
    if (account.outcome === 'not-in-force' || account.outcome === 'disabled') continue;
    account.outcome = (account.subjects.found > 0 ? 'found' : account.subjects.applicable > 0 ? 'passed' : 'not-applicable') satisfies RuleOutcome;
  }
  const anyInForce = packs.some((pack) => packInForce.get(pack));
  const elapsedMs = performance.now() - started;
  const summary: RegisterSummary = {
    type: 'summary',
    summaryVersion: 1,
    asOf,
    status: !anyInForce ? 'not-in-force' : findingCounts.violations > 0 ? 'findings' : 'no-findings',
    complete: !aborted,
    ...(aborted ? { aborted } : {}),
    runner: runner?.name ?? 'compiled',
    rows,
    findings: { ...findingCounts, bySeverity },
    rules,
    funds: fundPlans.map((p) => p.account),
    notices,
    errors,
    warnings,
    elapsedMs: Math.round(elapsedMs),
    rowsPerSecond: elapsedMs > 0 ? Math.round((rows.read / elapsedMs) * 1000) : 0,
  };
  if (writer) {
    writer.line(JSON.stringify(summary));
    await writer.finish();
  }
  return summary;
}

/** The register format of a file name: `.csv`, or `.ndjson` / `.jsonl`. */
export function registerFormatOf(path: string): RegisterFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.ndjson' || ext === '.jsonl' ? 'ndjson' : undefined;
}

/** {@link evaluateRegister} on a file, read as a stream (64 KiB at a time). */
export async function evaluateRegisterFile(scheme: unknown, path: string, options: RegisterOptions & { format?: RegisterFormat }): Promise<RegisterSummary> {
  const format = options.format ?? registerFormatOf(path);
  if (!format) throw new ComplianceInputError([{ path: ['register'], pointer: 'register', message: `cannot tell the format of ${path}: name it .csv, .ndjson or .jsonl, or give the format` }], 'options');
  const { stream, size } = openRegularFileStream(path);
  try {
    return await evaluateRegister(scheme, { format, stream, size }, options);
  } finally {
    stream.destroy();
  }
}

import { parseJson } from '../io/json.js';
import { openRegularFileChunks } from '../io/read-file.js';
import { Buffer } from 'node:buffer';
import { extname } from 'node:path';
import { RULE_OUTCOME, type SpecializedRules } from '../engine/compiled-runner.js';
import { calendarDateKey } from '../model/calendar-date.js';
import type { Extensions } from '../engine/extensions.js';
import { deriveFundFacts, deriveSubjects, type FundFacts, type SubjectIdentity, type UnitholderFacts } from '../engine/facts.js';
import type { ReportNotice, RuleAccount } from '../engine/report.js';
import type { RuleVerdict, SubjectRunner } from '../engine/runner.js';
import { checkEvaluationInput, EvaluationSession, requireAsOf, SEVERITIES, type RuleGroup as SessionGroup, type WaiverCover } from '../engine/session.js';
import type { CalendarDate } from '../model/calendar-date.js';
import { ComplianceInputError, EvaluationIncompleteError, MissingExtensionError, PackError } from '../model/errors.js';
import type { Fund } from '../model/fund.js';
import type { LoadedPack } from '../packs/load.js';
import type { PackInput, Severity, SubjectKind } from '../packs/schema.js';
import { rowFields, rowOriginsTemplate, rowPointer, type RegisterFinding } from './findings.js';
import { NdjsonWriter, type WritableLike } from './output.js';
import { registerFindingLine, type FindingsForm, type RegisterLineParts } from '../report/compact.js';
import { CsvRecordReader, LineReader } from './records.js';
import { CsvRowReader, FIELD_COUNT, mapHeader, parseRegisterRow, slotsFromCsv, slotsFromObject, type HeaderMapping, type RowIssue } from './row.js';

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
  /** How `output` writes findings: `compact` (default; the rule's words are in the rules catalog) or `full`. */
  findings?: FindingsForm;
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

const ERRORS_KEPT = 100;
const LF = 10;
/** The subject facts of a register row. */
const SUBJECT_KIND = 'unitholder' satisfies SubjectKind;




/** The unitholder rules of one pack for one fund, ready for rows. */
interface RuleGroup {
  group: SessionGroup;
  specialized: SpecializedRules | undefined;
  /** The rules' outcome codes, written in place for every row (no array is made per row). */
  codes: Uint8Array;
  /** Outcomes counted per rule (`rule * 3 + code`), added to the rule accounts once at the end. */
  tally: Uint32Array;
}

interface FundPlan {
  fund: Fund;
  facts: FundFacts;
  origins: Record<string, string>;
  groups: RuleGroup[];
  waivers: WaiverCover[];
  account: RegisterFundAccount;
  /** The facts the rules read, reused row after row (its `unitholder` is the row's); undefined with custom facts (built per row by the session). */
  subject: { fund: FundFacts; asOf: CalendarDate; unitholder: UnitholderFacts | undefined } | undefined;
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
  const asOf = requireAsOf(options?.asOf);
  const checked = checkEvaluationInput(scheme);
  if (!checked.ok) throw new ComplianceInputError(checked.issues, 'scheme');
  const funds = checked.data.funds;

  const session = EvaluationSession.open({ asOf, packs: options.packs, extensions: options.extensions, runner: options.runner, accountKinds: [SUBJECT_KIND] });
  const compiled = session.compiled;
  const warnings: string[] = [];

  const customFacts = session.customFactNames(SUBJECT_KIND).length > 0;
  const fundPlans: FundPlan[] = [];
  for (const [index, fund] of funds.entries()) {
    const facts = deriveFundFacts(fund, asOf);
    const subjects = deriveSubjects(fund, index, new Map(), asOf);
    const origins = rowOriginsTemplate(subjects.get('fund')?.[0]?.origins ?? {});
    if (fund.unitholders.length > 0) {
      warnings.push(`fund ${fund.id}: the scheme lists ${fund.unitholders.length} unitholder(s); a register run checks the register's rows only (check the scheme file itself for those)`);
    }
    // Valid waivers (§10) turn the findings of the rules they cover into `waived`, as evaluate() does (with the same runner).
    const waivers = await session.validWaivers(subjects.get('waiver') ?? [], facts);
    // Rules reading what the fund's source does not carry are not run (the register itself supplies the unitholders).
    const unknownRules = session.unknownRulesFor(fund, ['unitholders']);
    const groups: RuleGroup[] = EvaluationSession.without(session.groupsFor(SUBJECT_KIND), unknownRules).map((group) => ({
      group,
      specialized: compiled ? session.specialize(group, facts) : undefined,
      codes: new Uint8Array(Math.max(1, group.rules.length)),
      tally: new Uint32Array(group.rules.length * 3),
    }));
    fundPlans.push({
      fund,
      facts,
      origins,
      groups,
      waivers,
      account: { fundId: fund.id, declaredType: fund.declaredType ?? null, evaluated: 0, notYetHolding: 0, findings: 0 },
      // The same object session.factsOf gives when no custom fact is added to it.
      subject: customFacts ? undefined : { fund: facts, asOf: session.asOf, unitholder: undefined },
    });
  }
  const fundById = new Map(fundPlans.map((p) => [p.fund.id, p]));
  const singleFund = fundPlans.length === 1 ? fundPlans[0] : undefined;

  const writer = options.output ? new NdjsonWriter(options.output) : undefined;
  const maxErrors = options.maxErrors ?? Number.POSITIVE_INFINITY;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const rows = { read: 0, evaluated: 0, notYetHolding: 0, bad: 0 };
  const findingCounts = { total: 0, violations: 0, waived: 0 };
  const errors: RowError[] = [];
  let aborted: RegisterSummary['aborted'];

  const rowError = (row: number, line: number, issues: RowIssue[], who?: { fundId?: string | undefined; investorId?: string | undefined }) => {
    rows.bad++;
    const error: RowError = { type: 'row-error', row, line, ...(who?.fundId ? { fundId: who.fundId } : {}), ...(who?.investorId ? { investorId: who.investorId } : {}), issues };
    if (errors.length < ERRORS_KEPT) errors.push(error);
    writer?.line(JSON.stringify(error));
    options.onRowError?.(error);
    if (rows.bad > maxErrors && !aborted) aborted = { row, line, reason: `more than ${maxErrors} bad row${maxErrors === 1 ? '' : 's'} (--max-errors)` };
  };

  /** Findings are only written, compact: the lines need no finding objects (same lines, test/batch/register.test.ts). */
  const lean = !options.onFinding && (options.findings ?? 'compact') === 'compact';
  const emit = (plan: FundPlan, { group }: RuleGroup, index: number, investorId: string, row: number, line: number, verdict: Pick<RuleVerdict, 'evidence' | 'decidedBy'>, domicile: string | undefined) => {
    const identity: SubjectIdentity = { kind: SUBJECT_KIND, fundId: plan.fund.id, investorId, pointer: rowPointer(row) };
    const rule = group.rules[index]!;
    const fields = rowFields(verdict.decidedBy ?? [], plan.origins, row);
    let status: RegisterFinding['status'] = 'violation';
    if (lean && plan.waivers.length === 0) {
      // Nothing keeps the finding and no waiver can change it: only its line is made (no message, no citation).
      const parts: RegisterLineParts = { type: 'finding', row, line, ruleId: rule.id, packId: group.pack.meta.id, severity: rule.severity, status, subject: identity, fields, evidence: verdict.evidence ?? [], decidedBy: verdict.decidedBy ?? [] };
      writer?.line(registerFindingLine(parts));
    } else {
      const finding = session.finding(group, rule, identity, verdict, fields);
      session.applyWaivers([finding], plan.waivers, () => domicile);
      status = finding.status;
      const record: RegisterFinding = { type: 'finding', row, line, ...finding };
      writer?.line(registerFindingLine(record, options.findings));
      options.onFinding?.(record);
    }
    findingCounts.total++;
    plan.account.findings++;
    if (status === 'waived') findingCounts.waived++;
    else {
      findingCounts.violations++;
      bySeverity[rule.severity]++;
    }
  };

  /** Which fund a valid row belongs to, or why none. */
  const fundOf = (fundId: string | undefined): FundPlan | string => {
    if (fundId === undefined) return singleFund ?? 'no fund_id, and the scheme file has more than one fund';
    const plan = fundById.get(fundId);
    if (!plan) return `no fund "${fundId}" in the scheme file (funds: ${fundPlans.map((p) => p.fund.id).join(', ')})`;
    return plan;
  };

  /** Every group's outcomes for one row, before anything is counted (an evaluation error leaves no partial counts); how many rules were found. */
  const outcomesOf = (plan: FundPlan, subject: Record<string, unknown>, row: number): number => {
    const groups = plan.groups;
    let found = 0;
    for (let k = 0; k < groups.length; k++) {
      const g = groups[k]!;
      const codes = g.codes;
      try {
        found += g.specialized!.outcomes(subject, codes);
      } catch (error) {
        throw session.locate(error, g.group, rowPointer(row));
      }
      // The row's pointer is made only for the error (a string per row otherwise).
      if (session.firstWithoutVerdict(g.group, codes) >= 0) session.requireVerdicts(g.group, codes, rowPointer(row));
    }
    return found;
  };

  /** Evaluate one valid row with the compiled rules, synchronously. */
  const evaluateCompiled = (plan: FundPlan, facts: UnitholderFacts, row: number, line: number): void => {
    let subject: Record<string, unknown>;
    if (plan.subject) {
      plan.subject.unitholder = facts;
      subject = plan.subject;
    } else subject = session.factsOf(SUBJECT_KIND, plan.facts, { [SUBJECT_KIND]: facts }, rowPointer(row));
    const found = outcomesOf(plan, subject, row);
    const groups = plan.groups;
    for (let k = 0; k < groups.length; k++) {
      const { codes, tally, group } = groups[k]!;
      const n = group.rules.length;
      for (let i = 0; i < n; i++) tally[i * 3 + codes[i]!]!++;
    }
    if (found === 0) return;
    for (let k = 0; k < groups.length; k++) {
      const g = groups[k]!;
      const codes = g.codes;
      const n = g.group.rules.length;
      for (let i = 0; i < n; i++) {
        if (codes[i] !== RULE_OUTCOME.found) continue;
        let explained: ReturnType<SpecializedRules['explain']>;
        try {
          explained = g.specialized!.explain(i, subject);
        } catch (error) {
          throw session.locate(error, g.group, rowPointer(row));
        }
        emit(plan, g, i, facts.investorId, row, line, explained, facts.domicile);
      }
    }
  };

  /** The tallied outcomes into the rule accounts (as session.count would have added them row by row). */
  const addTallies = () => {
    for (const plan of fundPlans) for (const g of plan.groups) session.addTally(g.group, g.tally);
  };

  const evaluateWithRunner = async (ready: Ready): Promise<void> => {
    const { plan, investorId, row, line } = ready;
    const subject = session.factsOf(SUBJECT_KIND, plan.facts, { [SUBJECT_KIND]: ready.facts }, rowPointer(row));
    const results: Map<string, RuleVerdict>[] = [];
    for (const g of plan.groups) results.push(await session.verdicts(g.group, subject, rowPointer(row)));
    plan.groups.forEach((g, k) => {
      g.group.rules.forEach((rule, i) => {
        const verdict = results[k]!.get(rule.id)!;
        session.count(g.group, i, verdict.outcome);
        if (verdict.outcome === 'found') emit(plan, g, i, investorId, row, line, verdict, ready.facts.domicile);
      });
    });
  };

  /** A rule that cannot be evaluated on a row (an operator or custom fact failing, typed by the session) is a row error; a broken run is not. */
  const evaluationFailed = (error: unknown, ready: Ready) => {
    if (error instanceof EvaluationIncompleteError || error instanceof PackError || error instanceof MissingExtensionError) throw error;
    const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
    rowError(ready.row, ready.line, [{ field: '(evaluation)', message }], { fundId: ready.plan.fund.id, investorId: ready.investorId });
  };

  // The compiled path handles each record as the reader gives it (it never awaits); other
  // runners get the records of a chunk queued, then handled in order (they await between rows).
  type Pending = { fields?: string[]; text?: string; error?: string; line: number };
  type Ready = { plan: FundPlan; facts: UnitholderFacts; investorId: string; row: number; line: number };
  let queue: Pending[] = [];
  let header: HeaderMapping | undefined;
  let headerProblems: string[] | undefined;
  /** The as-of date as the number YYYYMMDD. */
  const asOfKey = calendarDateKey(asOf);
  /** The fast path of quote-free CSV records, once the header is known (compiled only). */
  let csvRows: CsvRowReader | undefined;
  const plansById = [...fundById.values()];
  const slots: unknown[] = new Array<unknown>(FIELD_COUNT);
  const csv = source.format === 'csv';

  /** Read, validate and place one record; undefined when it is the header, bad (reported) or not yet holding. */
  const prepare = (item: Pending): Ready | undefined => {
    if (csv && !header) {
      const mapped = item.fields ? mapHeader(item.fields, { fundIdRequired: fundPlans.length > 1 }) : { ok: false as const, problems: [`line ${item.line}: ${item.error}`] };
      if (mapped.ok) {
        header = mapped.mapping;
        if (compiled) csvRows = new CsvRowReader(header, [...fundById.keys()]);
      } else headerProblems = mapped.problems;
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
    if (notYetHolding(plan, facts)) return undefined;
    return { plan, facts, investorId: facts.investorId, row, line };
  };

  /** A unitholder whose first subscription is after the as-of date does not hold units yet (as in deriveSubjects): counted, not evaluated. */
  const notYetHolding = (plan: FundPlan, facts: UnitholderFacts): boolean => {
    if (facts.firstSubscription.date <= asOf) return false;
    countNotYetHolding(plan);
    return true;
  };
  const countNotYetHolding = (plan: FundPlan) => {
    rows.notYetHolding++;
    plan.account.notYetHolding++;
  };

  const evaluated = (plan: FundPlan) => {
    rows.evaluated++;
    plan.account.evaluated++;
  };

  /** A valid, holding row evaluated with the compiled rules, counted, or reported as a bad row when a rule cannot be evaluated on it. */
  const evaluateRow = (plan: FundPlan, facts: UnitholderFacts, row: number, line: number): void => {
    try {
      evaluateCompiled(plan, facts, row, line);
    } catch (error) {
      evaluationFailed(error, { plan, facts, investorId: facts.investorId, row, line });
      return;
    }
    evaluated(plan);
  };

  /** One record, read, validated and evaluated with the compiled rules at once. */
  const handleCompiled = (item: Pending): void => {
    if (aborted || headerProblems) return;
    const ready = prepare(item);
    if (ready) evaluateRow(ready.plan, ready.facts, ready.row, ready.line);
  };

  /** A quote-free ASCII CSV record (compiled): the fast path when it accepts the row, else the full path on its fields. */
  const handleAscii = (bytes: Uint8Array, text: string, start: number, end: number, line: number): void => {
    if (aborted || headerProblems) return;
    const facts = csvRows?.read(bytes, text, start, end);
    const plan = facts === undefined ? undefined : csvRows!.fundIndex >= 0 ? plansById[csvRows!.fundIndex] : singleFund;
    if (facts === undefined || plan === undefined) return handleCompiled({ fields: text.slice(start, end).split(','), line });
    const row = ++rows.read;
    // As notYetHolding decides, on the date's number.
    if (csvRows!.firstDateKey > asOfKey) countNotYetHolding(plan);
    else evaluateRow(plan, facts, row, line);
  };

  const queued = (item: Pending) => void queue.push(item);
  const reader = csv
    ? new CsvRecordReader(
        compiled
          ? { ascii: handleAscii, record: (fields, line) => handleCompiled({ fields, line }), error: (line, error) => handleCompiled({ error, line }) }
          : { record: (fields, line) => queued({ fields, line }), error: (line, error) => queued({ error, line }) },
      )
    : new LineReader(compiled ? { line: (text, line) => handleCompiled({ text, line }), error: (line, error) => handleCompiled({ error, line }) } : { line: (text, line) => queued({ text, line }), error: (line, error) => queued({ error, line }) });

  /** The queued records of a chunk, for the runners that await. */
  const drain = async (): Promise<void> => {
    if (queue.length === 0) return;
    const items = queue;
    queue = [];
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
      evaluated(ready.plan);
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

  const pushText = (text: string) => {
    if (!sawInvalidUtf8 && text.includes('\uFFFD')) sawInvalidUtf8 = true;
    reader.push(text);
  };
  // Compiled CSV: chunks are cut after their last line break (the bytes after it wait for the
  // next chunk), so that whole lines of ASCII can be read from the bytes (CsvRecordReader.pushAscii).
  const byLines = csv && compiled;
  /** The bytes after the last line break read so far. */
  let carry: Buffer | undefined;
  /** The decoder may hold the first bytes of a character: what follows must go through it. */
  let midCharacter = false;
  const pushBytes = (bytes: Buffer) => {
    const nl = bytes.lastIndexOf(LF);
    if (nl === -1) {
      pushText(decoder.decode(carry ? Buffer.concat([carry, bytes]) : bytes, { stream: true }));
      carry = undefined;
      midCharacter = true;
      return;
    }
    let from = 0;
    if (carry) {
      // The line the last chunk began: completed alone, so the rest of this chunk is read where it is (not copied).
      const first = bytes.indexOf(LF);
      pushLines(Buffer.concat([carry, bytes.subarray(0, first + 1)]));
      from = first + 1;
    }
    // A copy: the stream may reuse the chunk's memory.
    carry = nl + 1 < bytes.length ? Buffer.from(bytes.subarray(nl + 1)) : undefined;
    if (from < nl + 1) pushLines(bytes.subarray(from, nl + 1));
  };
  /** Bytes that end with a line break: read from the bytes when they can be, else as text. */
  const pushLines = (lines: Buffer) => {
    if (midCharacter || !(reader instanceof CsvRecordReader && reader.pushAscii(lines))) pushText(decoder.decode(lines, { stream: true }));
    midCharacter = false;
  };

  const iterator = source.stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const chunk = next.value;
      if (typeof chunk === 'string') {
        bytesRead += Buffer.byteLength(chunk);
        if (carry) {
          pushText(decoder.decode(carry, { stream: true }));
          carry = undefined;
        }
        pushText(chunk);
      } else {
        bytesRead += chunk.byteLength;
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        if (byLines) pushBytes(bytes);
        else pushText(decoder.decode(bytes, { stream: true }));
      }
      await drain();
      if (headerProblems || aborted) break;
      if (writer) await writer.ready();
      progress();
    }
    if (!headerProblems && !aborted) {
      if (carry) pushText(decoder.decode(carry, { stream: true }));
      carry = undefined;
      pushText(decoder.decode());
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

  addTallies();
  const rules = session.ruleAccounts();
  const anyInForce = session.anyPackInForce;
  const elapsedMs = performance.now() - started;
  const summary: RegisterSummary = {
    type: 'summary',
    summaryVersion: 1,
    asOf,
    status: !anyInForce ? 'not-in-force' : findingCounts.violations > 0 ? 'findings' : 'no-findings',
    complete: !aborted,
    ...(aborted ? { aborted } : {}),
    runner: session.runner.name,
    rows,
    findings: { ...findingCounts, bySeverity },
    rules,
    funds: fundPlans.map((p) => p.account),
    notices: [...session.notices],
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

/** {@link evaluateRegister} on a file, read 64 KiB at a time. */
export async function evaluateRegisterFile(scheme: unknown, path: string, options: RegisterOptions & { format?: RegisterFormat }): Promise<RegisterSummary> {
  const format = options.format ?? registerFormatOf(path);
  if (!format) throw new ComplianceInputError([{ path: ['register'], pointer: 'register', message: `cannot tell the format of ${path}: name it .csv, .ndjson or .jsonl, or give the format` }], 'options');
  const { chunks, size } = openRegularFileChunks(path);
  try {
    return await evaluateRegister(scheme, { format, stream: chunks, size }, options);
  } finally {
    chunks.close();
  }
}

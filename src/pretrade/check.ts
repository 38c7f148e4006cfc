import { deriveFundFacts, deriveSubjects, unitholderSubject, type FundFacts, type InvestorRecord, type Subject, type UnitholderFacts } from '../engine/facts.js';
import { investorCategory, type CategoryBasis } from '../engine/investor-category.js';
import type { Finding, ReportNotice } from '../engine/report.js';
import type { CalendarDate } from '../model/calendar-date.js';
import { ComplianceInputError, formatPath, issuesFromZod, type ValidationIssue } from '../model/errors.js';
import type { Fund, FundInput, Subscription, Unitholder } from '../model/fund.js';
import { investorSchema, type Investor, type InvestorInput } from '../model/investor.js';
import type { LoadedPack } from '../packs/load.js';
import { unsafeStructure } from '../packs/safety.js';
import type { Localized, PackInput, Severity, SubjectKind } from '../packs/schema.js';
import type { Extensions } from '../engine/extensions.js';
import { comparePassive, findingKey, type DecidingChange, type PassiveEffect } from './compare.js';
import { partyExplanation, summaryOf } from './explain.js';
import { orderSchema, type CheckedOrder, type OrderInput, type OrderRole } from './order.js';
import { findingsOfSubject, isPreparedFund, parseAsOfOption, prepareFund, stateOf, type PreparedFund, type PreparedState } from './prepare.js';
import { SEVERITIES, SEVERITY_RANK } from '../engine/session.js';

export interface CheckOrderOptions {
  /**
   * The date the law is applied as of (`YYYY-MM-DD` or `BE YYYY-MM-DD`):
   * required with a fund; with a prepared fund, its own as-of date (give it
   * only to assert it). The order's date defaults to it.
   */
  asOf?: string;
  /** With a fund (not prepared): the investors its holders refer to. */
  investors?: readonly InvestorInput[];
  /** With a fund (not prepared): packs, as for `evaluate`; default: the built-in TorNor. 89/2558 pack. */
  packs?: readonly (LoadedPack | PackInput)[];
  /** With a fund (not prepared): the SEC investor-definition thresholds; default: the built-in pack. */
  investorDefinitions?: LoadedPack;
  /** With a fund (not prepared): custom facts and operators the packs use. */
  extensions?: Extensions;
  /** Active or aggravated findings at or above this severity block the order; default `violation`. */
  blockOn?: Severity;
}

/** A finding of the fund with the order, and what the order does to it. */
export interface OrderFinding {
  /**
   * `active`: the order causes it (no same finding without the order).
   * `aggravated`, `unchanged`, `improved`: it exists without the order
   * (passive, pre-existing), and the order makes it worse, leaves it as it
   * was, or moves it toward compliance (see `comparePassive`).
   */
  effect: 'active' | PassiveEffect;
  /** Whether it blocks the order: active or aggravated, not waived, at or above the blocking severity. */
  blocks: boolean;
  /** The finding with the order, as `evaluate` reports it for the fund with the order applied. */
  finding: Finding;
  /** For a passive finding: the same finding without the order. */
  before?: Finding;
  /** For a passive finding: how the order moves the comparisons that decided it. */
  changes?: DecidingChange[];
  /** For a passive finding: evidence whose values the order changes (informative). */
  evidenceChanged?: string[];
  /** For an aggravated finding: why. */
  reason?: 'no-longer-waived' | 'decided-differently' | 'comparison-worse';
}

/** An investor the order touches, with how their eligibility is decided. */
export interface OrderParty {
  role: OrderRole;
  investorId: string;
  /** Where the investor's record sits in the evaluated input (`investors[i]`). */
  pointer: string;
  /** The investor's category and how it was decided: given, or derived from the KYC profile with the thresholds in force on the review date. */
  category: CategoryBasis;
  /** Held no units of the fund (on the as-of date) without the order. */
  newHolder: boolean;
  /** The investor's first subscription in the fund ("ในครั้งแรก"), which decides a high-net-worth holder's status. */
  firstSubscription: {
    before: { date: CalendarDate; amount: string } | null;
    after: { date: CalendarDate; amount: string } | null;
    /** The order is (becomes) the investor's first subscription in the fund. */
    byThisOrder: boolean;
  };
  /** The above in words. */
  explanation: Localized;
}

export interface OrderCheck {
  checkVersion: 1;
  /** `blocked` when any finding blocks it; otherwise `allowed`. */
  decision: 'allowed' | 'blocked';
  /** `not-in-force`: no pack was in force on the as-of date, so nothing could block the order. */
  status: 'checked' | 'not-in-force';
  /** The decision in a sentence. */
  summary: Localized;
  fundId: string;
  asOf: CalendarDate;
  /** The order as checked (validated, its date decided). */
  order: CheckedOrder;
  /** The investor placing the order (the subscriber, or the transferor). */
  investorId: string;
  blockOn: Severity;
  /** Findings the order causes, most severe first. */
  active: OrderFinding[];
  /**
   * Findings that exist without the order on the subjects it touches (the
   * fund, the investors of the order, and whatever else had to be
   * re-evaluated), most severe first: made no worse (`unchanged`,
   * `improved`), or `aggravated` (which blocks).
   */
  passive: OrderFinding[];
  /** Findings that exist without the order and not with it. */
  resolved: Finding[];
  parties: OrderParty[];
  notices: ReportNotice[];
  /**
   * Subject evaluations made (before and after). `wholeKinds`: subject kinds
   * re-evaluated in full because a rule of theirs reads a fund fact the order
   * changes (e.g. the number of unitholders): their cost grows with the fund.
   */
  evaluated: { subjects: number; wholeKinds: SubjectKind[] };
}

export type SafeCheckOrderResult = { ok: true; check: OrderCheck } | { ok: false; issues: ValidationIssue[] };


function prefixed(issues: readonly ValidationIssue[], prefix: (string | number)[]): ValidationIssue[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    return { ...issue, path, pointer: formatPath(path) };
  });
}

function issue(path: (string | number)[], message: string): ValidationIssue {
  return { path, pointer: formatPath(path), message };
}

function parseInvestor(value: unknown, at: (string | number)[]): { investor?: Investor; issues: ValidationIssue[] } {
  const unsafe = unsafeStructure(value);
  if (unsafe.length > 0) return { issues: prefixed(unsafe, at) };
  const parsed = investorSchema.safeParse(value);
  return parsed.success ? { investor: parsed.data, issues: [] } : { issues: prefixed(issuesFromZod(parsed.error), at) };
}

/** One investor's holding as the order leaves it. */
interface Touched {
  role: OrderRole;
  record: InvestorRecord;
  /** Position of the holder entry in the register (existing, or appended). */
  position: number;
  before: Unitholder | undefined;
  after: Unitholder | undefined;
  /** Position of the order's subscription in `after.subscriptions`, when it adds one. */
  added: number | undefined;
}

/** The unitholder subject of one holder entry at a register position: the subject `deriveSubjects` gives for it within the whole fund (the same function builds both). */
function holderSubject(state: PreparedState, holder: Unitholder | undefined, position: number, records: ReadonlyMap<string, InvestorRecord>): Subject | undefined {
  if (!holder) return undefined;
  return unitholderSubject(holder, position, records.get(holder.investorId), { base: 'funds[0]', fundId: state.fund.id, fundOrigins: state.fundOrigins, asOf: state.asOf });
}

function reads(fundReads: ReadonlySet<string> | 'all', changed: ReadonlySet<string>): boolean {
  if (changed.size === 0) return false;
  if (fundReads === 'all') return true;
  for (const field of changed) if (fundReads.has(field)) return true;
  return false;
}

function bySeverity(a: { finding: Finding } | Finding, b: { finding: Finding } | Finding): number {
  const x = 'finding' in a ? a.finding : a;
  const y = 'finding' in b ? b.finding : b;
  return SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity];
}

/**
 * Would this order breach the notice? Evaluates the subjects the order
 * touches — the investors of the order and the fund itself (and every
 * subject of a kind whose rules read a fund fact the order changes) —
 * without and with the order, with the same rules and the same findings as
 * `evaluate`, and returns `allowed` or `blocked` with the findings the order
 * causes (active), the pre-existing ones on those subjects (passive, with
 * whether the order makes them worse) and those it resolves.
 *
 * "With the order" is the fund with the order applied as
 * {@link orderScenario} applies it: the active findings are exactly the
 * findings of `evaluate(scenario.after)` that `evaluate(scenario.before)`
 * does not have.
 *
 * Accepts a {@link PreparedFund} (fast: nothing proportional to the
 * register is done) or a fund with `options.investors`. Throws
 * {@link ComplianceInputError} listing every bad field (`order.amount`,
 * `investor.profile.assessedOn`, `order.to.domicile`, `fund.unitholders[2]...`).
 */
export function checkOrder(fund: PreparedFund | FundInput, investor: InvestorInput, order: OrderInput, options: CheckOrderOptions = {}): OrderCheck {
  const issues: ValidationIssue[] = [];
  let prepared: PreparedFund | undefined;
  if (isPreparedFund(fund)) {
    prepared = fund;
    const extra = (['investors', 'packs', 'investorDefinitions', 'extensions'] as const).filter((name) => options[name] !== undefined);
    for (const name of extra) issues.push(issue(['options', name], `a prepared fund carries its ${name}: give them to prepareFund`));
    if (options.asOf !== undefined) {
      const asOf = parseAsOfOption(options.asOf);
      if (!asOf.ok) issues.push(asOf.issue);
      else if (asOf.date !== fund.asOf) issues.push(issue(['asOf'], `the fund was prepared as of ${fund.asOf}, not ${asOf.date}; prepare it as of ${asOf.date}`));
    }
  } else {
    try {
      prepared = prepareFund(fund, options.investors ?? [], { asOf: options.asOf as string, ...(options.packs ? { packs: options.packs } : {}), ...(options.investorDefinitions ? { investorDefinitions: options.investorDefinitions } : {}), ...(options.extensions ? { extensions: options.extensions } : {}) });
    } catch (error) {
      if (!(error instanceof ComplianceInputError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (options.blockOn !== undefined && !SEVERITIES.includes(options.blockOn)) issues.push(issue(['options', 'blockOn'], `expected one of ${SEVERITIES.join(', ')}`));
  const who = parseInvestor(investor, ['investor']);
  issues.push(...who.issues);
  const unsafeOrder = unsafeStructure(order);
  const parsedOrder = unsafeOrder.length > 0 ? undefined : orderSchema.safeParse(order);
  if (unsafeOrder.length > 0) issues.push(...prefixed(unsafeOrder, ['order']));
  else if (!parsedOrder!.success) issues.push(...prefixed(issuesFromZod(parsedOrder!.error), ['order']));
  const state = prepared ? stateOf(prepared) : undefined;
  const checked = parsedOrder?.success ? ({ ...parsedOrder.data, date: parsedOrder.data.date ?? state?.asOf ?? '' } as CheckedOrder) : undefined;
  // Every bad field at once: what can be checked of the order and its investors is checked even when something else is bad.
  const parties = state ? resolveParties(state, who.investor, checked, issues) : undefined;
  if (!state || !who.investor || !checked || !parties || issues.length > 0) throw new ComplianceInputError(issues, 'order');
  return check(state, who.investor, checked, parties, options.blockOn ?? 'violation');
}

/** Like {@link checkOrder}, but bad input is returned as `{ ok: false, issues }` instead of thrown. */
export function safeCheckOrder(fund: PreparedFund | FundInput, investor: InvestorInput, order: OrderInput, options: CheckOrderOptions = {}): SafeCheckOrderResult {
  try {
    return { ok: true, check: checkOrder(fund, investor, order, options) };
  } catch (error) {
    if (error instanceof ComplianceInputError) return { ok: false, issues: error.issues };
    throw error;
  }
}

/** The subscription an order adds to a holder entry (the same object orderScenario adds). */
export function orderSubscription(order: CheckedOrder): Subscription {
  return {
    date: order.date,
    amount: order.amount,
    ...(order.kind === 'transfer' && order.units !== undefined ? { units: order.units } : {}),
    ...(order.kind !== 'transfer' && order.prospectusDelivered !== undefined ? { prospectusDelivered: order.prospectusDelivered } : {}),
    ...(order.reference !== undefined ? { reference: order.reference } : {}),
  };
}

interface Parties {
  records: Map<string, InvestorRecord>;
  touched: Touched[];
  /** Entries the order adds at the end of the register. */
  appended: number;
}

/** The investors of the order, with their categories decided as of the as-of date from the records given, and their holdings as the order leaves them. */
function resolveParties(state: PreparedState, investor: Investor | undefined, order: CheckedOrder | undefined, issues: ValidationIssue[]): Parties | undefined {
  const { asOf, fund } = state;
  if (order && order.date > asOf) issues.push(issue(['order', 'date'], `the order is dated ${order.date}, after the as-of date ${asOf}; check it as of its own date (prepare the fund as of ${order.date})`));
  if (order?.kind === 'switch-in' && order.fromFundId === fund.id) issues.push(issue(['order', 'fromFundId'], `a switch into fund ${fund.id} comes from another fund`));

  let nextInvestor = state.investors.length;
  const recordOf = (who: Investor, at: (string | number)[]): InvestorRecord | undefined => {
    const decided = investorCategory(who, state.definitions, at, asOf);
    if (!decided.ok) {
      issues.push(decided.issue);
      return undefined;
    }
    const index = state.investorIndex.get(who.id) ?? nextInvestor++;
    return { investor: who, index, basis: decided.basis, categoryOn: decided.on };
  };
  const records = new Map<string, InvestorRecord>();
  const subscriberRecord = investor ? recordOf(investor, ['investor']) : undefined;
  if (subscriberRecord) records.set(subscriberRecord.investor.id, subscriberRecord);
  let transfereeRecord: InvestorRecord | undefined;
  if (order?.kind === 'transfer') {
    if (order.to.id === investor?.id) issues.push(issue(['order', 'to', 'id'], 'a transfer is to another investor'));
    else {
      transfereeRecord = recordOf(order.to, ['order', 'to']);
      if (transfereeRecord) records.set(order.to.id, transfereeRecord);
    }
  }
  if (!order || !investor || !subscriberRecord) return undefined;

  const subscription = orderSubscription(order);
  let appended = 0;
  const touch = (role: OrderRole, record: InvestorRecord, adds: boolean): Touched => {
    const index = state.holderIndex.get(record.investor.id);
    const before = index === undefined ? undefined : fund.unitholders[index];
    const position = index ?? fund.unitholders.length + appended++;
    if (!adds) return { role, record, position, before, after: before, added: undefined };
    const after: Unitholder = { investorId: record.investor.id, subscriptions: [...(before?.subscriptions ?? []), subscription] };
    return { role, record, position, before, after, added: after.subscriptions.length - 1 };
  };
  const touched: Touched[] = [];
  if (order.kind === 'transfer') {
    const holder = state.holderIndex.get(investor.id);
    const holds = holder !== undefined && fund.unitholders[holder]!.subscriptions.some((s) => s.date <= order.date);
    if (!holds) issues.push(issue(['investor', 'id'], `investor ${investor.id} holds no units of fund ${fund.id} on ${order.date}: nothing to transfer`));
    touched.push(touch('transferor', subscriberRecord, false));
    if (transfereeRecord) touched.push(touch('transferee', transfereeRecord, true));
  } else touched.push(touch('subscriber', subscriberRecord, true));
  return { records, touched, appended };
}

function check(state: PreparedState, investor: Investor, order: CheckedOrder, { records, touched, appended }: Parties, blockOn: Severity): OrderCheck {
  const { asOf, fund } = state;
  const tally = { subjects: 0 };
  // Fund facts with the order: the register grows by the holders the order adds.
  const before: FundFacts = state.fundFacts;
  let after: FundFacts = before;
  let changed: ReadonlySet<string> = new Set();
  if (state.fundFactsLocal) {
    if (appended > 0) {
      after = { ...before, unitholderCount: before.unitholderCount + appended };
      changed = new Set(['unitholderCount']);
    }
  } else {
    after = deriveFundFacts(fundWithOrder(fund, touched), asOf);
    const fields = new Set<string>();
    for (const key of Object.keys(after) as (keyof FundFacts)[]) if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) fields.add(key);
    changed = fields;
  }
  const wholeKinds = [...state.groupsByKind.entries()].filter(([, groups]) => groups.some((g) => reads(g.fundReads, changed))).map(([kind]) => kind);

  // Every investor record as the check sees it: the prepared ones, with those of the order's investors replaced.
  const allRecords = (): Map<string, InvestorRecord> => {
    const all = new Map(state.records);
    for (const [id, record] of records) all.set(id, record);
    return all;
  };

  const beforeFindings: Finding[] = [];
  const afterFindings: Finding[] = [];
  const subjects = new Map<Touched, { before: Subject | undefined; after: Subject | undefined }>();
  for (const t of touched) {
    const b = holderSubject(state, t.before, t.position, records);
    const a = t.after === t.before ? b : holderSubject(state, t.after, t.position, records);
    subjects.set(t, { before: b, after: a });
    if (b) beforeFindings.push(...findingsOfSubject(state, b, before, tally));
    if (a) afterFindings.push(...findingsOfSubject(state, a, after, tally));
  }

  // The fund itself: its findings are reported (passive) with every order; re-evaluated when the order changes a fact they read.
  beforeFindings.push(...copies(state.fundFindings));
  const fundSubjects = state.others.get('fund') ?? [];
  if (wholeKinds.includes('fund')) afterFindings.push(...fundSubjects.flatMap((s) => findingsOfSubject(state, s, after, tally)));
  else afterFindings.push(...copies(state.fundFindings));

  // Kinds whose rules read a changed fund fact: every subject of the kind, without and with the order.
  let coversAfter = state.covers;
  for (const kind of wholeKinds) {
    if (kind === 'fund') continue;
    let list: Subject[];
    if (kind === 'unitholder') {
      const ids = new Set(touched.map((t) => t.record.investor.id));
      list = (deriveSubjects(fund, 0, allRecords(), asOf).get('unitholder') ?? []).filter((s) => !ids.has(s.identity.investorId!));
    } else list = state.others.get(kind) ?? [];
    const was = list.flatMap((s) => findingsOfSubject(state, s, before, tally));
    const now = list.flatMap((s) => findingsOfSubject(state, s, after, tally));
    beforeFindings.push(...was);
    afterFindings.push(...now);
    if (kind === 'waiver') coversAfter = state.session.coversOf(list, now);
  }
  // The order's parties first (a new subscriber or transferee is not among the fund's records): cl. 10 never reaches an investor domiciled in Thailand.
  const domicileOf = (id: string) => (records.get(id) ?? state.records.get(id))?.investor.domicile;
  state.session.applyWaivers(beforeFindings, state.covers, domicileOf);
  state.session.applyWaivers(afterFindings, coversAfter, domicileOf);

  // Active, passive, resolved.
  const without = new Map(beforeFindings.map((f) => [findingKey(f), f]));
  const withKeys = new Set<string>();
  const blocking = (finding: Finding) => finding.status === 'violation' && SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[blockOn];
  const active: OrderFinding[] = [];
  const passive: OrderFinding[] = [];
  for (const finding of afterFindings) {
    const key = findingKey(finding);
    withKeys.add(key);
    const was = without.get(key);
    if (!was) {
      active.push({ effect: 'active', blocks: blocking(finding), finding });
      continue;
    }
    const comparison = comparePassive(was, finding);
    passive.push({
      effect: comparison.effect,
      blocks: comparison.effect === 'aggravated' && blocking(finding),
      finding,
      before: was,
      ...(comparison.changes.length > 0 ? { changes: comparison.changes } : {}),
      ...(comparison.evidenceChanged.length > 0 ? { evidenceChanged: comparison.evidenceChanged } : {}),
      ...(comparison.reason ? { reason: comparison.reason } : {}),
    });
  }
  const resolved = beforeFindings.filter((f) => !withKeys.has(findingKey(f)));
  active.sort(bySeverity);
  passive.sort(bySeverity);
  resolved.sort(bySeverity);

  const parties: OrderParty[] = touched.map((t) => {
    const s = subjects.get(t)!;
    const first = (subject: Subject | undefined) => {
      const facts = subject?.facts['unitholder'] as UnitholderFacts | undefined;
      return facts ? { date: facts.firstSubscription.date, amount: facts.firstSubscription.amount } : null;
    };
    const addedAt = t.added === undefined ? undefined : `funds[0].unitholders[${t.position}].subscriptions[${t.added}]`;
    const party: Omit<OrderParty, 'explanation'> = {
      role: t.role,
      investorId: t.record.investor.id,
      pointer: `investors[${t.record.index}]`,
      category: t.record.basis,
      newHolder: s.before === undefined,
      firstSubscription: { before: first(s.before), after: first(s.after), byThisOrder: addedAt !== undefined && s.after?.origins['unitholder.firstSubscription'] === addedAt },
    };
    return { ...party, explanation: partyExplanation(party, fund.id, state.definitions, state.labels) };
  });

  const decision = active.some((f) => f.blocks) || passive.some((f) => f.blocks) ? 'blocked' : 'allowed';
  const result: Omit<OrderCheck, 'summary'> = {
    checkVersion: 1,
    decision,
    status: state.anyPackInForce ? 'checked' : 'not-in-force',
    fundId: fund.id,
    asOf,
    order,
    investorId: investor.id,
    blockOn,
    active,
    passive,
    resolved,
    parties,
    notices: copies(state.notices),
    evaluated: { subjects: tally.subjects, wholeKinds },
  };
  return { ...result, summary: summaryOf(result) };
}

/** Fresh copies of prepared values, so no result shares state with the prepared fund or another result. */
function copies<T>(values: readonly T[]): T[] {
  return values.length === 0 ? [] : (structuredClone(values) as T[]);
}

/** The fund with the order applied (a new register array: only for the rare fund whose facts depend on more than the number of holders). */
function fundWithOrder(fund: Fund, touched: readonly Touched[]): Fund {
  const unitholders = [...fund.unitholders];
  for (const t of touched) if (t.after) unitholders[t.position] = t.after;
  return { ...fund, unitholders };
}

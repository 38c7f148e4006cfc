import type { Extensions } from '../engine/extensions.js';
import { deriveFundFacts, deriveSubjects, fundFieldOrigins, type FundFacts, type InvestorRecord, type Subject } from '../engine/facts.js';
import type { Labels } from '../engine/messages.js';
import { parsePath } from '../engine/path.js';
import type { Finding, ReportNotice } from '../engine/report.js';
import { checkEvaluationInput, decideInvestors, EvaluationSession, parseAsOfOption, type WaiverCover } from '../engine/session.js';
import { categoryUses, unconfirmedCategoryNotices } from '../engine/investor-category.js';
import type { CalendarDate } from '../model/calendar-date.js';
import { ComplianceInputError, formatPath, type ValidationIssue } from '../model/errors.js';
import type { Fund, FundInput } from '../model/fund.js';
import type { Investor, InvestorInput } from '../model/investor.js';
import type { LoadedPack } from '../packs/load.js';
import { investorDefinitionsPack } from '../packs/built-in.js';
import type { Condition, PackInput, Rule, SubjectKind } from '../packs/schema.js';

export { parseAsOfOption, type WaiverCover };

/**
 * A fund prepared for pre-trade checks: validated once, its investors'
 * categories decided, its rules grouped as `evaluate` groups them, an index
 * of its holders by investor id, and the findings of the fund itself (and
 * which §10 waivers are valid) computed once. A check then evaluates only the
 * subjects an order touches, so its cost does not grow with the register.
 *
 * The rules in force, their groups, parameters, custom facts, findings and
 * waivers are the evaluation session's (src/engine/session.ts), the same as
 * `evaluate` uses; the pre-trade differential test holds the two together.
 */

export interface PrepareOptions {
  /** The date the law is applied as of: `YYYY-MM-DD` or `BE YYYY-MM-DD`. Orders are dated on or before it. */
  asOf: string;
  /** Packs to evaluate, in order; default: the built-in TorNor. 89/2558 pack. */
  packs?: readonly (LoadedPack | PackInput)[];
  /** The SEC investor-definition thresholds used to derive categories from profiles; default: the built-in pack. */
  investorDefinitions?: LoadedPack;
  /** Custom facts and operators the packs use (see `defineExtensions`). */
  extensions?: Extensions;
}

/** The fund facts a group of rules reads: top-level field names, or all of them. */
export type FundReads = ReadonlySet<string> | 'all';

/** What the rules of one group read of the fund: an order that changes such a field re-evaluates every subject of the kind. */
export interface RuleGroupReads {
  fundReads: FundReads;
}

/** @internal What a prepared fund holds. */
export interface PreparedState {
  asOf: CalendarDate;
  fund: Fund;
  investors: Investor[];
  /** Investor id → position in `investors` (the `investors[i]` of pointers). */
  investorIndex: Map<string, number>;
  records: Map<string, InvestorRecord>;
  /** Investor id → position in `fund.unitholders`. */
  holderIndex: Map<string, number>;
  /** The evaluation session (compiled runner) every check of this fund uses. */
  session: EvaluationSession;
  notices: readonly ReportNotice[];
  anyPackInForce: boolean;
  /** Per subject kind, what each of its rule groups reads of the fund. */
  groupsByKind: Map<SubjectKind, RuleGroupReads[]>;
  fundFacts: FundFacts;
  /** The fund facts depend on the holders only through `unitholderCount` (checked when prepared). */
  fundFactsLocal: boolean;
  /** Input pointers of the fund's own facts (shared by every subject's origins). */
  fundOrigins: Readonly<Record<string, string>>;
  /** Subjects other than unitholders (the fund, periods, waivers, ...). */
  others: Map<SubjectKind, Subject[]>;
  /** Findings of the `fund` subject without any order, before waivers. */
  fundFindings: Finding[];
  /** The valid waivers without any order, in the order the fund lists them. */
  covers: WaiverCover[];
  /** Rules not run on this fund: they read what its source does not carry (unknown is unknown). */
  unknownRules: ReadonlyMap<string, unknown>;
  definitions: LoadedPack;
  labels: Labels;
}

const states = new WeakMap<PreparedFund, PreparedState>();

/**
 * A fund ready for {@link checkOrder}: make one with {@link prepareFund} and
 * reuse it for every order against the fund on its as-of date. It is
 * immutable: prepare it again when the register changes (accepted orders are
 * not added to it).
 */
export class PreparedFund {
  readonly fundId: string;
  readonly asOf: CalendarDate;
  /** Entries in the fund's register (unitholders listed). */
  readonly unitholderCount: number;
  /** Milliseconds it took to prepare. */
  readonly preparedInMs: number;

  /** @internal Use {@link prepareFund}; the state is opaque. */
  constructor(opaque: object, preparedInMs: number) {
    const state = opaque as PreparedState;
    this.fundId = state.fund.id;
    this.asOf = state.asOf;
    this.unitholderCount = state.fund.unitholders.length;
    this.preparedInMs = preparedInMs;
    states.set(this, state);
    Object.freeze(this);
  }
}

/** @internal */
export function stateOf(prepared: PreparedFund): PreparedState | undefined {
  return states.get(prepared);
}

export function isPreparedFund(value: unknown): value is PreparedFund {
  return typeof value === 'object' && value !== null && states.has(value as PreparedFund);
}

/** `funds[0].x` → `fund.x`: a prepared fund is given on its own. */
function fundPath(issue: ValidationIssue): ValidationIssue {
  if (issue.path[0] !== 'funds') return issue;
  const path = issue.path[1] === 0 ? ['fund', ...issue.path.slice(2)] : ['fund', ...issue.path.slice(1)];
  return { ...issue, path, pointer: formatPath(path) };
}

/** The fund facts the rules of a group read (conditions, their values, evidence, and the keys of lookups). */
function fundReadsOf(rules: readonly Rule[], pack: LoadedPack, customFacts: ReadonlySet<string>): FundReads {
  const reads = new Set<string>();
  let all = false;
  const read = (fact: string, path: string | undefined, params: Record<string, unknown> | undefined, depth = 0) => {
    if (customFacts.has(fact)) {
      all = true; // a custom fact is computed from the fund's facts
      return;
    }
    if (fact === 'fund') {
      const parsed = path ? parsePath(path) : undefined;
      const first = parsed?.ok ? parsed.steps[0] : undefined;
      if (typeof first === 'string') reads.add(first);
      else all = true;
      return;
    }
    if (fact === 'lookup') {
      const lookup = pack.lookups.find((l) => l.id === String(params?.['id']));
      if (!lookup || depth > 4) all = true;
      else read(lookup.from.fact, lookup.from.path, undefined, depth + 1);
    }
  };
  const visit = (condition: Condition) => {
    if ('all' in condition) condition.all.forEach(visit);
    else if ('any' in condition) condition.any.forEach(visit);
    else if ('not' in condition) visit(condition.not);
    else {
      read(condition.fact, condition.path, condition.params);
      const value = condition.value as { fact?: unknown; path?: string; params?: Record<string, unknown> } | null;
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.fact === 'string') read(value.fact, value.path, value.params);
    }
  };
  for (const rule of rules) {
    if (rule.appliesWhen) visit(rule.appliesWhen);
    visit(rule.violationWhen);
    for (const item of rule.evidence) read(item.fact, item.path, item.params);
  }
  return all ? 'all' : reads;
}

/**
 * The findings of one subject with the given fund facts, as evaluate() builds
 * them (status `violation`; waivers are applied after). Counts the subject in `tally`.
 */
export function findingsOfSubject(state: PreparedState, subject: Subject, fundFacts: FundFacts, tally?: { subjects: number }): Finding[] {
  if (!state.groupsByKind.has(subject.kind)) return [];
  if (tally) tally.subjects++;
  return state.session.subjectFindingsSync(subject, fundFacts, state.unknownRules);
}

/**
 * Prepare a fund for pre-trade checks as of a date: validate it with the
 * investors its holders refer to, decide every investor's category, plan the
 * packs, index the holders and compute what no order changes. Throws
 * {@link ComplianceInputError} listing every bad field (`fund.unitholders[3]...`,
 * `investors[2]...`, `asOf`), and `PackError` when packs cannot be combined.
 */
export function prepareFund(fund: FundInput, investors: readonly InvestorInput[], options: PrepareOptions): PreparedFund {
  const started = performance.now();
  const issues: ValidationIssue[] = [];
  const asOf = parseAsOfOption(options?.asOf);
  if (!asOf.ok) issues.push(asOf.issue);
  // The one bounded validation path: plain data only (no getter or Proxy trap is run), a bounded number of issues.
  const checked = checkEvaluationInput({ funds: [fund], investors: investors ?? [] });
  if (!checked.ok) issues.push(...checked.issues.map(fundPath));
  if (!asOf.ok || !checked.ok) throw new ComplianceInputError(issues);
  return prepareParsed(checked.data.funds[0]!, checked.data.investors, asOf.date, options, started);
}

/** @internal Prepare an already validated fund. */
export function prepareParsed(fund: Fund, investors: Investor[], asOf: CalendarDate, options: Omit<PrepareOptions, 'asOf'>, started = performance.now()): PreparedFund {
  const session = EvaluationSession.open({ asOf, packs: options.packs, extensions: options.extensions });
  const definitions = options.investorDefinitions ?? investorDefinitionsPack();
  const { records, issues } = decideInvestors(investors, definitions, asOf);
  if (issues.length > 0) throw new ComplianceInputError(issues);
  const investorIndex = new Map(investors.map((investor, index) => [investor.id, index]));

  const customFacts = new Set(Object.keys(options.extensions?.facts ?? {}));
  const groupsByKind = new Map<SubjectKind, RuleGroupReads[]>();
  for (const group of session.groups) groupsByKind.set(group.kind, [...(groupsByKind.get(group.kind) ?? []), { fundReads: fundReadsOf(group.rules, group.pack, customFacts) }]);

  const fundFacts = deriveFundFacts(fund, asOf);
  // The fund's facts are assumed to depend on its register only through the number of entries; checked here, once.
  const probe = { investorId: '\u0000probe', subscriptions: [{ date: asOf, amount: '1' }] };
  const fundFactsLocal = JSON.stringify(deriveFundFacts({ ...fund, unitholders: [...fund.unitholders, probe] }, asOf)) === JSON.stringify({ ...fundFacts, unitholderCount: fundFacts.unitholderCount + 1 });

  const others = deriveSubjects({ ...fund, unitholders: [] }, 0, records, asOf);
  others.delete('unitholder');
  const fundOrigins: Readonly<Record<string, string>> = Object.freeze(fundFieldOrigins('funds[0]'));

  const labels: Record<string, { th: string; en: string }> = {};
  for (const pack of [...session.packs].reverse()) Object.assign(labels, pack.labels);

  const state: PreparedState = {
    asOf,
    fund,
    investors,
    investorIndex,
    records,
    holderIndex: new Map(fund.unitholders.map((h, i) => [h.investorId, i])),
    session,
    // Categories derived with investor-definition values that could not be confirmed say so.
    notices: [...session.notices, ...unconfirmedCategoryNotices(categoryUses(records.values(), [fund], asOf), definitions)],
    anyPackInForce: session.anyPackInForce,
    groupsByKind,
    fundFacts,
    fundFactsLocal,
    fundOrigins,
    others,
    fundFindings: [],
    covers: [],
    unknownRules: session.unknownRulesFor(fund),
    definitions,
    labels,
  };
  const waivers = others.get('waiver') ?? [];
  state.covers = session.coversOf(waivers, waivers.flatMap((w) => findingsOfSubject(state, w, fundFacts)));
  state.fundFindings = (others.get('fund') ?? []).flatMap((s) => findingsOfSubject(state, s, fundFacts));
  deepFreeze(state.fundFindings);
  return new PreparedFund(state, performance.now() - started);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

import { runCompiledSync } from '../engine/compiled-runner.js';
import { vocabularyOf, type Extensions } from '../engine/extensions.js';
import Decimal from 'decimal.js';
import { deriveFundFacts, deriveSubjects, firstSubscriptionWithOrder, type FundFacts, type InvestorRecord, type Subject, type UnitholderFacts } from '../engine/facts.js';
import { investorCategory } from '../engine/investor-category.js';
import type { Labels } from '../engine/messages.js';
import { findingOf, isLoadedPack, notInForceNotice, parameterResolver } from '../engine/pack-context.js';
import { inRange } from '../engine/pack-values.js';
import { parsePath } from '../engine/path.js';
import type { Finding, ReportNotice } from '../engine/report.js';
import { applyWaiverCovers } from '../engine/waivers.js';
import type { Localized } from '../packs/schema.js';
import type { RunContext } from '../engine/runner.js';
import { parseCalendarDate, type CalendarDate } from '../model/calendar-date.js';
import { ComplianceInputError, EvaluationIncompleteError, formatPath, issuesFromZod, type ValidationIssue } from '../model/errors.js';
import type { Fund, FundInput, Unitholder } from '../model/fund.js';
import { evaluationInputSchema } from '../model/input.js';
import type { Investor, InvestorInput } from '../model/investor.js';
import { planPacks, type PackPlan } from '../packs/combine.js';
import { investorDefinitionsPack, loadPackFromObject, tn89Pack, type LoadedPack } from '../packs/load.js';
import { unsafeStructure } from '../packs/safety.js';
import type { Condition, PackInput, Rule, SubjectKind } from '../packs/schema.js';

/**
 * A fund prepared for pre-trade checks: validated once, its investors'
 * categories decided, its rules grouped as `evaluate` groups them, an index
 * of its holders by investor id, and the findings of the fund itself (and
 * which §10 waivers are valid) computed once. A check then evaluates only the
 * subjects an order touches, so its cost does not grow with the register.
 *
 * Everything here follows src/engine/evaluate.ts step by step (the rules in
 * force, the (pack, subject kind) groups, parameters with overriding packs,
 * custom facts, the finding's fields and wording, waivers); the pre-trade
 * differential test holds the two together.
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

/** The rules of one pack for one subject kind, as evaluate() groups them. */
export interface RuleGroup {
  pack: LoadedPack;
  kind: SubjectKind;
  rules: Rule[];
  parameter: RunContext['parameter'];
  /** Which fund facts the rules (conditions, evidence, lookups) read: an order that changes one re-evaluates every subject of the kind. */
  fundReads: FundReads;
}

/** A valid §10 waiver and the rules it covers. */
export interface WaiverCover {
  reference: string;
  pointer: string;
  ruleIds: readonly string[];
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
  packs: LoadedPack[];
  plan: PackPlan;
  notices: ReportNotice[];
  anyPackInForce: boolean;
  groups: RuleGroup[];
  groupsByKind: Map<SubjectKind, RuleGroup[]>;
  fundFacts: FundFacts;
  /** The fund facts depend on the holders only through `unitholderCount` (checked when prepared). */
  fundFactsLocal: boolean;
  /** Input pointers of the fund's own facts (shared by every subject's origins). */
  fundOrigins: Readonly<Record<string, string>>;
  /** {@link unitholderSubject} gives what deriveSubjects gives (checked when prepared); else deriveSubjects is used. */
  ownHolderSubjects: boolean;
  /** Subjects other than unitholders (the fund, periods, waivers, ...). */
  others: Map<SubjectKind, Subject[]>;
  /** Findings of the `fund` subject without any order, before waivers. */
  fundFindings: Finding[];
  /** The valid waivers without any order, in the order the fund lists them. */
  covers: WaiverCover[];
  definitions: LoadedPack;
  extensions: Extensions | undefined;
  operators: Map<string, (factValue: unknown, conditionValue: unknown) => boolean>;
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

/** Parse an as-of date option; the issue names `asOf`. */
export function parseAsOfOption(asOf: unknown): { ok: true; date: CalendarDate } | { ok: false; issue: ValidationIssue } {
  const parsed = typeof asOf === 'string' ? parseCalendarDate(asOf) : { ok: false as const, reason: 'give the as-of date as "YYYY-MM-DD"' };
  return parsed.ok ? { ok: true, date: parsed.date } : { ok: false, issue: { path: ['asOf'], pointer: 'asOf', message: parsed.reason } };
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

/** Custom facts computed for one subject, beside the built-in ones (as evaluate() computes them). */
function withCustomFacts(facts: Record<string, unknown>, kind: SubjectKind, extensions: Extensions | undefined, asOf: CalendarDate): Record<string, unknown> {
  if (!extensions?.facts) return facts;
  const all = { ...facts };
  for (const [name, fact] of Object.entries(extensions.facts)) {
    if (fact.subjects !== 'all' && !fact.subjects.includes(kind)) continue;
    all[name] = fact.compute({ fund: facts['fund'] as Record<string, unknown>, facts: Object.freeze({ ...facts }), asOf });
  }
  return all;
}

/**
 * The findings of one subject with the given fund facts, built exactly as
 * evaluate() builds them (status `violation`; waivers are applied after).
 * Counts the subject in `tally`.
 */
export function findingsOfSubject(state: PreparedState, subject: Subject, fundFacts: FundFacts, tally?: { subjects: number }): Finding[] {
  const findings: Finding[] = [];
  const groups = state.groupsByKind.get(subject.kind);
  if (!groups) return findings;
  if (tally) tally.subjects++;
  const { asOf } = state;
  for (const { pack, kind, rules, parameter } of groups) {
    const facts = withCustomFacts({ fund: fundFacts, asOf, ...subject.facts }, kind, state.extensions, asOf);
    const verdicts = runCompiledSync(rules, { pack, facts, asOf, parameter, operators: state.operators });
    const missing = rules.map((r) => r.id).filter((id) => !verdicts.has(id));
    if (missing.length > 0 || verdicts.size !== rules.length) {
      throw new EvaluationIncompleteError(missing, `compiled gave no verdict for ${missing.join(', ') || 'some rules'} on ${subject.identity.pointer}`);
    }
    for (const rule of rules) {
      const verdict = verdicts.get(rule.id)!;
      if (verdict.outcome !== 'found') continue;
      findings.push(findingOf(pack, rule, subject, verdict));
    }
  }
  return findings;
}

/** The valid waivers given the findings of the waiver subjects: a waiver with no finding against it is valid (§10). */
export function validWaivers(waivers: readonly Subject[], waiverFindings: readonly Finding[]): WaiverCover[] {
  const invalid = new Set(waiverFindings.map((f) => f.subject.pointer));
  const covers: WaiverCover[] = [];
  for (const waiver of waivers) {
    if (invalid.has(waiver.identity.pointer)) continue;
    const { reference, ruleIds } = waiver.facts['waiver'] as { reference: string; ruleIds: string[] };
    covers.push({ reference, ruleIds, pointer: waiver.identity.pointer });
  }
  return covers;
}

/** Turn the findings the valid waivers cover into `waived` (in place), as evaluate() does: the first valid waiver that covers a rule, unless no waiver reaches the finding (§10 scope, see engine/waivers.ts). */
export function applyCovers(findings: readonly Finding[], covers: readonly WaiverCover[], notWaived: (finding: Finding) => Localized | undefined = () => undefined): void {
  applyWaiverCovers(findings, covers, notWaived);
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
  const input = { funds: [fund], investors: investors ?? [] };
  const unsafe = unsafeStructure(input).map(fundPath);
  if (unsafe.length > 0) throw new ComplianceInputError([...issues, ...unsafe]);
  const parsed = evaluationInputSchema.safeParse(input);
  if (!parsed.success) issues.push(...issuesFromZod(parsed.error).map(fundPath));
  if (!asOf.ok || !parsed.success) throw new ComplianceInputError(issues);
  return prepareParsed(parsed.data.funds[0]!, parsed.data.investors, asOf.date, options, started);
}

/** @internal Prepare an already validated fund. */
export function prepareParsed(fund: Fund, investors: Investor[], asOf: CalendarDate, options: Omit<PrepareOptions, 'asOf'>, started = performance.now()): PreparedFund {
  vocabularyOf(options.extensions); // validates the extensions' names up front
  const packs = (options.packs ?? [tn89Pack()]).map((pack) => (isLoadedPack(pack) ? pack : loadPackFromObject(pack, '(object)', { extensions: options.extensions })));
  const plan = planPacks(packs);
  const definitions = options.investorDefinitions ?? investorDefinitionsPack();

  const records = new Map<string, InvestorRecord>();
  const investorIndex = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  investors.forEach((investor, index) => {
    investorIndex.set(investor.id, index);
    const decided = investorCategory(investor, definitions, ['investors', index], asOf);
    if (decided.ok) records.set(investor.id, { investor, index, basis: decided.basis });
    else issues.push(decided.issue);
  });
  if (issues.length > 0) throw new ComplianceInputError(issues);

  const notices: ReportNotice[] = [];
  const packInForce = new Map<LoadedPack, boolean>();
  for (const pack of packs) {
    const inForce = inRange(asOf, pack.meta.inForce.from, pack.meta.inForce.to);
    packInForce.set(pack, inForce);
    if (!inForce) notices.push(notInForceNotice(pack, asOf));
  }

  const customFacts = new Set(Object.keys(options.extensions?.facts ?? {}));
  const byKey = new Map<string, { pack: LoadedPack; kind: SubjectKind; rules: Rule[] }>();
  for (const { rule, pack } of plan.rules) {
    const inForce = packInForce.get(pack)! && inRange(asOf, rule.inForce?.from, rule.inForce?.to);
    if (!inForce) continue;
    const key = `${pack.meta.id}\u0000${rule.subject}`;
    const group = byKey.get(key) ?? { pack, kind: rule.subject, rules: [] };
    group.rules.push(rule);
    byKey.set(key, group);
  }
  const groups: RuleGroup[] = [...byKey.values()].map((g) => ({ ...g, parameter: parameterResolver(plan, g.pack, asOf), fundReads: fundReadsOf(g.rules, g.pack, customFacts) }));
  const groupsByKind = new Map<SubjectKind, RuleGroup[]>();
  for (const group of groups) groupsByKind.set(group.kind, [...(groupsByKind.get(group.kind) ?? []), group]);

  const fundFacts = deriveFundFacts(fund, asOf);
  // The fund's facts are assumed to depend on its register only through the number of entries; checked here, once.
  const probe = { investorId: '\u0000probe', subscriptions: [{ date: asOf, amount: '1' }] };
  const fundFactsLocal = JSON.stringify(deriveFundFacts({ ...fund, unitholders: [...fund.unitholders, probe] }, asOf)) === JSON.stringify({ ...fundFacts, unitholderCount: fundFacts.unitholderCount + 1 });

  const others = deriveSubjects({ ...fund, unitholders: [] }, 0, records, asOf);
  others.delete('unitholder');
  // Without a prototype, so an inherited name (toString) is never read as an origin.
  const fundOrigins: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, others.get('fund')?.[0]?.origins ?? {}));

  const labels: Record<string, { th: string; en: string }> = {};
  for (const pack of [...packs].reverse()) Object.assign(labels, pack.labels);

  const state: PreparedState = {
    asOf,
    fund,
    investors,
    investorIndex,
    records,
    holderIndex: new Map(fund.unitholders.map((h, i) => [h.investorId, i])),
    packs,
    plan,
    notices,
    anyPackInForce: packs.some((pack) => packInForce.get(pack)),
    groups,
    groupsByKind,
    fundFacts,
    fundFactsLocal,
    fundOrigins,
    ownHolderSubjects: false,
    others,
    fundFindings: [],
    covers: [],
    definitions,
    extensions: options.extensions,
    operators: new Map(Object.entries(options.extensions?.operators ?? {})),
    labels,
  };
  state.ownHolderSubjects = sameAsEngine(state);
  const waivers = others.get('waiver') ?? [];
  state.covers = validWaivers(waivers, waivers.flatMap((w) => findingsOfSubject(state, w, fundFacts)));
  state.fundFindings = (others.get('fund') ?? []).flatMap((s) => findingsOfSubject(state, s, fundFacts));
  deepFreeze(state.fundFindings);
  return new PreparedFund(state, performance.now() - started);
}

/**
 * The unitholder subject of one holder entry at position `position` of the
 * register, as deriveSubjects (src/engine/facts.ts) builds it within the
 * whole fund — without building the other holders' subjects, and with the
 * fund's origins shared (the subject's own origins inherit them) instead of
 * copied: the same facts, identity and origins as read by the engine.
 * Undefined when the holder holds no units on the as-of date.
 */
export function unitholderSubject(holder: Unitholder, position: number, record: InvestorRecord | undefined, state: Pick<PreparedState, 'asOf' | 'fund' | 'fundOrigins'>): Subject | undefined {
  const { asOf } = state;
  const held = holder.subscriptions.filter((s) => s.date <= asOf);
  const ordered = firstSubscriptionWithOrder(held);
  const first = ordered?.first;
  if (!first || !record) return undefined;
  const { investor, basis } = record;
  let total = new Decimal(0);
  for (const s of held) total = total.plus(s.amount);
  const facts: UnitholderFacts = {
    investorId: holder.investorId,
    investorType: investor.type,
    category: basis.category,
    categoryBasis: basis,
    domicile: investor.domicile,
    assessedOn: basis.assessedOn,
    firstSubscription: { date: first.date, amount: first.amount, orderKnown: !ordered!.ambiguous },
    subscriptionCount: held.length,
    totalSubscribed: total.toFixed(),
    subscriptionsWithoutProspectus: held.filter((s) => s.prospectusDelivered === false).length,
  };
  const at = `funds[0].unitholders[${position}]`;
  const investorAt = `investors[${record.index}]`;
  const firstAt = `${at}.subscriptions[${holder.subscriptions.indexOf(first)}]`;
  const noProspectus = holder.subscriptions.findIndex((s) => s.date <= asOf && s.prospectusDelivered === false);
  const origins: Record<string, string> = Object.create(state.fundOrigins);
  origins['unitholder.investorId'] = `${at}.investorId`;
  origins['unitholder.investorType'] = `${investorAt}.type`;
  origins['unitholder.category'] = basis.source === 'given' ? `${investorAt}.category` : `${investorAt}.profile`;
  origins['unitholder.categoryBasis'] = basis.source === 'given' ? `${investorAt}.category` : `${investorAt}.profile`;
  origins['unitholder.domicile'] = `${investorAt}.domicile`;
  origins['unitholder.assessedOn'] = basis.source === 'given' ? `${investorAt}.assessedOn` : `${investorAt}.profile.assessedOn`;
  origins['unitholder.firstSubscription'] = firstAt;
  origins['unitholder.firstSubscription.amount'] = `${firstAt}.amount`;
  origins['unitholder.firstSubscription.date'] = `${firstAt}.date`;
  origins['unitholder.subscriptionsWithoutProspectus'] = noProspectus >= 0 ? `${at}.subscriptions[${noProspectus}].prospectusDelivered` : `${at}.subscriptions`;
  origins['unitholder'] = at;
  return { kind: 'unitholder', facts: { unitholder: facts }, identity: { kind: 'unitholder', fundId: state.fund.id, investorId: holder.investorId, pointer: at }, origins };
}

/** All keys of an origins table, own and inherited, with their pointers. */
function flatOrigins(origins: Record<string, string>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const key in origins) flat[key] = origins[key]!;
  return Object.fromEntries(Object.entries(flat).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Whether {@link unitholderSubject} gives the subjects deriveSubjects gives,
 * tried on probe holders (a first subscription listed after a later one, a
 * sale without the prospectus rules, one not yet holding) at a position
 * other than the first, with a given and a derived category.
 */
function sameAsEngine(state: PreparedState): boolean {
  const { asOf } = state;
  const subscriptions = [
    { date: asOf, amount: '2.5' },
    { date: '1900-01-01', amount: '1', prospectusDelivered: false },
    { date: '9999-12-31', amount: '3' },
  ];
  const probes: InvestorRecord[] = [
    { investor: { id: '\u0000probe-1', type: 'individual', category: 'retail', domicile: 'TH' }, index: 3, basis: { source: 'given', category: 'retail', assessedOn: null } },
    { investor: { id: '\u0000probe-2', type: 'individual', domicile: 'TH', profile: { assessedOn: '1900-01-01' } }, index: 1, basis: { source: 'derived', category: 'retail', assessedOn: '1900-01-01', tried: [] } },
  ];
  for (const record of probes) {
    const holder = { investorId: record.investor.id, subscriptions };
    const records = new Map([[record.investor.id, record]]);
    const filler = { investorId: '\u0000filler', subscriptions: [{ date: asOf, amount: '1' }] };
    const theirs = deriveSubjects({ ...state.fund, unitholders: [filler, holder] }, 0, records, asOf).get('unitholder')?.[0];
    const mine = unitholderSubject(holder, 1, record, state);
    if (!theirs || !mine) return false;
    if (JSON.stringify([theirs.kind, theirs.facts, theirs.identity]) !== JSON.stringify([mine.kind, mine.facts, mine.identity])) return false;
    if (JSON.stringify(flatOrigins(theirs.origins)) !== JSON.stringify(flatOrigins(mine.origins))) return false;
  }
  return true;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

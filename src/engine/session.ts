import { formatDate, parseCalendarDate, type CalendarDate } from '../model/calendar-date.js';
import { ComplianceInputError, EvaluationIncompleteError, MissingExtensionError, PackError, RuleEvaluationError, type ValidationIssue } from '../model/errors.js';
import { evaluationInputSchema, type EvaluationInput } from '../model/input.js';
import { quickParseEvaluationInput } from '../model/input-quick.js';
import type { Fund } from '../model/fund.js';
import type { Investor } from '../model/investor.js';
import { safeParseBounded, unsafeStructure } from '../packs/safety.js';
import { planPacks, type PackPlan } from '../packs/combine.js';
import { loadPackFromObject, type LoadedPack } from '../packs/load.js';
import { tn89Pack } from '../packs/built-in.js';
import { severitySchema, type Condition, type PackInput, type Rule, type Severity, type SubjectKind } from '../packs/schema.js';
import { renderCitation } from './citation.js';
import { compiledRunner, isThenable, quietly, RULE_OUTCOME, runCompiledSync, specializeRules, type SpecializedRules } from './compiled-runner.js';
import { FACT_CATALOG, fieldsOf, type FundFacts, type InvestorRecord, type Subject, type SubjectIdentity, type UnitholderFacts } from './facts.js';
import { vocabularyOf, type CustomFact, type Extensions } from './extensions.js';
import { givenCategoryInvestor, investorCategory } from './investor-category.js';
import { renderMessage } from './messages.js';
import { inRange, parameterValue } from './pack-values.js';
import type { Finding, PackAccount, Report, ReportNotice, RuleAccount, RuleOutcome } from './report.js';
import type { EventBoundParameters, RuleVerdict, RunContext, SubjectRunner } from './runner.js';
import { rulesNotApplicable, type NotApplicableBecause } from './unknowns.js';
import { lawNoticesOn } from './law-notices.js';
import { invalidWaiverReason, whyNotWaived } from './waivers.js';

/**
 * One evaluation session: what every entry point (`evaluate`, registers,
 * pre-trade checks) shares, so they cannot drift apart. Opened once per run
 * with the packs, extensions, as-of date and runner, it owns:
 * - in-force gating of packs, rules and parameters, overrides included (a
 *   rule or parameter an overriding pack replaces is replaced only while
 *   that pack, and that version, is in force; otherwise the earlier version
 *   decides);
 * - the rule accounts (evaluated / applicable / found per rule);
 * - custom facts (computed per subject, synchronously: a thrown error or a
 *   Promise is a {@link RuleEvaluationError}), and a check at opening that
 *   every custom fact and operator a pack uses was given
 *   ({@link MissingExtensionError});
 * - the completeness invariant (every applicable rule has one verdict);
 * - finding construction (wording, citation, fields) and §10 waivers;
 * - the one list of severities.
 * Drivers derive subjects from their own input shape and call it.
 */

/** Every severity, most severe first: the one list. */
export const SEVERITIES: readonly Severity[] = severitySchema.options;
/** A severity's rank: higher is more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.fromEntries(SEVERITIES.map((s, i) => [s, SEVERITIES.length - 1 - i])) as Record<Severity, number>;

/** How rule conditions are evaluated: the compiled evaluator (default), json-rules-engine (opt-in, the reference), or a runner of your own. */
export type RunnerOption = 'compiled' | 'json-rules-engine' | SubjectRunner;

/**
 * json-rules-engine, loaded on first use: only a run that asks for it pays for
 * loading it (the default path, and the CLI's start-up, never do).
 */
const referenceRunnerOnDemand: SubjectRunner = {
  name: 'json-rules-engine',
  async run(rules, context) {
    const { referenceRunner } = await import('./reference-runner.js');
    return referenceRunner.run(rules, context);
  },
};

/** The runner an option names; default the compiled evaluator. */
export function resolveRunner(option: RunnerOption | undefined): SubjectRunner {
  if (option === undefined || option === 'compiled') return compiledRunner;
  if (option === 'json-rules-engine') return referenceRunnerOnDemand;
  if (typeof option === 'object' && option !== null && typeof option.run === 'function' && typeof option.name === 'string') return option;
  throw new ComplianceInputError([{ path: ['runner'], pointer: 'runner', message: 'expected "compiled", "json-rules-engine" or a runner object { name, run }' }], 'options');
}

/** Parse an as-of date option (`YYYY-MM-DD` or `BE YYYY-MM-DD`); the issue names `asOf`. */
export function parseAsOfOption(asOf: unknown): { ok: true; date: CalendarDate } | { ok: false; issue: ValidationIssue } {
  const parsed = typeof asOf === 'string' ? parseCalendarDate(asOf) : { ok: false as const, reason: 'give the as-of date as "YYYY-MM-DD"' };
  return parsed.ok ? { ok: true, date: parsed.date } : { ok: false, issue: { path: ['asOf'], pointer: 'asOf', message: parsed.reason } };
}

/** Like {@link parseAsOfOption}, throwing a ComplianceInputError. */
export function requireAsOf(asOf: unknown): CalendarDate {
  const parsed = parseAsOfOption(asOf);
  if (!parsed.ok) throw new ComplianceInputError([parsed.issue], 'options');
  return parsed.date;
}

/**
 * The one validation path for every entry point (`evaluate`, register
 * schemes, `prepareFund`, `checkOrder`): plain data only, checked without
 * running any getter or Proxy trap, then the schema with a bounded number of
 * issues (never a stack overflow).
 */
export function checkEvaluationInput(input: unknown): { ok: true; data: EvaluationInput } | { ok: false; issues: ValidationIssue[] } {
  const unsafe = unsafeStructure(input);
  if (unsafe.length > 0) return { ok: false, issues: unsafe };
  // Valid input the common way (holders and KYC-classified investors) skips the schema's per-field work; anything else, and every issue, comes from the schema.
  const quick = quickParseEvaluationInput(input);
  if (quick !== undefined) return { ok: true, data: quick };
  const parsed = safeParseBounded(evaluationInputSchema, input);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, issues: parsed.issues };
}

/** Each investor with its category, given or derived on its review date; an investor whose category cannot be decided is an issue. */
export function decideInvestors(investors: readonly Investor[], definitions: LoadedPack, asOf: CalendarDate): { records: Map<string, InvestorRecord>; issues: ValidationIssue[] } {
  const records = new Map<string, InvestorRecord>();
  const issues: ValidationIssue[] = [];
  investors.forEach((investor, index) => {
    // A given category is decided without a closure per investor (the same answers as investorCategory).
    const given = givenCategoryInvestor(investor, index);
    if (given) {
      records.set(investor.id, given);
      return;
    }
    const decided = investorCategory(investor, definitions, ['investors', index], asOf);
    if (decided.ok) records.set(investor.id, { investor, index, basis: decided.basis, categoryOn: decided.on });
    else issues.push(decided.issue);
  });
  return { records, issues };
}

export function isLoadedPack(pack: LoadedPack | PackInput): pack is LoadedPack {
  return typeof (pack as LoadedPack).source === 'string' && Object.isFrozen(pack);
}

/** The report's notice that a pack was not (or no longer) in force on the as-of date. */
export function notInForceNotice(pack: LoadedPack, asOf: CalendarDate): ReportNotice {
  const from = pack.meta.inForce.from;
  return {
    code: 'pack-not-in-force',
    packId: pack.meta.id,
    citation: renderCitation(pack, pack.meta.inForce.citation),
    message:
      asOf < from
        ? { th: `${pack.meta.notice.th} ยังไม่มีผลใช้บังคับ ณ วันที่ ${formatDate(asOf, 'th')} (ใช้บังคับตั้งแต่วันที่ ${formatDate(from, 'th')})`, en: `${pack.meta.notice.en} was not yet in force on ${formatDate(asOf, 'en')} (in force from ${formatDate(from, 'en')})` }
        : { th: `${pack.meta.notice.th} สิ้นผลใช้บังคับแล้ว ณ วันที่ ${formatDate(asOf, 'th')}`, en: `${pack.meta.notice.en} was no longer in force on ${formatDate(asOf, 'en')}` },
  };
}

/** A valid §10 waiver of a fund and the rules it covers. */
const NO_RULES: ReadonlyMap<string, unknown> = new Map();

export interface WaiverCover {
  reference: string;
  pointer: string;
  ruleIds: readonly string[];
  /** Rule ids of the findings against the waiver itself: it is not valid and waives nothing (§10). */
  invalidBecause?: readonly string[];
}

/** The rules of one pack for one subject kind, in force on the as-of date, evaluated together. */
export interface RuleGroup {
  readonly pack: LoadedPack;
  readonly kind: SubjectKind;
  readonly rules: readonly Rule[];
  /** The account of each rule (same order), or undefined for a kind the session does not account for. */
  readonly accounts: readonly (RuleAccount | undefined)[];
  /** Dated parameters as the group's rules read them on the as-of date. */
  readonly parameter: RunContext['parameter'];
  /** Dated parameters on another date (an event's date, e.g. a first subscription). */
  readonly parameterAt: RunContext['parameterAt'];
}

export interface SessionOptions {
  /** The as-of date, already parsed. */
  asOf: CalendarDate;
  /** Packs in order; default the built-in TorNor. 89/2558 pack. */
  packs?: readonly (LoadedPack | PackInput)[] | undefined;
  extensions?: Extensions | undefined;
  runner?: RunnerOption | undefined;
  /** The subject kinds whose rules are accounted for (a register: `unitholder`); default every kind. */
  accountKinds?: readonly SubjectKind[] | undefined;
}

/** A parameter's dated value covering a date, if any. */
function datedValue(pack: LoadedPack, id: string, on: CalendarDate): { value: unknown } | undefined {
  return pack.parameters.find((p) => p.id === id)?.values.find((v) => inRange(on, v.from, v.to));
}

/** Where a `readOn: first-subscription` parameter finds its date: the unitholder's first subscription. */
const FIRST_SUBSCRIPTION_DATE = { fact: 'unitholder', path: ['firstSubscription', 'date'] } as const satisfies Pick<EventBoundParameters, 'fact' | 'path'>;

/**
 * A function of a date that only compares it with a few dates (`cuts`, sorted):
 * its answer is one on each cut and one between two cuts, so it is asked once
 * per such segment. `holds` tells whether a date is in the segment of the last
 * answer given (`answer`), with at most two comparisons.
 */
class DateSegments {
  private readonly answers: ({ value: unknown; packId: string } | undefined)[];
  /** The last answer given, and the segment it holds for: after `low` (on it when `lowOn`), before `high` (on it when `highOn`). */
  answer: { value: unknown; packId: string } | undefined;
  private low: CalendarDate | undefined;
  private high: CalendarDate | undefined;
  private lowOn = false;
  private highOn = false;

  constructor(
    private readonly cuts: readonly CalendarDate[],
    private readonly resolve: (on: CalendarDate) => { value: unknown; packId: string },
  ) {
    this.answers = new Array(cuts.length * 2 + 1);
  }

  holds(on: CalendarDate): boolean {
    if (this.answer === undefined) return false;
    const low = this.low;
    const high = this.high;
    return (low === undefined || (this.lowOn ? on >= low : on > low)) && (high === undefined || (this.highOn ? on <= high : on < high));
  }

  on(on: CalendarDate): { value: unknown; packId: string } {
    const cuts = this.cuts;
    // Binary search: `below` cuts are before the date.
    let below = 0;
    let above = cuts.length;
    while (below < above) {
      const middle = (below + above) >>> 1;
      if (cuts[middle]! < on) below = middle + 1;
      else above = middle;
    }
    const onCut = below < cuts.length && cuts[below] === on;
    const segment = onCut ? below * 2 + 1 : below * 2;
    let answer = this.answers[segment];
    if (answer === undefined) this.answers[segment] = answer = this.resolve(on);
    this.answer = answer;
    if (onCut) {
      this.low = this.high = on;
      this.lowOn = this.highOn = true;
    } else {
      this.low = below > 0 ? cuts[below - 1] : undefined;
      this.high = below < cuts.length ? cuts[below] : undefined;
      this.lowOn = this.highOn = false;
    }
    return answer;
  }
}

/** A version of a rule as chosen for the as-of date. */
interface Chosen {
  rule: Rule;
  pack: LoadedPack;
  replaces?: string;
  inForce: boolean;
}

function visitCondition(condition: Condition, path: string, leaf: (fact: string, operator: string | undefined, path: string, params: Record<string, unknown> | undefined) => void): void {
  if ('all' in condition) condition.all.forEach((c, i) => visitCondition(c, `${path}.all[${i}]`, leaf));
  else if ('any' in condition) condition.any.forEach((c, i) => visitCondition(c, `${path}.any[${i}]`, leaf));
  else if ('not' in condition) visitCondition(condition.not, `${path}.not`, leaf);
  else {
    leaf(condition.fact, condition.operator, path, condition.params);
    const value = condition.value as { fact?: unknown; params?: Record<string, unknown> } | null;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.fact === 'string') leaf(value.fact, undefined, `${path}.value`, value.params);
  }
}

/** Every fact a rule reads (conditions, values, evidence, lookup keys) with where, and every operator. */
function usesOf(rule: Rule, pack: LoadedPack): { facts: { name: string; path: string }[]; operators: { name: string; path: string }[] } {
  const facts: { name: string; path: string }[] = [];
  const operators: { name: string; path: string }[] = [];
  const leaf = (fact: string, operator: string | undefined, path: string, params: Record<string, unknown> | undefined) => {
    facts.push({ name: fact, path });
    if (operator !== undefined) operators.push({ name: operator, path });
    if (fact === 'lookup') {
      const lookup = pack.lookups.find((l) => l.id === String(params?.['id']));
      if (lookup) facts.push({ name: lookup.from.fact, path: `${path} (lookup ${lookup.id})` });
    }
  };
  if (rule.appliesWhen) visitCondition(rule.appliesWhen, 'appliesWhen', leaf);
  visitCondition(rule.violationWhen, 'violationWhen', leaf);
  rule.evidence.forEach((item, i) => leaf(item.fact, undefined, `evidence[${i}]`, item.params));
  return { facts, operators };
}

const hasOwn = Object.prototype.hasOwnProperty;

/** What a rule reads: fact names with their paths (conditions, fact-reference values, evidence, lookup keys). */
export function readsOf(rule: Rule, pack: LoadedPack): { fact: string; path?: string }[] {
  const reads: { fact: string; path?: string }[] = [];
  const add = (fact: string, path: string | undefined) => reads.push(path === undefined ? { fact } : { fact, path });
  const visit = (condition: Condition) => {
    if ('all' in condition) condition.all.forEach(visit);
    else if ('any' in condition) condition.any.forEach(visit);
    else if ('not' in condition) visit(condition.not);
    else {
      add(condition.fact, condition.path);
      const value = condition.value as { fact?: unknown; path?: string } | null;
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.fact === 'string') add(value.fact, value.path);
    }
  };
  if (rule.appliesWhen) visit(rule.appliesWhen);
  visit(rule.violationWhen);
  for (const item of rule.evidence) add(item.fact, item.path);
  for (const lookup of pack.lookups) if (reads.some((r) => r.fact === 'lookup')) add(lookup.from.fact, lookup.from.path);
  return reads;
}

/** The facts a subject of a kind brings (`unitholder` for unitholders, `period` for accounting periods...). */
function subjectFactNames(kind: SubjectKind): string[] {
  return Object.entries(FACT_CATALOG)
    .filter(([, entry]) => entry.subjects !== 'all' && entry.subjects.includes(kind))
    .map(([name]) => name);
}

export class EvaluationSession {
  readonly asOf: CalendarDate;
  readonly packs: readonly LoadedPack[];
  readonly plan: PackPlan;
  readonly notices: readonly ReportNotice[];
  readonly packInForce: ReadonlyMap<LoadedPack, boolean>;
  readonly anyPackInForce: boolean;
  readonly runner: SubjectRunner;
  /** The runner is the compiled evaluator: synchronous entry points and specialised batches are available. */
  readonly compiled: boolean;
  readonly extensions: Extensions | undefined;
  readonly operators: ReadonlyMap<string, (factValue: unknown, conditionValue: unknown) => boolean>;
  /** Rule and parameter overrides in effect on the as-of date. */
  readonly overrides: Report['overrides'];
  /** Rules switched off by a pack in force on the as-of date. */
  readonly disabled: Report['disabled'];
  private readonly accounts = new Map<string, RuleAccount>();
  /** The rule in force for each id (waivers read what a rule says of itself). */
  private readonly rulesById = new Map<string, Rule>();
  /** Per pack: how its unitholder rules read parameters (those marked `readOn: first-subscription` on that date). */
  private readonly eventBoundReaders = new Map<LoadedPack, { read: RunContext['parameter']; event?: EventBoundParameters }>();
  private readonly groupList: RuleGroup[] = [];
  private readonly byKind = new Map<SubjectKind, RuleGroup[]>();
  /** Per subject kind: the custom facts its rules read, each with the first rule that reads it (for errors). */
  /** Per group, per fund facts object: the group with the rules the pre-check keeps, and the indexes it dropped. */
  private readonly customByKind = new Map<SubjectKind, { name: string; fact: CustomFact; packId: string; ruleId: string }[]>();

  private constructor(options: SessionOptions) {
    const { asOf } = options;
    this.asOf = asOf;
    this.runner = resolveRunner(options.runner);
    this.compiled = this.runner === compiledRunner;
    this.extensions = options.extensions;
    const vocabulary = vocabularyOf(options.extensions); // validates the extensions' names up front
    this.operators = new Map(Object.entries(options.extensions?.operators ?? {}));
    const packs = (options.packs ?? [tn89Pack()]).map((pack) => (isLoadedPack(pack) ? pack : loadPackFromObject(pack, '(object)', { extensions: options.extensions })));
    this.packs = packs;
    const plan = planPacks(packs);
    this.plan = plan;
    const packInForce = new Map<LoadedPack, boolean>();
    const notices: ReportNotice[] = [];
    for (const pack of packs) {
      const inForce = inRange(asOf, pack.meta.inForce.from, pack.meta.inForce.to);
      packInForce.set(pack, inForce);
      if (!inForce) notices.push(notInForceNotice(pack, asOf));
    }
    // What the packs say of the law itself on the as-of date (amended, possibly replaced).
    notices.push(...lawNoticesOn(packs, asOf));
    this.packInForce = packInForce;
    this.notices = notices;
    this.anyPackInForce = packs.some((pack) => packInForce.get(pack));

    // Uses of custom facts and operators that were not given: one typed error, before anything runs.
    const missing: MissingExtensionError['missing'] = [];
    const customFacts = options.extensions?.facts ?? {};
    for (const pack of packs) {
      for (const rule of pack.rules) {
        const uses = usesOf(rule, pack);
        for (const fact of uses.facts) if (!(fact.name in vocabulary.facts) && !hasOwn.call(FACT_CATALOG, fact.name)) missing.push({ packId: pack.meta.id, ruleId: rule.id, condition: fact.path, kind: 'fact', name: fact.name });
        for (const operator of uses.operators) if (!vocabulary.operators.has(operator.name)) missing.push({ packId: pack.meta.id, ruleId: rule.id, condition: operator.path, kind: 'operator', name: operator.name });
      }
    }
    if (missing.length > 0) throw new MissingExtensionError(missing);

    const inForce = (rule: Rule, pack: LoadedPack) => packInForce.get(pack) === true && inRange(asOf, rule.inForce?.from, rule.inForce?.to);
    // The version of each rule in force on the as-of date: the latest pack's, unless that pack or version is not in force.
    const choose = (ruleId: string, final: { rule: Rule; pack: LoadedPack; replaces?: string }): Chosen => {
      const chain: { rule: Rule; pack: LoadedPack }[] = [];
      for (const pack of packs) {
        const rule = pack.rules.find((r) => r.id === ruleId);
        if (rule && (chain.length === 0 || rule.override)) chain.push({ rule, pack });
      }
      for (let i = chain.length - 1; i >= 0; i--) {
        const { rule, pack } = chain[i]!;
        if (inForce(rule, pack)) return { rule, pack, ...(i > 0 ? { replaces: chain[i - 1]!.pack.meta.id } : {}), inForce: true };
      }
      return { ...final, inForce: false };
    };
    const packById = new Map(packs.map((p) => [p.meta.id, p]));
    const accountKinds = options.accountKinds ? new Set(options.accountKinds) : undefined;
    const accounted = (kind: SubjectKind) => !accountKinds || accountKinds.has(kind);
    const chosen: Chosen[] = plan.rules.map((planned) => choose(planned.rule.id, planned));
    const disabled: Report['disabled'] = [];
    const disabledAccounts: RuleAccount[] = [];
    for (const entry of plan.disabled) {
      // A pack switches a rule off only while it is in force itself.
      if (!packInForce.get(packById.get(entry.by)!)) {
        chosen.push(choose(entry.rule.id, entry));
        continue;
      }
      disabled.push({ ruleId: entry.rule.id, packId: entry.pack.meta.id, by: entry.by, reason: entry.reason });
      if (!accounted(entry.rule.subject)) continue;
      disabledAccounts.push({
        ruleId: entry.rule.id,
        packId: entry.pack.meta.id,
        title: entry.rule.title,
        subject: entry.rule.subject,
        severity: entry.rule.severity,
        citation: renderCitation(entry.pack, entry.rule.citation).text,
        outcome: 'disabled',
        disabled: { by: entry.by, reason: entry.reason },
        subjects: { evaluated: 0, applicable: 0, found: 0 },
      });
    }
    this.disabled = disabled;
    this.overrides = plan.overrides.filter((o) =>
      o.kind === 'parameter' ? packInForce.get(packById.get(o.by)!) === true : chosen.some((c) => c.inForce && c.rule.id === o.id && c.pack.meta.id === o.by),
    );

    const groups = new Map<string, { pack: LoadedPack; kind: SubjectKind; rules: Rule[]; accounts: (RuleAccount | undefined)[] }>();
    for (const c of chosen) {
      let account: RuleAccount | undefined;
      if (accounted(c.rule.subject)) {
        account = {
          ruleId: c.rule.id,
          packId: c.pack.meta.id,
          ...(c.replaces ? { replaces: c.replaces } : {}),
          title: c.rule.title,
          subject: c.rule.subject,
          severity: c.rule.severity,
          citation: renderCitation(c.pack, c.rule.citation).text,
          outcome: c.inForce ? 'not-applicable' : 'not-in-force',
          subjects: { evaluated: 0, applicable: 0, found: 0 },
        };
        this.accounts.set(c.rule.id, account);
      }
      if (!c.inForce) continue;
      this.rulesById.set(c.rule.id, c.rule);
      // Runs are grouped by (pack, subject kind): a pack's rules read that pack's parameters and lookups.
      const key = `${c.pack.meta.id}\u0000${c.rule.subject}`;
      const group = groups.get(key) ?? { pack: c.pack, kind: c.rule.subject, rules: [], accounts: [] };
      group.rules.push(c.rule);
      group.accounts.push(account);
      groups.set(key, group);
    }
    for (const account of disabledAccounts) this.accounts.set(account.ruleId, account);
    for (const group of groups.values()) {
      // On the as-of date a parameter is resolved once per group (a gap is an error every time it is read).
      const onAsOf = new Map<string, { value: unknown; packId: string }>();
      const parameter = (id: string) => {
        let answer = onAsOf.get(id);
        if (!answer) onAsOf.set(id, (answer = this.parameterAt(group.pack, id, asOf)));
        return answer;
      };
      const full: RuleGroup = { ...group, parameter, parameterAt: (id, on) => this.parameterAt(group.pack, id, on) };
      this.groupList.push(full);
      this.byKind.set(group.kind, [...(this.byKind.get(group.kind) ?? []), full]);
      for (const rule of group.rules) {
        for (const { name } of usesOf(rule, group.pack).facts) {
          if (!hasOwn.call(customFacts, name)) continue;
          const fact = customFacts[name]!;
          if (fact.subjects !== 'all' && !fact.subjects.includes(group.kind)) continue;
          const list = this.customByKind.get(group.kind) ?? [];
          if (!list.some((c) => c.name === name)) list.push({ name, fact, packId: group.pack.meta.id, ruleId: rule.id });
          this.customByKind.set(group.kind, list);
        }
      }
    }
  }

  /** Open a session: load and combine the packs, gate them on the as-of date, check the extensions. Throws PackError, MissingExtensionError. */
  static open(options: SessionOptions): EvaluationSession {
    return new EvaluationSession(options);
  }

  /** Every group of rules in force, in pack and rule order. */
  get groups(): readonly RuleGroup[] {
    return this.groupList;
  }

  /**
   * Unknown is unknown: the rules in force that read what this fund's source
   * does not carry, or presuppose a registration it never had (see
   * unknowns.ts). Each is recorded as not applicable on its account, with why;
   * the driver skips them for this fund ({@link EvaluationSession.without}).
   * `supplied` names fields the driver provides itself (a register's rows).
   */
  unknownRulesFor(fund: Fund, supplied: readonly string[] = []): Map<string, NotApplicableBecause> {
    const source = supplied.length === 0 || !fund.unknowns ? fund : { ...fund, unknowns: fund.unknowns.filter((u) => !supplied.includes(u.field)) };
    const unknown = rulesNotApplicable(source, this.groupList.flatMap((g) => g.rules.map((rule) => ({ rule, lookups: g.pack.lookups }))), this.asOf);
    for (const [ruleId, because] of unknown) {
      const account = this.accounts.get(ruleId);
      if (account) (account.notApplicable ??= []).push({ fundId: fund.id, ...because });
    }
    return unknown;
  }

  /** The groups less the rules skipped for one fund (their accounts stay in step with their rules). */
  static without(groups: readonly RuleGroup[], skip: ReadonlyMap<string, unknown>): readonly RuleGroup[] {
    if (skip.size === 0) return groups;
    return groups.flatMap((group) => {
      const keep = group.rules.flatMap((rule, i) => (skip.has(rule.id) ? [] : [i]));
      if (keep.length === group.rules.length) return [group];
      if (keep.length === 0) return [];
      return [{ ...group, rules: keep.map((i) => group.rules[i]!), accounts: keep.map((i) => group.accounts[i]) }];
    });
  }

  /** The groups of rules in force for one subject kind. */
  groupsFor(kind: SubjectKind): readonly RuleGroup[] {
    return this.byKind.get(kind) ?? [];
  }

  /**
   * A dated parameter as a pack's rules read it on a date: an overriding
   * pack's value while that pack is in force on that date, else the pack's
   * own. The place for event-date thresholds (a first subscription's date).
   */
  parameterAt(pack: LoadedPack, id: string, on: CalendarDate, whenNone: 'error' | 'null' = 'error'): { value: unknown; packId: string } {
    // An overriding pack decides while it is in force and has a value on that date; else the rule's own pack.
    const override = this.plan.parameterOverrides.get(id);
    if (override && inRange(on, override.pack.meta.inForce.from, override.pack.meta.inForce.to)) {
      const dated = datedValue(override.pack, id, on);
      if (dated) return { value: dated.value, packId: override.pack.meta.id };
    }
    const owner = pack.parameters.some((p) => p.id === id) || !override ? pack : override.pack;
    // On the as-of date a gap is a pack problem (an error, never a guess); on an event's date before any
    // value (the notice not yet in force) the answer is null.
    if (whenNone === 'null') return { value: datedValue(owner, id, on)?.value ?? null, packId: owner.meta.id };
    return { value: parameterValue(owner, id, on), packId: owner.meta.id };
  }

  /** Every date at which {@link parameterAt}'s answer for a parameter of a pack can change: where a value, or the overriding pack, starts or ends. */
  private cutsOf(pack: LoadedPack, id: string): CalendarDate[] {
    const cuts: CalendarDate[] = [];
    const add = (date: CalendarDate | undefined) => {
      if (date !== undefined) cuts.push(date);
    };
    const override = this.plan.parameterOverrides.get(id);
    for (const source of override ? [pack, override.pack] : [pack]) {
      for (const value of source.parameters.find((p) => p.id === id)?.values ?? []) {
        add(value.from);
        add(value.to);
      }
    }
    if (override) {
      add(override.pack.meta.inForce.from);
      add(override.pack.meta.inForce.to);
    }
    return [...new Set(cuts)].sort();
  }

  /** The run context of a group for one subject's facts. */
  context(group: RuleGroup, facts: Record<string, unknown>): RunContext {
    const { read, event } = this.eventBound(group);
    return { pack: group.pack, facts, asOf: this.asOf, parameter: read, parameterAt: group.parameterAt, ...(event ? { eventBound: event } : {}), operators: this.operators };
  }

  /**
   * Parameters as a group's subjects read them: one marked `readOn:
   * first-subscription` is read on the date of the unitholder's first
   * subscription (the definitions and thresholds in force when it was made;
   * `null` when no value covers that date, i.e. the notice was not yet in
   * force), every other one on the as-of date. The runner passes the facts it
   * evaluates, so the compiled evaluator never folds such a parameter into a
   * constant: reading the subject's date marks it per subject.
   */
  private eventBound(group: RuleGroup): { read: RunContext['parameter']; event?: EventBoundParameters } {
    if (group.kind !== 'unitholder') return { read: group.parameter };
    const known = this.eventBoundReaders.get(group.pack);
    if (known) return known;
    const bound = new Set(group.pack.parameters.filter((p) => p.readOn === 'first-subscription').map((p) => p.id));
    for (const [id, o] of this.plan.parameterOverrides) if (o.parameter.readOn === 'first-subscription') bound.add(id);
    if (bound.size === 0) {
      const none = { read: group.parameter };
      this.eventBoundReaders.set(group.pack, none);
      return none;
    }
    // Which answer a date gets depends only on how it compares with the dates where a value, or the
    // overriding pack, starts or ends (parameterAt asks nothing else of it): between two such dates, and
    // on each of them, the answer is one, resolved once and handed to every holder as the same object.
    const segments = new Map<string, DateSegments>();
    for (const id of bound) segments.set(id, new DateSegments(this.cutsOf(group.pack, id), (on) => this.parameterAt(group.pack, id, on, 'null')));
    // Usually one parameter is event-bound: compared as a string, which is quicker than asking the set.
    const onlyBound = bound.size === 1 ? [...bound][0] : undefined;
    const isBound = (id: string) => id === onlyBound || (onlyBound === undefined && bound.has(id));
    // The answer just given, and the dates it holds for.
    let lastId: string | undefined;
    let lastSegments: DateSegments | undefined;
    const on = (id: string, date: unknown) => {
      // Most holders' dates fall where the one before fell.
      if (lastId === id && lastSegments!.holds(date as CalendarDate)) return lastSegments!.answer!;
      lastId = id;
      lastSegments = segments.get(id)!;
      return lastSegments.on(date as CalendarDate);
    };
    const read: RunContext['parameter'] = (id, facts) => {
      // Only an event-bound parameter reads the subject (so the others stay constant for every subject).
      if (!facts || !isBound(id)) return group.parameter(id);
      // FIRST_SUBSCRIPTION_DATE's fact and path, written out (this runs once per holder).
      const date = (facts['unitholder'] as UnitholderFacts | undefined)?.firstSubscription?.date;
      return date === undefined ? group.parameter(id) : on(id, date);
    };
    const answer = { read, event: { bound: isBound, ...FIRST_SUBSCRIPTION_DATE, on } };
    this.eventBoundReaders.set(group.pack, answer);
    return answer;
  }

  /** The names of the custom facts the rules of a kind read (computed per subject). */
  customFactNames(kind: SubjectKind): string[] {
    return (this.customByKind.get(kind) ?? []).map((c) => c.name);
  }

  /**
   * The facts a subject is evaluated on: `fund`, `asOf`, the subject's own
   * facts, and the custom facts its kind's rules read. A custom fact that
   * throws or returns a Promise is a RuleEvaluationError naming it.
   */
  factsOf(kind: SubjectKind, fund: FundFacts, subjectFacts: Readonly<Record<string, unknown>>, pointer: string): Record<string, unknown> {
    const facts: Record<string, unknown> = { fund, asOf: this.asOf, ...subjectFacts };
    const custom = this.customByKind.get(kind);
    if (!custom) return facts;
    const frozen = Object.freeze({ ...facts });
    for (const { name, fact, packId, ruleId } of custom) {
      const where = { packId, ruleId, subject: pointer, extension: { kind: 'fact' as const, name } };
      let value: unknown;
      try {
        value = fact.compute({ fund: fund as unknown as Record<string, unknown>, facts: frozen, asOf: this.asOf });
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new RuleEvaluationError({ ...where, reason: `the fact threw ${reason}` }, { cause: error });
      }
      if (isThenable(value)) {
        quietly(value);
        throw new RuleEvaluationError({ ...where, reason: 'the fact returned a Promise; custom facts are synchronous (compute the value before evaluating)' });
      }
      facts[name] = value;
    }
    return facts;
  }

  /** An error met while evaluating a group on a subject, typed and located. */
  locate(error: unknown, group: RuleGroup, pointer: string): unknown {
    if (error instanceof RuleEvaluationError) return error.with({ packId: group.pack.meta.id, subject: pointer });
    if (error instanceof PackError || error instanceof EvaluationIncompleteError || error instanceof MissingExtensionError) return error;
    const reason = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
    return new RuleEvaluationError({ packId: group.pack.meta.id, subject: pointer, reason }, { cause: error });
  }

  /** Completeness: every rule of the group has exactly one verdict, or the evaluation is an error. */
  private complete(group: RuleGroup, verdicts: Map<string, RuleVerdict>, pointer: string): Map<string, RuleVerdict> {
    const missing = group.rules.map((r) => r.id).filter((id) => !verdicts.has(id));
    if (missing.length > 0 || verdicts.size !== group.rules.length) {
      throw new EvaluationIncompleteError(missing, `${this.runner.name} gave no verdict for ${missing.join(', ') || 'some rules'} on ${pointer}`);
    }
    return verdicts;
  }

  /** The verdicts of a group's rules on one subject, with the session's runner. */
  async verdicts(group: RuleGroup, facts: Record<string, unknown>, pointer: string): Promise<Map<string, RuleVerdict>> {
    let verdicts: Map<string, RuleVerdict>;
    try {
      verdicts = await this.runner.run(group.rules, this.context(group, facts));
    } catch (error) {
      throw this.locate(error, group, pointer);
    }
    return this.complete(group, verdicts, pointer);
  }

  /** {@link verdicts}, synchronously, with the compiled evaluator (pre-trade checks). */
  verdictsSync(group: RuleGroup, facts: Record<string, unknown>, pointer: string): Map<string, RuleVerdict> {
    let verdicts: Map<string, RuleVerdict>;
    try {
      verdicts = runCompiledSync(group.rules, this.context(group, facts));
    } catch (error) {
      throw this.locate(error, group, pointer);
    }
    return this.complete(group, verdicts, pointer);
  }

  /** A group's rules specialised to one fund's constant facts, for many subjects of its kind (compiled only). */
  specialize(group: RuleGroup, fund: FundFacts): SpecializedRules {
    return specializeRules(group.rules, { context: this.context(group, { fund, asOf: this.asOf }), subjectFacts: [...subjectFactNames(group.kind), ...this.customFactNames(group.kind)] });
  }

  /**
   * The findings of one group's rules on every subject of its kind in one
   * fund, counted. With the compiled evaluator the rules are specialised to
   * the fund once (what reads only fund-level facts is evaluated once) and
   * each subject costs only its own comparisons; other runners go subject by
   * subject. Both give what {@link evaluateGroup} gives subject by subject.
   */
  async evaluateSubjects(full: RuleGroup, subjects: readonly Subject[], fund: FundFacts): Promise<Finding[]> {
    const findings: Finding[] = [];
    if (subjects.length === 0) return findings;
    if (!this.compiled) {
      for (const subject of subjects) for (const finding of await this.evaluateGroup(full, subject, fund)) findings.push(finding);
      return findings;
    }
    const group = full;
    if (group.rules.length === 0) return findings;
    const specialized = this.specialize(group, fund);
    const n = group.rules.length;
    const out = new Uint8Array(n);
    const custom = this.customByKind.has(group.kind);
    // Outcomes tallied per rule here and added to the accounts once (what count() would add, subject by subject).
    const tally = new Uint32Array(n * 3);
    try {
      for (const subject of subjects) {
        const facts = custom ? this.factsOf(group.kind, fund, subject.facts, subject.identity.pointer) : subject.facts;
        let found: number;
        try {
          found = specialized.outcomes(facts, out);
        } catch (error) {
          throw this.locate(error, group, subject.identity.pointer);
        }
        this.requireVerdicts(group, out, subject.identity.pointer);
        for (let i = 0; i < n; i++) tally[i * 3 + out[i]!]!++;
        if (found === 0) continue;
        for (let i = 0; i < n; i++) {
          if (out[i] !== RULE_OUTCOME.found) continue;
          let verdict: Pick<RuleVerdict, 'evidence' | 'decidedBy'>;
          try {
            verdict = specialized.explain(i, facts);
          } catch (error) {
            throw this.locate(error, group, subject.identity.pointer);
          }
          findings.push(this.finding(group, group.rules[i]!, subject.identity, verdict, fieldsOf(verdict.decidedBy ?? [], subject)));
        }
      }
    } finally {
      this.addTally(group, tally);
    }
    return findings;
  }

  /**
   * Every rule of a group gave a verdict on a subject (its outcome codes, of
   * RULE_OUTCOME); else the completeness invariant is broken, never a silent
   * pass: an EvaluationIncompleteError naming the first rule without one.
   */
  requireVerdicts(group: RuleGroup, codes: Uint8Array, pointer: string): void {
    const missing = this.firstWithoutVerdict(group, codes);
    if (missing < 0) return;
    const id = group.rules[missing]!.id;
    throw new EvaluationIncompleteError([id], `${this.runner.name} gave no verdict for ${id} on ${pointer}`);
  }

  /** The first rule of a group without a verdict in `codes`, or -1: the check of {@link requireVerdicts}, for callers that make the subject's pointer only when it fails. */
  firstWithoutVerdict(group: RuleGroup, codes: Uint8Array): number {
    const n = group.rules.length;
    for (let i = 0; i < n; i++) if (codes[i] === RULE_OUTCOME.noVerdict) return i;
    return -1;
  }

  /**
   * Outcome codes tallied per rule (`tally[rule * 3 + code]`, codes of
   * RULE_OUTCOME) added to the group's rule accounts, as {@link count} adds
   * them subject by subject; the tally is emptied.
   */
  addTally(group: RuleGroup, tally: Uint32Array): void {
    group.accounts.forEach((account, i) => {
      if (!account) return;
      const passed = tally[i * 3 + RULE_OUTCOME.passed]!;
      const found = tally[i * 3 + RULE_OUTCOME.found]!;
      account.subjects.evaluated += tally[i * 3 + RULE_OUTCOME.notApplicable]! + passed + found;
      account.subjects.applicable += passed + found;
      account.subjects.found += found;
    });
    tally.fill(0);
  }

  /** Count one rule's outcome on one subject in its account. */
  count(group: RuleGroup, index: number, outcome: RuleVerdict['outcome']): void {
    const account = group.accounts[index];
    if (!account) return;
    account.subjects.evaluated += 1;
    if (outcome === 'not-applicable') return;
    account.subjects.applicable += 1;
    if (outcome === 'found') account.subjects.found += 1;
  }

  /** The finding of a `found` verdict (status `violation`; waivers apply after), located by `fields`. */
  finding(group: RuleGroup, rule: Rule, identity: SubjectIdentity, verdict: Pick<RuleVerdict, 'evidence' | 'decidedBy'>, fields: string[]): Finding {
    const { pack } = group;
    const evidence = verdict.evidence ?? [];
    const decidedBy = verdict.decidedBy ?? [];
    const finding: Finding = {
      ruleId: rule.id,
      packId: pack.meta.id,
      severity: rule.severity,
      status: 'violation',
      subject: identity,
      fields,
      title: rule.title,
      citation: renderCitation(pack, rule.citation),
      message: renderMessage(pack.messages[rule.message]!, evidence, identity, pack.labels),
      evidence,
      decidedBy,
      ...(rule.basis.length > 0 ? { basis: rule.basis.map((citation) => renderCitation(pack, citation)) } : {}),
    };
    if (rule.consequence) {
      finding.consequence = {
        message: renderMessage(pack.messages[rule.consequence.message]!, evidence, identity, pack.labels),
        citation: renderCitation(pack, rule.consequence.citation),
      };
    }
    return finding;
  }

  private collect(group: RuleGroup, subject: Subject, verdicts: Map<string, RuleVerdict>, counted: boolean, out: Finding[]): void {
    group.rules.forEach((rule, i) => {
      const verdict = verdicts.get(rule.id)!;
      if (counted) this.count(group, i, verdict.outcome);
      if (verdict.outcome === 'found') out.push(this.finding(group, rule, subject.identity, verdict, fieldsOf(verdict.decidedBy ?? [], subject)));
    });
  }

  /** The findings of one group's rules on one subject (counted in the accounts unless `counted: false`). */
  async evaluateGroup(full: RuleGroup, subject: Subject, fund: FundFacts, options: { counted?: boolean } = {}): Promise<Finding[]> {
    const group = full;
    const findings: Finding[] = [];
    const verdicts = await this.verdicts(group, this.factsOf(group.kind, fund, subject.facts, subject.identity.pointer), subject.identity.pointer);
    this.collect(group, subject, verdicts, options.counted !== false, findings);
    return findings;
  }

  /** The findings of every rule of a subject's kind, synchronously with the compiled evaluator (not counted: pre-trade checks). */
  subjectFindingsSync(subject: Subject, fund: FundFacts, skip: ReadonlyMap<string, unknown> = NO_RULES): Finding[] {
    const findings: Finding[] = [];
    for (const group of EvaluationSession.without(this.groupsFor(subject.kind), skip)) {
      const verdicts = this.verdictsSync(group, this.factsOf(group.kind, fund, subject.facts, subject.identity.pointer), subject.identity.pointer);
      this.collect(group, subject, verdicts, false, findings);
    }
    return findings;
  }

  /** The valid waivers given the findings against waiver subjects: a waiver with no finding against it is valid (§10). */
  coversOf(waivers: readonly Subject[], findings: readonly Finding[]): WaiverCover[] {
    const against = new Map<string, string[]>();
    for (const f of findings) if (f.subject.kind === 'waiver') against.set(f.subject.pointer, [...(against.get(f.subject.pointer) ?? []), f.ruleId]);
    return waivers.map((waiver) => {
      const { reference, ruleIds } = waiver.facts['waiver'] as { reference: string; ruleIds: string[] };
      const invalid = against.get(waiver.identity.pointer);
      return { reference, ruleIds, pointer: waiver.identity.pointer, ...(invalid ? { invalidBecause: invalid } : {}) };
    });
  }

  /** A fund's valid waivers, its waiver rules evaluated (uncounted) with the session's runner. */
  async validWaivers(waivers: readonly Subject[], fund: FundFacts): Promise<WaiverCover[]> {
    // (evaluateGroup applies the pre-check; waiver rules are not counted here.)
    const findings: Finding[] = [];
    for (const group of this.groupsFor('waiver')) for (const waiver of waivers) findings.push(...(await this.evaluateGroup(group, waiver, fund, { counted: false })));
    return this.coversOf(waivers, findings);
  }

  /**
   * Waivers (§10) over one fund's findings, in place: a valid waiver turns the
   * findings of the rules it names into `waived`, with its reference — never
   * removing them — unless no waiver can reach the finding (see
   * waivers.ts: a rule marked not waivable, a duty under another notice, an
   * investor in Thailand); an invalid waiver waives nothing. Either way a
   * finding of a named rule that stays a violation records why.
   * `domicileOf` gives an investor's domicile (for findings about holders).
   */
  applyWaivers(findings: readonly Finding[], covers: readonly WaiverCover[], domicileOf: (investorId: string) => string | undefined = () => undefined): void {
    if (covers.length === 0) return;
    for (const finding of findings) {
      if (finding.subject.kind === 'waiver' || finding.status !== 'violation') continue;
      for (const cover of covers) {
        if (!cover.ruleIds.includes(finding.ruleId)) continue;
        const reason = cover.invalidBecause ? invalidWaiverReason(cover.invalidBecause) : whyNotWaived(this.rulesById.get(finding.ruleId), finding, domicileOf);
        if (reason) {
          (finding.waiversNotApplied ??= []).push({ reference: cover.reference, pointer: cover.pointer, reason });
          continue;
        }
        finding.status = 'waived';
        finding.waiver = { reference: cover.reference, pointer: cover.pointer };
        break;
      }
    }
  }

  /** Every rule id of the packs evaluated (disabled ones included): what a waiver may name. */
  get knownRuleIds(): ReadonlySet<string> {
    return new Set([...this.plan.rules, ...this.plan.disabled].map((p) => p.rule.id));
  }

  /** The rule accounts with their outcomes decided from the counts (call once evaluation is over). */
  ruleAccounts(): RuleAccount[] {
    const rules = [...this.accounts.values()];
    for (const account of rules) {
      if (account.outcome === 'not-in-force' || account.outcome === 'disabled') continue;
      account.outcome = (account.subjects.found > 0 ? 'found' : account.subjects.applicable > 0 ? 'passed' : 'not-applicable') satisfies RuleOutcome;
    }
    return rules;
  }

  /** Counts of findings by severity (violations only, not waived). */
  static bySeverity(findings: readonly Pick<Finding, 'severity' | 'status'>[]): Record<Severity, number> {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const f of findings) if (f.status === 'violation') counts[f.severity]++;
    return counts;
  }

  /** The report summary, with the completeness invariant: rule outcomes add up to the number of rules. */
  summary(rules: readonly RuleAccount[], findings: readonly Finding[]): Report['summary'] {
    const count = (outcome: RuleOutcome) => rules.filter((r) => r.outcome === outcome).length;
    const summary = {
      rules: rules.length,
      passed: count('passed'),
      found: count('found'),
      notApplicable: count('not-applicable'),
      notInForce: count('not-in-force'),
      disabled: count('disabled'),
      findings: findings.length,
      bySeverity: EvaluationSession.bySeverity(findings),
      waived: findings.filter((f) => f.status === 'waived').length,
    };
    if (summary.passed + summary.found + summary.notApplicable + summary.notInForce + summary.disabled !== summary.rules) {
      throw new EvaluationIncompleteError([], 'rule outcomes do not add up to the number of rules');
    }
    return summary;
  }

  /** The report's account of each pack. */
  packAccounts(): PackAccount[] {
    return this.packs.map((pack) => ({
      id: pack.meta.id,
      version: pack.meta.version,
      notice: pack.meta.notice,
      title: pack.meta.title,
      inForce: { from: pack.meta.inForce.from, ...(pack.meta.inForce.to ? { to: pack.meta.inForce.to } : {}) },
      inForceOnAsOf: this.packInForce.get(pack)!,
      references: pack.references.map((r) => ({ notice: r.notice, effect: r.effect, meaning: r.meaning, citation: renderCitation(pack, r.citation).text })),
    }));
  }
}

import { parseCalendarDate, type CalendarDate } from '../model/calendar-date.js';
import { ComplianceInputError, EvaluationIncompleteError, type ValidationIssue } from '../model/errors.js';
import { evaluationInputSchema, type EvaluationInput, type FundComplianceInput } from '../model/input.js';
import type { Investor } from '../model/investor.js';
import type { PlannedRule } from '../packs/combine.js';
import { investorDefinitionsPack, type LoadedPack } from '../packs/load.js';
import { safeParseBounded, unsafeStructure } from '../packs/safety.js';
import type { PackInput, Severity, SubjectKind } from '../packs/schema.js';
import { renderCitation } from './citation.js';
import { vocabularyOf, type Extensions } from './extensions.js';
import { deriveFundFacts, deriveSubjects, type InvestorRecord, type Subject } from './facts.js';
import { investorCategory } from './investor-category.js';
import { findingOf, parameterResolver, preparePacks } from './pack-context.js';
import { inRange } from './pack-values.js';
import { referenceRunner } from './reference-runner.js';
import type { Finding, FundAccount, Report, RuleAccount, RuleOutcome } from './report.js';
import type { SubjectRunner } from './runner.js';

export interface EvaluateOptions {
  /** The date the law is applied as of: `YYYY-MM-DD` or `BE YYYY-MM-DD`. */
  asOf: string;
  /**
   * Packs to evaluate, in order; default: the built-in TorNor. 89/2558 pack.
   * Later packs add rules, override rules and parameters (`override: true`)
   * and disable rules (`disable` in pack.yaml, with a reason).
   */
  packs?: readonly (LoadedPack | PackInput)[];
  /** Preferred language of the report's readers (both languages are always included). */
  locale?: 'th' | 'en';
  /** The SEC investor-definition thresholds used to derive categories from profiles; default: the built-in pack. */
  investorDefinitions?: LoadedPack;
  /** Custom facts and operators the packs use (see `defineExtensions`). */
  extensions?: Extensions;
  /** How rule conditions are evaluated; default: json-rules-engine, the reference interpreter. */
  runner?: SubjectRunner;
}

export type SafeEvaluateResult = { ok: true; report: Report } | { ok: false; issues: ValidationIssue[] };

const SEVERITIES: readonly Severity[] = ['revocation-ground', 'order-ground', 'violation', 'warning', 'info'];


/** Each investor with its category, given or derived; an investor whose category cannot be decided is an input error. */
function investorRecords(investors: readonly Investor[], definitions: LoadedPack, asOf: CalendarDate): Map<string, InvestorRecord> {
  const records = new Map<string, InvestorRecord>();
  const issues: ValidationIssue[] = [];
  investors.forEach((investor, index) => {
    const decided = investorCategory(investor, definitions, ['investors', index], asOf);
    if (decided.ok) records.set(investor.id, { investor, index, basis: decided.basis });
    else issues.push(decided.issue);
  });
  if (issues.length > 0) throw new ComplianceInputError(issues);
  return records;
}

/**
 * §10-style waivers: a waiver with no finding against it is valid, and turns
 * the findings of the rules it covers into `waived` with its reference —
 * never removing them.
 */
function applyWaivers(findings: Finding[], fromIndex: number, waivers: readonly Subject[]): void {
  const invalid = new Set(findings.slice(fromIndex).filter((f) => f.subject.kind === 'waiver').map((f) => f.subject.pointer));
  for (const waiver of waivers) {
    if (invalid.has(waiver.identity.pointer)) continue;
    const { reference, ruleIds } = waiver.facts['waiver'] as { reference: string; ruleIds: string[] };
    for (const finding of findings.slice(fromIndex)) {
      if (finding.subject.kind !== 'waiver' && finding.status === 'violation' && ruleIds.includes(finding.ruleId)) {
        finding.status = 'waived';
        finding.waiver = { reference, pointer: waiver.identity.pointer };
      }
    }
  }
}

function parseInput(input: unknown): EvaluationInput {
  const unsafe = unsafeStructure(input);
  if (unsafe.length > 0) throw new ComplianceInputError(unsafe);
  const parsed = safeParseBounded(evaluationInputSchema, input);
  if (!parsed.success) throw new ComplianceInputError(parsed.issues);
  return parsed.data;
}

function parseAsOf(asOf: unknown): CalendarDate {
  const parsed = typeof asOf === 'string' ? parseCalendarDate(asOf) : { ok: false as const, reason: 'give the as-of date as "YYYY-MM-DD"' };
  if (!parsed.ok) throw new ComplianceInputError([{ path: ['asOf'], pointer: 'asOf', message: parsed.reason }], 'options');
  return parsed.date;
}



/** Custom facts computed for one subject, beside the built-in ones. */
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
 * Evaluate funds against rule packs as of a date. Throws
 * {@link ComplianceInputError} listing every bad field, {@link PackError} when
 * packs cannot be combined, and {@link EvaluationIncompleteError} if any
 * applicable rule produced no result. The input is never mutated.
 */
export async function evaluate(input: FundComplianceInput, options: EvaluateOptions): Promise<Report>;
/** Data of unknown shape (parsed from a file, a request): validated at run time, every bad field a {@link ComplianceInputError} issue. */
export async function evaluate(input: unknown, options: EvaluateOptions): Promise<Report>;
export async function evaluate(input: unknown, options: EvaluateOptions): Promise<Report> {
  const asOf = parseAsOf(options?.asOf);
  if (options.locale !== undefined && options.locale !== 'th' && options.locale !== 'en') throw new ComplianceInputError([{ path: ['locale'], pointer: 'locale', message: `expected "th" or "en", not ${JSON.stringify(options.locale)}`, code: 'invalid_value', detail: { code: 'invalid_value', values: ['th', 'en'] } }], 'options');
  const data = parseInput(input);
  const runner = options.runner ?? referenceRunner;
  const vocabulary = vocabularyOf(options.extensions);
  const { packs, plan, packInForce, notices } = preparePacks(options.packs, options.extensions, asOf);
  void vocabulary; // validates the extensions' names up front
  const investors = investorRecords(data.investors, options.investorDefinitions ?? investorDefinitionsPack(), asOf);
  const customOperators = new Map(Object.entries(options.extensions?.operators ?? {}));


  const accounts = new Map<string, RuleAccount>();
  const active: PlannedRule[] = [];
  for (const planned of plan.rules) {
    const { rule, pack } = planned;
    const inForce = packInForce.get(pack)! && inRange(asOf, rule.inForce?.from, rule.inForce?.to);
    accounts.set(rule.id, {
      ruleId: rule.id,
      packId: pack.meta.id,
      ...(planned.replaces ? { replaces: planned.replaces } : {}),
      title: rule.title,
      subject: rule.subject,
      severity: rule.severity,
      citation: renderCitation(pack, rule.citation).text,
      outcome: inForce ? 'not-applicable' : 'not-in-force',
      subjects: { evaluated: 0, applicable: 0, found: 0 },
    });
    if (inForce) active.push(planned);
  }
  for (const { rule, pack, by, reason } of plan.disabled) {
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

  // Runs are grouped by (pack, subject kind): a pack's rules read that pack's parameters and lookups.
  const groups = new Map<string, { pack: LoadedPack; kind: SubjectKind; rules: PlannedRule[] }>();
  for (const planned of active) {
    const key = `${planned.pack.meta.id}\u0000${planned.rule.subject}`;
    const group = groups.get(key) ?? { pack: planned.pack, kind: planned.rule.subject, rules: [] };
    group.rules.push(planned);
    groups.set(key, group);
  }

  const findings: Finding[] = [];
  const funds: FundAccount[] = [];
  for (const [fundIndex, fund] of data.funds.entries()) {
    const fundFacts = deriveFundFacts(fund, asOf);
    const subjectsByKind = deriveSubjects(fund, fundIndex, investors, asOf);
    const fundFindingsBefore = findings.length;
    for (const { pack, kind, rules } of groups.values()) {
      const parameter = parameterResolver(plan, pack, asOf);
      for (const subject of subjectsByKind.get(kind) ?? ([] as Subject[])) {
        const facts = withCustomFacts({ fund: fundFacts, asOf, ...subject.facts }, kind, options.extensions, asOf);
        const verdicts = await runner.run(
          rules.map((p) => p.rule),
          { pack, facts, asOf, parameter, operators: customOperators },
        );
        // Completeness: every rule has exactly one verdict, or the evaluation is an error.
        const missing = rules.map((p) => p.rule.id).filter((id) => !verdicts.has(id));
        if (missing.length > 0 || verdicts.size !== rules.length) {
          throw new EvaluationIncompleteError(missing, `${runner.name} gave no verdict for ${missing.join(', ') || 'some rules'} on ${subject.identity.pointer}`);
        }
        for (const { rule } of rules) {
          const account = accounts.get(rule.id)!;
          const verdict = verdicts.get(rule.id)!;
          account.subjects.evaluated += 1;
          if (verdict.outcome === 'not-applicable') continue;
          account.subjects.applicable += 1;
          if (verdict.outcome === 'passed') continue;
          account.subjects.found += 1;
          findings.push(findingOf(pack, rule, subject, verdict));
        }
      }
    }
    applyWaivers(findings, fundFindingsBefore, subjectsByKind.get('waiver') ?? []);
    const subjectCounts: FundAccount['subjects'] = {};
    for (const [kind, list] of subjectsByKind) subjectCounts[kind] = list.length;
    const holding = new Set((subjectsByKind.get('unitholder') ?? []).map((s) => s.identity.investorId));
    funds.push({
      fundId: fund.id,
      names: fund.names,
      declaredType: fund.declaredType ?? null,
      findings: findings.length - fundFindingsBefore,
      subjects: subjectCounts,
      notYetHolding: fund.unitholders.map((h) => h.investorId).filter((id) => !holding.has(id)),
    });
  }

  const rules = [...accounts.values()];
  for (const account of rules) {
    if (account.outcome === 'not-in-force' || account.outcome === 'disabled') continue;
    account.outcome = account.subjects.found > 0 ? 'found' : account.subjects.applicable > 0 ? 'passed' : 'not-applicable';
  }
  const count = (outcome: RuleOutcome) => rules.filter((r) => r.outcome === outcome).length;
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, findings.filter((f) => f.severity === severity && f.status === 'violation').length])) as Record<Severity, number>;
  const summary = {
    rules: rules.length,
    passed: count('passed'),
    found: count('found'),
    notApplicable: count('not-applicable'),
    notInForce: count('not-in-force'),
    disabled: count('disabled'),
    findings: findings.length,
    bySeverity,
    waived: findings.filter((f) => f.status === 'waived').length,
  };
  if (summary.passed + summary.found + summary.notApplicable + summary.notInForce + summary.disabled !== summary.rules) {
    throw new EvaluationIncompleteError([], 'rule outcomes do not add up to the number of rules');
  }
  const anyPackInForce = packs.some((pack) => packInForce.get(pack));
  return {
    reportVersion: 1,
    asOf,
    locale: options.locale ?? 'en',
    status: !anyPackInForce ? 'not-in-force' : findings.some((f) => f.status === 'violation') ? 'findings' : 'no-findings',
    packs: packs.map((pack) => ({
      id: pack.meta.id,
      version: pack.meta.version,
      notice: pack.meta.notice,
      title: pack.meta.title,
      inForce: { from: pack.meta.inForce.from, ...(pack.meta.inForce.to ? { to: pack.meta.inForce.to } : {}) },
      inForceOnAsOf: packInForce.get(pack)!,
      references: pack.references.map((r) => ({ notice: r.notice, effect: r.effect, meaning: r.meaning, citation: renderCitation(pack, r.citation).text })),
    })),
    overrides: plan.overrides,
    disabled: plan.disabled.map((d) => ({ ruleId: d.rule.id, packId: d.pack.meta.id, by: d.by, reason: d.reason })),
    notices,
    summary,
    rules,
    funds,
    findings,
  };
}

/** Like {@link evaluate}, but bad input is returned as `{ ok: false, issues }` instead of thrown. */
export async function safeEvaluate(input: unknown, options: EvaluateOptions): Promise<SafeEvaluateResult> {
  try {
    return { ok: true, report: await evaluate(input, options) };
  } catch (error) {
    if (error instanceof ComplianceInputError) return { ok: false, issues: error.issues };
    throw error;
  }
}

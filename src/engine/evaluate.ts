import { ComplianceInputError, localizeIssues, type ValidationIssue } from '../model/errors.js';
import type { FundComplianceInput } from '../model/input.js';
import { parseLocale } from '../model/locale.js';
import type { LoadedPack } from '../packs/load.js';
import { investorDefinitionsPack } from '../packs/built-in.js';
import type { PackInput } from '../packs/schema.js';
import type { Extensions } from './extensions.js';
import { deriveFundFacts, deriveSubjects, type Subject } from './facts.js';
import type { Finding, FundAccount, Report } from './report.js';
import { checkEvaluationInput, decideInvestors, EvaluationSession, requireAsOf, type RunnerOption } from './session.js';
import { unknownWaiverRuleIds } from './waivers.js';
import { categoryUses, unconfirmedCategoryNotices } from './investor-category.js';

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
  /** Custom facts and operators the packs use (see `defineExtensions`); both are synchronous. */
  extensions?: Extensions;
  /**
   * How rule conditions are evaluated: `compiled` (default, the compiled
   * evaluator), `json-rules-engine` (the reference interpreter, opt-in and
   * far slower), or a runner object.
   */
  runner?: RunnerOption;
}

export type SafeEvaluateResult = { ok: true; report: Report } | { ok: false; issues: ValidationIssue[] };

/**
 * Evaluate funds against rule packs as of a date. Throws
 * {@link ComplianceInputError} listing every bad field, {@link PackError} when
 * packs cannot be combined, `MissingExtensionError` when a pack uses a custom
 * fact or operator not given, `RuleEvaluationError` when a rule cannot be
 * evaluated on a subject (naming pack, rule, subject and condition), and
 * {@link EvaluationIncompleteError} if any applicable rule produced no
 * result. The input is never mutated.
 */
export async function evaluate(input: FundComplianceInput, options: EvaluateOptions): Promise<Report>;
/** Data of unknown shape (parsed from a file, a request): validated at run time, every bad field a {@link ComplianceInputError} issue. */
export async function evaluate(input: unknown, options: EvaluateOptions): Promise<Report>;
export async function evaluate(input: unknown, options: EvaluateOptions): Promise<Report> {
  const asOf = requireAsOf(options?.asOf);
  const locale = parseLocale(options?.locale);
  const checked = checkEvaluationInput(input);
  if (!checked.ok) throw new ComplianceInputError(localizeIssues(checked.issues, locale));
  const data = checked.data;
  const session = EvaluationSession.open({ asOf, packs: options.packs, extensions: options.extensions, runner: options.runner });
  // Every waiver names rules of the packs evaluated (§10): an unknown rule id is an input error with its path.
  const waiverIssues = unknownWaiverRuleIds(data, session.knownRuleIds);
  if (waiverIssues.length > 0) throw new ComplianceInputError(waiverIssues);
  const definitions = options.investorDefinitions ?? investorDefinitionsPack();
  const { records: investors, issues } = decideInvestors(data.investors, definitions, asOf);
  if (issues.length > 0) throw new ComplianceInputError(issues);

  const findings: Finding[] = [];
  const funds: FundAccount[] = [];
  for (const [fundIndex, fund] of data.funds.entries()) {
    const fundFacts = deriveFundFacts(fund, asOf);
    const subjectsByKind = deriveSubjects(fund, fundIndex, investors, asOf);
    const fundFindingsBefore = findings.length;
    const unknownRules = session.unknownRulesFor(fund);
    for (const group of EvaluationSession.without(session.groups, unknownRules)) {
      for (const finding of await session.evaluateSubjects(group, subjectsByKind.get(group.kind) ?? ([] as Subject[]), fundFacts)) findings.push(finding);
    }
    const fundFindings = findings.slice(fundFindingsBefore);
    session.applyWaivers(fundFindings, session.coversOf(subjectsByKind.get('waiver') ?? [], fundFindings), (id) => investors.get(id)?.investor.domicile);
    const subjectCounts: FundAccount['subjects'] = {};
    for (const [kind, list] of subjectsByKind) subjectCounts[kind] = list.length;
    // Holders without units on the as-of date: subjects come in register order, one per holder that holds.
    const holders = subjectsByKind.get('unitholder') ?? [];
    const notYetHolding: string[] = [];
    let next = 0;
    for (const holder of fund.unitholders) {
      if (next < holders.length && holders[next]!.identity.investorId === holder.investorId) next++;
      else notYetHolding.push(holder.investorId);
    }
    funds.push({
      fundId: fund.id,
      names: fund.names,
      declaredType: fund.declaredType ?? null,
      findings: findings.length - fundFindingsBefore,
      subjects: subjectCounts,
      notYetHolding,
      ...(unknownRules.size > 0 ? { notApplicable: [...unknownRules].map(([ruleId, because]) => ({ ruleId, ...because })) } : {}),
    });
  }

  const rules = session.ruleAccounts();
  const summary = session.summary(rules, findings);
  return {
    reportVersion: 1,
    asOf,
    locale,
    status: !session.anyPackInForce ? 'not-in-force' : findings.some((f) => f.status === 'violation') ? 'findings' : 'no-findings',
    packs: session.packAccounts(),
    overrides: session.overrides,
    disabled: session.disabled,
    // Categories derived with investor-definition values that could not be confirmed say so.
    notices: [...session.notices, ...unconfirmedCategoryNotices(categoryUses(investors.values(), data.funds, asOf), definitions)],
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

import { formatDate, parseCalendarDate, type CalendarDate } from '../model/calendar-date.js';
import { ComplianceInputError, EvaluationIncompleteError, issuesFromZod, type ValidationIssue } from '../model/errors.js';
import { evaluationInputSchema, type EvaluationInput } from '../model/input.js';
import type { Investor } from '../model/investor.js';
import { investorDefinitionsPack, loadPackFromObject, tn89Pack, type LoadedPack } from '../packs/load.js';
import type { PackInput, Rule, Severity, SubjectKind } from '../packs/schema.js';
import { renderCitation } from './citation.js';
import { deriveFundFacts, deriveSubjects, fieldsOf, type InvestorRecord, type Subject } from './facts.js';
import { investorCategory } from './investor-category.js';
import { renderMessage } from './messages.js';
import { inRange } from './pack-values.js';
import { referenceRunner } from './reference-runner.js';
import type { Finding, FundAccount, Report, ReportNotice, RuleAccount, RuleOutcome } from './report.js';
import type { SubjectRunner } from './runner.js';

export interface EvaluateOptions {
  /** The date the law is applied as of: `YYYY-MM-DD` or `BE YYYY-MM-DD`. */
  asOf: string;
  /** Packs to evaluate; default: the built-in TorNor. 89/2558 pack. */
  packs?: readonly (LoadedPack | PackInput)[];
  /** Preferred language of the report's readers (both languages are always included). */
  locale?: 'th' | 'en';
  /** The SEC investor-definition thresholds used to derive categories from profiles; default: the built-in pack. */
  investorDefinitions?: LoadedPack;
  /** How rule conditions are evaluated; default: json-rules-engine, the reference interpreter. */
  runner?: SubjectRunner;
}

export type SafeEvaluateResult = { ok: true; report: Report } | { ok: false; issues: ValidationIssue[] };

const SEVERITIES: readonly Severity[] = ['revocation-ground', 'order-ground', 'violation', 'warning', 'info'];

function isLoaded(pack: LoadedPack | PackInput): pack is LoadedPack {
  return typeof (pack as LoadedPack).source === 'string' && Object.isFrozen(pack);
}

interface PreparedRule {
  rule: Rule;
  pack: LoadedPack;
}

/** Each investor with its category, given or derived; an investor whose category cannot be decided is an input error. */
function investorRecords(investors: readonly Investor[], definitions: LoadedPack): Map<string, InvestorRecord> {
  const records = new Map<string, InvestorRecord>();
  const issues: ValidationIssue[] = [];
  investors.forEach((investor, index) => {
    const decided = investorCategory(investor, definitions, ['investors', index]);
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
  const parsed = evaluationInputSchema.safeParse(input);
  if (!parsed.success) throw new ComplianceInputError(issuesFromZod(parsed.error));
  return parsed.data;
}

function parseAsOf(asOf: unknown): CalendarDate {
  const parsed = typeof asOf === 'string' ? parseCalendarDate(asOf) : { ok: false as const, reason: 'give the as-of date as "YYYY-MM-DD"' };
  if (!parsed.ok) throw new ComplianceInputError([{ path: ['asOf'], pointer: 'asOf', message: parsed.reason }], 'options');
  return parsed.date;
}

/**
 * Evaluate funds against rule packs as of a date. Throws
 * {@link ComplianceInputError} listing every bad field, and
 * {@link EvaluationIncompleteError} if any applicable rule produced no result.
 * The input is never mutated.
 */
export async function evaluate(input: unknown, options: EvaluateOptions): Promise<Report> {
  const asOf = parseAsOf(options?.asOf);
  const data = parseInput(input);
  const runner = options.runner ?? referenceRunner;
  const packs = (options.packs ?? [tn89Pack()]).map((pack) => (isLoaded(pack) ? pack : loadPackFromObject(pack)));
  const investors = investorRecords(data.investors, options.investorDefinitions ?? investorDefinitionsPack());

  const notices: ReportNotice[] = [];
  const accounts = new Map<string, RuleAccount>();
  const prepared: PreparedRule[] = [];
  for (const pack of packs) {
    const packInForce = inRange(asOf, pack.meta.inForce.from, pack.meta.inForce.to);
    if (!packInForce) {
      const from = pack.meta.inForce.from;
      notices.push({
        code: 'pack-not-in-force',
        packId: pack.meta.id,
        citation: renderCitation(pack, pack.meta.inForce.citation),
        message:
          asOf < from
            ? { th: `${pack.meta.notice.th} ยังไม่มีผลใช้บังคับ ณ วันที่ ${formatDate(asOf, 'th')} (ใช้บังคับตั้งแต่วันที่ ${formatDate(from, 'th')})`, en: `${pack.meta.notice.en} was not yet in force on ${formatDate(asOf, 'en')} (in force from ${formatDate(from, 'en')})` }
            : { th: `${pack.meta.notice.th} สิ้นผลใช้บังคับแล้ว ณ วันที่ ${formatDate(asOf, 'th')}`, en: `${pack.meta.notice.en} was no longer in force on ${formatDate(asOf, 'en')}` },
      });
    }
    for (const rule of pack.rules) {
      const key = `${pack.meta.id}/${rule.id}`;
      if (accounts.has(key)) throw new ComplianceInputError([{ path: ['packs'], pointer: 'packs', message: `rule ${key} is given twice (is a pack listed twice?)` }], 'options');
      const inForce = packInForce && inRange(asOf, rule.inForce?.from, rule.inForce?.to);
      accounts.set(key, {
        ruleId: rule.id,
        packId: pack.meta.id,
        title: rule.title,
        subject: rule.subject,
        severity: rule.severity,
        citation: renderCitation(pack, rule.citation).text,
        outcome: inForce ? 'not-applicable' : 'not-in-force',
        subjects: { evaluated: 0, applicable: 0, found: 0 },
      });
      if (inForce) prepared.push({ pack, rule });
    }
  }

  const findings: Finding[] = [];
  const funds: FundAccount[] = [];
  for (const [fundIndex, fund] of data.funds.entries()) {
    const fundFacts = deriveFundFacts(fund, asOf);
    const subjectsByKind = deriveSubjects(fund, fundIndex, investors, asOf);
    const fundFindingsBefore = findings.length;
    for (const pack of packs) {
      const packRules = prepared.filter((p) => p.pack === pack);
      const kinds = new Set<SubjectKind>(packRules.map((p) => p.rule.subject));
      for (const kind of kinds) {
        const rules = packRules.filter((p) => p.rule.subject === kind);
        for (const subject of subjectsByKind.get(kind) ?? ([] as Subject[])) {
          const facts = { fund: fundFacts, asOf, ...subject.facts };
          const verdicts = await runner.run(
            rules.map((p) => p.rule),
            { pack, facts, asOf },
          );
          // Completeness: every rule has exactly one verdict, or the evaluation is an error.
          const missing = rules.map((p) => p.rule.id).filter((id) => !verdicts.has(id));
          if (missing.length > 0 || verdicts.size !== rules.length) {
            throw new EvaluationIncompleteError(missing, `${runner.name} gave no verdict for ${missing.join(', ') || 'some rules'} on ${subject.identity.pointer}`);
          }
          for (const { rule } of rules) {
            const account = accounts.get(`${pack.meta.id}/${rule.id}`)!;
            const verdict = verdicts.get(rule.id)!;
            account.subjects.evaluated += 1;
            if (verdict.outcome === 'not-applicable') continue;
            account.subjects.applicable += 1;
            if (verdict.outcome === 'passed') continue;
            account.subjects.found += 1;
            const evidence = verdict.evidence ?? [];
            const decidedBy = verdict.decidedBy ?? [];
            const finding: Finding = {
              ruleId: rule.id,
              packId: pack.meta.id,
              severity: rule.severity,
              status: 'violation',
              subject: subject.identity,
              fields: fieldsOf(decidedBy, subject),
              title: rule.title,
              citation: renderCitation(pack, rule.citation),
              message: renderMessage(pack.messages[rule.message]!, evidence, subject.identity),
              evidence,
              decidedBy,
            };
            if (rule.consequence) {
              finding.consequence = {
                message: renderMessage(pack.messages[rule.consequence.message]!, evidence, subject.identity),
                citation: renderCitation(pack, rule.consequence.citation),
              };
            }
            findings.push(finding);
          }
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
    if (account.outcome === 'not-in-force') continue;
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
    findings: findings.length,
    bySeverity,
    waived: findings.filter((f) => f.status === 'waived').length,
  };
  if (summary.passed + summary.found + summary.notApplicable + summary.notInForce !== summary.rules) {
    throw new EvaluationIncompleteError([], 'rule outcomes do not add up to the number of rules');
  }
  const anyPackInForce = packs.some((pack) => inRange(asOf, pack.meta.inForce.from, pack.meta.inForce.to));
  return {
    reportVersion: 1,
    asOf,
    locale: options.locale ?? 'en',
    status: !anyPackInForce ? 'not-in-force' : findings.length > 0 ? 'findings' : 'no-findings',
    packs: packs.map((pack) => ({
      id: pack.meta.id,
      version: pack.meta.version,
      notice: pack.meta.notice,
      title: pack.meta.title,
      inForce: { from: pack.meta.inForce.from, ...(pack.meta.inForce.to ? { to: pack.meta.inForce.to } : {}) },
      inForceOnAsOf: inRange(asOf, pack.meta.inForce.from, pack.meta.inForce.to),
      references: pack.references.map((r) => ({ notice: r.notice, effect: r.effect, meaning: r.meaning, citation: renderCitation(pack, r.citation).text })),
    })),
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

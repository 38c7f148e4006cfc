import type { ValidationIssue } from '../model/errors.js';
import { formatPath } from '../model/errors.js';
import type { EvaluationInput } from '../model/input.js';
import type { Localized, Rule } from '../packs/schema.js';
import type { InvestorRecord, Subject, WaiverFacts } from './facts.js';
import type { Finding } from './report.js';

/** ISO 3166 code of Thailand: a unitholder domiciled there is an investor in Thailand. */
const THAILAND = 'TH';

/** Every waiver names rules of the packs evaluated: an unknown rule id is an input error with its path. */
export function unknownWaiverRuleIds(data: EvaluationInput, ruleIds: ReadonlySet<string>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  data.funds.forEach((fund, f) =>
    fund.waivers.forEach((waiver, w) =>
      waiver.ruleIds.forEach((id, r) => {
        if (ruleIds.has(id)) return;
        const path = ['funds', f, 'waivers', w, 'ruleIds', r];
        issues.push({ path, pointer: formatPath(path), message: `no rule "${id}" in the packs evaluated; a waiver names the ids of existing rules` });
      }),
    ),
  );
  return issues;
}

/** Why a waiver cannot reach a finding, or `undefined` when it can. */
export function whyNotWaived(rule: Rule | undefined, finding: Finding, investors: ReadonlyMap<string, InvestorRecord>): Localized | undefined {
  if (rule?.notWaivable) return rule.notWaivable;
  if (rule?.citation.notice) {
    return { th: `หน้าที่ตาม ${rule.citation.notice.th} ไม่อยู่ในขอบเขตการผ่อนผันตามประกาศนี้`, en: `a duty under ${rule.citation.notice.en} is outside what a waiver under this notice can reach` };
  }
  const investorId = finding.subject.investorId;
  if (investorId !== undefined && investors.get(investorId)?.investor.domicile === THAILAND) {
    return { th: `ผลการตรวจนี้เกี่ยวกับผู้ลงทุน ${investorId} ซึ่งมีภูมิลำเนาในประเทศไทย การผ่อนผันใช้ได้เฉพาะส่วนที่ไม่มีผลกระทบต่อผู้ลงทุนในประเทศไทย`, en: `the finding concerns investor ${investorId}, domiciled in Thailand; a waiver reaches only what does not affect investors in Thailand` };
  }
  return undefined;
}

/** A valid waiver and the rules it names. */
export interface WaiverCoverOf {
  reference: string;
  pointer: string;
  ruleIds: readonly string[];
}

/**
 * Turn the findings valid waivers name into `waived` (in place; the first
 * waiver that names the rule), unless no waiver reaches the finding
 * (`notWaived` gives the reason): then the finding stays a violation and
 * records, for each waiver naming its rule, why it did not apply. Shared by
 * every evaluation path so they cannot drift apart.
 */
export function applyWaiverCovers(findings: readonly Finding[], covers: readonly WaiverCoverOf[], notWaived: (finding: Finding) => Localized | undefined): void {
  if (covers.length === 0) return;
  for (const finding of findings) {
    if (finding.subject.kind === 'waiver' || finding.status !== 'violation') continue;
    const naming = covers.filter((c) => c.ruleIds.includes(finding.ruleId));
    if (naming.length === 0) continue;
    const reason = notWaived(finding);
    if (reason) {
      finding.waiversNotApplied = naming.map((c) => ({ reference: c.reference, pointer: c.pointer, reason }));
      continue;
    }
    finding.status = 'waived';
    finding.waiver = { reference: naming[0]!.reference, pointer: naming[0]!.pointer };
  }
}

/**
 * Waivers (§10) over one fund's findings: a waiver with no finding against it
 * is valid (an invalid one waives nothing; the findings against it say why)
 * and turns the findings of the rules it names into `waived`, with its
 * reference — never removing them — unless the finding is one no waiver
 * reaches ({@link whyNotWaived}), which then records why.
 */
export function applyWaivers(
  findings: Finding[],
  fromIndex: number,
  waivers: readonly Subject[],
  rules: ReadonlyMap<string, Rule>,
  investors: ReadonlyMap<string, InvestorRecord>,
): void {
  const fundFindings = findings.slice(fromIndex);
  const invalid = new Set(fundFindings.filter((f) => f.subject.kind === 'waiver').map((f) => f.subject.pointer));
  const covers: WaiverCoverOf[] = [];
  for (const waiver of waivers) {
    if (invalid.has(waiver.identity.pointer)) continue;
    const { reference, ruleIds } = waiver.facts['waiver'] as WaiverFacts;
    covers.push({ reference, ruleIds, pointer: waiver.identity.pointer });
  }
  applyWaiverCovers(fundFindings, covers, (finding) => whyNotWaived(rules.get(finding.ruleId), finding, investors));
}

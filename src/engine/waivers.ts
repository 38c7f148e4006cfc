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

/**
 * Waivers (§10) over one fund's findings: a waiver with no finding against it
 * is valid and turns the findings of the rules it names into `waived`, with
 * its reference — never removing them — unless the finding is one no waiver
 * reaches ({@link whyNotWaived}); an invalid waiver waives nothing. Either
 * way, a finding of a named rule that stays a violation records why.
 */
export function applyWaivers(
  findings: Finding[],
  fromIndex: number,
  waivers: readonly Subject[],
  rules: ReadonlyMap<string, Rule>,
  investors: ReadonlyMap<string, InvestorRecord>,
): void {
  const fundFindings = findings.slice(fromIndex);
  const invalid = new Map<string, Finding[]>();
  for (const f of fundFindings) if (f.subject.kind === 'waiver') invalid.set(f.subject.pointer, [...(invalid.get(f.subject.pointer) ?? []), f]);
  for (const waiver of waivers) {
    const { reference, ruleIds } = waiver.facts['waiver'] as WaiverFacts;
    const pointer = waiver.identity.pointer;
    const against = invalid.get(pointer);
    for (const finding of fundFindings) {
      if (finding.subject.kind === 'waiver' || finding.status !== 'violation' || !ruleIds.includes(finding.ruleId)) continue;
      const reason: Localized | undefined = against
        ? { th: `การผ่อนผันนี้ใช้ไม่ได้: ${against.map((f) => f.ruleId).join(', ')}`, en: `the waiver is not valid: ${against.map((f) => f.ruleId).join(', ')}` }
        : whyNotWaived(rules.get(finding.ruleId), finding, investors);
      if (reason) {
        (finding.waiversNotApplied ??= []).push({ reference, pointer, reason });
        continue;
      }
      finding.status = 'waived';
      finding.waiver = { reference, pointer };
    }
  }
}

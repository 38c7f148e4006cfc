import type { ValidationIssue } from '../model/errors.js';
import { formatPath } from '../model/errors.js';
import type { EvaluationInput } from '../model/input.js';
import type { Localized, Rule } from '../packs/schema.js';
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
export function whyNotWaived(rule: Rule | undefined, finding: Finding, domicileOf: (investorId: string) => string | undefined): Localized | undefined {
  if (rule?.notWaivable) return rule.notWaivable;
  if (rule?.citation.notice) {
    return { th: `หน้าที่ตาม ${rule.citation.notice.th} ไม่อยู่ในขอบเขตการผ่อนผันตามประกาศนี้`, en: `a duty under ${rule.citation.notice.en} is outside what a waiver under this notice can reach` };
  }
  const investorId = finding.subject.investorId;
  if (investorId !== undefined && domicileOf(investorId) === THAILAND) {
    return { th: `ผลการตรวจนี้เกี่ยวกับผู้ลงทุน ${investorId} ซึ่งมีภูมิลำเนาในประเทศไทย การผ่อนผันใช้ได้เฉพาะส่วนที่ไม่มีผลกระทบต่อผู้ลงทุนในประเทศไทย`, en: `the finding concerns investor ${investorId}, domiciled in Thailand; a waiver reaches only what does not affect investors in Thailand` };
  }
  return undefined;
}

/** Why an invalid waiver (findings against the waiver itself) waives nothing. */
export function invalidWaiverReason(ruleIds: readonly string[]): Localized {
  // Sorted: the reason must not depend on the order the rules were evaluated in.
  const ids = [...new Set(ruleIds)].sort().join(', ');
  return { th: `การผ่อนผันนี้ใช้ไม่ได้: ${ids}`, en: `the waiver is not valid: ${ids}` };
}

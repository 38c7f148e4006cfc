import { formatDate, formatValue, type Finding, type Report, type Severity } from '../index.js';

const SEVERITY_ORDER: readonly Severity[] = ['revocation-ground', 'order-ground', 'violation', 'warning', 'info'];
const SEVERITY_LABEL: Record<Severity, { th: string; en: string }> = {
  'revocation-ground': { th: 'เหตุเพิกถอน', en: 'REVOCATION GROUND' },
  'order-ground': { th: 'เหตุสั่งการ', en: 'ORDER GROUND' },
  violation: { th: 'ฝ่าฝืน', en: 'VIOLATION' },
  warning: { th: 'คำเตือน', en: 'WARNING' },
  info: { th: 'ข้อมูล', en: 'INFO' },
};

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  severity(severity: Severity, text: string): string;
}

export const plainStyle: Style = { bold: (t) => t, dim: (t) => t, severity: (_s, t) => t };

export const colourStyle: Style = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
  severity: (s, t) => {
    const code = s === 'revocation-ground' || s === 'violation' ? 31 : s === 'order-ground' || s === 'warning' ? 33 : 36;
    return `\u001b[${code}m${t}\u001b[39m`;
  },
};

function findingLines(finding: Finding, lang: 'th' | 'en', style: Style): string[] {
  const label = SEVERITY_LABEL[finding.severity][lang];
  const status = finding.status === 'waived' ? (lang === 'th' ? ' (ผ่อนผันแล้ว)' : ' (waived)') : '';
  const lines = [`  ${style.severity(finding.severity, label)}${status}  ${finding.citation.text[lang]}  ${style.dim(finding.ruleId)}`];
  lines.push(`    ${finding.message[lang]}`);
  const evidence = finding.evidence.map((e) => `${e.name}=${formatValue(e, lang)}`).join(', ');
  if (evidence) lines.push(style.dim(`    ${lang === 'th' ? 'หลักฐาน' : 'evidence'}: ${evidence}`));
  if (finding.consequence) lines.push(`    → ${finding.consequence.message[lang]} (${finding.consequence.citation.text[lang]})`);
  lines.push(style.dim(`    ${lang === 'th' ? 'ที่' : 'at'} ${finding.subject.pointer}`));
  return lines;
}

/** A report for a person: grouped by fund, most severe first. */
export function formatText(file: string, report: Report, lang: 'th' | 'en', style: Style): string {
  const out: string[] = [style.bold(`${file}`) + style.dim(`  (${lang === 'th' ? 'ณ วันที่' : 'as of'} ${formatDate(report.asOf, lang)})`)];
  for (const notice of report.notices) out.push(`  ${notice.message[lang]} (${notice.citation.text[lang]})`);
  for (const fund of report.funds) {
    const findings = report.findings
      .filter((f) => f.subject.fundId === fund.fundId)
      .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
    const name = fund.names[lang];
    out.push(`${style.bold(`${fund.fundId}`)} ${name}${fund.declaredType ? ` [${fund.declaredType}]` : ''}: ${findings.length === 0 ? (lang === 'th' ? 'ไม่พบประเด็น' : 'no findings') : `${findings.length} ${lang === 'th' ? 'ประเด็น' : findings.length === 1 ? 'finding' : 'findings'}`}`);
    for (const finding of findings) out.push(...findingLines(finding, lang, style));
  }
  const s = report.summary;
  out.push(
    style.dim(
      lang === 'th'
        ? `  กฎ ${s.rules} ข้อ: พบประเด็น ${s.found} ผ่าน ${s.passed} ไม่เกี่ยวข้อง ${s.notApplicable} ยังไม่มีผลใช้บังคับ ${s.notInForce}`
        : `  ${s.rules} rules: ${s.found} found, ${s.passed} passed, ${s.notApplicable} not applicable, ${s.notInForce} not in force`,
    ),
  );
  return out.join('\n');
}

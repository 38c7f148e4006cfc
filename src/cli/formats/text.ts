import { formatDate, formatValue, type Finding, type Severity } from '../../index.js';
import { failingCount, findingsOfFund, isFailing, problemLine, severityCounts, where, type CheckedFile, type CheckRun, type InputProblem, type LocatedFinding } from '../check-run.js';
import { printable } from '../io.js';
import { evidenceLabel } from '../evidence-labels.js';
import { SEVERITY_LABEL, SEVERITY_ORDER, thresholdText } from '../severity.js';

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

type Lang = 'th' | 'en';

function evidenceLine(finding: Finding, lang: Lang): string | undefined {
  const evidence = finding.evidence.map((e) => `${evidenceLabel(e, lang)}=${formatValue(e, lang)}`).join(', ');
  return evidence ? `${lang === 'th' ? 'หลักฐาน' : 'evidence'}: ${evidence}` : undefined;
}

function findingLines(file: string, { finding, pointer, location }: LocatedFinding, lang: Lang, style: Style): string[] {
  const label = SEVERITY_LABEL[finding.severity][lang];
  const status = finding.status === 'waived' ? (lang === 'th' ? ` (ผ่อนผันแล้ว ${finding.waiver?.reference ?? ''})` : ` (waived ${finding.waiver?.reference ?? ''})`) : '';
  const lines = [`  ${style.severity(finding.severity, label)}${status}  ${finding.citation.text[lang]}  ${style.dim(finding.ruleId)}`];
  lines.push(`    ${finding.message[lang]}`);
  const evidence = evidenceLine(finding, lang);
  if (evidence) lines.push(style.dim(`    ${evidence}`));
  if (finding.consequence) lines.push(`    → ${finding.consequence.message[lang]} (${finding.consequence.citation.text[lang]})`);
  lines.push(style.dim(`    ${lang === 'th' ? 'ที่' : 'at'} ${where(file, location)} (${pointer})`));
  return lines;
}

function fundHeading(file: CheckedFile, index: number, count: number, lang: Lang, style: Style): string {
  const fund = file.report.funds[index]!;
  const type = fund.declaredType ? ` [${fund.declaredType}]` : '';
  const tally = count === 0 ? (lang === 'th' ? 'ไม่พบประเด็น' : 'no findings') : `${count} ${lang === 'th' ? 'ประเด็น' : count === 1 ? 'finding' : 'findings'}`;
  return `${style.bold(fund.fundId)} ${fund.names[lang]}${type}: ${tally}`;
}

function ruleTally(file: CheckedFile, lang: Lang): string {
  const s = file.report.summary;
  const disabled = s.disabled > 0 ? (lang === 'th' ? ` ปิดใช้ ${s.disabled}` : `, ${s.disabled} disabled`) : '';
  return lang === 'th'
    ? `  กฎ ${s.rules} ข้อ: พบประเด็น ${s.found} ผ่าน ${s.passed} ไม่เกี่ยวข้อง ${s.notApplicable} ยังไม่มีผลใช้บังคับ ${s.notInForce}${disabled}`
    : `  ${s.rules} rules: ${s.found} found, ${s.passed} passed, ${s.notApplicable} not applicable, ${s.notInForce} not in force${disabled}`;
}

/** One file's report for a person: grouped by fund, most severe first. */
export function formatFileText(file: CheckedFile, lang: Lang, style: Style): string {
  const { report } = file;
  const out = [style.bold(file.file) + style.dim(`  (${lang === 'th' ? 'ณ วันที่' : 'as of'} ${formatDate(report.asOf, lang)})`)];
  for (const notice of report.notices) out.push(`  ${notice.message[lang]} (${notice.citation.text[lang]})`);
  report.funds.forEach((_fund, index) => {
    const findings = findingsOfFund(file, index);
    out.push(fundHeading(file, index, findings.length, lang, style));
    for (const located of findings) out.push(...findingLines(file.file, located, lang, style));
  });
  out.push(style.dim(ruleTally(file, lang)));
  return out.join('\n');
}

function totals(run: CheckRun): string {
  const { bySeverity, waived } = severityCounts(run);
  const lang = run.lang;
  const parts = SEVERITY_ORDER.filter((s) => bySeverity[s] > 0).map((s) => `${SEVERITY_LABEL[s][lang].toLowerCase()} ${bySeverity[s]}`);
  if (waived > 0) parts.push(`${lang === 'th' ? 'ผ่อนผันแล้ว' : 'waived'} ${waived}`);
  const failing = failingCount(run);
  const files = run.files.length;
  const problems = run.problems.length;
  const threshold = thresholdText(run.failOn, lang);
  if (lang === 'th') return `ตรวจ ${files} ไฟล์: ${parts.join(', ') || 'ไม่พบประเด็น'}; ถึงเกณฑ์ ${threshold}: ${failing}${problems > 0 ? `; ปัญหาของข้อมูลนำเข้า ${problems}` : ''}`;
  return `${files} file${files === 1 ? '' : 's'} checked: ${parts.join(', ') || 'no findings'}; at or above ${threshold}: ${failing}${problems > 0 ? `; input problems: ${problems}` : ''}`;
}

/**
 * A value with every string {@link printable}: a scheme file or a pack must not
 * drive the reader's terminal. Copy on write: what has no control character is
 * returned as it is, so a clean report is walked, never copied.
 */
function withoutControls<T>(value: T): T {
  if (typeof value === 'string') return (/[\u0000-\u001f\u007f-\u009f]/.test(value) ? printable(value) : value) as T;
  if (Array.isArray(value)) {
    const cleaned = value.map(withoutControls);
    return (cleaned.some((child, i) => child !== value[i]) ? cleaned : value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value);
    const cleaned = entries.map(([key, child]) => [key, withoutControls(child)] as const);
    return (cleaned.some(([, child], i) => child !== entries[i]![1]) ? Object.fromEntries(cleaned) : value) as T;
  }
  return value;
}

/** The input problems, one a line, before the reports: each file that could not be checked, each bad field. */
function problemsText(problems: readonly InputProblem[], lang: Lang, style: Style): string[] {
  if (problems.length === 0) return [];
  const heading = lang === 'th' ? `ตรวจไม่ได้ (ปัญหาของข้อมูลนำเข้า ${problems.length} รายการ):` : `Not checked (${problems.length} input problem${problems.length === 1 ? '' : 's'}):`;
  const lines = problems.flatMap((p) => [`  ${style.severity('violation', lang === 'th' ? 'ข้อผิดพลาด' : 'ERROR')}  ${problemLine(p)}`, ...(p.hint ? [style.dim(`    ${p.hint}`)] : [])]);
  return [[style.bold(heading), ...lines].join('\n')];
}

/** `--quiet`: only the findings that fail the check, under their file's name. */
function failingText(file: CheckedFile, run: CheckRun, style: Style): string[] {
  const failing = file.findings.filter((f) => isFailing(f.finding, run.failOn));
  if (failing.length === 0) return [];
  return [[style.bold(file.file), ...failing.flatMap((located) => findingLines(file.file, located, run.lang, style))].join('\n')];
}

/** The whole run for a person, with a closing tally; with `quiet`, only the input problems and the failing findings (nothing at all when there are none). */
export function formatText(run: CheckRun, style: Style, quiet = false): string {
  // Only what the text shows is cleaned: the problems and the files' reports, not the packs or the rule catalog.
  const clean: CheckRun = { ...run, problems: withoutControls(run.problems), files: withoutControls(run.files) };
  const problems = problemsText(clean.problems, clean.lang, style);
  if (quiet) {
    const failing = clean.files.flatMap((file) => failingText(file, clean, style));
    if (problems.length === 0 && failing.length === 0) return '';
    return `${[...problems, ...failing, style.bold(totals(clean))].join('\n\n')}\n`;
  }
  return `${[...problems, ...clean.files.map((file) => formatFileText(file, clean.lang, style)), style.bold(totals(clean))].join('\n\n')}\n`;
}

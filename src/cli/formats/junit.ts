import { formatDate, formatValue, type RuleOutcome } from '../../index.js';
import { isFailing, problemLine, ruleKey, where, type CheckedFile, type CheckRun, type InputProblem, type LocatedFinding } from '../check-run.js';
import type { RuleInfo } from '../packs.js';
import { evidenceLabel } from '../evidence-labels.js';
import { SEVERITY_LABEL, thresholdText } from '../severity.js';
import { attributes, escapeXml } from './xml.js';

/**
 * JUnit XML as CI systems render it: a <testsuite> per file, a <testcase> per
 * fund × rule. A finding at or above --fail-on is a <failure> citing the
 * clause; anything else passes, with a note in <system-out> for findings below
 * the threshold, waived findings, and rules that do not apply or are not in
 * force (never <skipped>: a skipped case reads as a defect).
 */

type Lang = 'th' | 'en';

interface Case {
  classname: string;
  name: string;
  file: string;
  line?: number;
  failure?: { message: string; type: string; body: string };
  notes: string[];
}

function findingText(file: string, { finding, pointer, location }: LocatedFinding, lang: Lang): string {
  const lines = [`[${SEVERITY_LABEL[finding.severity][lang]}] ${finding.message[lang]}`, finding.citation.text[lang]];
  if (finding.citation.clauseText) lines.push(finding.citation.clauseText);
  if (finding.citation.reading) lines.push(finding.citation.reading);
  const evidence = finding.evidence.map((e) => `${evidenceLabel(e, lang)} = ${formatValue(e, lang)}`).join('; ');
  if (evidence) lines.push(`${lang === 'th' ? 'หลักฐาน' : 'evidence'}: ${evidence}`);
  if (finding.consequence) lines.push(`→ ${finding.consequence.message[lang]} (${finding.consequence.citation.text[lang]})`);
  lines.push(`${lang === 'th' ? 'ที่' : 'at'} ${where(file, location)} (${pointer})`);
  return lines.join('\n');
}

function outcomeNote(outcome: RuleOutcome | undefined, info: RuleInfo, run: CheckRun): string | undefined {
  const lang = run.lang;
  if (info.disabled) return lang === 'th' ? `ปิดใช้โดยชุดกฎ ${info.disabled.by}: ${info.disabled.reason.th}` : `Disabled by pack ${info.disabled.by}: ${info.disabled.reason.en}`;
  if (outcome === 'not-applicable') return lang === 'th' ? 'ไม่ใช้กับกองทุนนี้ (ไม่ได้ตรวจ)' : 'Not applicable to this fund (nothing to check).';
  if (outcome === 'not-in-force') return lang === 'th' ? `ไม่มีผลใช้บังคับ ณ วันที่ ${formatDate(run.asOf, 'th')}` : `Not in force on ${formatDate(run.asOf, 'en')}.`;
  return undefined;
}

function belowThresholdNote(file: string, located: LocatedFinding, run: CheckRun): string {
  const { finding } = located;
  const why =
    finding.status === 'waived'
      ? run.lang === 'th' ? `ผ่อนผันแล้ว (${finding.waiver?.reference ?? ''})` : `Waived (${finding.waiver?.reference ?? ''})`
      : run.lang === 'th' ? `ต่ำกว่าเกณฑ์ ${thresholdText(run.failOn, 'th')}` : `Below ${thresholdText(run.failOn, 'en')}`;
  return `${why}:\n${findingText(file, located, run.lang)}`;
}

function testCase(file: CheckedFile, fundIndex: number, info: RuleInfo, run: CheckRun): Case {
  const fund = file.report.funds[fundIndex]!;
  const key = ruleKey(info.pack.meta.id, info.rule.id);
  const findings = file.findings.filter((f) => f.fundIndex === fundIndex && ruleKey(f.finding.packId, f.finding.ruleId) === key);
  const failing = findings.filter((f) => isFailing(f.finding, run.failOn));
  const others = findings.filter((f) => !isFailing(f.finding, run.failOn));
  const notes = others.map((f) => belowThresholdNote(file.file, f, run));
  if (findings.length === 0) {
    const note = outcomeNote(file.fundOutcomes?.[fundIndex]?.get(key), info, run);
    if (note) notes.push(note);
  }
  const first = failing[0];
  return {
    classname: fund.fundId,
    name: `${info.rule.id}: ${info.rule.title[run.lang]}`,
    file: file.file,
    ...(findings[0]?.location ? { line: findings[0].location.line } : {}),
    ...(first
      ? {
          failure: {
            message: failing.length === 1 ? first.finding.message[run.lang] : run.lang === 'th' ? `${failing.length} ประเด็น; ประเด็นแรก: ${first.finding.message.th}` : `${failing.length} findings; the first: ${first.finding.message.en}`,
            type: first.finding.severity,
            body: failing.map((f) => findingText(file.file, f, run.lang)).join('\n\n'),
          },
        }
      : {}),
    notes,
  };
}

function caseXml(c: Case): string {
  const open = `    <testcase${attributes({ classname: c.classname, name: c.name, file: c.file, line: c.line, time: '0' })}`;
  const children: string[] = [];
  if (c.failure) children.push(`      <failure${attributes({ message: c.failure.message, type: c.failure.type })}>${escapeXml(c.failure.body)}</failure>`);
  if (c.notes.length > 0) children.push(`      <system-out>${escapeXml(c.notes.join('\n\n'))}</system-out>`);
  return children.length === 0 ? `${open}/>` : `${open}>\n${children.join('\n')}\n    </testcase>`;
}

function suiteXml(file: CheckedFile, run: CheckRun): { xml: string; tests: number; failures: number } {
  const cases = file.report.funds.flatMap((_fund, index) => run.rules.map((info) => testCase(file, index, info, run)));
  const failures = cases.filter((c) => c.failure).length;
  const properties = [
    ['asOf', run.asOf],
    ['failOn', run.failOn],
    ['packs', run.packs.map((p) => `${p.meta.id}@${p.meta.version}`).join(', ')],
    ...file.report.notices.map((n) => ['notice', `${n.message[run.lang]} (${n.citation.text[run.lang]})`]),
  ];
  const head = `  <testsuite${attributes({ name: file.file, tests: cases.length, failures, errors: 0, skipped: 0, time: '0', file: file.file })}>`;
  const props = `    <properties>\n${properties.map(([name, value]) => `      <property${attributes({ name, value })}/>`).join('\n')}\n    </properties>`;
  return { xml: [head, props, ...cases.map(caseXml), '  </testsuite>'].join('\n'), tests: cases.length, failures };
}

/** A file that could not be checked: a suite of its own, each problem an <error> (the run is incomplete, not failed). */
function problemSuiteXml(file: string, problems: readonly InputProblem[], run: CheckRun): { xml: string; tests: number; failures: number; errors: number } {
  const title = run.lang === 'th' ? 'ตรวจไฟล์ไม่ได้' : 'input problem';
  const cases = problems.map((p) => {
    const open = `    <testcase${attributes({ classname: file, name: `${title}: ${p.pointer ?? file}`, file, line: p.location?.line, time: '0' })}>`;
    const body = [problemLine(p), ...(p.hint ? [p.hint] : [])].join('\n');
    return `${open}\n      <error${attributes({ message: p.message, type: p.code ?? 'input' })}>${escapeXml(body)}</error>\n    </testcase>`;
  });
  const head = `  <testsuite${attributes({ name: file, tests: cases.length, failures: 0, errors: cases.length, skipped: 0, time: '0', file })}>`;
  return { xml: [head, ...cases, '  </testsuite>'].join('\n'), tests: cases.length, failures: 0, errors: cases.length };
}

export function formatJunit(run: CheckRun): string {
  const byFile = new Map<string, InputProblem[]>();
  for (const problem of run.problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  const suites = [...[...byFile].map(([file, problems]) => problemSuiteXml(file, problems, run)), ...run.files.map((file) => ({ ...suiteXml(file, run), errors: 0 }))];
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const errors = suites.reduce((n, s) => n + s.errors, 0);
  const name = `${run.tool.name} ${run.tool.version} (${run.packs.map((p) => p.meta.notice[run.lang]).join(', ')}) ${run.lang === 'th' ? 'ณ วันที่' : 'as of'} ${run.asOf}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name, tests, failures, errors, skipped: 0, time: '0' })}>`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

import { createHash } from 'node:crypto';
import type { Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { formatDate, type Finding, type SubjectIdentity } from '../../index.js';
import { isFailing, ruleKey, type CheckedFile, type CheckRun, type InputProblem, type LocatedFinding } from '../check-run.js';
import type { RuleInfo } from '../packs.js';
import { sarifLevel } from '../severity.js';

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, every rule of the
 * evaluated packs as a reporting descriptor (help with the clause's Thai text
 * and English reading), one result per finding at the line of the field that
 * decided it, fingerprints that do not change when lines move.
 */

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/thai-fund-compliance';
const FINGERPRINT = 'thaiFundCompliance/v1';

type Lang = 'th' | 'en';

/** Rule ids as SARIF names them: the rule id, qualified by its pack only when two packs share it. */
function sarifIds(rules: readonly RuleInfo[]): string[] {
  const counts = new Map<string, number>();
  for (const { rule } of rules) counts.set(rule.id, (counts.get(rule.id) ?? 0) + 1);
  return rules.map(({ pack, rule }) => ((counts.get(rule.id) ?? 0) > 1 ? `${pack.meta.id}/${rule.id}` : rule.id));
}

/** `tn89.cl1.hnw-scheme-minimum-below-threshold` → `HnwSchemeMinimumBelowThreshold`. */
function ruleName(id: string): string {
  const last = id.split('.').pop() ?? id;
  return last.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function helpText({ rule, citation }: RuleInfo, lang: Lang): string {
  const parts = [rule.title[lang], citation.text[lang]];
  if (citation.clauseText) parts.push(`${lang === 'th' ? 'ข้อความในประกาศ' : 'Thai text'}:\n${citation.clauseText}`);
  if (citation.reading) parts.push(`${lang === 'th' ? 'คำอ่านภาษาอังกฤษ' : 'English reading'}:\n${citation.reading}`);
  if (rule.description) parts.push(rule.description[lang]);
  return parts.join('\n\n');
}

function helpMarkdown({ rule, citation }: RuleInfo, lang: Lang): string {
  const escape = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
  const parts = [`**${escape(citation.text[lang])}**`];
  if (citation.clauseText) parts.push(citation.clauseText.split('\n').map((line) => `> ${escape(line)}`.trimEnd()).join('\n'));
  if (citation.reading) parts.push(`*${lang === 'th' ? 'คำอ่านภาษาอังกฤษ' : 'English reading'}:* ${escape(citation.reading)}`);
  if (rule.description) parts.push(escape(rule.description[lang]));
  return parts.join('\n\n');
}

function descriptor(info: RuleInfo, id: string, lang: Lang): ReportingDescriptor {
  const { pack, rule, citation } = info;
  const level = sarifLevel(rule.severity);
  return {
    id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title[lang] },
    fullDescription: { text: `${rule.description?.[lang] ?? rule.title[lang]} (${citation.text[lang]})` },
    help: { text: helpText(info, lang), markdown: helpMarkdown(info, lang) },
    defaultConfiguration: { level, ...(info.disabled ? { enabled: false } : {}) },
    properties: {
      citation: citation.text[lang],
      citationTh: citation.text.th,
      citationEn: citation.text.en,
      severity: rule.severity,
      pack: `${pack.meta.id}@${pack.meta.version}`,
      ...(info.replaces ? { replaces: info.replaces } : {}),
      ...(info.disabled ? { disabledBy: info.disabled.by, disabledBecause: info.disabled.reason[lang] } : {}),
      'problem.severity': level === 'note' ? 'recommendation' : level,
      tags: ['compliance', pack.meta.notice.en, ...(rule.citation.clause !== undefined ? [`clause-${rule.citation.clause}`] : [])],
    },
  };
}

/** Stable across runs and line moves: the file, the rule and who the finding is about. */
function fingerprint(uri: string, finding: Finding): string {
  const s: SubjectIdentity = finding.subject;
  const who = [s.kind, s.fundId, s.investorId, s.period?.start, s.period?.end, s.orderId, s.amendmentId, s.fundManager, s.obligationId];
  return createHash('sha256').update(JSON.stringify([uri, finding.packId, finding.ruleId, who])).digest('hex');
}

function location(file: CheckedFile, { location: at, pointer }: LocatedFinding): Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: file.uri },
      ...(at ? { region: { startLine: at.line, startColumn: at.column, ...(at.endLine !== undefined ? { endLine: at.endLine, endColumn: at.endColumn } : {}) } } : {}),
    },
    logicalLocations: [{ fullyQualifiedName: pointer, kind: 'member' }],
  };
}

function result(file: CheckedFile, located: LocatedFinding, ruleIndex: number, ruleId: string, run: CheckRun): Result {
  const { finding } = located;
  const lang = run.lang;
  return {
    ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: `${finding.message[lang]} (${finding.citation.text[lang]})` },
    locations: [location(file, located)],
    partialFingerprints: { [FINGERPRINT]: fingerprint(file.uri, finding) },
    properties: {
      severity: finding.severity,
      fundId: finding.subject.fundId,
      subject: finding.subject.pointer,
      failsCheck: isFailing(finding, run.failOn),
    },
    ...(finding.status === 'waived' ? { suppressions: [{ kind: 'external' as const, justification: `waiver ${finding.waiver?.reference ?? ''}`.trim() }] } : {}),
  };
}

function notices(run: CheckRun): Notification[] {
  return run.files.flatMap((file) =>
    file.report.notices.map((notice) => ({
      level: 'note' as const,
      message: { text: `${notice.message[run.lang]} (${notice.citation.text[run.lang]})` },
      locations: [{ physicalLocation: { artifactLocation: { uri: file.uri } } }],
    })),
  );
}

/** The reporting descriptor of input problems: a file that could not be checked is an error result, as a parse error is in eslint or semgrep. */
export const INPUT_PROBLEM_RULE_ID = 'input-problem';

function inputProblemDescriptor(lang: Lang): ReportingDescriptor {
  const text = lang === 'th' ? 'ไฟล์ที่ตรวจไม่ได้ หรือข้อมูลในไฟล์ไม่ถูกต้อง' : 'A file that could not be checked, or an invalid field in it';
  const help =
    lang === 'th'
      ? 'แก้ไขไฟล์ตามข้อความ แล้วตรวจอีกครั้ง: ไฟล์นี้ยังไม่ได้ตรวจตามประกาศ'
      : 'Fix the file as the message says and check again: until then the file has not been checked against the notice.';
  return {
    id: INPUT_PROBLEM_RULE_ID,
    name: 'InputProblem',
    shortDescription: { text },
    fullDescription: { text },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: 'error' },
    properties: { 'problem.severity': 'error', tags: ['input'] },
  };
}

function problemRegion(problem: InputProblem) {
  return problem.location ? { region: { startLine: problem.location.line, startColumn: problem.location.column } } : {};
}

function problemText(problem: InputProblem): string {
  return `${problem.pointer !== undefined ? `${problem.pointer}: ` : ''}${problem.message}${problem.hint ? ` (${problem.hint})` : ''}`;
}

function problemResult(problem: InputProblem, ruleIndex: number): Result {
  return {
    ruleId: INPUT_PROBLEM_RULE_ID,
    ruleIndex,
    level: 'error',
    message: { text: problemText(problem) },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: problem.uri }, ...problemRegion(problem) },
        ...(problem.pointer !== undefined ? { logicalLocations: [{ fullyQualifiedName: problem.pointer, kind: 'member' }] } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT]: createHash('sha256').update(JSON.stringify([problem.uri, INPUT_PROBLEM_RULE_ID, problem.pointer ?? '', problem.code ?? problem.message])).digest('hex') },
    properties: { ...(problem.code !== undefined ? { code: problem.code } : {}), failsCheck: true },
  };
}

function problemNotification(problem: InputProblem): Notification {
  return {
    level: 'error',
    message: { text: problemText(problem) },
    descriptor: { id: INPUT_PROBLEM_RULE_ID },
    locations: [{ physicalLocation: { artifactLocation: { uri: problem.uri }, ...problemRegion(problem) } }],
  };
}

export function buildSarif(run: CheckRun): Log {
  const ids = sarifIds(run.rules);
  const indexOf = new Map(run.rules.map((info, index) => [ruleKey(info.pack.meta.id, info.rule.id), index]));
  const byRuleId = new Map(run.rules.flatMap((info, index) => (info.disabled ? [] : [[info.rule.id, index] as const])));
  const results = run.files.flatMap((file) =>
    file.findings.map((located) => {
      const { packId, ruleId } = located.finding;
      const index = indexOf.get(ruleKey(packId, ruleId)) ?? byRuleId.get(ruleId);
      if (index === undefined) throw new Error(`finding of rule ${located.finding.ruleId} that no evaluated pack holds`);
      return result(file, located, index, ids[index]!, run);
    }),
  );
  const descriptors = run.rules.map((info, index) => descriptor(info, ids[index]!, run.lang));
  if (run.problems.length > 0) {
    const problemIndex = descriptors.length;
    descriptors.push(inputProblemDescriptor(run.lang));
    results.push(...run.problems.map((problem) => problemResult(problem, problemIndex)));
  }
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: run.tool.name,
            version: run.tool.version,
            semanticVersion: run.tool.version,
            informationUri: INFORMATION_URI,
            rules: descriptors,
          },
        },
        language: run.lang === 'th' ? 'th-TH' : 'en-US',
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            // Input problems: the run is incomplete (exit code 2), though every other file was checked.
            executionSuccessful: run.problems.length === 0,
            exitCode: run.problems.length === 0 ? (results.some((r) => r.properties?.['failsCheck'] === true) ? 1 : 0) : 2,
            toolExecutionNotifications: [...run.problems.map(problemNotification), ...notices(run)],
          },
        ],
        results,
        properties: { asOf: run.asOf, asOfText: formatDate(run.asOf, run.lang), failOn: run.failOn },
      },
    ],
  };
}

export function formatSarif(run: CheckRun): string {
  return `${JSON.stringify(buildSarif(run), null, 2)}\n`;
}

/**
 * The pack playground: edit a custom pack and a scheme beside the law, and
 * see lint, findings (with their citations) and the pack's tests change as
 * you type. Everything runs in the page, on the library's browser build
 * (src/browser.ts); nothing is fetched and nothing leaves the page.
 */
import { EditorView, basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import {
  builtInPackNames,
  ComplianceInputError,
  documentShape,
  evaluate,
  evidenceLabel,
  formatDate,
  formatValue,
  lintAndLoadPackFiles,
  loadPackFromFiles,
  locateIssue,
  PackError,
  packFilesFromTexts,
  parseCalendarDate,
  parseYamlData,
  readBuiltInPack,
  runPackTestFiles,
  yamlSourceMap,
  yamlSyntaxErrors,
  type Finding,
  type LintIssue,
  type LoadedPack,
  type Report,
  type SourceLocation,
  type ValidationIssue,
} from '../src/browser.js';
import { decodeState, encodeState, type PlaygroundState } from './share.js';
import { zipFiles } from './zip.js';
import packYaml from '../examples/house-policy/pack.yaml';
import parametersYaml from '../examples/house-policy/parameters.yaml';
import messagesYaml from '../examples/house-policy/messages.yaml';
import ruleYaml from '../examples/house-policy/rules/retail-fund-foreign-holder-enhanced-kyc.yaml';
import testsYaml from '../examples/house-policy/tests/house-policy.yaml';
import fixtureYaml from '../fixtures/funds/07-hnw-scheme-minimum.yaml';

type Lang = 'th' | 'en';

/** The starting state: the example house policy and a fixture of high-net-worth schemes. */
const EXAMPLE: PlaygroundState = {
  v: 1,
  pack: {
    'pack.yaml': packYaml,
    'parameters.yaml': parametersYaml,
    'messages.yaml': messagesYaml,
    'rules/retail-fund-foreign-holder-enhanced-kyc.yaml': ruleYaml,
    'tests/house-policy.yaml': testsYaml,
  },
  input: { name: 'scheme.yaml', text: fixtureYaml },
  asOf: '2024-06-30',
  lang: 'en',
  builtIns: ['tn-89-2558'],
};

/** The editor tab of the input: not a pack file, so it never goes into the pack. */
const INPUT = '(input)';

const WORDS = {
  en: {
    findings: 'Findings',
    rules: 'Rules',
    lint: 'Lint',
    tests: 'Tests',
    asOf: 'As of',
    lang: 'Language',
    builtIns: 'Packs',
    runTests: 'Run tests',
    share: 'Share link',
    download: 'Download .zip',
    reset: 'Reset',
    newFile: 'New file',
    citation: 'Citation',
    rule: 'Rule',
    consequence: 'Consequence',
    thaiText: 'Thai text',
    reading: 'English reading',
    evidence: 'Evidence',
    decidedBy: 'Decided by',
    decidedIn: 'Decided by the input field',
    item: 'Item',
    value: 'Value',
    source: 'Source',
    noFindings: 'No findings',
    packErrors: (n: number) => `The pack has ${n} error${n === 1 ? '' : 's'} (see Lint): it is left out of the evaluation until they are fixed.`,
    inputErrors: 'The input cannot be evaluated:',
    ruleSummary: (s: Report['summary'], overridden: number) =>
      `${s.rules} rules: ${s.passed} passed · ${s.found} found · ${s.notApplicable} not applicable · ${s.notInForce} not in force · ${s.disabled} disabled · ${overridden} overridden`,
    evaluatedIn: (ms: number) => `evaluated in ${ms.toFixed(0)} ms`,
    lintClean: 'No problems: the pack lints clean.',
    testsSummary: (passed: number, total: number) => `${passed} of ${total} cases pass`,
    testsStale: 'Edited since the last run: run the tests again.',
    linkCopied: 'Link copied; it holds the whole state in its fragment (nothing is uploaded).',
    linkShown: 'Copy this link; it holds the whole state in its fragment (nothing is uploaded).',
    badDate: 'as-of date',
    outcome: 'Outcome',
    pack: 'Pack',
    overrides: 'Overrides',
    notices: (n: number) => `${n} notice${n === 1 ? '' : 's'} about the law itself`,
    always: 'always used',
  },
  th: {
    findings: 'ประเด็นที่พบ',
    rules: 'กฎ',
    lint: 'ตรวจชุดกฎ',
    tests: 'การทดสอบ',
    asOf: 'ณ วันที่',
    lang: 'ภาษา',
    builtIns: 'ชุดกฎ',
    runTests: 'รันการทดสอบ',
    share: 'ลิงก์แชร์',
    download: 'ดาวน์โหลด .zip',
    reset: 'เริ่มใหม่',
    newFile: 'ไฟล์ใหม่',
    citation: 'อ้างอิง',
    rule: 'กฎ',
    consequence: 'ผลทางกฎหมาย',
    thaiText: 'ข้อความในประกาศ',
    reading: 'คำอ่านภาษาอังกฤษ',
    evidence: 'หลักฐาน',
    decidedBy: 'เงื่อนไขที่ตัดสิน',
    decidedIn: 'ข้อมูลที่ใช้ตัดสิน',
    item: 'รายการ',
    value: 'ค่า',
    source: 'ที่มา',
    noFindings: 'ไม่พบประเด็น',
    packErrors: (n: number) => `ชุดกฎมีข้อผิดพลาด ${n} รายการ (ดูที่ "ตรวจชุดกฎ") จึงยังไม่ได้นำมาประเมินจนกว่าจะแก้ไข`,
    inputErrors: 'ประเมินข้อมูลนำเข้าไม่ได้:',
    ruleSummary: (s: Report['summary'], overridden: number) =>
      `กฎ ${s.rules} ข้อ: ผ่าน ${s.passed} · พบประเด็น ${s.found} · ไม่เกี่ยวข้อง ${s.notApplicable} · ยังไม่มีผลใช้บังคับ ${s.notInForce} · ปิดใช้ ${s.disabled} · ถูกแทนที่ ${overridden}`,
    evaluatedIn: (ms: number) => `ประเมินใน ${ms.toFixed(0)} มิลลิวินาที`,
    lintClean: 'ไม่พบปัญหาในชุดกฎ',
    testsSummary: (passed: number, total: number) => `ผ่าน ${passed} จาก ${total} กรณี`,
    testsStale: 'มีการแก้ไขหลังการทดสอบครั้งล่าสุด ควรรันการทดสอบอีกครั้ง',
    linkCopied: 'คัดลอกลิงก์แล้ว สถานะทั้งหมดอยู่ในส่วน # ของลิงก์ (ไม่มีการอัปโหลด)',
    linkShown: 'คัดลอกลิงก์นี้ สถานะทั้งหมดอยู่ในส่วน # ของลิงก์ (ไม่มีการอัปโหลด)',
    badDate: 'วันที่',
    outcome: 'ผล',
    pack: 'ชุดกฎ',
    overrides: 'แทนที่',
    notices: (n: number) => `ข้อสังเกตเกี่ยวกับตัวประกาศ ${n} รายการ`,
    always: 'ใช้เสมอ',
  },
} as const;

const OUTCOME_WORDS: Record<string, Record<Lang, string>> = {
  found: { en: 'found', th: 'พบประเด็น' },
  passed: { en: 'passed', th: 'ผ่าน' },
  'not-applicable': { en: 'not applicable', th: 'ไม่เกี่ยวข้อง' },
  'not-in-force': { en: 'not in force', th: 'ยังไม่มีผลใช้บังคับ' },
  disabled: { en: 'disabled', th: 'ปิดใช้' },
};

const SEVERITY_WORDS: Record<string, Record<Lang, string>> = {
  'revocation-ground': { th: 'เหตุเพิกถอน', en: 'Revocation ground' },
  'order-ground': { th: 'เหตุสั่งการ', en: 'Order ground' },
  violation: { th: 'ฝ่าฝืน', en: 'Violation' },
  warning: { th: 'คำเตือน', en: 'Warning' },
  info: { th: 'ข้อสังเกต', en: 'Info' },
};

// ---------------------------------------------------------------- state

let state: PlaygroundState = structuredClone(EXAMPLE);
const views = new Map<string, EditorView>();
let active = 'pack.yaml';
let lastLint: LintIssue[] = [];
let testsStale = true;

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector);
  if (!element) throw new Error(`the page has no ${selector}`);
  return element;
}

function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function words() {
  return WORDS[state.lang];
}

/** Editor files in tab order: the pack's top-level files, its rules, its tests, then the input. */
function fileOrder(): string[] {
  const paths = Object.keys(state.pack);
  const rank = (p: string) => (p === 'pack.yaml' ? 0 : !p.includes('/') ? 1 : p.startsWith('rules/') ? 2 : 3);
  return [...paths.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)), INPUT];
}

function textOf(file: string): string {
  return file === INPUT ? state.input.text : (state.pack[file] ?? '');
}

// ---------------------------------------------------------------- editors

function createEditor(file: string): EditorView {
  const host = document.createElement('div');
  host.className = 'editor';
  host.dataset['file'] = file;
  host.hidden = true;
  $('#editors').append(host);
  const view = new EditorView({
    parent: host,
    doc: textOf(file),
    extensions: [
      basicSetup,
      yaml(),
      lintGutter(),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        const text = update.state.doc.toString();
        if (file === INPUT) state.input.text = text;
        else state.pack[file] = text;
        testsStale = true;
        schedule();
      }),
    ],
  });
  views.set(file, view);
  return view;
}

function renderTabs(): void {
  const errorsByFile = new Map<string, number>();
  for (const issue of lastLint) if (issue.file && issue.severity === 'error') errorsByFile.set(issue.file, (errorsByFile.get(issue.file) ?? 0) + 1);
  $('#tabs').innerHTML = fileOrder()
    .map((file) => {
      const label = file === INPUT ? `▶ ${state.input.name}` : file;
      const errors = errorsByFile.get(file) ?? inputErrorCount(file);
      return `<button type="button" role="tab" class="tab${file === active ? ' active' : ''}" data-file="${esc(file)}" aria-selected="${file === active}">${esc(label)}${errors ? ` <span class="count error">${errors}</span>` : ''}</button>`;
    })
    .join('');
}

let inputDiagnostics = 0;
function inputErrorCount(file: string): number {
  return file === INPUT ? inputDiagnostics : 0;
}

function openFile(file: string): void {
  active = file;
  for (const [name, view] of views) (view.dom.parentElement as HTMLElement).hidden = name !== file;
  renderTabs();
}

/** Show a location of a file in its editor: open it, select the span, scroll to it. */
function reveal(file: string, location: SourceLocation): void {
  const view = views.get(file);
  if (!view) return;
  openFile(file);
  const doc = view.state.doc;
  const line = doc.line(Math.min(Math.max(location.line, 1), doc.lines));
  const from = Math.min(line.from + location.column - 1, line.to);
  const endLine = location.endLine ? doc.line(Math.min(location.endLine, doc.lines)) : line;
  const to = location.endColumn ? Math.min(endLine.from + location.endColumn - 1, endLine.to) : line.to;
  view.dispatch({ selection: { anchor: from, head: Math.max(from, to) }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
  view.focus();
}

function offsets(view: EditorView, location: SourceLocation): { from: number; to: number } {
  const doc = view.state.doc;
  const line = doc.line(Math.min(Math.max(location.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(location.column, 1) - 1, line.to);
  let to = line.to;
  if (location.endLine && location.endColumn) {
    const endLine = doc.line(Math.min(location.endLine, doc.lines));
    to = Math.min(endLine.from + location.endColumn - 1, endLine.to);
  }
  return { from, to: Math.max(to, from) };
}

// ---------------------------------------------------------------- lint

interface LocatedIssue {
  issue: LintIssue;
  /** The editor file it is in, when it names one. */
  file?: string;
  location?: SourceLocation;
}

/** Each issue at its file, line and column; a YAML syntax problem at the place the parser reports it. */
function locateIssues(issues: readonly LintIssue[]): LocatedIssue[] {
  const syntaxSeen = new Map<string, number>();
  return issues.map((issue) => {
    const file = issue.file;
    if (!file || !(file in state.pack)) return { issue };
    const text = state.pack[file]!;
    if (issue.pointer === '(file)') {
      const index = syntaxSeen.get(file) ?? 0;
      syntaxSeen.set(file, index + 1);
      const errors = yamlSyntaxErrors(text);
      return { issue, file, location: errors[index]?.location ?? errors[0]?.location ?? { line: 1, column: 1 } };
    }
    return { issue, file, location: locateIssue(issue, text) };
  });
}

function where(file: string | undefined, location: SourceLocation | undefined): string {
  if (!file) return '(pack)';
  return location ? `${file}:${location.line}:${location.column}` : file;
}

function showDiagnostics(located: readonly LocatedIssue[], inputProblems: readonly { location: SourceLocation; message: string }[]): void {
  for (const [file, view] of views) {
    const diagnostics: Diagnostic[] = [];
    if (file === INPUT) {
      for (const problem of inputProblems) diagnostics.push({ ...offsets(view, problem.location), severity: 'error', message: problem.message });
    } else {
      for (const { issue, file: at, location } of located) {
        if (at !== file || !location) continue;
        diagnostics.push({ ...offsets(view, location), severity: issue.severity, message: `${issue.pointer}: ${issue.message}${issue.hint ? `\nfix: ${issue.hint}` : ''}` });
      }
    }
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }
}

function renderLint(located: readonly LocatedIssue[]): void {
  const errors = located.filter((l) => l.issue.severity === 'error').length;
  $('#lint-count').textContent = located.length ? `${errors}/${located.length - errors}` : '0';
  $('#lint-count').className = `count${errors ? ' error' : located.length ? ' warning' : ''}`;
  if (located.length === 0) {
    $('#panel-lint').innerHTML = `<p class="ok">${esc(words().lintClean)}</p>`;
    return;
  }
  $('#panel-lint').innerHTML = `<ul class="lint">${located
    .map(
      ({ issue, file, location }, index) =>
        `<li class="lint-issue ${issue.severity}" data-index="${index}"><span class="sev">${issue.severity}</span> <a href="#" class="goto" data-file="${esc(file ?? '')}" data-line="${location?.line ?? ''}" data-column="${location?.column ?? ''}"><code class="where">${esc(where(file ?? issue.file, location))}</code></a>: <code>${esc(issue.pointer)}</code>: ${esc(issue.message)}${issue.hint ? `<div class="hint">fix: ${esc(issue.hint)}</div>` : ''}</li>`,
    )
    .join('')}</ul>`;
}

// ---------------------------------------------------------------- evaluation

function selectedBuiltIns(): LoadedPack[] {
  return builtInPackNames()
    .filter((name) => state.builtIns.includes(name))
    .map((name) => readBuiltInPack(name));
}

/** The input as the engine takes it, whichever shape the file has (one fund, a list of funds, or `{ funds, investors }`). */
function inputOf(value: unknown): unknown {
  const shape = documentShape(value);
  return shape === 'input' ? value : shape === 'fund-list' ? { funds: value } : { funds: [value] };
}

let timer: ReturnType<typeof setTimeout> | undefined;
function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(() => void run(), 150);
}

/** The last evaluation, for the page and the browser test: how long it took, and what it found. */
interface RunRecord {
  /** From the edit's evaluation start to the page showing it (lint, load, evaluate, show). */
  ms: number;
  phases?: { lint: number; load: number; evaluate: number; show: number };
  report?: Report;
  packLoaded: boolean;
  lintErrors: number;
  runs: number;
}
const record: RunRecord = { ms: 0, packLoaded: false, lintErrors: 0, runs: 0 };

async function run(): Promise<void> {
  const started = performance.now();
  const w = words();
  const base = selectedBuiltIns();
  const files = packFilesFromTexts(state.pack, 'pack');
  let lint: LintIssue[];
  // Linting loads the pack; the same load is evaluated below (one load per edit).
  let lintedPack: LoadedPack | undefined;
  try {
    ({ issues: lint, pack: lintedPack } = lintAndLoadPackFiles(files, { base }));
  } catch (error) {
    lint = [{ severity: 'error', path: [], pointer: '(pack)', message: (error as Error).message }];
  }
  lastLint = lint;
  const located = locateIssues(lint);
  const lintErrors = lint.filter((i) => i.severity === 'error').length;
  const linted = performance.now();
  const pack: LoadedPack | undefined = lintErrors === 0 ? lintedPack : undefined;

  const loaded = performance.now();
  const asOf = parseCalendarDate(state.asOf);
  const inputProblems: { location: SourceLocation; message: string }[] = [];
  const problems: string[] = [];
  let report: Report | undefined;
  const parsed = parseYamlData(state.input.text);
  if (!parsed.ok) {
    for (const error of yamlSyntaxErrors(state.input.text)) {
      inputProblems.push({ location: error.location, message: error.message });
      problems.push(`${where(state.input.name, error.location)}: ${error.message}`);
    }
    if (problems.length === 0) problems.push(...parsed.problems);
  } else if (!asOf.ok) {
    problems.push(`${w.badDate}: ${asOf.reason}`);
  } else {
    const input = inputOf(parsed.value);
    try {
      report = await evaluate(input, { asOf: asOf.date, locale: state.lang, packs: pack ? [...base, pack] : base });
    } catch (error) {
      if (error instanceof ComplianceInputError || error instanceof PackError) {
        const map = yamlSourceMap(state.input.text, documentShape(parsed.value));
        for (const issue of error.issues as ValidationIssue[]) {
          const location = map.locate(issue.path).location;
          inputProblems.push({ location, message: `${issue.pointer}: ${issue.message}` });
          problems.push(`${where(state.input.name, location)}: ${issue.pointer}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ''}`);
        }
      } else problems.push((error as Error).message);
    }
  }
  const evaluated = performance.now();
  inputDiagnostics = inputProblems.length;
  showDiagnostics(located, inputProblems);
  renderLint(located);
  renderTabs();
  renderFindings(report, problems, lintErrors, parsed.ok ? parsed.value : undefined);
  renderRules(report);
  renderTestsStale();
  $('#as-of-shown').textContent = asOf.ok ? formatDate(asOf.date, state.lang) : `✗ ${asOf.reason}`;
  $('#as-of-shown').className = asOf.ok ? 'muted' : 'error-text';
  const ms = performance.now() - started;
  $('#timing').textContent = w.evaluatedIn(ms);
  $('#timing').title = `lint ${(linted - started).toFixed(0)} ms · load ${(loaded - linted).toFixed(0)} ms · evaluate ${(evaluated - loaded).toFixed(0)} ms · show ${(performance.now() - evaluated).toFixed(0)} ms`;
  Object.assign(record, { ms, phases: { lint: linted - started, load: loaded - linted, evaluate: evaluated - loaded, show: performance.now() - evaluated }, report, packLoaded: pack !== undefined, lintErrors, runs: record.runs + 1 });
  document.body.dataset['runs'] = String(record.runs);
}

// ---------------------------------------------------------------- findings

function severityLabel(severity: string): string {
  return SEVERITY_WORDS[severity]?.[state.lang] ?? severity;
}

function value(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function findingHtml(finding: Finding, index: number, map: ReturnType<typeof yamlSourceMap>): string {
  const w = words();
  const lang = state.lang;
  const fields = finding.fields.length > 0 ? finding.fields : [finding.subject.pointer];
  const links = fields
    .map((pointer) => {
      const { location } = map.locatePointer(pointer);
      return `<a href="#" class="goto field" data-file="${esc(INPUT)}" data-line="${location.line}" data-column="${location.column}" data-end-line="${location.endLine ?? ''}" data-end-column="${location.endColumn ?? ''}"><code>${esc(where(state.input.name, location))}</code></a> <span class="muted">${esc(pointer)}</span>`;
    })
    .join('<br>');
  const evidence = finding.evidence.length
    ? `<table class="evidence"><caption>${w.evidence}</caption><thead><tr><th>${w.item}</th><th>${w.value}</th><th>${w.source}</th></tr></thead><tbody>${finding.evidence
        .map((e) => `<tr data-evidence="${esc(e.name)}"><th scope="row">${esc(evidenceLabel(e, lang))}</th><td class="value">${esc(formatValue(e, lang))}</td><td><code>${esc(e.source)}</code>${e.pack ? ` <span class="muted">(${esc(e.pack)})</span>` : ''}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const decided = finding.decidedBy.length
    ? `<table class="decided"><caption>${w.decidedBy}</caption><tbody>${finding.decidedBy
        .map((d) => `<tr><td><code>${esc(d.fact)}${d.path ? ` ${esc(d.path)}` : ''}${d.params?.['id'] ? ` ${esc(String(d.params['id']))}` : ''}</code></td><td>${esc(value(d.actual))}</td><td><code>${esc(d.operator)}</code></td><td>${esc(value(d.expected))}</td><td>${d.result ? '✓' : '✗'}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const facts = [
    `<dt>${w.citation}</dt><dd class="citation">${esc(finding.citation.text[lang])}</dd>`,
    `<dt>${w.rule}</dt><dd><code class="rule-id">${esc(finding.ruleId)}</code> <span class="muted">(${esc(finding.packId)})</span></dd>`,
    `<dt>${w.decidedIn}</dt><dd class="fields">${links}</dd>`,
    ...(finding.consequence ? [`<dt>${w.consequence}</dt><dd class="consequence">${esc(finding.consequence.message[lang])} (${esc(finding.consequence.citation.text[lang])})</dd>`] : []),
  ];
  const clause = finding.citation.clauseText ? `<blockquote class="clause-text" lang="th"><span class="label">${w.thaiText}</span>${esc(finding.citation.clauseText)}</blockquote>` : '';
  const reading = finding.citation.reading ? `<blockquote class="reading" lang="en"><span class="label">${w.reading}</span>${esc(finding.citation.reading)}</blockquote>` : '';
  const waived = finding.status === 'waived';
  return `<div class="finding sev-${esc(finding.severity)}${waived ? ' waived' : ''}" data-rule="${esc(finding.ruleId)}" data-index="${index}">
<h4><span class="badge">${esc(severityLabel(finding.severity))}${waived ? ' · waived' : ''}</span>${esc(finding.title[lang])}</h4>
<p class="subject muted"><code>${esc(finding.subject.fundId)}</code>${finding.subject.investorId ? ` · <code>${esc(finding.subject.investorId)}</code>` : ''}</p>
<p class="message">${esc(finding.message[lang])}</p>
<dl class="facts">${facts.join('')}</dl>
${clause}${reading}${evidence}${decided}
</div>`;
}

function renderFindings(report: Report | undefined, problems: readonly string[], lintErrors: number, inputValue: unknown): void {
  const w = words();
  const banner = lintErrors > 0 ? `<p class="notice pack-errors">${esc(w.packErrors(lintErrors))}</p>` : '';
  const problemList = problems.length ? `<div class="notice input-problems"><p>${esc(w.inputErrors)}</p><ul>${problems.map((p) => `<li><code>${esc(p)}</code></li>`).join('')}</ul></div>` : '';
  $('#findings-count').textContent = report ? String(report.findings.length) : '–';
  if (!report) {
    $('#panel-findings').innerHTML = banner + problemList;
    return;
  }
  const summary = `<p class="meta rule-summary">${esc(w.ruleSummary(report.summary, report.overrides.length))}</p>`;
  // Notices about the law itself (amendments, a possible successor): shown, folded, so the findings stay in view.
  const notices = report.notices.length
    ? `<details class="notices"><summary>${esc(w.notices(report.notices.length))}</summary>${report.notices.map((n) => `<p class="notice">${esc(n.message[state.lang])} (${esc(n.citation.text[state.lang])})</p>`).join('')}</details>`
    : '';
  // One parse of the input locates every finding's fields.
  const map = yamlSourceMap(state.input.text, documentShape(inputValue));
  const body = report.findings.length ? report.findings.map((f, i) => findingHtml(f, i, map)).join('') : `<p class="no-findings">${w.noFindings}</p>`;
  $('#panel-findings').innerHTML = banner + problemList + summary + notices + body;
}

function renderRules(report: Report | undefined): void {
  const w = words();
  if (!report) {
    $('#panel-rules').innerHTML = '';
    return;
  }
  const overrides = report.overrides.map((o) => `<li><code>${esc(o.kind)} ${esc(o.id)}</code>: ${esc(o.by)} ⟵ ${esc(o.replaces)}</li>`).join('');
  const rows = report.rules
    .map(
      (r) =>
        `<tr class="outcome-${esc(r.outcome)}" data-rule="${esc(r.ruleId)}"><td><code>${esc(r.ruleId)}</code>${r.replaces ? ` <span class="tag">overrides ${esc(r.replaces)}</span>` : ''}${r.disabled ? `<div class="muted">${esc(r.disabled.by)}: ${esc(r.disabled.reason[state.lang])}</div>` : ''}</td><td>${esc(r.packId)}</td><td>${esc(r.citation[state.lang])}</td><td class="outcome">${esc(OUTCOME_WORDS[r.outcome]?.[state.lang] ?? r.outcome)}</td></tr>`,
    )
    .join('');
  $('#panel-rules').innerHTML = `<p class="meta rule-summary">${esc(w.ruleSummary(report.summary, report.overrides.length))}</p>${overrides ? `<h4>${w.overrides}</h4><ul class="overrides">${overrides}</ul>` : ''}<table class="rules"><thead><tr><th>${w.rule}</th><th>${w.pack}</th><th>${w.citation}</th><th>${w.outcome}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

// ---------------------------------------------------------------- tests

/** The line each case starts on in its test file (the k-th result of a file is its k-th case). */
function caseLines(text: string): number[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const items = isSeq(doc.contents) ? doc.contents.items : isMap(doc.contents) ? [doc.contents] : [];
  return items.map((item) => {
    const range = (item as { range?: [number, number, number] }).range;
    return range ? lines.linePos(range[0]).line : 1;
  });
}

function renderTestsStale(): void {
  $('#tests-stale').hidden = !testsStale || !$('#panel-tests').querySelector('.test-case');
  $('#tests-stale').textContent = words().testsStale;
}

async function runTests(): Promise<void> {
  const w = words();
  const files = packFilesFromTexts(state.pack, 'pack');
  let pack: LoadedPack;
  try {
    pack = loadPackFromFiles(files);
  } catch (error) {
    $('#test-results').innerHTML = `<p class="notice">${esc(w.packErrors(error instanceof PackError ? error.issues.length : 1))}</p>`;
    return;
  }
  const { results, issues } = await runPackTestFiles(files, { packs: [...selectedBuiltIns(), pack] });
  testsStale = false;
  const seen = new Map<string, number>();
  const items = results.map((result) => {
    const index = seen.get(result.file) ?? 0;
    seen.set(result.file, index + 1);
    const line = caseLines(state.pack[result.file] ?? '')[index] ?? 1;
    const diff = result.diff.map((d) => `<div class="diff ${d.startsWith('-') ? 'removed' : d.startsWith('+') ? 'added' : 'changed'}">${esc(d)}</div>`).join('');
    return `<li class="test-case ${result.passed ? 'pass' : 'fail'}"><span class="mark">${result.passed ? '✓' : '✗'}</span> <a href="#" class="goto" data-file="${esc(result.file)}" data-line="${line}" data-column="1"><code>${esc(`${result.file}:${line}`)}</code></a> ${esc(result.name)}${diff}</li>`;
  });
  const passed = results.filter((r) => r.passed).length;
  const problems = issues.map((i) => `<li class="test-case fail"><code>${esc(i.file ?? '')}</code> ${esc(i.pointer)}: ${esc(i.message)}</li>`);
  $('#tests-count').textContent = `${passed}/${results.length}`;
  $('#tests-count').className = `count${passed === results.length && issues.length === 0 ? ' ok' : ' error'}`;
  $('#test-results').innerHTML = `<p class="tests-summary ${passed === results.length && issues.length === 0 ? 'ok' : 'error-text'}">${esc(w.testsSummary(passed, results.length))}</p><ul class="tests">${problems.join('')}${items.join('')}</ul>`;
  renderTestsStale();
}

// ---------------------------------------------------------------- share, download

async function share(): Promise<void> {
  const fragment = await encodeState({ ...state, open: active });
  history.replaceState(null, '', `#${fragment}`);
  const url = location.href;
  const field = $('#share-url') as HTMLInputElement;
  field.value = url;
  field.hidden = false;
  field.select();
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    // A file:// page may not be allowed the clipboard; the link is shown selected instead.
  }
  $('#share-note').textContent = copied ? words().linkCopied : words().linkShown;
}

function packId(): string {
  const meta = parseYamlData(state.pack['pack.yaml'] ?? '');
  const id = meta.ok ? (meta.value as { id?: unknown } | null)?.id : undefined;
  return typeof id === 'string' && /^[a-z][a-z0-9-]*$/.test(id) ? id : 'custom-pack';
}

function download(): void {
  const id = packId();
  const files = new Map(Object.entries(state.pack).map(([path, text]) => [`${id}/${path}`, text]));
  const blob = new Blob([zipFiles(files) as BlobPart], { type: 'application/zip' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${id}.zip`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function addFile(): void {
  const path = prompt('Path of the new file in the pack (rules/…yaml or tests/…yaml)', 'rules/new-rule.yaml');
  if (!path) return;
  if (!/^(rules\/|tests\/)?[A-Za-z0-9._-]+\.ya?ml$/.test(path) || path in state.pack) {
    alert(`${path}: give a new name such as rules/my-rule.yaml or tests/my-cases.yaml`);
    return;
  }
  state.pack[path] = '';
  createEditor(path);
  openFile(path);
  schedule();
}

// ---------------------------------------------------------------- wiring

function renderControls(): void {
  const w = words();
  (document.querySelector('#as-of') as HTMLInputElement).value = state.asOf;
  (document.querySelector('#lang') as HTMLSelectElement).value = state.lang;
  $('#built-ins').innerHTML = builtInPackNames()
    .map((name) => {
      const pack = readBuiltInPack(name);
      const hasRules = pack.rules.length > 0;
      // A pack of definitions only (investor categories) is always used for deriving categories; it has no rules to combine.
      return hasRules
        ? `<label title="${esc(pack.meta.title[state.lang])}"><input type="checkbox" name="built-in" value="${esc(name)}"${state.builtIns.includes(name) ? ' checked' : ''}> ${esc(pack.meta.notice[state.lang])}</label>`
        : `<span class="muted" title="${esc(pack.meta.notice[state.lang])}: ${esc(pack.meta.title[state.lang])}">+ ${esc(name)} (${esc(w.always)})</span>`;
    })
    .join(' ');
  for (const [id, text] of Object.entries({ 'label-as-of': w.asOf, 'label-lang': w.lang, 'label-built-ins': w.builtIns, 'run-tests': w.runTests, share: w.share, download: w.download, reset: w.reset, 'new-file': w.newFile, 'tab-findings-label': w.findings, 'tab-rules-label': w.rules, 'tab-lint-label': w.lint, 'tab-tests-label': w.tests })) {
    $(`#${id}`).textContent = text;
  }
  document.documentElement.lang = state.lang;
}

function showPanel(name: string): void {
  for (const tab of document.querySelectorAll<HTMLElement>('.result-tab')) tab.classList.toggle('active', tab.dataset['panel'] === name);
  for (const panel of document.querySelectorAll<HTMLElement>('.panel')) panel.hidden = panel.id !== `panel-${name}`;
}

function mountEditors(): void {
  for (const view of views.values()) view.destroy();
  views.clear();
  $('#editors').innerHTML = '';
  for (const file of fileOrder()) createEditor(file);
  openFile(state.open && views.has(state.open) ? state.open : 'pack.yaml');
}

function wire(): void {
  $('#tabs').addEventListener('click', (event) => {
    const tab = (event.target as HTMLElement).closest<HTMLElement>('.tab');
    if (tab?.dataset['file']) openFile(tab.dataset['file']);
  });
  document.body.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest<HTMLElement>('a.goto');
    if (!link) return;
    event.preventDefault();
    const file = link.dataset['file'];
    if (!file) return;
    const num = (key: string) => (link.dataset[key] ? Number(link.dataset[key]) : undefined);
    reveal(file, { line: num('line') ?? 1, column: num('column') ?? 1, ...(num('endLine') ? { endLine: num('endLine')! } : {}), ...(num('endColumn') ? { endColumn: num('endColumn')! } : {}) });
  });
  $('#result-tabs').addEventListener('click', (event) => {
    const tab = (event.target as HTMLElement).closest<HTMLElement>('.result-tab');
    if (tab?.dataset['panel']) showPanel(tab.dataset['panel']);
  });
  $('#as-of').addEventListener('input', (event) => {
    state.asOf = (event.target as HTMLInputElement).value;
    schedule();
  });
  $('#lang').addEventListener('change', (event) => {
    state.lang = (event.target as HTMLSelectElement).value === 'th' ? 'th' : 'en';
    renderControls();
    void run();
  });
  $('#built-ins').addEventListener('change', () => {
    state.builtIns = [...document.querySelectorAll<HTMLInputElement>('input[name="built-in"]:checked')].map((i) => i.value);
    testsStale = true;
    schedule();
  });
  $('#run-tests').addEventListener('click', () => {
    showPanel('tests');
    void runTests();
  });
  $('#share').addEventListener('click', () => void share());
  $('#download').addEventListener('click', download);
  $('#new-file').addEventListener('click', addFile);
  $('#reset').addEventListener('click', () => {
    state = structuredClone(EXAMPLE);
    history.replaceState(null, '', location.pathname + location.search);
    renderControls();
    mountEditors();
    $('#test-results').innerHTML = '';
    void run();
  });
}

async function start(): Promise<void> {
  if (location.hash.length > 1) {
    const decoded = await decodeState(location.hash);
    if (decoded.ok) state = decoded.state;
    else $('#share-note').textContent = decoded.reason;
  }
  wire();
  renderControls();
  mountEditors();
  showPanel('findings');
  await run();
  document.body.dataset['ready'] = 'true';
}

/** For the browser test and the curious: the editors by file, the state, and the last run. */
(window as unknown as { playground: unknown }).playground = {
  views,
  get state() {
    return state;
  },
  record,
  INPUT,
};

void start();

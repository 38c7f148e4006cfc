import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, FindingsForm, LoadedPack, Report, RuleOutcome, Severity } from '../index.js';
import type { SourceLocation, SourceMap } from './locate.js';
import type { RuleInfo } from './packs.js';
import { atOrAbove, SEVERITY_ORDER } from './severity.js';

/** A finding with the place in its file that decided it. */
export interface LocatedFinding {
  finding: Finding;
  /** Index of the finding's fund in the file's funds. */
  fundIndex: number;
  /** The input pointer that was located: the first deciding field, else the subject. */
  pointer: string;
  location?: SourceLocation;
}

export interface CheckedFile {
  /** As named on the command line or found by a pattern. */
  file: string;
  /** Relative to the working directory with "/" (a `file:` URL when outside it): SARIF's artifact URI. */
  uri: string;
  report: Report;
  /** `report.findings`, in the same order, located. */
  findings: LocatedFinding[];
  /** SHA-256 (hex) of the file's bytes as read: which version of the file the report is about. */
  sha256?: string;
  /** For JUnit: per fund (by index), each rule's outcome (`packId/ruleId` → outcome) for that fund alone. */
  fundOutcomes?: Map<string, RuleOutcome>[];
}

/**
 * A file (or a command-line argument) that could not be checked, or one bad
 * field of it: reported as a result in every format, never hiding the other files.
 */
export interface InputProblem {
  /** The file as named on the command line or found in a directory; or the argument that named nothing. */
  file: string;
  /** As {@link CheckedFile.uri}. */
  uri: string;
  message: string;
  /** The bad field, e.g. `funds[0].scheme.minimumFirstSubscription` (absent when the whole file is unreadable). */
  pointer?: string;
  /** What kind of problem it is, when known (see the issue codes of `ValidationIssue`). */
  code?: string;
  /** A hint for fixing it, when there is one. */
  hint?: string;
  location?: SourceLocation;
}

/** Everything a format needs to write one run of `check`. */
export interface CheckRun {
  tool: { name: string; version: string };
  /** When the run was made (ISO 8601, UTC). */
  generatedAt?: string;
  asOf: string;
  lang: 'th' | 'en';
  failOn: Severity;
  /** The evaluated packs: the built-in one, then those given with `--pack`. */
  packs: LoadedPack[];
  /** Every rule of the evaluated packs. */
  rules: RuleInfo[];
  files: CheckedFile[];
  /** How JSON writes findings: compact (default; the rule's words once, in `rules`) or full (`--full-findings`). */
  findingsForm?: FindingsForm;
  /** Inputs that could not be checked; any makes the exit code 2. */
  problems: InputProblem[];
}

export function artifactUri(file: string, cwd: string): string {
  const absolute = resolve(cwd, file);
  const rel = relative(cwd, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return pathToFileURL(absolute).href;
  return rel.split(sep).join('/');
}

export function fundIndexOf(pointer: string): number {
  const match = /^funds\[(\d+)\]/.exec(pointer);
  return match ? Number(match[1]) : -1;
}

/** Locate each finding: its first deciding field, else its subject; a field not in the file is its nearest ancestor. */
export function locateFindings(report: Report, source: SourceMap | undefined): LocatedFinding[] {
  return report.findings.map((finding) => {
    const pointer = finding.fields[0] ?? finding.subject.pointer;
    const located = source?.locatePointer(pointer);
    return { finding, fundIndex: fundIndexOf(finding.subject.pointer), pointer, ...(located ? { location: located.location } : {}) };
  });
}

/** A finding that makes `check` exit 1: not waived, at or above `--fail-on`. */
export function isFailing(finding: Finding, failOn: Severity): boolean {
  return finding.status === 'violation' && atOrAbove(finding.severity, failOn);
}

export function failingCount(run: CheckRun): number {
  return run.files.reduce((n, f) => n + f.report.findings.filter((finding) => isFailing(finding, run.failOn)).length, 0);
}

/** Findings (not waived) by severity over every file, and the waived ones. */
export function severityCounts(run: CheckRun): { bySeverity: Record<Severity, number>; waived: number } {
  const bySeverity = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<Severity, number>;
  let waived = 0;
  for (const { report } of run.files) {
    for (const finding of report.findings) {
      if (finding.status === 'waived') waived += 1;
      else bySeverity[finding.severity] += 1;
    }
  }
  return { bySeverity, waived };
}

/** The findings of one fund, most severe first. */
export function findingsOfFund(file: CheckedFile, fundIndex: number): LocatedFinding[] {
  return file.findings
    .filter((f) => f.fundIndex === fundIndex)
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.finding.severity) - SEVERITY_ORDER.indexOf(b.finding.severity));
}

/** A problem as one line: `file:line:column: pointer: message`. */
export function problemLine(problem: InputProblem): string {
  return `${where(problem.file, problem.location)}: ${problem.pointer !== undefined ? `${problem.pointer}: ` : ''}${problem.message}`;
}

/** `file:line:column`, or the file alone when the position is unknown. */
export function where(file: string, location: SourceLocation | undefined): string {
  return location ? `${file}:${location.line}:${location.column}` : file;
}

export function ruleKey(packId: string, ruleId: string): string {
  return `${packId}/${ruleId}`;
}

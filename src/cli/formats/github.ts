import { isFailing, where, type CheckRun, type InputProblem, type LocatedFinding } from '../check-run.js';
import type { SourceLocation } from '../locate.js';
import { sarifLevel } from '../severity.js';

/**
 * GitHub Actions workflow commands: one `::error` / `::warning` / `::notice`
 * annotation per finding and per input problem, at the file, line and column,
 * titled with the rule and the clause. GitHub shows them on the pull request's
 * changed files and in the run's summary, without code scanning (which private
 * repositories need GitHub Advanced Security for).
 *
 * A finding that fails the check (at or above `--fail-on`, not waived) is an
 * error; one below the threshold a warning or notice by severity; a waived one
 * a notice. With `quiet`, only what fails the check and the input problems.
 */

type Level = 'error' | 'warning' | 'notice';

/** The message part of a workflow command: `%`, CR and LF escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a workflow command: also `:` and `,`, which end a value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(level: Level, properties: { file: string; location?: SourceLocation; title: string }, message: string): string {
  const { file, location, title } = properties;
  const props: [string, string | number | undefined][] = [
    ['file', file],
    ['line', location?.line],
    ['col', location?.column],
    ['endLine', location?.endLine !== undefined && location.endLine !== location.line ? location.endLine : undefined],
    ['title', title],
  ];
  const written = props.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${level} ${written.join(',')}::${escapeData(message)}`;
}

/** The path GitHub matches against the repository: the artifact URI when relative, else the file as named. */
function pathOf(uri: string, file: string): string {
  return uri.startsWith('file:') ? file : uri;
}

function levelOf(located: LocatedFinding, run: CheckRun): Level {
  const { finding } = located;
  if (isFailing(finding, run.failOn)) return 'error';
  if (finding.status === 'waived') return 'notice';
  return sarifLevel(finding.severity) === 'note' ? 'notice' : 'warning';
}

function problemAnnotation(problem: InputProblem, lang: 'th' | 'en'): string {
  const title = lang === 'th' ? 'ตรวจไฟล์ไม่ได้' : 'input problem';
  const message = `${problem.pointer !== undefined ? `${problem.pointer}: ` : ''}${problem.message}${problem.hint ? `\n${problem.hint}` : ''}`;
  return annotation('error', { file: pathOf(problem.uri, problem.file), ...(problem.location ? { location: problem.location } : {}), title: problem.code ? `${title} (${problem.code})` : title }, message);
}

export function formatGithub(run: CheckRun, quiet = false): string {
  const lang = run.lang;
  const lines = run.problems.map((p) => problemAnnotation(p, lang));
  for (const file of run.files) {
    for (const located of file.findings) {
      const level = levelOf(located, run);
      if (quiet && level !== 'error') continue;
      const { finding } = located;
      const parts = [finding.message[lang]];
      if (finding.status === 'waived') parts.push(`${lang === 'th' ? 'ผ่อนผันแล้ว' : 'Waived'}: ${finding.waiver?.reference ?? ''}`.trim());
      if (finding.consequence) parts.push(`→ ${finding.consequence.message[lang]} (${finding.consequence.citation.text[lang]})`);
      parts.push(`${where(file.file, located.location)} (${located.pointer})`);
      lines.push(annotation(level, { file: pathOf(file.uri, file.file), ...(located.location ? { location: located.location } : {}), title: `${finding.ruleId} (${finding.citation.text[lang]})` }, parts.join('\n')));
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

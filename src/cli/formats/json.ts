import { compactReport, rulesCatalog } from '../../index.js';
import { failingCount, type CheckRun } from '../check-run.js';

/**
 * The reports as the library returns them, one per file, with the location of
 * each finding: `locations[i]` is where `report.findings[i]` is decided in the file.
 * Findings are compact (the rule's words are in `rules`, once) unless the run asks for the full form.
 * `problems` lists the inputs that could not be checked (the exit code is then 2).
 */
export function formatJson(run: CheckRun): string {
  const json = {
    tool: run.tool,
    asOf: run.asOf,
    failOn: run.failOn,
    failing: failingCount(run),
    problems: run.problems.map(({ file, message, pointer, code, hint, location }) => ({
      file,
      message,
      ...(pointer !== undefined ? { pointer } : {}),
      ...(code !== undefined ? { code } : {}),
      ...(hint !== undefined ? { hint } : {}),
      ...(location ? { line: location.line, column: location.column } : {}),
    })),
    reports: run.files.map((file) => {
      const locations = file.findings.map(({ pointer, location }) => ({ pointer, ...(location ? { line: location.line, column: location.column } : {}) }));
      return { file: file.file, report: run.findingsForm === 'full' ? file.report : compactReport(file.report, locations), locations };
    }),
    rules: rulesCatalog(run.rules),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

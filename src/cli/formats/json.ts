import { failingCount, type CheckRun } from '../check-run.js';

/**
 * The reports as the library returns them, one per file, with the location of
 * each finding: `locations[i]` is where `report.findings[i]` is decided in the file.
 */
export function formatJson(run: CheckRun): string {
  const json = {
    tool: run.tool,
    asOf: run.asOf,
    failOn: run.failOn,
    failing: failingCount(run),
    reports: run.files.map((file) => ({
      file: file.file,
      report: file.report,
      locations: file.findings.map(({ pointer, location }) => ({ pointer, ...(location ? { line: location.line, column: location.column } : {}) })),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

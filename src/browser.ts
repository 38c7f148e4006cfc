/**
 * The browser entry: what the pack playground (playground/) needs, with no
 * Node built-in anywhere below it. Packs are loaded, linted and tested from
 * texts in memory ({@link packFilesFromTexts}); the built-in packs are
 * compiled into the bundle (src/browser-built-in.ts). Built by
 * scripts/browser-bundle.ts, which swaps the two platform modules
 * (packs/built-in-source.ts, packs/proxy.ts) for their browser versions and
 * fails on any Node built-in.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { SourceLocation } from './cli/locate.js';
import { SourceMap } from './cli/locate.js';
import type { ValidationIssue } from './model/errors.js';

export { evaluate, type EvaluateOptions } from './engine/evaluate.js';
export type { Report, Finding, RuleAccount, RuleOutcome, Evidence } from './engine/report.js';
export type { Severity, Localized } from './packs/schema.js';
export { formatValue } from './engine/messages.js';
export { loadPackFromFiles, type LoadedPack } from './packs/load.js';
export { packFilesFromTexts, type PackFiles } from './packs/files.js';
export { lintAndLoadPackFiles, lintPackFiles, type LintIssue } from './packs/lint.js';
export { planPacks } from './packs/combine.js';
export { tn89Pack, investorDefinitionsPack } from './packs/built-in.js';
export { builtInPackNames, readBuiltInPack } from './browser-built-in.js';
export { runPackTestFiles, type PackTestResult } from './authoring/test-runner.js';
export { parseCalendarDate, formatDate } from './model/calendar-date.js';
export { ComplianceInputError, PackError, type ValidationIssue } from './model/errors.js';
export { parseYamlData } from './io/yaml-text.js';
export { documentShape, SourceMap, type SourceLocation } from './cli/locate.js';
export { evidenceLabel } from './cli/evidence-labels.js';

/** A YAML text parsed for locating paths in it (lint issues, the fields that decided a finding). */
export function yamlSourceMap(text: string, shape: 'input' | 'single-fund' | 'fund-list' = 'input'): SourceMap {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return new SourceMap(doc, lineCounter, shape);
}

/** The YAML syntax errors of a text, each at its line and column (what `parseYamlData` reports without a position). */
export function yamlSyntaxErrors(text: string): { message: string; location: SourceLocation }[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  return doc.errors.map((error) => {
    const at = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    return { message: error.message.split('\n')[0]!, location: { line: at.line, column: at.col } };
  });
}

/** Where a pack issue is in the text of the file it names: as `pack lint` prints it, file:line:column. */
export function locateIssue(issue: Pick<ValidationIssue, 'path' | 'pointer'>, text: string): SourceLocation {
  if (issue.pointer === '(file)') return yamlSyntaxErrors(text)[0]?.location ?? { line: 1, column: 1 };
  return yamlSourceMap(text).locate(issue.path).location;
}

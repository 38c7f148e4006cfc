import { parseYamlData, type YamlFileResult } from '../io/yaml-text.js';
import { z } from 'zod';
import { evaluate } from '../engine/evaluate.js';
import type { Extensions } from '../engine/extensions.js';
import type { Finding } from '../engine/report.js';
import { ComplianceInputError, issuesFromZod, PackError, type ValidationIssue } from '../model/errors.js';
import type { PackFiles } from '../packs/files.js';
import type { LoadedPack } from '../packs/load.js';

/** One expected finding: rule id, status, and optionally its subject and evidence values. */
const expectedFindingSchema = z
  .object({
    ruleId: z.string().min(1),
    status: z.enum(['violation', 'waived']).default('violation'),
    fundId: z.string().optional(),
    investorId: z.string().optional(),
    evidence: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** A test case in the style of OpenFisca's YAML tests. */
export const packTestCaseSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    asOf: z.string().min(1),
    input: z.unknown(),
    expect: z
      .object({
        /** The findings the case must produce. */
        findings: z.array(expectedFindingSchema).default([]),
        /** When true (the default), any other finding fails the case. */
        exact: z.boolean().default(true),
        /** Optionally, the report status: findings, no-findings or not-in-force. */
        status: z.enum(['findings', 'no-findings', 'not-in-force']).optional(),
      })
      .strict(),
  })
  .strict();
export type PackTestCase = z.infer<typeof packTestCaseSchema>;

export interface PackTestResult {
  file: string;
  /** The line the case starts on in its file (1-based), when it could be found. */
  line?: number;
  name: string;
  passed: boolean;
  /** What differed, one line each, ready to print. */
  diff: string[];
}

export interface PackTestOptions {
  /** All packs to evaluate with, in order (the pack under test last). */
  packs: readonly LoadedPack[];
  extensions?: Extensions;
  /** Run only the cases this accepts (by name); the others are not evaluated and not listed. */
  filter?: (name: string) => boolean;
}

function describeExpected(e: z.infer<typeof expectedFindingSchema>): string {
  return [e.ruleId, e.fundId && `fund ${e.fundId}`, e.investorId && `investor ${e.investorId}`, e.status !== 'violation' && e.status].filter(Boolean).join(', ');
}

function describeFinding(f: Finding): string {
  return [f.ruleId, `fund ${f.subject.fundId}`, f.subject.investorId && `investor ${f.subject.investorId}`, f.status !== 'violation' && f.status].filter(Boolean).join(', ');
}

function matches(e: z.infer<typeof expectedFindingSchema>, f: Finding): boolean {
  return f.ruleId === e.ruleId && f.status === e.status && (e.fundId === undefined || f.subject.fundId === e.fundId) && (e.investorId === undefined || f.subject.investorId === e.investorId);
}

async function runCase(testCase: PackTestCase, options: PackTestOptions): Promise<string[]> {
  const diff: string[] = [];
  let report;
  try {
    report = await evaluate(testCase.input, { asOf: testCase.asOf, packs: options.packs, extensions: options.extensions });
  } catch (error) {
    if (error instanceof ComplianceInputError || error instanceof PackError) return error.issues.map((i) => `input: ${i.pointer}: ${i.message}`);
    throw error;
  }
  const unmatched = [...report.findings];
  for (const expected of testCase.expect.findings) {
    const index = unmatched.findIndex((f) => matches(expected, f));
    if (index < 0) {
      diff.push(`- expected ${describeExpected(expected)}`);
      continue;
    }
    const [finding] = unmatched.splice(index, 1);
    for (const [name, value] of Object.entries(expected.evidence ?? {})) {
      const actual = finding!.evidence.find((e) => e.name === name);
      if (!actual) diff.push(`~ ${describeExpected(expected)}: no evidence "${name}" (has ${finding!.evidence.map((e) => e.name).join(', ') || 'none'})`);
      else if (JSON.stringify(actual.value) !== JSON.stringify(value)) diff.push(`~ ${describeExpected(expected)}: evidence ${name} is ${JSON.stringify(actual.value)}, expected ${JSON.stringify(value)}`);
    }
  }
  if (testCase.expect.exact) for (const finding of unmatched) diff.push(`+ unexpected ${describeFinding(finding)}: ${finding.message.en}`);
  if (testCase.expect.status && report.status !== testCase.expect.status) diff.push(`~ report status is ${report.status}, expected ${testCase.expect.status}`);
  return diff;
}

/**
 * The test cases of a parsed test file: a YAML list of cases, or one case, with
 * the line each starts on (0 when unknown). Problems are returned, not thrown.
 */
export function packTestCasesOf(read: YamlFileResult, file: string): { cases: PackTestCase[]; issues: ValidationIssue[]; lines: number[] } {
  if (!read.ok) return { cases: [], issues: read.problems.map((message) => ({ file, path: [], pointer: '(file)', message })), lines: [] };
  const value = read.value;
  const parsed = z.array(packTestCaseSchema).safeParse(Array.isArray(value) ? value : [value]);
  if (!parsed.success) return { cases: [], issues: issuesFromZod(parsed.error, file), lines: [] };
  return { cases: parsed.data, issues: [], lines: read.itemLines };
}

/** The test cases of a test file's text: a YAML list of cases, or one case. Problems are returned, not thrown. */
export function readPackTestText(text: string, file: string): { cases: PackTestCase[]; issues: ValidationIssue[]; lines: number[] } {
  return packTestCasesOf(parseYamlData(text), file);
}

/**
 * Run the YAML test cases in the pack's `tests/*.yaml` against the packs:
 * each case evaluates its input as of its date and compares the findings
 * (rule id, status, subject, evidence) with what it expects. `runPackTests`
 * (authoring/directory.ts) runs a directory's. Each result names the case's
 * file and the line it starts on; with `filter`, only the cases it accepts are run.
 */
export async function runPackTestFiles(files: PackFiles, options: PackTestOptions): Promise<{ results: PackTestResult[]; issues: ValidationIssue[] }> {
  const results: PackTestResult[] = [];
  const issues: ValidationIssue[] = [];
  for (const name of files.list('tests')) {
    const path = `tests/${name}`;
    const shown = files.shown(path);
    const { cases, issues: fileIssues, lines } = packTestCasesOf(files.readYaml(path), shown);
    issues.push(...fileIssues);
    for (const [index, testCase] of cases.entries()) {
      // Selected before it runs: a filtered-out case costs no evaluation.
      if (options.filter && !options.filter(testCase.name)) continue;
      const diff = await runCase(testCase, options);
      const line = lines[index];
      results.push({ file: shown, ...(line ? { line } : {}), name: testCase.name, passed: diff.length === 0, diff });
    }
  }
  return { results, issues };
}

import { readYamlFile } from '../io/yaml-file.js';
import type { ValidationIssue } from '../model/errors.js';
import { directoryPackFiles } from '../packs/directory.js';
import { packTestCasesOf, runPackTestFiles, type PackTestCase, type PackTestOptions, type PackTestResult } from './test-runner.js';

/** Run the YAML test cases in `<directory>/tests/*.yaml` (see {@link runPackTestFiles}). */
export function runPackTests(directory: string, options: PackTestOptions): Promise<{ results: PackTestResult[]; issues: ValidationIssue[] }> {
  return runPackTestFiles(directoryPackFiles(directory), options);
}

/**
 * Read the test cases of a file: a YAML list of cases, or one case. Problems are returned, not thrown.
 * The file is read as pack files are (regular files only, at most 10 MB, no YAML tag resolved);
 * `within` is the pack directory it must stay inside.
 */
export function readPackTestFile(file: string, within?: string): { cases: PackTestCase[]; issues: ValidationIssue[]; lines: number[] } {
  return packTestCasesOf(readYamlFile(file, within !== undefined ? { within } : {}), file);
}

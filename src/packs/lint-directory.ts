import { directoryPackFiles } from './directory.js';
import { lintPackFiles, type LintIssue, type LintOptions } from './lint.js';

/** Lint a pack directory (see {@link lintPackFiles}). */
export function lintPack(directory: string, options: LintOptions = {}): LintIssue[] {
  return lintPackFiles(directoryPackFiles(directory), options);
}

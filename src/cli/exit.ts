import { OutputWriteError } from '../io/output-file.js';
import type { GuardedOutput } from '../io/stdout.js';
import { EXIT } from './io.js';

/** Exit code for an internal error (a bug): documented in README; never a finding, never "ok". */
export const EXIT_INTERNAL = 3;

/**
 * The process's exit code once a command is done: its own code, unless
 * standard output could not be written (a full disk, an I/O error: exit 2,
 * with the reason on stderr — the report is incomplete, so neither "ok" nor
 * "findings"). A reader that closed the pipe early does not change the code.
 */
export function finalExitCode(outcome: number | unknown, stdout: GuardedOutput, stderr: { write(text: string): unknown }): number {
  if (typeof outcome !== 'number') {
    if (outcome instanceof OutputWriteError) {
      if (!outcome.reported) stderr.write(`error: ${outcome.message}\n`);
      return EXIT.usage;
    }
    stderr.write(`thai-fund-compliance: internal error: ${outcome instanceof Error ? outcome.message : String(outcome)}\n`);
    return EXIT_INTERNAL;
  }
  if (stdout.failure) {
    if (stdout.failure.reported) return EXIT.usage;
    stderr.write(`error: ${stdout.failure.message}; the output is incomplete\n`);
    return EXIT.usage;
  }
  return outcome;
}

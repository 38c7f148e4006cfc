import { GuardedOutput } from '../io/stdout.js';
import { finalExitCode } from './exit.js';
import { main } from './main.js';

/**
 * Run the CLI as a process: its arguments, the process's own streams, and
 * the exit code set once the output is flushed. Called by the executable
 * (dist/cli.cjs) and, from the sources, by bin.ts.
 */
export function run(argv: readonly string[]): void {
  // A reader that stops early (`| head`) closes the pipe: output is dropped from then on, the run
  // finishes and exits with its own code. Other write errors (a full disk) are reported, never thrown.
  const stdout = new GuardedOutput(process.stdout);
  process.stderr.on('error', () => undefined);

  main(argv, { stdout, stderr: process.stderr }).then(
    async (code) => {
      await stdout.flushed();
      process.exitCode = finalExitCode(code, stdout, process.stderr);
    },
    (error: unknown) => {
      process.exitCode = finalExitCode(error, stdout, process.stderr);
    },
  );
}

// The executable shim: everything else lives in main.ts so it can be tested in-process.
import { GuardedOutput } from '../io/stdout.js';
import { finalExitCode } from './exit.js';
import { main } from './main.js';

// A reader that stops early (`| head`) closes the pipe: output is dropped from then on, the run
// finishes and exits with its own code. Other write errors (a full disk) are reported, never thrown.
const stdout = new GuardedOutput(process.stdout);
process.stderr.on('error', () => undefined);

main(process.argv.slice(2), { stdout, stderr: process.stderr }).then(
  async (code) => {
    await stdout.flushed();
    process.exitCode = finalExitCode(code, stdout, process.stderr);
  },
  (error: unknown) => {
    process.exitCode = finalExitCode(error, stdout, process.stderr);
  },
);

// The executable shim: everything else lives in main.ts so it can be tested in-process.
import module from 'node:module';

// Node 22.1 and later keep compiled code between runs (in the system's temporary directory) when
// asked; on Node 20 there is no such cache and this does nothing. Enabled before the rest of the CLI
// is imported, so the CLI's own modules are cached too.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const [{ GuardedOutput }, { finalExitCode }, { main }] = await Promise.all([import('../io/stdout.js'), import('./exit.js'), import('./main.js')]);

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

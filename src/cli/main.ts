import { Command, CommanderError } from 'commander';
import { EXIT, type Io } from './io.js';
import { packageVersion } from './version.js';

export { EXIT, type Io } from './io.js';

type Register = (program: Command, io: Io, setCode: (code: number) => void) => void;

interface LazyCommand {
  name: string;
  /** As the top-level help lists it: the arguments and the one-line description. */
  args: string;
  summary: string;
  /** The command's module, imported only when the command runs (or its own help is asked for). */
  load: () => Promise<Register>;
}

/**
 * Each command registers itself; add an entry here for a new one. Commands load
 * lazily, so `--help`, `--version` and a command's run import only what they use,
 * never the whole bundle.
 */
const COMMANDS: readonly LazyCommand[] = [
  { name: 'check', args: '[files...]', summary: 'check fund scheme files (YAML or JSON: one fund, a list of funds, or { funds, investors })', load: async () => (await import('./commands/check.js')).registerCheck },
  { name: 'rules', args: '', summary: 'list every rule with its citation', load: async () => (await import('./commands/rules.js')).registerRules },
  { name: 'explain', args: '<rule-id>', summary: "explain a rule: the clause's Thai text and English reading, its dated parameters, its conditions in words", load: async () => (await import('./commands/explain.js')).registerExplain },
  { name: 'pack', args: '', summary: 'create, lint and test rule packs', load: async () => (await import('./commands/pack.js')).registerPack },
  { name: 'register', args: '<scheme> <register>', summary: 'check a unitholder register (CSV with a header row, or NDJSON; one holding a row) against the funds of a scheme file, streaming', load: async () => (await import('./commands/register.js')).registerRegister },
  { name: 'order', args: '<scheme>', summary: 'check an order before accepting it: a subscription, switch-in or transfer of units (exit 0 allowed, 1 blocked, 2 bad input)', load: async () => (await import('./commands/order.js')).registerOrder },
  { name: 'sec', args: '', summary: "pull your company's funds from the SEC open data API (sec pull --amc <id> --out funds.ndjson)", load: async () => (await import('./commands/sec.js')).registerSec },
  { name: 'playground', args: '', summary: 'serve the pack playground on 127.0.0.1: edit a pack in the browser and see its findings, lint and tests as you type', load: async () => (await import('./commands/playground.js')).registerPlayground },
];

/** The command the arguments name (`check ...`, `help check`), if any. */
function namedCommand(argv: readonly string[]): LazyCommand | undefined {
  const name = argv[0] === 'help' ? argv[1] : argv[0];
  return COMMANDS.find((c) => c.name === name);
}

/** Run the CLI with the given arguments; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const setCode = (c: number) => (code = c);
  const program = new Command()
    .name('thai-fund-compliance')
    .description('Check Thai fund schemes against SEC notice TorNor. 89/2558 (ทน. 89/2558); findings cite the clause.')
    .version(packageVersion(), '-V, --version', 'print the version of thai-fund-compliance')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) });

  const named = namedCommand(argv);
  if (named) (await named.load())(program, io, setCode);
  else {
    // Top-level help, a typo, no command: every command by name only (commander suggests the nearest for a typo).
    for (const c of COMMANDS) {
      const stub = program.command(c.name).description(c.summary);
      if (c.args) stub.arguments(c.args);
    }
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return code;
}

import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerExplain } from './commands/explain.js';
import { registerPack } from './commands/pack.js';
import { registerOrder } from './commands/order.js';
import { registerRegister } from './commands/register.js';
import { registerRules } from './commands/rules.js';
import { registerSec } from './commands/sec.js';
import { registerVersion } from './commands/version.js';
import { EXIT, type Io } from './io.js';

export { EXIT, type Io } from './io.js';

/** Each command registers itself; add a line here for a new one. */
const COMMANDS = [registerVersion, registerCheck, registerRules, registerExplain, registerPack, registerRegister, registerOrder, registerSec];

/** Run the CLI with the given arguments; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name('thai-fund-compliance')
    .description('Check Thai fund schemes against SEC notice TorNor. 89/2558 (ทน. 89/2558); findings cite the clause.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) });
  for (const register of COMMANDS) register(program, io, (c) => (code = c));

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return code;
}

import type { Command } from 'commander';
import type { Io } from '../io.js';
import { packageVersion } from '../version.js';

/** `--version`: the version of the installed package. */
export function registerVersion(program: Command, _io: Io, _setCode: (code: number) => void): void {
  program.version(packageVersion(), '-V, --version', 'print the version of thai-fund-compliance');
}

/** Run the CLI in-process, in a directory of its own, capturing what it writes. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../../src/cli/main.js';

export interface RunResult {
  code: number;
  out: string;
  err: string;
}

export interface RunOptions {
  cwd?: string;
  tty?: boolean;
  env?: Record<string, string | undefined>;
  /** What the command reads from standard input (`check -`). */
  stdin?: string;
}

export async function cli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  let out = '';
  let err = '';
  const io = {
    stdout: { write: (s: string) => (out += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (err += s) },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: options.env ?? {},
    ...(options.stdin !== undefined ? { stdin: [Buffer.from(options.stdin, 'utf8')] } : {}),
  };
  const code = await main(args, io);
  return { code, out, err };
}

/** A fresh directory holding the given files (paths may have folders). */
export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tfc-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

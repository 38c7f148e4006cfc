/** The streams and surroundings a command uses; tests pass their own. */
export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Directory that relative paths are resolved against (default: `process.cwd()`). */
  cwd?: string;
  /** Environment (default: `process.env`); only `NO_COLOR` is read. */
  env?: Record<string, string | undefined>;
}

/** Exit codes: what a CI step checks. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Today's date in Asia/Bangkok, where the SEC's calendar runs. */
export function todayInBangkok(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function cwdOf(io: Io): string {
  return io.cwd ?? process.cwd();
}

/** Colour only for a terminal, and never when `NO_COLOR` is set to anything but the empty string. */
export function wantsColour(io: Io): boolean {
  const env = io.env ?? process.env;
  const noColor = env['NO_COLOR'];
  return Boolean(io.stdout.isTTY) && (noColor === undefined || noColor === '');
}

/**
 * Text from a file, fit for a terminal: what came from a scheme file or a
 * pack must not drive the reader's terminal (clear the screen, rewrite a line
 * with a carriage return, forge a line). Line breaks and tabs become spaces,
 * other C0/C1 control characters U+FFFD.
 */
export function printable(text: string): string {
  return text.replace(/[\t\n]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

/** Write a block of lines to stderr, one problem a line, indented under a heading. */
export function writeProblems(io: Io, heading: string, problems: readonly string[]): void {
  io.stderr.write(`error: ${heading}:\n${problems.map((p) => `  ${printable(p)}`).join('\n')}\n`);
}

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

/**
 * Asia/Bangkok has kept UTC+07:00, with no daylight saving, since 1 April 1920
 * (IANA tz database, zone Asia/Bangkok: "7:00 - +07" from "1920 Apr").
 * Inside that span the date is plain arithmetic; building an Intl formatter
 * with a time zone costs some 25 ms of every CLI start (ICU zone data).
 */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const BANGKOK_FIXED_OFFSET_FROM = Date.UTC(1920, 3, 1);
const YEAR_10000 = Date.UTC(10000, 0, 1) - BANGKOK_OFFSET_MS;

/** Today's date in Asia/Bangkok, where the SEC's calendar runs. */
export function todayInBangkok(now: Date = new Date()): string {
  const time = now.getTime();
  if (time >= BANGKOK_FIXED_OFFSET_FROM && time < YEAR_10000) return new Date(time + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
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

/** The streams a command writes to; tests pass their own. */
export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** Exit codes: what a CI step checks. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Today's date in Asia/Bangkok, where the SEC's calendar runs. */
export function todayInBangkok(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

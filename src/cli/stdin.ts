import { isUtf8 } from 'node:buffer';
import type { Io } from './io.js';
import { MAX_INPUT_FILE_BYTES } from './read-inputs.js';

/** The argument that means "read the scheme from standard input". */
export const STDIN_ARGUMENT = '-';

/** An {@link Io} that may carry its own standard input (tests); otherwise `process.stdin` is read. */
export type StdinIo = Io & { stdin?: AsyncIterable<string | Uint8Array> };

/** The whole of standard input as UTF-8 text. */
export async function readStdin(io: StdinIo): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of io.stdin ?? process.stdin) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
      size += chunks[chunks.length - 1]!.length;
      if (size > MAX_INPUT_FILE_BYTES) return { ok: false, message: `standard input is over ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MB; a scheme file is at most that (check a unitholder register with the register command)` };
    }
  } catch (error) {
    return { ok: false, message: `cannot read standard input: ${(error as Error).message}` };
  }
  const bytes = Buffer.concat(chunks);
  if (!isUtf8(bytes)) return { ok: false, message: 'standard input is not UTF-8 text (convert a TIS-620 or Windows-874 file to UTF-8)' };
  return { ok: true, text: bytes.toString('utf8') };
}

import { randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The one way the CLI writes an output file: into a temporary file next to it,
 * renamed into place only when everything was written. An existing file is
 * never truncated by a run that fails (a bad scheme, a bad header, a full
 * disk); and an output that is one of the run's input files is refused before
 * anything is read.
 */

/** An output that cannot be written (or would overwrite an input), with its path. */
export class OutputWriteError extends Error {
  /** Set once the error has been written to stderr, so it is not written twice. */
  reported = false;

  constructor(
    /** The path as given, or "standard output". */
    readonly path: string,
    /** Why, in words. */
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`cannot write ${path}: ${reason}`);
    this.name = 'OutputWriteError';
  }
}

function errnoReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOSPC') return 'no space left on the device';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'ENOENT') return 'its directory does not exist';
  if (e.code === 'EISDIR') return 'it is a directory';
  return e.code ? `cannot write (${e.code})` : `cannot write (${e.message})`;
}

/** Wrap any write failure as an {@link OutputWriteError} naming the path. */
export function outputError(path: string, error: unknown): OutputWriteError {
  if (error instanceof OutputWriteError) return error;
  return new OutputWriteError(path, errnoReason(error), (error as NodeJS.ErrnoException).code);
}

/** True when the two paths name the same file (same device and inode), or the same path when one does not exist yet. */
export function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return resolve(a) === resolve(b);
  }
}

/**
 * Refuse an output path that is one of the inputs (by file identity, so a
 * link or another spelling of the same file is caught too). Call it before
 * reading any input.
 */
export function assertNotAnInput(output: string, inputs: readonly string[], shownAs = output): void {
  for (const input of inputs) {
    if (sameFile(output, input)) throw new OutputWriteError(shownAs, `it is an input of this run (${input}); write the output to another file`);
  }
}

function temporaryPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Write a whole text to `path` atomically (temporary file, then rename). */
export function writeFileAtomic(path: string, text: string, shownAs = path): void {
  const target = resolve(path);
  if (isDirectory(target)) throw new OutputWriteError(shownAs, 'it is a directory');
  const temporary = temporaryPath(target);
  let fd: number | undefined;
  try {
    // `--output reports/x.sarif` in a fresh CI checkout: the folder is made first.
    mkdirSync(dirname(target), { recursive: true });
    fd = openSync(temporary, 'wx');
    const bytes = Buffer.from(text, 'utf8');
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(temporary);
    throw outputError(shownAs, error);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * An output file written as a stream: `stream` writes into a temporary file;
 * `commit()` renames it into place, `abort()` removes it (the existing file,
 * if any, is left as it was).
 */
export class AtomicOutputFile {
  private done = false;
  private failure: OutputWriteError | undefined;

  /** The write error, once the file could not be written. */
  get failed(): OutputWriteError | undefined {
    return this.failure;
  }

  private constructor(
    readonly stream: WriteStream,
    private readonly temporary: string,
    private readonly target: string,
    private readonly shownAs: string,
  ) {
    stream.on('error', (error) => {
      this.failure ??= outputError(shownAs, error);
    });
  }

  static async open(path: string, shownAs = path): Promise<AtomicOutputFile> {
    const target = resolve(path);
    if (isDirectory(target)) throw new OutputWriteError(shownAs, 'it is a directory');
    const temporary = temporaryPath(target);
    try {
      // As writeFileAtomic: a missing folder is made (`--output reports/x.ndjson` in a fresh checkout).
      mkdirSync(dirname(target), { recursive: true });
    } catch (error) {
      throw outputError(shownAs, error);
    }
    const stream = createWriteStream(temporary, { flags: 'wx' });
    try {
      await new Promise<void>((done, fail) => {
        stream.once('open', () => done());
        stream.once('error', fail);
      });
    } catch (error) {
      removeQuietly(temporary);
      throw outputError(shownAs, error);
    }
    return new AtomicOutputFile(stream, temporary, target, shownAs);
  }

  /** Write what is left, then put the file in place. Throws an {@link OutputWriteError} (and leaves the old file) if anything failed. */
  async commit(text?: string): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await new Promise<void>((done, fail) => {
        if (this.failure) return fail(this.failure);
        this.stream.once('error', fail);
        const finish = () => done();
        if (text === undefined) this.stream.end(finish);
        else this.stream.end(text, finish);
      });
      if (this.failure) throw this.failure;
      renameSync(this.temporary, this.target);
    } catch (error) {
      this.stream.destroy();
      removeQuietly(this.temporary);
      throw outputError(this.shownAs, error);
    }
  }

  /** Give up: remove the temporary file; the existing file (if any) is untouched. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await new Promise<void>((done) => {
      if (this.stream.closed || this.stream.destroyed) return done();
      this.stream.once('close', () => done());
      this.stream.destroy();
    });
    removeQuietly(this.temporary);
  }
}

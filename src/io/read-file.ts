import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/**
 * The one way the library opens a file it was given: a scheme file, a pack
 * file, a pack's test file, a register. Only regular files are read — a FIFO,
 * a device (`/dev/zero`), a socket or a directory is refused without reading
 * a byte (a FIFO is opened non-blocking, so nothing waits for a writer) — and
 * the byte limit is enforced while reading, not taken from `stat`, so a file
 * that grows, or lies about its size, cannot grow memory past the limit.
 * Inside a pack, a file (or a symbolic link) that resolves outside the pack's
 * directory is refused.
 */

export type FileProblem = 'missing' | 'not-a-regular-file' | 'too-large' | 'outside-directory' | 'unreadable';

/** A file that cannot be read, with its path (as given) and why. */
export class FileReadError extends Error {
  constructor(
    /** The path as given by the caller. */
    readonly path: string,
    readonly problem: FileProblem,
    /** Why, in words, without the path. */
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'FileReadError';
  }
}

export interface OpenOptions {
  /** When set, the file (after following symbolic links) must be inside this directory. */
  within?: string;
}

export interface ReadOptions extends OpenOptions {
  /** Largest number of bytes accepted; one more is an error. */
  maxBytes: number;
}

const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function fail(path: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') throw new FileReadError(path, 'missing', 'no such file or directory');
  // Opening a socket file fails with ENXIO; a directory may fail with EISDIR.
  if (code === 'ENXIO' || code === 'EISDIR') throw new FileReadError(path, 'not-a-regular-file', code === 'EISDIR' ? 'a directory, not a file' : 'a socket or device, not a regular file');
  if (code === 'ELOOP') throw new FileReadError(path, 'unreadable', 'too many levels of symbolic links');
  throw new FileReadError(path, 'unreadable', `cannot read (${code ?? (error as Error).message})`);
}

/** True when `child` is `parent` or inside it (both absolute, symbolic links resolved). */
function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Open a regular file for reading: the descriptor and the size `fstat` gives
 * (for progress only; never trusted as a limit). The caller closes it.
 */
export function openRegularFile(path: string, options: OpenOptions = {}): { fd: number; size: number } {
  let target = resolve(path);
  try {
    if (options.within !== undefined) {
      const root = realpathSync(resolve(options.within));
      target = realpathSync(target);
      if (!inside(root, target)) throw new FileReadError(path, 'outside-directory', 'resolves outside the pack directory (a symbolic link leaving the pack is not followed)');
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    fail(path, error);
  }
  let fd: number;
  try {
    fd = openSync(target, READ_FLAGS);
  } catch (error) {
    fail(path, error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new FileReadError(path, 'not-a-regular-file', `${kindOf(stats)}, not a regular file`);
    return { fd, size: stats.size };
  } catch (error) {
    closeSync(fd);
    if (error instanceof FileReadError) throw error;
    fail(path, error);
  }
}

/** Read a whole regular file, at most `maxBytes` bytes (counted while reading). */
export function readRegularFile(path: string, options: ReadOptions): Buffer {
  const { fd, size } = openRegularFile(path, options);
  try {
    if (size > options.maxBytes) throw new FileReadError(path, 'too-large', `the file is ${megabytes(size)}; at most ${megabytes(options.maxBytes)} is read`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, options.maxBytes + 1 - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        fail(path, error);
      }
      if (n === 0) break;
      total += n;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      if (total > options.maxBytes) throw new FileReadError(path, 'too-large', `the file grew past ${megabytes(options.maxBytes)} while being read; at most ${megabytes(options.maxBytes)} is read`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * The names in a directory that a pack may hold: visible files with one of the
 * given extensions, sorted. Hidden files (`.x.yaml`, editor and OS leftovers)
 * are never loaded. A missing directory has no entries.
 */
export function listDataFiles(directory: string, pattern: RegExp = /\.ya?ml$/): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names.filter((name) => !name.startsWith('.') && pattern.test(name)).sort();
}

/** Whether anything is at a path (a dangling symbolic link counts, so that the reader reports it instead of skipping it). */
export function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A regular file read chunk by chunk, for registers (read once, never held
 * whole): the file-type check of {@link openRegularFile}, then plain
 * synchronous reads into one buffer. A chunk is valid until the next one is
 * asked for (its bytes are overwritten after that): a reader that keeps
 * bytes copies them. Synchronous on purpose: a regular file's 64 KiB come
 * from the page cache in tens of microseconds, less than the event-loop round
 * trip an asynchronous read costs per chunk (on a busy 2-core machine the
 * read's thread-pool turn left the main thread waiting for about 5% of a
 * 1,000,000-row run), and the rows of each chunk already hold the loop for
 * milliseconds while they are checked. Far cheaper than a ReadStream (no
 * buffer allocated per chunk, no stream machinery). The file is closed at the
 * end of the iteration, when it stops early, or by {@link FileChunks.close}.
 */
export class FileChunks implements AsyncIterable<Uint8Array> {
  private closed = false;

  constructor(
    private readonly fd: number,
    private readonly chunkSize = CHUNK,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array, void, undefined> {
    const buffer = Buffer.allocUnsafe(this.chunkSize);
    let position = 0;
    try {
      while (!this.closed) {
        const bytesRead = readSync(this.fd, buffer, 0, buffer.length, position);
        if (bytesRead === 0) return;
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      this.close();
    }
  }

  /** Close the file (again is nothing). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/** {@link FileChunks} of a regular file; `size` is what `fstat` said, for progress only. */
export function openRegularFileChunks(path: string, options: OpenOptions & { chunkSize?: number } = {}): { chunks: FileChunks; size: number } {
  const { fd, size } = openRegularFile(path, options);
  return { chunks: new FileChunks(fd, options.chunkSize ?? CHUNK), size };
}

import { EventEmitter } from 'node:events';
import { outputError, type OutputWriteError } from './output-file.js';

type Listener = (...args: unknown[]) => void;

/**
 * Standard output as the CLI writes to it. A reader that stops early
 * (`register … | head`) closes the pipe: the run is not cut short — its
 * output is dropped from then on, and it exits with the code its result
 * deserves (so `set -o pipefail` still sees findings). Any other write error
 * (a full disk, an I/O error) is kept as an {@link OutputWriteError} for the
 * caller to report — never an uncaught exception with a stack trace.
 */
export class GuardedOutput {
  /** The reader went away (EPIPE): nothing more is written. */
  closed = false;
  /** A write failed for another reason: the output is incomplete. */
  failure: OutputWriteError | undefined;
  private readonly events = new EventEmitter();

  constructor(private readonly stream: NodeJS.WritableStream & { isTTY?: boolean }) {
    stream.on('error', (error: NodeJS.ErrnoException) => this.fail(error));
    stream.on('drain', () => this.events.emit('drain'));
  }

  get isTTY(): boolean {
    return Boolean(this.stream.isTTY);
  }

  private fail(error: NodeJS.ErrnoException): void {
    if (this.closed || this.failure) return;
    if (error.code === 'EPIPE') this.closed = true;
    else this.failure = outputError('standard output', error);
    // Whoever waits for the stream to drain must not wait forever.
    if (this.failure && this.events.listenerCount('error') > 0) this.events.emit('error', this.failure);
    this.events.emit('drain');
  }

  write(chunk: string): boolean {
    if (this.closed || this.failure) return true;
    try {
      return this.stream.write(chunk);
    } catch (error) {
      this.fail(error as NodeJS.ErrnoException);
      return true;
    }
  }

  once(event: 'drain' | 'error' | 'close', listener: Listener): this {
    this.events.once(event, listener);
    return this;
  }

  removeListener(event: 'drain' | 'error' | 'close', listener: Listener): this {
    this.events.removeListener(event, listener);
    return this;
  }

  /** Resolves when everything written so far has been handed to the system (or the stream failed or closed). */
  flushed(): Promise<void> {
    if (this.closed || this.failure) return Promise.resolve();
    return new Promise((done) => {
      try {
        this.stream.write('', () => done());
      } catch {
        done();
      }
    });
  }
}

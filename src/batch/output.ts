/** A destination for NDJSON text: a Node writable stream, or anything with the same `write`/`once`. */
export interface WritableLike {
  write(chunk: string): boolean;
  once(event: 'drain' | 'error' | 'close', listener: (...args: unknown[]) => void): unknown;
  removeListener?(event: 'drain' | 'error' | 'close', listener: (...args: unknown[]) => void): unknown;
}

const BATCH = 64 * 1024;

/**
 * Lines batched into writes of about 64 KiB, with backpressure: after a write
 * the stream refuses, `ready()` waits for it to drain, so a slow consumer
 * slows the reading down instead of filling memory.
 */
export class NdjsonWriter {
  private pending = '';
  private blocked = false;
  private failure: unknown;

  constructor(private readonly stream: WritableLike) {
    stream.once('error', (error) => {
      this.failure = error;
    });
  }

  /** Queue one line (without its newline). */
  line(text: string): void {
    this.pending += `${text}\n`;
    if (this.pending.length >= BATCH) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = '';
    if (!this.stream.write(chunk)) this.blocked = true;
  }

  /** Resolves when more may be written; rejects if the stream failed. */
  async ready(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.blocked) return;
    await new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        this.stream.removeListener?.('error', onError);
        resolve();
      };
      const onError = (error: unknown) => {
        this.stream.removeListener?.('drain', onDrain);
        reject(error);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
    this.blocked = false;
  }

  /** Write what is queued and wait until the stream has taken it. */
  async finish(): Promise<void> {
    this.flush();
    await this.ready();
  }
}

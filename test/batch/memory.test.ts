/**
 * Bounded memory: a register streams through in chunks, and neither the
 * memory in use while it runs nor what is left after it grows with the
 * number of rows.
 */
import { Readable, Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { evaluateRegister } from '../../src/index.js';
import { SYNTHETIC_AS_OF, SYNTHETIC_SCHEME, syntheticRegister } from '../../scripts/bench-synthetic.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;

async function stream(rows: number) {
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let bytes = 0;
  // The live heap while it runs, sampled after a collection every few progress reports: garbage not yet
  // collected depends on the collector's timing and the machine's load, not on what the register keeps.
  let reports = 0;
  const sample = () => {
    if (++reports % 8 !== 0) return;
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  const summary = await evaluateRegister(
    SYNTHETIC_SCHEME,
    { format: 'csv', stream: Readable.from(syntheticRegister(rows, 'csv', 7, 64 * 1024)) },
    { asOf: SYNTHETIC_AS_OF, output: sink, progressIntervalMs: 0, onProgress: sample },
  );
  gc();
  return { summary, bytes, peak: peak - before, retained: process.memoryUsage().heapUsed - before };
}

describe('a register streams in bounded memory', () => {
  it('200,000 rows use no more heap than 50,000, and leave nothing behind', async () => {
    const small = await stream(50_000);
    const large = await stream(200_000);
    expect(large.summary.rows.read).toBe(200_000);
    expect(large.summary.findings.total).toBeGreaterThan(1_000);
    expect(large.bytes).toBeGreaterThan(1 * MB);
    // While running: the heap in use is bounded by the chunk size, not by the file.
    expect(large.peak).toBeLessThan(64 * MB);
    expect(large.peak).toBeLessThan(small.peak + 16 * MB);
    // After: counts only.
    expect(large.retained).toBeLessThan(4 * MB);
  }, 60_000);
});

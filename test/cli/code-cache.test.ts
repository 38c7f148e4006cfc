// The CLI's code cache is used only when it fits: made by this V8 for this
// very bundle (its size and the digest of its bytes). Anything else compiles as usual.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bundleDigest, codeCacheBytes, commonJsWrapper, readCodeCache } from '../../src/cli/launch/code-cache.js';

const SOURCE = 'exports.answer = function answer() { return 42; };\n';

/**
 * A cache file as the build writes it, for `source`. The data is made under
 * another file name than the one it is used with: V8 answers a source it
 * compiled before under the same name from memory, without looking at the data.
 */
function cacheFor(source: string, bytes?: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tfc-code-cache-')), 'cli-bundle.cache');
  writeFileSync(path, bytes ?? codeCacheBytes(new Script(commonJsWrapper(source), { filename: `${path}.making` }).createCachedData(), Buffer.from(source)));
  return path;
}

function runBundle(source: string, cachedData: Buffer | undefined): { rejected: boolean; answer: number | undefined } {
  const script = new Script(commonJsWrapper(source), { filename: 'cli-bundle.cjs', cachedData });
  const module = { exports: {} as { answer?: () => number } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, undefined, module, 'cli-bundle.cjs', '.');
  return { rejected: script.cachedDataRejected === true, answer: module.exports.answer?.() };
}

describe('the CLI code cache', () => {
  it('is used for the bundle it was made for, and V8 accepts it', () => {
    const read = readCodeCache(Buffer.from(SOURCE), cacheFor(SOURCE));
    expect(read.data).toBeInstanceOf(Buffer);
    expect(runBundle(SOURCE, read.data)).toEqual({ rejected: false, answer: 42 });
  });

  it('is not used for a bundle edited in place to the same length (V8 itself checks only the length)', () => {
    expect(readCodeCache(Buffer.from(SOURCE.replace('42', '24')), cacheFor(SOURCE))).toEqual({ data: undefined, reason: 'other-bundle' });
  });

  it('is not used when missing, unreadable, made by another V8 or for a bundle of another size', () => {
    const cache = cacheFor(SOURCE);
    const bundle = Buffer.from(SOURCE);
    expect(readCodeCache(bundle, `${cache}.gone`)).toEqual({ data: undefined, reason: 'missing' });
    expect(readCodeCache(bundle, cache, '0.0.0-other')).toEqual({ data: undefined, reason: 'other-v8' });
    expect(readCodeCache(Buffer.from(`${SOURCE}\n`), cache)).toEqual({ data: undefined, reason: 'other-bundle' });
    expect(readCodeCache(bundle, cacheFor(SOURCE, Buffer.from('not a code cache\nxx')))).toEqual({ data: undefined, reason: 'unreadable' });
    expect(readCodeCache(bundle, cacheFor(SOURCE, Buffer.from('thai-fund-compliance code cache {not json\nxx')))).toEqual({ data: undefined, reason: 'unreadable' });
  });

  it('that V8 rejects costs a compile, not the run', () => {
    // A source of its own, never compiled in this process before.
    const source = SOURCE.replace('42', '43');
    const cache = cacheFor(source, codeCacheBytes(Buffer.from('not V8 data at all'), Buffer.from(source)));
    const read = readCodeCache(Buffer.from(source), cache);
    expect(read.data?.toString()).toBe('not V8 data at all');
    expect(runBundle(source, read.data)).toEqual({ rejected: true, answer: 43 });
  });

  it('digests every byte: one changed byte anywhere, or a different offset in memory, is told apart or agrees as it should', () => {
    const bytes = Buffer.from(SOURCE.repeat(7)); // not a multiple of 4: the tail counts too
    const digest = bundleDigest(bytes);
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = changed[i]! ^ 1;
      expect(bundleDigest(changed), `byte ${i}`).not.toBe(digest);
    }
    const shifted = Buffer.alloc(bytes.length + 1);
    bytes.copy(shifted, 1);
    expect(bundleDigest(shifted.subarray(1))).toBe(digest);
  });
});

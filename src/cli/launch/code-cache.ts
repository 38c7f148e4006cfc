/**
 * The CLI's code cache: V8's compiled code for the CLI bundle, written at
 * build time next to it, so that a run starts from compiled code instead of
 * parsing and compiling about a megabyte of JavaScript (Node 20 has no
 * compile cache of its own; Node 22.1 added `module.enableCompileCache`).
 *
 * The cache file is a header line, then V8's data:
 *   thai-fund-compliance code cache {"v8":"…","bundleBytes":N,"bundleDigest":"…"}\n<data>
 * It is used only when it was made by this V8 for this very bundle: same size
 * and same digest of its bytes. V8 checks its own version and flags, but of
 * the source only its length: without the digest, a bundle edited in place to
 * the same length would run the cached code of the old one. Anything that
 * does not fit is compiled as usual: a cache costs the compile it would have
 * saved, never a wrong result.
 *
 * Only node built-ins here: this module is part of the small launcher.
 */
import { readFileSync } from 'node:fs';

export const BUNDLE_FILE = 'cli-bundle.cjs';
export const CODE_CACHE_FILE = 'cli-bundle.cache';
const MAGIC = 'thai-fund-compliance code cache ';

export interface CodeCacheHeader {
  v8: string;
  bundleBytes: number;
  bundleDigest: string;
}

/** The cached data when it fits the bundle; `undefined` data means compile as usual, for the reason given. */
export type CodeCacheRead = { data: Buffer } | { data: undefined; reason: 'missing' | 'unreadable' | 'other-v8' | 'other-bundle' };

/**
 * The bundle as the function require would make of it. The cache is made
 * from, and only fits, this very text.
 */
export function commonJsWrapper(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

/**
 * A digest of the bundle's bytes (FNV-1a, 32 bits a word), to tell one bundle
 * from another: about 5 ms for the CLI's megabyte, where loading node:crypto
 * alone costs more. Not a defence against a forged bundle, which could as well
 * carry a forged cache.
 */
export function bundleDigest(bytes: Uint8Array): string {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Uint8Array.from(bytes);
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.length >> 2);
  let hash = -2128831035; // 2166136261, the FNV offset basis, as a 32-bit integer
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i]!, 16777619);
  for (let i = words.length * 4; i < aligned.length; i++) hash = Math.imul(hash ^ aligned[i]!, 16777619);
  return `${(hash >>> 0).toString(16).padStart(8, '0')}-${aligned.length}`;
}

/** The cache file's bytes for a bundle: the header line, then V8's data. */
export function codeCacheBytes(data: Uint8Array, bundle: Uint8Array, v8 = process.versions.v8): Buffer {
  const header: CodeCacheHeader = { v8, bundleBytes: bundle.length, bundleDigest: bundleDigest(bundle) };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8'), data]);
}

/** The cached data for the bundle whose bytes are given, when the cache at `cachePath` fits it. */
export function readCodeCache(bundle: Uint8Array, cachePath: string, v8 = process.versions.v8): CodeCacheRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cachePath);
  } catch {
    return { data: undefined, reason: 'missing' };
  }
  const end = bytes.indexOf(10);
  let header: Partial<CodeCacheHeader> | undefined;
  if (end > 0 && bytes.toString('latin1', 0, MAGIC.length) === MAGIC) {
    try {
      header = JSON.parse(bytes.toString('utf8', MAGIC.length, end)) as Partial<CodeCacheHeader>;
    } catch {
      header = undefined;
    }
  }
  if (!header) return { data: undefined, reason: 'unreadable' };
  if (header.v8 !== v8) return { data: undefined, reason: 'other-v8' };
  if (header.bundleBytes !== bundle.length || header.bundleDigest !== bundleDigest(bundle)) return { data: undefined, reason: 'other-bundle' };
  return { data: bytes.subarray(end + 1) };
}

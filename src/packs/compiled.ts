import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pack } from './schema.js';

/** The loader's `LoadedPack`, named here without importing the loader (which imports this file). */
type LoadedPack = Readonly<Pack> & { readonly source: string };

/**
 * Built-in packs compiled at build time. The YAML under `rules/` stays the
 * source; the build loads and validates each built-in pack once and writes it
 * to `dist/packs/<name>.json` with a digest of the YAML it came from. At run
 * time the built-in pack is read from that file: no YAML is parsed and no
 * schema re-validates it. The digest is checked against the YAML files on
 * every load, so an edited `rules/` is never shadowed by a stale build: the
 * loader then falls back to the YAML (parsed and validated as before).
 *
 * This module imports neither yaml nor zod.
 */

/** The layout of a compiled pack file; a reader refuses any other. */
export const COMPILED_PACK_FORMAT = 1;

export interface CompiledPackFile {
  format: typeof COMPILED_PACK_FORMAT;
  /** The pack directory's name under `rules/` (`tn-89-2558`). */
  name: string;
  /** {@link packSourceDigest} of the YAML it was compiled from. */
  sourceDigest: string;
  /** The validated pack, as the YAML loader returns it (without `source`). */
  pack: Pack;
}

/** The files the directory loader reads: the pack's top-level YAML files and `rules/*.yaml`, by name. */
function packSourceFiles(directory: string): string[] {
  const yamlIn = (dir: string) => {
    try {
      return readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort();
    } catch {
      return [];
    }
  };
  return [...yamlIn(directory), ...yamlIn(join(directory, 'rules')).map((name) => `rules/${name}`)];
}

/** SHA-256 over the names and bytes of a pack directory's YAML files: equal digests, equal source. */
export function packSourceDigest(directory: string): string {
  const hash = createHash('sha256');
  for (const name of packSourceFiles(directory)) {
    const bytes = readFileSync(join(directory, name));
    hash.update(`${name}\u0000${bytes.length}\u0000`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** Where the build writes the compiled built-in packs: `packs/` beside the bundle (dist/packs). */
export function compiledPacksDirectory(): string {
  return join(fileURLToPath(new URL('.', import.meta.url)), 'packs');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The compiled built-in pack `name`, or `undefined` when there is none (running
 * from the sources) or it does not match the YAML in `sourceDirectory` (then
 * the caller loads the YAML). `from` is where to look for compiled packs.
 */
export function readCompiledPack(name: string, sourceDirectory: string, from = compiledPacksDirectory()): LoadedPack | undefined {
  let file: CompiledPackFile;
  try {
    file = JSON.parse(readFileSync(join(from, `${name}.json`), 'utf8')) as CompiledPackFile;
  } catch {
    return undefined;
  }
  if (file?.format !== COMPILED_PACK_FORMAT || file.name !== name || typeof file.pack !== 'object' || file.pack === null) return undefined;
  if (file.sourceDigest !== packSourceDigest(sourceDirectory)) return undefined;
  return deepFreeze({ ...file.pack, source: relative(process.cwd(), sourceDirectory) || sourceDirectory });
}

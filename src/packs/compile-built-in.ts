import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILED_PACK_FORMAT, packSourceDigest, type CompiledPackFile } from './compiled.js';
import { loadPackFromDirectory } from './directory.js';

/**
 * Build step (run by tsup after bundling, see tsup.config.ts; not part of the
 * public API): load and validate every built-in pack under `rulesDirectory`
 * from its YAML, and write it to `<outDirectory>/<name>.json` for
 * {@link readCompiledPack}. A pack that does not load fails the build with
 * the loader's issues.
 */
export function compilePack(rulesDirectory: string, name: string): CompiledPackFile {
  const directory = join(rulesDirectory, name);
  // Digest first: the file says which bytes it was validated from.
  const sourceDigest = packSourceDigest(directory);
  const { source: _source, ...pack } = loadPackFromDirectory(directory);
  return { format: COMPILED_PACK_FORMAT, name, sourceDigest, pack };
}

/** The built-in packs: every directory of `rules/` with a `pack.yaml`. */
export function builtInPackNames(rulesDirectory: string): string[] {
  return readdirSync(rulesDirectory)
    .filter((name) => {
      try {
        return statSync(join(rulesDirectory, name, 'pack.yaml')).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

/** Compile every built-in pack into `outDirectory`; returns the files written. */
export function compileBuiltInPacks(rulesDirectory: string, outDirectory: string): string[] {
  mkdirSync(outDirectory, { recursive: true });
  return builtInPackNames(rulesDirectory).map((name) => {
    const file = join(outDirectory, `${name}.json`);
    writeFileSync(file, `${JSON.stringify(compilePack(rulesDirectory, name))}\n`);
    return file;
  });
}

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPackFromDirectory } from './directory.js';
import { readCompiledPack } from './compiled.js';
import type { LoadedPack } from './load.js';

/** Where the packs shipped with the library live (`rules/` at the package root). */
export function builtInRulesDirectory(): string {
  // Works from src/packs (tests) and from dist/ (the built package).
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, '..', '..', 'rules'), join(here, '..', 'rules')];
  for (const candidate of candidates) {
    try {
      if (statSync(join(candidate, 'tn-89-2558', 'pack.yaml')).isFile()) return candidate;
    } catch {
      // try the next layout
    }
  }
  throw new Error(`Cannot find the built-in rules directory (looked in ${candidates.join(', ')})`);
}

/** A built-in pack under Node: the build's validated copy when it matches the YAML; else the YAML itself. */
export function readBuiltInPack(name: string): LoadedPack {
  const directory = join(builtInRulesDirectory(), name);
  return readCompiledPack(name, directory) ?? loadPackFromDirectory(directory);
}

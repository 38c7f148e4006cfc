/**
 * The browser build's source of the built-in packs (it replaces
 * src/packs/built-in-source.ts there; see scripts/browser-bundle.ts): the
 * packs compiled from rules/ at build time, held inline — no file to read,
 * nothing fetched.
 */
import compiled from 'thai-fund-compliance:built-in-packs';
import type { LoadedPack } from './packs/load.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The built-in pack `name` (`tn-89-2558`), as the build validated it. */
export function readBuiltInPack(name: string): LoadedPack {
  const file = compiled[name];
  if (!file) throw new Error(`no built-in pack ${name} in this build (it has ${Object.keys(compiled).join(', ')})`);
  return deepFreeze({ ...file.pack, source: `rules/${name}` });
}

/** The names of the built-in packs in this build. */
export function builtInPackNames(): string[] {
  return Object.keys(compiled).sort();
}

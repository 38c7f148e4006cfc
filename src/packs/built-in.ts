import type { LoadedPack } from './load.js';
import { readBuiltInPack } from './built-in-source.js';

/**
 * The packs shipped with the library, loaded once and frozen. Where they come
 * from is the one platform-specific piece: under Node, `built-in-source.ts`
 * reads the build's compiled copy (or the YAML under `rules/`); the browser
 * build puts `src/browser-built-in.ts` in its place, which holds the compiled
 * packs inline.
 */
const builtIn = new Map<string, LoadedPack>();

function builtInPack(name: string): LoadedPack {
  let pack = builtIn.get(name);
  if (!pack) {
    pack = readBuiltInPack(name);
    builtIn.set(name, pack);
  }
  return pack;
}

/** The TorNor. 89/2558 pack shipped with the library (loaded once, frozen). */
export function tn89Pack(): LoadedPack {
  return builtInPack('tn-89-2558');
}

/** The SEC investor-definition thresholds (institutional, ultra-high-net-worth, high-net-worth), dated. */
export function investorDefinitionsPack(): LoadedPack {
  return builtInPack('sec-investor-definitions');
}

/**
 * How the library is bundled for a browser (the playground's build and the
 * test that keeps the core free of Node): esbuild, platform=browser, with
 *  - the two platform modules swapped for their browser versions: where the
 *    built-in packs come from, and the Proxy check;
 *  - the built-in packs compiled from rules/ (validated exactly as the Node
 *    build's dist/packs/*.json) and inlined as a module;
 *  - any import of a Node built-in refused, naming the module that imported it.
 */
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { builtInPackNames, compilePack } from '../src/packs/compile-built-in.js';

const ROOT = resolve(import.meta.dirname, '..');

/** Node-only module → its browser version (paths from the repository root). */
export const BROWSER_SUBSTITUTES: Readonly<Record<string, string>> = {
  'src/packs/built-in-source.ts': 'src/browser-built-in.ts',
  'src/packs/proxy.ts': 'src/browser-proxy.ts',
};

const NODE_BUILT_INS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** The packs under rules/, compiled and validated now. */
function compiledBuiltInPacks(): Record<string, unknown> {
  const rules = join(ROOT, 'rules');
  return Object.fromEntries(builtInPackNames(rules).map((name) => [name, compilePack(rules, name)]));
}

function browserPlatform(nodeImports: string[]): Plugin {
  return {
    name: 'thai-fund-compliance-browser',
    setup(build) {
      build.onResolve({ filter: /^thai-fund-compliance:built-in-packs$/ }, () => ({ path: 'built-in-packs', namespace: 'tfc-built-in' }));
      build.onLoad({ filter: /.*/, namespace: 'tfc-built-in' }, () => ({ contents: JSON.stringify(compiledBuiltInPacks()), loader: 'json' }));
      build.onResolve({ filter: /.*/ }, (args) => {
        if (NODE_BUILT_INS.has(args.path)) {
          nodeImports.push(`${args.path} (imported by ${args.importer.replace(`${ROOT}/`, '')})`);
          return { path: args.path, external: true };
        }
        if (!args.path.startsWith('.')) return undefined;
        // Sources import each other as `./x.js`; the file is `./x.ts`.
        const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')).replace(`${ROOT}/`, '');
        const substitute = BROWSER_SUBSTITUTES[target];
        return substitute ? { path: join(ROOT, substitute) } : undefined;
      });
    },
  };
}

export interface BrowserBundle {
  /** esbuild's options, ready for `build()`. */
  options: BuildOptions;
  /** Filled by the build: every Node built-in some module imported (a browser bundle must have none). */
  nodeImports: string[];
}

/** Options to bundle `entry` (a path from the repository root) for a browser. */
export function browserBundle(entry: string, overrides: BuildOptions = {}): BrowserBundle {
  const nodeImports: string[] = [];
  return {
    nodeImports,
    options: {
      entryPoints: [join(ROOT, entry)],
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      legalComments: 'none',
      plugins: [browserPlatform(nodeImports)],
      ...overrides,
    },
  };
}

import { readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import ts from 'typescript';
import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';
import { writeCliCodeCache } from './src/cli/launch/write-code-cache.js';
import { compileBuiltInPacks } from './src/packs/compile-built-in.js';

// Library: ESM + CJS with declarations, dependencies left to the installer.
// CLI: the executable dist/cli.cjs (src/cli/launch/launcher.ts, node built-ins
// only) and dist/cli-bundle.cjs, the whole CLI with its runtime dependencies in
// one CommonJS file: one file to read and compile instead of some two hundred
// modules to resolve, or twenty chunks through the ES module loader. Commands
// still run their modules' code only when used (esbuild wraps each module
// imported with `import()` in an initialiser). After the CLI is bundled, the
// built-in packs are validated from rules/ and written to dist/packs/*.json,
// which the runtime reads instead of the YAML, and the CLI is run once to write
// its code cache (src/cli/launch/code-cache.ts).
/**
 * zod's namespace export (`z`) carries every one of its ~40 message locales
 * (half of zod's code) and its JSON Schema importer; the CLI uses neither (its
 * messages are its own, and zod's English is set by zod itself), so the CLI
 * bundle gets only the English locale and no importer: less code to read at
 * each start. The library build is untouched.
 */
const zodWithoutUnusedParts: Plugin = {
  name: 'zod-without-unused-parts',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$|^\.\/from-json-schema\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}v4${sep}`) ? { path: args.path.includes('locales') ? 'locales' : 'from-json-schema', namespace: 'zod-trimmed', pluginData: args.resolveDir } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-trimmed' }, (args) => ({
      contents:
        args.path === 'locales'
          ? `export { default as en } from ${JSON.stringify(join(args.pluginData as string, '..', 'locales', 'en.js'))};`
          : 'export function fromJSONSchema() { throw new Error("fromJSONSchema is not part of the thai-fund-compliance CLI"); }',
      resolveDir: args.pluginData as string,
    }));
  },
};

/**
 * Where each name of the library's barrel (src/index.ts) is declared, for
 * {@link barrelImportsByModule}: from TypeScript's view of its exports
 * (star re-exports included).
 */
function barrelModules(barrel: string): Map<string, string> {
  const program = ts.createProgram([barrel], { allowJs: false, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, noResolve: false });
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(barrel)!);
  const modules = new Map<string, string>();
  for (const exported of symbol ? checker.getExportsOfModule(symbol) : []) {
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const file = target.declarations?.[0]?.getSourceFile().fileName;
    if (file && !file.includes('node_modules')) modules.set(exported.name, resolve(file));
  }
  return modules;
}

/**
 * The CLI's modules import the library through its barrel (`../index.js`).
 * In the bundle a command's module, when loaded, first runs the modules it
 * imports: through the barrel, every module the barrel lists (the register,
 * pre-trade, adapters...), each with its top-level code (zod schemas).
 * Rewritten to import each name from its own module, `check` runs what it
 * uses. Source files are unchanged.
 */
function barrelImportsByModule(barrel: string): Plugin {
  return {
    name: 'barrel-imports-by-module',
    setup(build) {
      let modules: Map<string, string> | undefined;
      build.onLoad({ filter: /[\\/]src[\\/]cli[\\/].*\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const pattern = /import\s*\{([^}]*)\}\s*from\s*'((?:\.\.\/)+)index\.js';/g;
        if (!pattern.test(source)) return undefined;
        modules ??= barrelModules(barrel);
        const contents = source.replace(pattern, (statement, names: string, up: string) => {
          if (resolve(dirname(args.path), up, 'index.ts') !== barrel) return statement;
          const byModule = new Map<string, string[]>();
          for (const raw of names.split(',').map((n) => n.trim()).filter(Boolean)) {
            if (raw.startsWith('type ')) continue; // types are erased
            const name = raw.split(/\s+as\s+/)[0]!;
            const module = modules!.get(name);
            if (!module) return statement; // not found: keep the barrel import as it is
            byModule.set(module, [...(byModule.get(module) ?? []), raw]);
          }
          return [...byModule].map(([module, list]) => `import { ${list.join(', ')} } from ${JSON.stringify(module)};`).join(' ');
        });
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * yaml's Node entry is CommonJS: bundled, it is one function compiled whole
 * when first required. Its ES module build (the same code; warnings go to
 * console.warn instead of process.emitWarning) is compiled function by
 * function as used, and tree-shaken.
 */
const yamlAsModule: Plugin = {
  name: 'yaml-as-module',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: resolve('node_modules/yaml/browser/index.js') }));
  },
};

export default defineConfig([
  {
    // The root export, and the subpath exports of package.json ("./engine", "./packs", "./register", "./pretrade").
    entry: { index: 'src/index.ts', engine: 'src/subpaths/engine.ts', packs: 'src/subpaths/packs.ts', register: 'src/subpaths/register.ts', pretrade: 'src/subpaths/pretrade.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    shims: true,
    target: 'node20',
  },
  {
    // The launcher keeps its shebang line from its source.
    entry: { cli: 'src/cli/launch/launcher.ts', 'cli-bundle': 'src/cli/run.ts' },
    format: ['cjs'],
    sourcemap: true,
    shims: true,
    target: 'node20',
    noExternal: ['commander', 'decimal.js', 'json-rules-engine', 'yaml', 'zod'],
    // Less to read at each start; names are kept (no identifier mangling), the source map maps it back.
    esbuildOptions(options) {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
    esbuildPlugins: [barrelImportsByModule(resolve('src/index.ts')), zodWithoutUnusedParts, yamlAsModule],
    metafile: true,
    // The built-in packs are compiled here, after the library's clean of dist/ and before the
    // run that writes the code cache (which checks the example funds with them).
    onSuccess: async () => {
      compileBuiltInPacks('rules', 'dist/packs');
      writeCliCodeCache('dist');
    },
  },
]);

import { defineConfig } from 'tsup';
import { compileBuiltInPacks } from './src/packs/compile-built-in.js';

// Library: ESM + CJS with declarations, dependencies left to the installer.
// CLI: one ESM file with a shebang and its runtime dependencies bundled in:
// one file to read instead of some two hundred modules to resolve at every
// start (the CLI starts about a third faster, see bench/results.md). The
// banner gives the bundled CommonJS code a `require` for Node's built-ins.
// After the library is bundled, the built-in packs are validated from rules/
// and written to dist/packs/*.json, which the runtime reads instead of the YAML.
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
    onSuccess: async () => {
      compileBuiltInPacks('rules', 'dist/packs');
    },
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    shims: true,
    target: 'node20',
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
    noExternal: ['commander', 'decimal.js', 'json-rules-engine', 'yaml', 'zod'],
    // Less to read at each start; names are kept (no identifier mangling), the source map maps it back.
    esbuildOptions(options) {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
  },
]);

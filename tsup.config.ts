import { defineConfig } from 'tsup';
import { compileBuiltInPacks } from './src/packs/compile-built-in.js';

// Library: ESM + CJS with declarations. CLI: one ESM entry with a shebang.
// After the library is bundled, the built-in packs are validated from rules/
// and written to dist/packs/*.json, which the runtime reads instead of the YAML.
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
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
    banner: { js: '#!/usr/bin/env node' },
  },
]);

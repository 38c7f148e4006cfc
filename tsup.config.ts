import { defineConfig } from 'tsup';

// Library: ESM + CJS with declarations. CLI: one ESM entry with a shebang.
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
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    shims: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);

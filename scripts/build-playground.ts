/**
 * `npm run playground`: build the pack playground (playground/) into one
 * static folder, playground/dist: index.html, playground.css and one classic
 * script, playground.js, holding the library's browser build, the built-in
 * packs, CodeMirror and the example pack. A classic script (not a module) so
 * that the page works when opened from file:// as well as from any static
 * host. Prints the script's size, gzipped.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { browserBundle } from './browser-bundle.js';

const ROOT = resolve(import.meta.dirname, '..');
export const PLAYGROUND_DIST = join(ROOT, 'playground', 'dist');
/** The budget for the page's JavaScript, gzipped. */
const BUDGET_GZIP_BYTES = 700 * 1024;

export async function buildPlayground(): Promise<{ bytes: number; gzipBytes: number }> {
  const bundle = browserBundle('playground/main.ts', {
    format: 'iife',
    minify: true,
    loader: { '.yaml': 'text' },
    // The library's modules read no environment; production builds of the editor drop their dev checks.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const result = await build(bundle.options);
  if (bundle.nodeImports.length > 0) throw new Error(`the playground bundle reaches Node built-ins: ${bundle.nodeImports.join(', ')}`);
  const script = result.outputFiles![0]!.contents;
  rmSync(PLAYGROUND_DIST, { recursive: true, force: true });
  mkdirSync(PLAYGROUND_DIST, { recursive: true });
  writeFileSync(join(PLAYGROUND_DIST, 'playground.js'), script);
  copyFileSync(join(ROOT, 'playground', 'index.html'), join(PLAYGROUND_DIST, 'index.html'));
  copyFileSync(join(ROOT, 'playground', 'playground.css'), join(PLAYGROUND_DIST, 'playground.css'));
  return { bytes: script.length, gzipBytes: gzipSync(script).length };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { bytes, gzipBytes } = await buildPlayground();
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`playground/dist/playground.js: ${kb(bytes)}, ${kb(gzipBytes)} gzipped (budget ${kb(BUDGET_GZIP_BYTES)} gzipped)`);
  if (gzipBytes > BUDGET_GZIP_BYTES) {
    console.error(`error: the playground's JavaScript is over its budget of ${kb(BUDGET_GZIP_BYTES)} gzipped`);
    process.exit(1);
  }
}

#!/usr/bin/env node
/**
 * The package's executable (dist/cli.cjs): loads the CLI bundle
 * (dist/cli-bundle.cjs, the whole CLI in one CommonJS file) with the code
 * cache written beside it at build time when the cache fits this Node and
 * this bundle (code-cache.ts), and compiles it as usual when not. With the
 * cache a run skips most of its parsing and compiling: see bench/results.md.
 * Built as CommonJS, so `__dirname` is this file's folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { BUNDLE_FILE, CODE_CACHE_FILE, codeCacheBytes, commonJsWrapper, readCodeCache } from './code-cache.js';

interface CliBundle {
  run(argv: readonly string[]): void;
}

const bundlePath = join(__dirname, BUNDLE_FILE);
const cachePath = join(__dirname, CODE_CACHE_FILE);
// Set by the build (write-code-cache.ts) for the one run whose compiled code becomes the cache.
const writingCache = process.env['THAI_FUND_COMPLIANCE_WRITE_CODE_CACHE'] === '1';

function loadBundle(): CliBundle {
  const requireHere = nodeModule.createRequire(bundlePath);
  const bundle = readFileSync(bundlePath);
  const cached = writingCache ? undefined : readCodeCache(bundle, cachePath).data;
  const enableCompileCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (!cached && !writingCache && enableCompileCache) {
    // Node 22.1+ keeps compiled code between runs itself, for what require loads.
    enableCompileCache();
    return requireHere(bundlePath) as CliBundle;
  }
  // What require does for a CommonJS file, with V8's cached data (if any) handed to the compiler.
  const script = new Script(commonJsWrapper(bundle.toString('utf8')), { filename: bundlePath, cachedData: cached });
  const module = { exports: {} as CliBundle };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireHere, module, bundlePath, __dirname);
  if (writingCache) {
    // At exit the functions the run used are compiled too, and go into the cache with the rest.
    process.once('exit', () => {
      try {
        writeFileSync(cachePath, codeCacheBytes(script.createCachedData(), bundle));
      } catch (error) {
        // The build sees the cache missing and fails; anyone else setting the variable keeps their run's exit code.
        process.stderr.write(`thai-fund-compliance: cannot write the code cache ${cachePath}: ${(error as Error).message}\n`);
      }
    });
  }
  return module.exports;
}

loadBundle().run(process.argv.slice(2));

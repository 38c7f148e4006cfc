/** The built-in packs compiled from rules/ at build time, by name; made by scripts/browser-bundle.ts for the browser build. */
declare module 'thai-fund-compliance:built-in-packs' {
  const packs: Readonly<Record<string, import('./packs/compiled.js').CompiledPackFile>>;
  export default packs;
}

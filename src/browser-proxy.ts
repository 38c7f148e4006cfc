/**
 * The browser build's Proxy check (it replaces src/packs/proxy.ts there): a
 * page has no way to tell a Proxy from its target, so this answers false. The
 * playground gives the engine data parsed from YAML text, never a Proxy; a
 * page that hands the engine objects of its own must trust them.
 */
export function isProxy(_value: object): boolean {
  return false;
}

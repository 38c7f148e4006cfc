import { types } from 'node:util';

/**
 * Whether a value is a Proxy (whose traps would run if it were read). Only
 * Node can tell; the browser build puts `src/browser-proxy.ts` in its place.
 */
export function isProxy(value: object): boolean {
  return types.isProxy(value);
}

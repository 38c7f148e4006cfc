/** Adapters from other data shapes to the library's input. */
export * from './sec-open-data/index.js';

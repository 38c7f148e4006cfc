/** `thai-fund-compliance/pretrade`: the order API with its comparison helpers and order schemas. */
export * from '../pretrade/index.js';

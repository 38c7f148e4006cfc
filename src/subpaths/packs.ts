/** `thai-fund-compliance/packs`: pack internals for authoring tools (references, pack-test files, the vocabulary). */
export { resolveReference, type ReferenceResolution } from '../packs/references.js';
export { packTestCaseSchema, readPackTestText } from '../authoring/test-runner.js';
export { readPackTestFile } from '../authoring/directory.js';
export { FACT_CATALOG, OPERATOR_NAMES, vocabularyOf, factAvailable, type Vocabulary, type FactEntry } from '../facts/vocabulary.js';
export { FACTS, fieldPaths, type FactDefinition, type FactField, type FactName, type FactShape, type FactText, type FactValueType } from '../facts/catalog.js';
export { parsePath, resolvePath, type PathStep } from '../packs/path.js';
export * from '../packs/schema.js';

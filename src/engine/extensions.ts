/** The extension types and the pack vocabulary live in src/facts/vocabulary.ts (below packs and engine); re-exported here. */
export {
  defineExtensions,
  vocabularyOf,
  factAvailable,
  type CustomFact,
  type CustomFactContext,
  type CustomOperator,
  type Extensions,
  type FactEntry,
  type Vocabulary,
} from '../facts/vocabulary.js';

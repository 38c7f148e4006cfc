/** Citation rendering lives with the packs (the law's side); re-exported for the engine. */
export { renderCitation, type RenderedCitation } from '../packs/citation.js';

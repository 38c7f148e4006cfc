/** The safe path resolver lives with the packs (a pack's path syntax); re-exported for the engine. */
export * from '../packs/path.js';

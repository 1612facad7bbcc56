/** Types of scripts/docsBlocks.mjs (plain Node ESM re-exporting the TypeScript modules of scripts/docs/). */
export type { DocBlock } from './docs/markers.ts';
export type { Renderer } from './docs/renderer.ts';
export { blockName, docFiles, GENERATED_KINDS, normalise, parseBlocks, replaceBodies, ROOT } from './docs/markers.ts';
export { optionTable, propertyTable, TABLE_MACHINE } from './docs/tables.ts';
export { createRenderer, regenerateFile } from './docs/renderer.ts';

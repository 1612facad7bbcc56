/**
 * The generated blocks of README.md and docs/*.md: what `npm run docs`
 * (scripts/docs.mjs) and test/docsUpToDate.test.ts share, in this folder:
 *
 *   markers.ts    the marker format: parse and replace blocks, normalise what may differ between runs
 *   commands.ts   running what the docs show: sync-check, npx vitest, library examples
 *   selection.ts  the paragraphs or diagram of an output a block shows
 *   tables.ts     the property table and the option tables
 *   renderer.ts   each command run once, a few at a time; a file's blocks regenerated
 *
 * The modules are TypeScript, as the code they document: import this from a
 * script that registered tsx first (scripts/docs.mjs), or from vitest.
 */
export { blockName, docFiles, GENERATED_KINDS, normalise, parseBlocks, replaceBodies, ROOT } from './markers.ts';
export { optionTable, propertyTable, TABLE_MACHINE } from './tables.ts';
export { createRenderer, regenerateFile } from './renderer.ts';
export type { DocBlock } from './markers.ts';
export type { Renderer } from './renderer.ts';

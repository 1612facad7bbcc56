/**
 * `npm run docs`: rewrites every generated block of README.md and docs/*.md
 * (see scripts/docs/markers.ts for the markers) from what the tool prints and
 * declares now. test/docsUpToDate.test.ts fails when a block drifts from this.
 *
 * Nothing in the repository is written but those Markdown files: commands save
 * their counterexamples in temporary folders, removed at the end. Blocks marked
 * docs:measured (benchmark figures) are left alone: `npm run bench` measures them.
 *
 *   npm run docs               rewrite every file
 *   npm run docs -- --check    rewrite nothing; exit 1 naming each block that drifted
 *   npm run docs -- --fast     leave docs:slow blocks (a minute of exhaustive searches) alone
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { register } from 'tsx/esm/api';

// The blocks' modules (scripts/docs/) are TypeScript, and read the catalogue, the CLI's definitions and run checks from the sources.
register();
const { createRenderer, docFiles, GENERATED_KINDS, regenerateFile, ROOT } = await import('./docs/index.ts');

const checkOnly = process.argv.includes('--check');
const kinds = process.argv.includes('--fast') ? GENERATED_KINDS.filter((kind) => kind !== 'slow') : GENERATED_KINDS;
const started = performance.now();
const renderer = createRenderer({ concurrency: 2 });
let generated = 0;
let left = 0;
const drifted = [];

try {
  // Every file starts at once; the renderer keeps two commands in flight.
  const files = docFiles().map((file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    return { file, text, result: regenerateFile(file, text, renderer, kinds) };
  });
  for (const { file, text, result } of files) {
    const { bodies, drifted: names, updated } = await result;
    generated += bodies.filter((body) => body !== undefined).length;
    left += bodies.filter((body) => body === undefined).length;
    drifted.push(...names);
    if (!checkOnly && updated !== text) writeFileSync(path.join(ROOT, file), updated);
  }
} finally {
  await renderer.close();
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`docs: ${generated} blocks generated, ${left} left as they are (measured figures${kinds.includes('slow') ? '' : ', slow outputs'}), ${seconds} s\n`);
for (const name of drifted) process.stdout.write(`  ${checkOnly ? 'drifted' : 'updated'}: ${name}\n`);
if (checkOnly && drifted.length > 0) process.exitCode = 1;

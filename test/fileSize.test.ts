/** No file a maintainer reads is over 250 lines: a longer one holds more than one concept and is split (issue 13). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const MAX_LINES = 250;
const FOLDERS = ['model', 'properties', 'src', 'scripts', 'test', 'bin'];

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|cts|mjs|cjs|js|py)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    // Fixtures are inputs under check (hostile ones are long on purpose), not code to maintain.
    .filter((file) => !file.startsWith(`test${path.sep}fixtures${path.sep}`));
}

describe('file size', () => {
  it(`no source, script or test file is over ${MAX_LINES} lines`, () => {
    const files = FOLDERS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((file) => ({ file, lines: readFileSync(path.join(ROOT, file), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});

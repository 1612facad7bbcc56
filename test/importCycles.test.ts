/** No import circles: the import graph of src/ (and of model/ and properties/ that it reaches), read from the sources, has no cycle. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.[mc]?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The specifiers `source` imports: static, type-only, re-exports and dynamic import() of a string literal alike. */
function specifiersOf(file: string, source: string): string[] {
  // A real parser (oxc's, the one the linter uses), so a comment or a string that mentions an import is not one.
  const { module } = parseSync(file, source);
  return [
    ...module.staticImports.map((entry) => entry.moduleRequest.value),
    ...module.staticExports.flatMap((entry) => entry.entries.flatMap((exported) => (exported.moduleRequest === null ? [] : [exported.moduleRequest.value]))),
    ...module.dynamicImports.map(({ moduleRequest }) => source.slice(moduleRequest.start, moduleRequest.end)).filter((text) => /^(['"]).*\1$/.test(text)).map((text) => text.slice(1, -1)),
  ];
}

/** The source files `file` imports by a relative path. */
function importsOf(file: string): string[] {
  return specifiersOf(file, readFileSync(file, 'utf8'))
    .filter((specifier) => specifier.startsWith('.') && /\.[mc]?ts$/.test(specifier))
    .map((specifier) => path.resolve(path.dirname(file), specifier))
    .filter((imported) => existsSync(imported));
}

/** Every cycle's files in import order, found by a depth-first search from each of `roots`. */
function cycles(roots: readonly string[]): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string): void => {
    const at = onPath.indexOf(file);
    if (at >= 0) {
      found.push([...onPath.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    onPath.push(file);
    for (const imported of importsOf(file)) visit(imported);
    onPath.pop();
    done.add(file);
  };
  for (const root of roots) visit(root);
  return found;
}

describe('the import graph', () => {
  it('finds a cycle when there is one, through type-only and dynamic imports too (the walk itself works)', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'sync-check-cycle-'));
    writeFileSync(path.join(folder, 'a.ts'), "import { b } from './b.ts';\nexport const a = () => b;\n");
    writeFileSync(path.join(folder, 'b.ts'), "import type { C } from './c.ts';\nexport const b = (c?: C) => c;\n");
    writeFileSync(path.join(folder, 'c.ts'), "export type C = number;\nexport const load = () => import('./a.ts');\n");
    expect(cycles([path.join(folder, 'a.ts')]).map((cycle) => cycle.map((file) => path.basename(file)))).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(importsOf(path.join(ROOT, 'src/cli/main.ts'))).toContain(path.join(ROOT, 'src/cli/syncCheck.ts'));
  });

  it('of src/ has no cycle (so no module is ever seen half-initialised)', () => {
    const relative = cycles(sourceFiles(path.join(ROOT, 'src'))).map((cycle) => cycle.map((file) => path.relative(ROOT, file)).join(' -> '));
    expect(relative).toEqual([]);
  });

  it('points one way: no folder imports from a layer above it', () => {
    const upward = sourceFiles(ROOT)
      .filter((file) => /^(model|properties|src)\//.test(path.relative(ROOT, file)))
      .flatMap((file) => importsOf(file).map((imported) => [path.relative(ROOT, file), path.relative(ROOT, imported)] as const))
      .filter(([from, to]) => layerIndex(from) < layerIndex(to))
      .map(([from, to]) => `${from} -> ${to}`)
      .sort();
    expect(upward).toEqual([]);
  });
});

/**
 * The layers, lowest first: each may import only from itself and the layers
 * before it. The model is the protocol; properties say what correct means; the
 * reference is the model plus state; check runs one scenario against a target
 * and harness runs the original harness over one object (both beside the
 * implementation, in its worker); adapters load and isolate targets; the
 * engines search; conformance judges every property of every mode with them;
 * report formats; failures stores; api, bench and cli face the user, the cli
 * last, as it starts all the others.
 */
const LAYERS = [
  'model', 'properties', 'src/reference', 'src/check', 'src/harness', 'src/adapters',
  'src/exhaustive', 'src/modelChecker', 'src/simulate', 'src/soak', 'src/conformance',
  'src/report', 'src/failures', 'src/api', 'src/bench', 'src/cli', 'src',
] as const;

function layerIndex(file: string): number {
  const folder = LAYERS.findLastIndex((layer) => file.startsWith(`${layer}/`) && (layer !== 'src' || !file.slice(4).includes('/')));
  return folder >= 0 ? folder : LAYERS.indexOf('src');
}

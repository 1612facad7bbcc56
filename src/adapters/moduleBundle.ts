/**
 * One plain-JavaScript file for a TS/JS implementation, so that its worker thread
 * imports it with Node alone. tsx would do the same work in every thread it starts
 * (a loader thread of its own and a round trip to it for every module, about
 * 0.4 CPU-s a thread); bundled once in the checker's thread, a thread loads in
 * a few milliseconds, which matters when crashes and shrinking start many threads.
 *
 * Only code that behaves the same bundled as loaded module by module is bundled:
 * every file Node reads as ESM, importing only other such files and Node's own
 * modules, without `import.meta`, dynamic `import()`, `eval`, `require` or the
 * CommonJS globals, whose meaning depends on where a file lives or how it is
 * loaded. Anything else (a package import, CommonJS, a syntax error) is loaded
 * by tsx as before: `bundleModule` then answers undefined, never a different verdict.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isBuiltin } from 'node:module';
import type * as Esbuild from 'esbuild';
import { NODE_BUNDLE, withEsbuild } from './esbuildService.ts';
import { nodeReadsAsEsm } from './moduleFormat.ts';

/** A bundle on disk, in a folder of its own that `remove` deletes. */
export interface ModuleBundle {
  readonly file: string;
  readonly remove: () => void;
}

/** Words whose meaning changes when a file's code moves into a bundle elsewhere on disk. */
const PLACE_DEPENDENT = /\bimport\s*\.\s*meta\b|\bimport\s*\(|\beval\b|\brequire\b|\b__dirname\b|\b__filename\b|\bmodule\s*\.\s*exports\b|\bexports\s*\./;

/**
 * Bundles `absolute` (an implementation's entry file) into one ESM file in a fresh
 * temporary folder, or answers undefined when the bundle might not behave exactly
 * as the files would (tsx loads them then).
 */
export async function bundleModule(absolute: string): Promise<ModuleBundle | undefined> {
  const output = await withEsbuild(async (esbuild) => {
    try {
      const result = await esbuild.build({
        ...NODE_BUNDLE,
        entryPoints: [absolute],
        metafile: true,
        plugins: [onlyLocalFilesAndBuiltins],
      });
      const code = result.outputFiles[0]?.text;
      return code === undefined ? undefined : { code, inputs: Object.keys(result.metafile.inputs).map((input) => path.resolve(input)) };
    } catch {
      return undefined;
    }
  });
  if (output === undefined) return undefined;
  if (!output.inputs.every(bundlesFaithfully)) return undefined;
  const folder = mkdtempSync(path.join(tmpdir(), 'sync-check-bundle-'));
  const file = path.join(folder, 'implementation.mjs');
  writeFileSync(file, output.code);
  const remove = (): void => {
    rmSync(folder, { recursive: true, force: true });
    unremoved.delete(remove);
  };
  unremoved.add(remove);
  return { file, remove };
}

/** Bundles not yet removed: a checker that exits without closing its implementation (a signal) still removes them. */
const unremoved = new Set<() => void>();
process.once('exit', () => {
  for (const remove of [...unremoved]) remove();
});

/** A file whose code means the same inside the bundle: read by Node as ESM, nothing place-dependent in it. */
function bundlesFaithfully(file: string): boolean {
  if (!nodeReadsAsEsm(file)) return false;
  try {
    return !PLACE_DEPENDENT.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/** Node's own modules stay imports; any package import stops the bundle (its resolution is the package's own business). */
const onlyLocalFilesAndBuiltins: Esbuild.Plugin = {
  name: 'only-local-files-and-builtins',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      return { errors: [{ text: `a package import (${args.path}): loaded by tsx instead` }] };
    });
  },
};

/**
 * The file a worker thread of the checker's own starts from. Compiled (dist/), the
 * `.js` beside the caller. From sources (tsx, vitest), a thread starts without
 * tsx's loader: rather than register it in every thread (a loader thread of its
 * own and a round trip to it for each of some sixty modules, about 0.5 CPU-s per
 * thread), the entry and everything it imports from this repository are bundled
 * once per process into `node_modules/.cache/sync-check/` (packages stay imports,
 * resolved from the repository's node_modules). Should bundling fail, the `.mjs`
 * beside the entry that registers tsx first.
 *
 * In the bundle, each source keeps its own `import.meta.url`, `.dirname` and
 * `.filename` (the Python adapter is found beside loadImplementation.ts, and a
 * bundled caller of workerEntry still knows it runs from sources).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Esbuild from 'esbuild';
import { NODE_BUNDLE, withEsbuild } from './esbuildService.ts';

/** The repository root, from this file's place in it (src/adapters/). */
const ROOT = path.resolve(import.meta.dirname, '../..');

const bundled = new Map<string, Promise<URL>>();

/**
 * Where a worker thread running `entry` starts: `entry` names the module without
 * its extension, relative to `callerUrl` (e.g. './implementationWorker').
 */
export function workerEntry(callerUrl: string, entry: string): Promise<URL> {
  if (!callerUrl.endsWith('.ts')) return Promise.resolve(new URL(`${entry}.js`, callerUrl));
  const source = new URL(`${entry}.ts`, callerUrl).href;
  let url = bundled.get(source);
  if (url === undefined) {
    url = bundleSources(source).catch(() => new URL(`${entry}.mjs`, callerUrl));
    bundled.set(source, url);
  }
  return url;
}

/** Bundles the entry's sources into the cache folder under a name taken from its content; the file's URL. */
async function bundleSources(sourceUrl: string): Promise<URL> {
  const result = await withEsbuild((esbuild) =>
    esbuild.build({
      ...NODE_BUNDLE,
      entryPoints: [new URL(sourceUrl).pathname],
      packages: 'external',
      plugins: [importMetaOfEachSource],
    }),
  );
  const code = result?.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild wrote nothing');
  const name = `${path.basename(sourceUrl, '.ts')}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  const folder = path.join(ROOT, 'node_modules/.cache/sync-check');
  const file = path.join(folder, name);
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true });
    // Written beside and renamed: a test file in another process may be writing the same bundle at the same time.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return pathToFileURL(file);
}

/** Replaces each source's `import.meta` fields by their values for that source, as if it were loaded on its own. */
const importMetaOfEachSource: Esbuild.Plugin = {
  name: 'import-meta-of-each-source',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const fields: Record<string, string> = { url: pathToFileURL(args.path).href, dirname: path.dirname(args.path), filename: args.path };
      const contents = readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, field: string) => JSON.stringify(fields[field]));
      return { contents, loader: 'ts' };
    });
  },
};

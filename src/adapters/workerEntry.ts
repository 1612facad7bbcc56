/**
 * The file a worker thread of the checker's own starts from. Compiled (dist/), the
 * `.js` beside the caller. From sources (tsx, vitest), a thread starts without
 * tsx's loader: rather than register it in every thread (a loader thread of its
 * own and a round trip to it for each of some sixty modules, about 0.5 CPU-s per
 * thread), the entry and everything it imports from this repository are bundled
 * once per process into `node_modules/.cache/sync-check/` (packages stay imports,
 * resolved from the repository's node_modules). Should bundling fail, the `.mjs`
 * beside the entry that registers tsx first.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [new URL(sourceUrl).pathname],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    target: `node${process.versions.node}`,
    keepNames: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
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

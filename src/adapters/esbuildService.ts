/**
 * esbuild (the compiler tsx itself runs), for the bundles of moduleBundle.ts and
 * workerEntry.ts. Its API runs a service process of its own; that process is
 * stopped once no bundle is being made, so a check leaves nothing running
 * behind it (a later bundle starts it again in milliseconds).
 */
import type * as Esbuild from 'esbuild';

/**
 * What every bundle of ours is: one ESM file in memory, for this Node, and, as tsx
 * transforms, classes and functions keeping their names (errors name them).
 */
export const NODE_BUNDLE = {
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  target: `node${process.versions.node}`,
  keepNames: true,
  logLevel: 'silent',
} as const satisfies Esbuild.BuildOptions;

let inFlight = 0;

/** Runs `use` with esbuild; undefined when esbuild cannot be loaded. */
export async function withEsbuild<Result>(use: (esbuild: typeof Esbuild) => Promise<Result>): Promise<Result | undefined> {
  let esbuild: typeof Esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return undefined;
  }
  inFlight++;
  try {
    return await use(esbuild);
  } finally {
    inFlight--;
    if (inFlight === 0) await esbuild.stop();
  }
}

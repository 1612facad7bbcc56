/** Shrink quality: fast-check's shrunk trace against the shortest possible, for every TS mutant and mode. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import type { NetworkMode } from '../../model/index.ts';
import { propertyById, type PropertyId } from '../../properties/index.ts';
import { loadModule } from '../adapters/loadModule.ts';
import { findCounterexample } from '../check/findCounterexample.ts';
import { modeSeed } from '../check/findCounterexample.ts';
import { junkIn, shortestFailure } from '../conformance/shortestFailure.ts';
import type { ExhaustiveBounds } from '../exhaustive/exhaustiveBounds.ts';
import type { Figure } from './measure.ts';
import { repositoryFile } from './repository.ts';

type NarrowedBounds = Readonly<Record<string, (mode: NetworkMode) => Partial<ExhaustiveBounds>>>;

const HEADER = /caught by (\w+) in ([a-z, ]+)$/;
const TIMEOUT_MS = 50;

/**
 * The bench measures the test fixtures, so it shares their narrowed minimum
 * bounds (test/support/mutantMinimums.ts, which only the bench and the tests
 * use). Both are read from the repository at run time, through tsx as users'
 * TypeScript is: undefined outside the repository (an installed package).
 */
async function mutantFixtures(): Promise<{ mutants: string; beyondDefaultBounds: NarrowedBounds } | undefined> {
  const mutants = repositoryFile('fixtures/mutants');
  const minimums = repositoryFile('support/mutantMinimums.ts');
  if (mutants === undefined || minimums === undefined) return undefined;
  const { tsImport } = await import('tsx/esm/api');
  const loaded = (await tsImport(pathToFileURL(minimums).href, import.meta.url)) as { BEYOND_DEFAULT_BOUNDS: NarrowedBounds };
  return { mutants, beyondDefaultBounds: loaded.BEYOND_DEFAULT_BOUNDS };
}

/** One line per mutant and mode, and the worst ratio as the figure; undefined outside the repository. */
export async function shrinkQuality(seed: number, say: (text: string) => void): Promise<Figure | undefined> {
  const fixtures = await mutantFixtures();
  if (fixtures === undefined) return undefined;
  const { mutants, beyondDefaultBounds } = fixtures;
  let worst = 0;
  let cases = 0;
  let equal = 0;
  for (const name of readdirSync(mutants).filter((file) => file.endsWith('.ts')).sort()) {
    const file = path.join(mutants, name);
    const match = HEADER.exec(readFileSync(file, 'utf8').split('\n')[0] ?? '');
    if (match === null) continue;
    const property = match[1] as PropertyId;
    const factory = await loadModule(file);
    for (const mode of (match[2] ?? '').split(', ') as NetworkMode[]) {
      const search = { runs: 1000, seed: modeSeed(seed, mode), strict: false, timeoutMs: TIMEOUT_MS };
      const { counterexample } = await findCounterexample(factory, mode, [propertyById(property)], search);
      if (counterexample === undefined) continue;
      const shortest = await shortestFailure(factory, mode, property, junkIn(counterexample.scenario), TIMEOUT_MS, beyondDefaultBounds[name]?.(mode));
      if (shortest === undefined) continue;
      const ratio = counterexample.scenario.events.length / shortest.events.length;
      cases++;
      if (ratio === 1) equal++;
      worst = Math.max(worst, ratio);
      say(`  ${name.padEnd(22)} ${mode.padEnd(8)} ${property}: shrunk ${counterexample.scenario.events.length}, shortest ${shortest.events.length}, ratio ${ratio.toFixed(2)}\n`);
    }
  }
  return { name: 'shrink ratio (worst)', value: Number(worst.toFixed(2)), unit: 'x', detail: `fast-check seed ${seed} against the exhaustive minimum: ${equal} of ${cases} mutant/mode cases equal` };
}

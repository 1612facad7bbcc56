/** Shrink quality: fast-check's shrunk trace against the shortest possible, for every TS mutant and mode. */
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import type { NetworkMode } from '../../model/index.ts';
import { propertyById, type PropertyId } from '../../properties/index.ts';
import { loadModule } from '../adapters/loadModule.ts';
import { findCounterexample } from '../check/findCounterexample.ts';
import { modeSeed } from '../check/runConformance.ts';
import { junkIn, shortestFailure } from '../exhaustive/shortestFailure.ts';
import type { Figure } from './measure.ts';
// The bench measures the test fixtures, so it shares their narrowed minimum bounds (only the bench and tests use them).
import { BEYOND_DEFAULT_BOUNDS } from '../../test/support/mutantMinimums.ts';

const MUTANTS = path.resolve(import.meta.dirname, '../../test/fixtures/mutants');
const HEADER = /caught by (\w+) in ([a-z, ]+)$/;
const TIMEOUT_MS = 50;

/** One line per mutant and mode, and the worst ratio as the figure. */
export async function shrinkQuality(seed: number, say: (text: string) => void): Promise<Figure> {
  let worst = 0;
  let cases = 0;
  let equal = 0;
  for (const name of readdirSync(MUTANTS).filter((file) => file.endsWith('.ts')).sort()) {
    const file = path.join(MUTANTS, name);
    const match = HEADER.exec(readFileSync(file, 'utf8').split('\n')[0] ?? '');
    if (match === null) continue;
    const property = match[1] as PropertyId;
    const factory = await loadModule(file);
    for (const mode of (match[2] ?? '').split(', ') as NetworkMode[]) {
      const search = { runs: 1000, seed: modeSeed(seed, mode), strict: false, timeoutMs: TIMEOUT_MS };
      const { counterexample } = await findCounterexample(factory, mode, [propertyById(property)], search);
      if (counterexample === undefined) continue;
      const shortest = await shortestFailure(factory, mode, property, junkIn(counterexample.scenario), TIMEOUT_MS, BEYOND_DEFAULT_BOUNDS[name]?.(mode));
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

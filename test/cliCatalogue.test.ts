import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { propertyById } from '../properties/index.ts';
import type { JsonReport } from '../src/report/jsonReport.ts';
import { correctAlternatives, mutants } from './support/fixtures.ts';
import { freshOutDir, runCli } from './support/runCli.ts';
import { deep } from './support/deep.ts';
import { testSeed } from './support/testSeed.ts';

const RUNS = '100';

/**
 * The CLI over every fixture (deep only: test/mutants.test.ts and
 * test/correctAlternatives.test.ts assert the same verdicts in-process, and
 * test/cli.test.ts runs the CLI end to end on a mutant and on the reference).
 */
describe.runIf(deep)(`sync-check on the fixture catalogue (seed ${testSeed}, ${RUNS} runs per mode)`, () => {
  it.each(mutants().map((mutant) => ({ ...mutant, name: path.basename(mutant.file) })))(
    '$name exits 1 naming $caughtBy',
    async ({ file, caughtBy, modes }) => {
      // A warn-level property (S7) fails the run only under --strict.
      const strict = propertyById(caughtBy).level === 'warn' ? ['--strict'] : [];
      const argv = [file, ...strict, '--seed', String(testSeed), '--runs', RUNS, '--timeout', '20', '--json', '--out', freshOutDir()];
      const result = await runCli(argv);
      expect(result.code).toBe(1);
      const property = (JSON.parse(result.stdout) as JsonReport).properties.find((item) => item.id === caughtBy);
      for (const mode of modes) expect(property?.modes[mode], `${caughtBy} in ${mode}`).toBe('fail');
    },
  );

  it.each(correctAlternatives().map((alternative) => ({ ...alternative, name: path.basename(alternative.file) })))(
    '$name exits 0 ($verdict)',
    async ({ file, verdict }) => {
      const result = await runCli([file, '--seed', String(testSeed), '--runs', RUNS, '--json', '--out', freshOutDir()]);
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as JsonReport).verdict).toBe(verdict);
    },
  );
});

/**
 * What running implementations apart costs, and how fast a hostile one gets its
 * verdict: the default check of the reference in this thread (before isolation)
 * and in its worker thread (after), then sync-check's time to a verdict on the
 * servers that hang.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadImplementation } from '../adapters/loadImplementation.ts';
import { loadModule } from '../adapters/loadModule.ts';
import { runConformance } from '../conformance/runConformance.ts';
import { REFERENCE, runCli } from './cliProcess.ts';
import { timed, type Figure } from './measure.ts';
import { repositoryFile, ROOT } from './repository.ts';

/** The default check (seed 1, 200 runs per mode, every mode) of the reference, in this thread and in a worker. */
export async function isolationCost(): Promise<Figure[]> {
  const here = await timed(async () => runConformance(await loadModule(REFERENCE), { seed: 1 }));
  const apart = await timed(async () => {
    const loaded = await loadImplementation(REFERENCE);
    try {
      return await runConformance(loaded, { seed: 1 });
    } finally {
      await loaded.close();
    }
  });
  const ratio = apart.seconds / here.seconds;
  return [
    { name: 'default check, in-thread', value: round(here.seconds), unit: 's', detail: `reference, seed 1, 600 runs, no isolation (before), verdict ${here.result.verdict}` },
    { name: 'default check, worker', value: round(apart.seconds), unit: 's', detail: `the same in its worker thread (after), worker start included, verdict ${apart.result.verdict}` },
    { name: 'isolation cost', value: round(ratio), unit: 'x', detail: 'worker time / in-thread time (target: at most 1.5)' },
  ];
}

/** sync-check's wall time to a verdict with default options (plus `extra`), process start included, the verdict, and the shortest trace of `property`. */
async function timeToVerdict(name: string, file: string, property: string, extra: readonly string[]): Promise<Figure> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'sync-check-bench-')), 'failures');
  const { seconds, result } = await timed(() => runCli([file, '--json', '--out', out, ...extra], ROOT));
  const { code, stdout } = result;
  const report = JSON.parse(stdout) as { verdict: string; properties: { id: string; status: string; counterexample?: { events: number } }[] };
  const judged = report.properties.find((item) => item.id === property);
  const trace = judged?.counterexample === undefined ? 'no trace' : `${judged.counterexample.events}-event trace`;
  return { name, value: round(seconds), unit: 's', detail: `exit ${code}, ${report.verdict.toUpperCase()}, ${property} ${judged?.status ?? '?'} with a ${trace} (${path.basename(file)} ${extra.join(' ')})` };
}

/** sync-check's time to a verdict on the hostile servers of test/fixtures; undefined outside the repository. */
export async function hangTimesToVerdict(): Promise<Figure[] | undefined> {
  const [hangs, loops, hangsOnProbes] = ['hangsAfterFiveRecords.ts', 'loopInOnMessage.ts', 'hangsOnEveryProbe.ts'].map((name) => repositoryFile(`fixtures/hostile/${name}`));
  if (hangs === undefined || loops === undefined || hangsOnProbes === undefined) return undefined;
  return [
    await timeToVerdict('hangs after 5 records', hangs, 'S6', ['--seed', '1']),
    await timeToVerdict('loops in onMessage', loops, 'S6', ['--seed', '1']),
    await timeToVerdict('exhaustive, hangs on probes', hangsOnProbes, 'S6', ['--exhaustive']),
  ];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

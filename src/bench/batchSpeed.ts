/**
 * A check of many implementations on --jobs 1 and --jobs 2: the mutants folder
 * (19 files, --runs 20 in fifo mode, one seed), each file its own child process,
 * as a user runs it (`sync-check test/fixtures/mutants --jobs N`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './cliProcess.ts';
import { timed, type Figure } from './measure.ts';
import { repositoryFile, ROOT } from './repository.ts';

/** Wall seconds with one job and with two, and the speed-up; undefined outside a clone of the repository. */
export async function batchSpeed(): Promise<Figure[] | undefined> {
  const folder = repositoryFile('fixtures/mutants');
  if (folder === undefined) return undefined;
  const out = mkdtempSync(path.join(os.tmpdir(), 'sync-check-bench-'));
  // A corpus of its own for each, so the second does not replay what the first saved.
  const args = (jobs: number): string[] => [folder, '--runs', '20', '--mode', 'fifo', '--seed', '1', '--jobs', String(jobs), '--json', '--out', path.join(out, String(jobs))];
  const one = await timed(() => runCli(args(1), ROOT));
  const two = await timed(() => runCli(args(2), ROOT));
  rmSync(out, { recursive: true, force: true });
  const detail = 'sync-check test/fixtures/mutants --runs 20 --mode fifo --seed 1 --jobs N, wall time';
  return [
    { name: 'many files, --jobs 1', value: round(one.seconds), unit: 's', detail },
    { name: 'many files, --jobs 2', value: round(two.seconds), unit: 's', detail },
    { name: 'speed-up, --jobs 2', value: round(one.seconds / two.seconds), unit: 'x', detail: 'the two figures above' },
  ];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

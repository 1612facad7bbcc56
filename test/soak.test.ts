import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchSeed, globalBatch, parseShard } from '../src/soak/batchPlan.ts';
import { FIXTURES } from './support/fixtures.ts';
import { freshOutDir, runCli } from './support/runCli.ts';

describe('the soak plan', () => {
  it('shards split the batches: disjoint, and together the whole run', () => {
    const shards = [0, 1, 2].map((index) => Array.from({ length: 100 }, (_unused, local) => globalBatch({ index, count: 3 }, local)));
    const all = shards.flat();
    expect(new Set(all).size).toBe(300);
    expect([...all].sort((left, right) => left - right)).toEqual(Array.from({ length: 300 }, (_unused, batch) => batch));
    const seeds = all.map((batch) => batchSeed(1, batch));
    expect(new Set(seeds).size).toBe(300);
    expect(seeds.every((seed) => Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31)).toBe(true);
  });

  it.each([
    { text: '1/1', shard: { index: 0, count: 1 } },
    { text: '3/4', shard: { index: 2, count: 4 } },
    { text: '0/4', shard: '--shard must be i/n with 1 <= i <= n, got "0/4"' },
    { text: '5/4', shard: '--shard must be i/n with 1 <= i <= n, got "5/4"' },
    { text: 'half', shard: '--shard must be i/n with 1 <= i <= n, got "half"' },
  ])('--shard $text', ({ text, shard }) => {
    expect(parseShard(text)).toEqual(shard);
  });
});

describe('sync-check --minutes (soak on worker threads)', () => {
  it('keeps the reference busy on two workers and finds nothing', async () => {
    const result = await runCli(['--minutes', '0.02', '--workers', '2', '--runs', '20', '--seed', '1', '--json', '--out', freshOutDir()]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { runs: number; workerFigures: { runs: number }[]; failure?: unknown };
    expect(summary.failure).toBeUndefined();
    expect(summary.workerFigures).toHaveLength(2);
    expect(summary.workerFigures.every((worker) => worker.runs > 0)).toBe(true);
    expect(summary.runs).toBe(summary.workerFigures.reduce((sum, worker) => sum + worker.runs, 0));
  });

  it('stops at the first failure, which replays from the printed seed alone', async () => {
    const mutant = path.join(FIXTURES, 'mutants/sortedByTimestamp.ts');
    const soaked = await runCli([mutant, '--minutes', '0.5', '--workers', '2', '--mode', 'fifo', '--seed', '3', '--out', freshOutDir()]);
    expect(soaked.code).toBe(1);
    const alone = /the batch alone: npx sync-check (\S+) --mode (\w+) --seed (\d+) --runs (\d+)/.exec(soaked.stdout);
    expect(alone).not.toBeNull();
    const compact = /events \(after \d+ shrinks\): (.*)/.exec(soaked.stdout)?.[1];
    const [, file, mode, seed, runs] = alone ?? [];
    const replayed = await runCli([file ?? '', '--mode', mode ?? '', '--seed', seed ?? '', '--runs', runs ?? '', '--out', freshOutDir()]);
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toContain(`: ${compact}`);
  });

  it.each([
    { argv: ['--workers', '2'], message: '--workers and --shard go with --minutes' },
    { argv: ['--minutes', '0'], message: '--minutes must be a number above 0 and at most 1440, got "0"' },
    { argv: ['--minutes', '1', '--shard', '2/1'], message: '--shard must be i/n with 1 <= i <= n, got "2/1"' },
  ])('$argv is a usage error', async ({ argv, message }) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

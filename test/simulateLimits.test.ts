import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastPathBytes, largestRounds, sizeRefusal, type SimulationMachine } from '../src/simulate/simulationLimits.ts';
import { FIXTURES } from './support/fixtures.ts';
import { runBin } from './support/runCli.ts';


/** `npm run simulate -- ...argv`: the bin's simulate command, as a child process. */
const runSimulate = (argv: readonly string[]) => runBin(['simulate', ...argv]);

describe('npm run simulate refuses sizes it cannot hold (issue 11: defaults that fail)', () => {
  it('huge --devices and --rounds: exit 2, one line naming --rounds and its limit, no stack trace', async () => {
    const { code, stdout, stderr } = await runSimulate(['--devices', '127', '--rounds', '100000000']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([expect.stringMatching(/^simulate: --rounds 100,000,000 with --devices 127 would need about .*; with 127 devices --rounds may be at most [\d,]+$/), '']);
    expect(stderr).not.toMatch(/RangeError|^\s+at /m);
  });

  it('with --server, rounds whose record objects do not fit the heap are refused before the server starts', async () => {
    const { code, stderr } = await runSimulate(['--rounds', '5000000', '--server', path.join(FIXTURES, 'correct/asyncReference.ts')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^simulate: --rounds 5,000,000 with --devices 10 and --server would need about [\d.]+ GiB of JS heap .* heap of the server's worker thread; with 10 devices --rounds may be at most [\d,]+\n$/);
  });

  it('the estimate: the largest rounds allowed fit, one more does not; the id lists are (devices + 4) x 4 bytes a record', () => {
    const machine: SimulationMachine = { totalBytes: 8 * 2 ** 30, longestArray: 2 ** 32, heapBytes: 4 * 2 ** 30, workerHeapBytes: 2 * 2 ** 30 };
    for (const server of [undefined, 'server.ts', 'server.py']) {
      const most = largestRounds({ devices: 10 }, server, machine);
      expect(most).toBeGreaterThan(0);
      expect(sizeRefusal({ devices: 10, rounds: most }, server, machine)).toBeUndefined();
      expect(sizeRefusal({ devices: 10, rounds: most + 1 }, server, machine)).toMatch(/--rounds may be at most/);
    }
    // 10 devices x 10^6 rounds: about 6.06 M records in 14 lists, the 340 MB behind the 416 MB peak the README reports.
    expect(fastPathBytes({ devices: 10, rounds: 1_000_000 }) / 1e6).toBeCloseTo(339.4, 0);
    expect(sizeRefusal({ devices: 10, rounds: 1_000_000 }, undefined, machine)).toBeUndefined();
  });

  it('--help lists the defaults and the limits', async () => {
    const { code, stdout } = await runSimulate(['--help']);
    expect(code).toBe(0);
    const flat = stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('--devices <N> devices, 1 to 127 (default: 10)');
    expect(flat).toMatch(/--rounds <N> rounds, 0 to 100,000,000, .* \(default: 1,000,000; with --server 2,000\)/);
    expect(flat).toMatch(/at most [\d,]+ rounds with 10 devices here/);
  });
});

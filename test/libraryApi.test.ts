import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConformance, ReferenceSyncService } from '../src/index.ts';
import { FIXTURES } from './support/fixtures.ts';

class EchoesNothing {
  onMessage(): unknown {
    return { type: 'noop' };
  }
}

describe('checkConformance, the library API', () => {
  it.each([
    { shape: 'a path', implementation: path.join(FIXTURES, 'correct/resendsWholeLog.ts'), verdict: 'pass' },
    { shape: 'a class', implementation: ReferenceSyncService, verdict: 'pass' },
    { shape: 'a factory', implementation: () => new ReferenceSyncService(), verdict: 'pass' },
    { shape: 'a class that syncs nothing', implementation: EchoesNothing, verdict: 'fail' },
  ])('accepts $shape and returns the --json report', async ({ implementation, verdict }) => {
    const report = await checkConformance(implementation, { seed: 5, runs: 50, modes: ['fifo'] });
    expect(report.verdict).toBe(verdict);
    expect(report.seed).toBe(5);
    expect(report.properties).toHaveLength(10);
  });
});

/** The timeout pace (src/check/HangPace.ts): tight only after a hang, adapted to the latency seen, and loosened for good by a hang that answered after all. */
import { describe, expect, it } from 'vitest';
import { HangPace, tightTimeoutMs } from '../src/check/HangPace.ts';

describe('the timeout pace', () => {
  it('is ten times the slowest answer seen, at least 50 ms, at most the full timeout', () => {
    expect(tightTimeoutMs(1, 1000)).toBe(50);
    expect(tightTimeoutMs(30, 1000)).toBe(300);
    expect(tightTimeoutMs(500, 1000)).toBe(1000);
    expect(tightTimeoutMs(1, 20)).toBe(20);
  });

  it('starts at the full timeout, tightens after a hang, and a confirmation that answered restores the full one', () => {
    const pace = new HangPace(1000);
    pace.observe({ slowestCallMs: 8 });
    expect(pace.timeoutMs).toBe(1000);
    pace.observe({ slowestCallMs: 2, hung: true });
    expect(pace.timeoutMs).toBe(80);
    expect(pace.generousMs).toBe(1000);
    pace.confirmation(false);
    expect(pace.timeoutMs).toBe(1000);
    pace.observe({ hung: true });
    expect(pace.timeoutMs).toBe(1000);
  });
});

/** What a reply from a module's thread weighs (src/adapters/worker/replyWeight.ts): about its JSON length, and bounded on cyclic or deep replies. */
import { describe, expect, it } from 'vitest';
import { replyWeight } from '../src/adapters/worker/replyWeight.ts';

describe('the weight of a reply from a thread', () => {
  it('is at least its characters, and close to its JSON length', () => {
    const reply = { type: 'update', from: 0, data: [{ dev_id: 'dev_0', timestamp: '2024-09-02T12:00:00.000Z', data: { a: 'x'.repeat(1000) } }] };
    const json = JSON.stringify(reply).length;
    expect(replyWeight(reply)).toBeGreaterThan(1000);
    expect(replyWeight(reply)).toBeGreaterThan(json / 2);
    expect(replyWeight(reply)).toBeLessThan(json * 2);
    expect(replyWeight({ data: ['x'.repeat(50_000_000)] })).toBeGreaterThan(50_000_000);
  });

  it('ends on a cyclic or very deep reply', () => {
    const cyclic: Record<string, unknown> = { type: 'update' };
    cyclic.self = cyclic;
    expect(replyWeight(cyclic)).toBeGreaterThan(0);
    let deep: unknown = 'leaf';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(replyWeight(deep)).toBeGreaterThan(0);
    const wide: unknown[] = [];
    for (let index = 0; index < 1_000_000; index++) wide.push(wide);
    expect(replyWeight(wide)).toBeGreaterThanOrEqual(4_000_000);
  });
});

/**
 * The Python types the exercise's Device tells apart survive the wire, and S5
 * judges them as the Device would (fixtures in test/fixtures/python/mutants).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { malformedReplyReason } from '../properties/index.ts';
import { loadImplementation } from '../src/adapters/loadImplementation.ts';
import { FIXTURES } from './support/fixtures.ts';

const record = { type: 'record', dev_id: 'dev_0', timestamp: '2024-09-02T12:00:00.000Z', data: { a: 'soup', b: 'lunch', c: 'card-1' } };

/** The raw reply of `file`'s server to a probe from `from`, after one record was sent. */
async function replyToProbe(file: string, from: number): Promise<unknown> {
  const { factory, close } = await loadImplementation(path.join(FIXTURES, 'python', file));
  try {
    const service = await factory();
    await service.onMessage(structuredClone(record));
    return await service.onMessage({ type: 'probe', from });
  } finally {
    await close();
  }
}

describe('Python types across the wire', () => {
  it.each([
    { file: 'mutants/float_from.py', from: 1, reply: { type: 'update', from: { $float: 1 }, data: [] }, reason: 'update from is 1.0 (a float), not an int' },
    { file: 'mutants/bool_from.py', from: 1, reply: { type: 'update', from: true, data: [] }, reason: 'update from is True (a bool), not an int' },
    { file: 'mutants/tuple_data.py', from: 0, reply: { type: 'update', from: 0, data: { $tuple: [record] } }, reason: 'update data is a tuple of 1' },
    { file: 'mutants/string_data.py', from: 0, reply: { type: 'update', from: 0, data: expect.stringContaining('"dev_id": "dev_0"') as unknown }, reason: 'update has no data array: data is "' },
    { file: 'mutants/dict_subclass_data.py', from: 0, reply: { type: 'update', from: 0, data: { 0: record } }, reason: 'update has no data array: data is {"0":' },
  ])('$file: the reply keeps its Python type and S5 names it', async ({ file, from, reply, reason }) => {
    const received = await replyToProbe(file, from);
    expect(received).toEqual(reply);
    expect(malformedReplyReason(received, 1)).toContain(reason);
  });

  it("an update from float('inf') without data is harmless: the Device ignores it before reading data", async () => {
    const received = await replyToProbe('correct/noop_without_data.py', 5);
    expect(received).toEqual({ type: 'update', from: Infinity });
    expect(malformedReplyReason(received, 1)).toBeUndefined();
  });
});

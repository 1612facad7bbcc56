/** Wire JSON (src/check/wireJson.ts): non-finite numbers survive the trip, however the `$number` key is spelled. */
import { describe, expect, it } from 'vitest';
import { parseWire, stringifyWire } from '../src/check/wireJson.ts';

describe('wire JSON', () => {
  it('carries Infinity, -Infinity and NaN both ways', () => {
    const message = { type: 'update', from: Number.POSITIVE_INFINITY, data: [{ n: Number.NEGATIVE_INFINITY }, Number.NaN] };
    expect(parseWire(stringifyWire(message))).toEqual(message);
  });

  it('restores a spelled-out number whose key is escaped (another program may write it so)', () => {
    expect(parseWire('{"from": {"\\u0024number": "Infinity"}}')).toEqual({ from: Number.POSITIVE_INFINITY });
    expect(parseWire('{"from": {"$numbe\\u0072": "-Infinity"}}')).toEqual({ from: Number.NEGATIVE_INFINITY });
  });

  it('parses text without a `$` as JSON does, and keeps `$` keys that spell nothing', () => {
    expect(parseWire('{"type": "update", "from": 2, "data": [{"a": [1, "x", null, true]}]}')).toEqual({ type: 'update', from: 2, data: [{ a: [1, 'x', null, true] }] });
    expect(parseWire('{"$number": 3, "$other": "x"}')).toEqual({ $number: 3, $other: 'x' });
    expect(() => parseWire('{"from": ')).toThrow(SyntaxError);
  });
});

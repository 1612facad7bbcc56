/** Wire JSON (src/check/wireJson.ts): non-finite numbers survive the trip, however the `$number` key is spelled. */
import fc from 'fast-check';
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

  it('restores exactly what a reviver restores, innermost first, whatever the nesting', () => {
    const spelled = fc.record({ $number: fc.constantFrom('Infinity', '-Infinity', 'NaN', '1', 'x') });
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), spelled, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('$number', '$tuple', 'a', '__proto__'), tie('value'), { maxKeys: 3 })),
    }));
    const reviver = (_key: string, item: unknown): unknown =>
      typeof item === 'object' && item !== null && Object.keys(item).length === 1 && typeof (item as { $number?: unknown }).$number === 'string' ? Number((item as { $number: string }).$number) : item;
    fc.assert(
      fc.property(value, (item) => {
        const text = JSON.stringify(item);
        expect(parseWire(text)).toStrictEqual(JSON.parse(text, reviver));
      }),
      { seed: 20261203, numRuns: 500 },
    );
  });

  it('keeps a key named __proto__ an own property, as JSON.parse does', () => {
    const parsed = parseWire('{"__proto__": {"$number": "Infinity"}, "$tuple": [{"$number": "NaN"}]}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toBe(Number.POSITIVE_INFINITY);
    expect(parsed.$tuple).toEqual([Number.NaN]);
  });
});

/**
 * JSON as it crosses the wire to other processes and files. JSON has no NaN or
 * Infinity, yet `from: Infinity` is a legitimate no-op and NaN is good bad input,
 * so non-finite numbers travel as `{"$number": "Infinity"}`.
 */

function isSpelledNumber(value: unknown): value is { $number: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as { $number?: unknown }).$number === 'string'
  );
}

/** JSON text with non-finite numbers spelled out; `indent` as JSON.stringify's. */
export function stringifyWire(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'number' && !Number.isFinite(item) ? { $number: String(item) } : item), indent);
}

/**
 * Parses wire JSON, restoring spelled-out numbers. Throws SyntaxError on bad JSON.
 * A `$number` key needs a `$` in the text, as itself or escaped (`\u0024`):
 * without either, the reviver (which costs five times the parse) has nothing to do.
 */
export function parseWire(text: string): unknown {
  if (!text.includes('$') && !text.includes('\\u0024')) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown) => (isSpelledNumber(value) ? Number(value.$number) : value));
}

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
 * A `$number` key needs a `$` in the text, as itself or escaped (`\u0024`): without
 * either there is nothing to restore. With one (a Python tuple travels as
 * `{"$tuple": [...]}`), the parsed value is walked once: a reviver did the same at
 * about three times the parse's cost, on every reply of a solution that answers
 * tuples (a quarter of such a check's time).
 */
export function parseWire(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  if (!text.includes('$') && !text.includes('\\u0024')) return parsed;
  return restoreNumbers(parsed);
}

/** `value` with each `{"$number": "..."}` (innermost first, as a reviver would) replaced by its number. */
function restoreNumbers(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = restoreNumbers(value[index]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const restored = restoreNumbers(item);
    // Safe for a key named __proto__ too: JSON.parse made it an own property, which the assignment sets.
    if (restored !== item) record[key] = restored;
  }
  return isSpelledNumber(record) ? Number(record.$number) : record;
}

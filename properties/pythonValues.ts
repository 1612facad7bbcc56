/**
 * Python values that JSON cannot tell apart, as the Python adapter sends them.
 *
 * The exercise's Device slices its records with `from` and appends `data`:
 * `records[:1.0]` and `records + (r,)` raise TypeError, so a Python float with an
 * integral value and a tuple travel tagged, `{"$float": 1}` and `{"$tuple": [...]}`
 * (a bool is JSON's true/false already). Only S5 reads the tags; everywhere else
 * they are just objects, which the model's device ignores as it would any reply it
 * cannot apply.
 */
import { isObject } from '../model/index.ts';

export interface PythonFloat {
  readonly $float: number;
}

export interface PythonTuple {
  readonly $tuple: readonly unknown[];
}

function hasOnlyKey(value: Record<string, unknown>, key: string): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === key;
}

export function isPythonFloat(value: unknown): value is PythonFloat {
  return isObject(value) && hasOnlyKey(value, '$float') && typeof value.$float === 'number';
}

export function isPythonTuple(value: unknown): value is PythonTuple {
  return isObject(value) && hasOnlyKey(value, '$tuple') && Array.isArray(value.$tuple);
}

/**
 * The number a Python Device would compare with its count, `from > len(records)`:
 * numbers, bools (True is 1) and floats compare; anything else is undefined.
 */
export function comparableNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isPythonFloat(value)) return value.$float;
  return undefined;
}

/** How a tagged value reads in a message, in Python's own spelling; undefined if it is not tagged. */
export function pythonSpelling(value: unknown): string | undefined {
  if (typeof value === 'boolean') return value ? 'True (a bool)' : 'False (a bool)';
  if (isPythonFloat(value)) return `${Number.isInteger(value.$float) ? value.$float.toFixed(1) : value.$float} (a float)`;
  if (isPythonTuple(value)) return `a tuple of ${value.$tuple.length}`;
  return undefined;
}

/**
 * What a reply that crossed from an implementation's thread weighs, in characters, about as its JSON line over
 * a pipe would (a process's replies are weighed by that line, ChildConnection.lastAnswerLength): the recording
 * of a run bounds the replies it keeps by this weight (RunRecording.ts), so a module answering every probe with
 * 50 MB makes the recording stop, not the checker run out of memory. The walk is bounded: a reply posted by
 * the thread itself can be cyclic or deep, and past MAX_DEPTH or MAX_VALUES it counts as at least the bound.
 */
const MAX_DEPTH = 64;
const MAX_VALUES = 1_000_000;
/** Counted for each value besides its string characters: punctuation, a number's digits, a key's quotes. */
const PER_VALUE = 4;

export function replyWeight(reply: unknown): number {
  let values = 0;
  let weight = 0;
  const walk = (value: unknown, depth: number): void => {
    values++;
    weight += PER_VALUE;
    if (values > MAX_VALUES || depth > MAX_DEPTH) return;
    if (typeof value === 'string') weight += value.length;
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
        if (values > MAX_VALUES) return;
        weight += typeof key === 'string' ? key.length : 0;
        walk(item, depth + 1);
      }
    }
  };
  walk(reply, 0);
  return values > MAX_VALUES ? Math.max(weight, MAX_VALUES * PER_VALUE) : weight;
}

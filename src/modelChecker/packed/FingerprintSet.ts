/**
 * The set of states seen, kept as 64-bit fingerprints (hash compaction, as TLC
 * does): an open-addressing table of (low, high) 32-bit halves, no states.
 * A probe touches one cache line, and a state already seen (most successors)
 * is known without reading it back, so a search needs 16 bytes per state here
 * instead of the state itself and its number.
 *
 * The price: two different states with the same fingerprint count as one, and
 * the second is never explored. With d distinct states and g generated ones
 * the chance of any such collision is about d * (g - d) / 2^64 (TLC's
 * "optimistic" estimate, collisionProbability below), which the report prints.
 */

/** Empty slots are (0, 0); a state whose fingerprint is (0, 0) is stored as (0, 1). */
export class FingerprintSet {
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1 << 18) {
    this.slots = new Int32Array(initialCapacity * 4);
    this.mask = initialCapacity * 2 - 1;
  }

  /**
   * Reads the table slot of every fingerprint in `lows` (the first `count`), doing nothing
   * with what it reads: the reads do not depend on one another, so the processor waits for
   * their cache misses together, and the add() calls that follow find their lines in cache.
   * Half a search's time was these misses, one after the other.
   */
  touch(lows: Int32Array, count: number): number {
    let any = 0;
    for (let index = 0; index < count; index++) any |= this.slots[2 * (lows[index]! & this.mask)]!;
    return any;
  }

  /** Adds fingerprint (low, high) (from fingerprintOf); false when it was there already. */
  add(low: number, high: number): boolean {
    const slots = this.slots;
    let slot = low & this.mask;
    for (;;) {
      const storedLow = slots[2 * slot]!;
      const storedHigh = slots[2 * slot + 1]!;
      if (storedLow === 0 && storedHigh === 0) break;
      if (storedLow === low && storedHigh === high) return false;
      slot = (slot + 1) & this.mask;
    }
    slots[2 * slot] = low;
    slots[2 * slot + 1] = high;
    this.size++;
    // Kept at most half full: linear probing stays a probe or two.
    if (this.size * 2 > this.mask) this.grow();
    return true;
  }

  get bytes(): number {
    return this.slots.byteLength;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length / 2 - 1;
    for (let slot = 0; slot < old.length / 2; slot++) {
      const low = old[2 * slot]!;
      const high = old[2 * slot + 1]!;
      if (low === 0 && high === 0) continue;
      let at = low & this.mask;
      while (this.slots[2 * at] !== 0 || this.slots[2 * at + 1] !== 0) at = (at + 1) & this.mask;
      this.slots[2 * at] = low;
      this.slots[2 * at + 1] = high;
    }
  }
}

/** Writes the 64-bit fingerprint of `state` (`count` 32-bit words) as lows[at], highs[at]; never (0, 0). */
export function fingerprintOf(state: Uint32Array, count: number, lows: Int32Array, highs: Int32Array, at: number): void {
  const low = lane(state, count, 0x9747b28c, 0xcc9e2d51, 0x1b873593);
  lows[at] = low;
  highs[at] = lane(state, count, 0x5bd1e995, 0x85ebca77, 0xc2b2ae3d) || (low === 0 ? 1 : 0);
}

/** One 32-bit half: MurmurHash3's word step and finalizer, seeded and multiplied apart from the other half. */
function lane(words: Uint32Array, count: number, seed: number, first: number, second: number): number {
  let value = seed;
  for (let index = 0; index < count; index++) {
    let word = Math.imul(words[index]!, first);
    word = (word << 15) | (word >>> 17);
    value ^= Math.imul(word, second);
    value = (value << 13) | (value >>> 19);
    value = (Math.imul(value, 5) + 0xe6546b64) | 0;
  }
  value ^= count;
  value ^= value >>> 16;
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  return value ^ (value >>> 16);
}

/**
 * TLC's optimistic estimate of the chance that some state was lost to a
 * fingerprint collision: d distinct states, g generated (transitions explored).
 */
export function collisionProbability(distinct: number, generated: number): number {
  return (distinct * Math.max(0, generated - distinct)) / 2 ** 64;
}

/** Bytes of a set holding `states` fingerprints, by the growth rule of add(), with the table its last doubling replaced. */
export function fingerprintFootprint(states: number, initialCapacity = 1 << 18): { readonly bytes: number; readonly longestArray: number } {
  let pairs = initialCapacity * 2;
  while (states * 2 > pairs - 1) pairs *= 2;
  const replaced = pairs > initialCapacity * 2 ? (pairs / 2) * 8 : 0;
  return { bytes: pairs * 8 + replaced, longestArray: pairs * 2 };
}

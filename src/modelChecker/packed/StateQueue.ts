/**
 * The states a breadth-first search has yet to expand, in the order found: a
 * queue of fixed-width states in chunks, each chunk let go once every state in
 * it has been read. States are read only in order and only once, and what is
 * seen is kept apart as fingerprints (FingerprintSet.ts), so the queue holds
 * about the frontier (a level or two of the search), not every state.
 */

/** States per chunk: 65,536 states of a few dozen bytes, a couple of MiB. */
const CHUNK_SHIFT = 16;
const CHUNK_STATES = 1 << CHUNK_SHIFT;

export class StateQueue {
  private readonly chunks: (Uint32Array | undefined)[] = [];
  private readonly words: number;
  /** States added so far; state n is the n-th added. */
  size = 0;
  private heldBytes = 0;
  /** The most bytes held at once, for the report. */
  peakBytes = 0;

  constructor(width: number) {
    if (width % 4 !== 0) throw new RangeError(`state width ${width} is not a whole number of 32-bit words`);
    this.words = width / 4;
  }

  /** Appends a copy of `state` (as 32-bit words). */
  push(state: Uint32Array): void {
    const chunk = this.size >>> CHUNK_SHIFT;
    if (chunk === this.chunks.length) {
      this.chunks.push(new Uint32Array(CHUNK_STATES * this.words));
      this.heldBytes += CHUNK_STATES * this.words * 4;
      this.peakBytes = Math.max(this.peakBytes, this.heldBytes);
    }
    const target = this.chunks[chunk]!;
    const offset = (this.size & (CHUNK_STATES - 1)) * this.words;
    for (let index = 0; index < this.words; index++) target[offset + index] = state[index]!;
    this.size++;
  }

  /** Copies state `number` into `out`; reading the last state of a chunk lets the chunk go (read states in order). */
  read(number: number, out: Uint32Array): void {
    const chunk = number >>> CHUNK_SHIFT;
    const source = this.chunks[chunk];
    if (source === undefined) throw new RangeError(`state ${number} was already read`);
    const within = number & (CHUNK_STATES - 1);
    const offset = within * this.words;
    for (let index = 0; index < this.words; index++) out[index] = source[offset + index]!;
    if (within === CHUNK_STATES - 1) {
      this.chunks[chunk] = undefined;
      this.heldBytes -= CHUNK_STATES * this.words * 4;
    }
  }
}

/**
 * A growable list of 32-bit record ids. The harness's device lists and server
 * log hold millions of records: ids in typed arrays cost 4 bytes each, and
 * "records[:from] + data" becomes a truncation plus a copy of what is new,
 * instead of the copy of the whole list that makes the Python original quadratic.
 */
export class IdList {
  private items: Int32Array;
  length = 0;

  /** `expected` sizes the list up front: growing 40 MB arrays by doubling costs more than the whole run. */
  constructor(expected = 1024) {
    this.items = new Int32Array(Math.max(16, expected));
  }

  push(id: number): void {
    if (this.length === this.items.length) this.grow(this.length + 1);
    this.items[this.length++] = id;
  }

  at(index: number): number {
    return this.items[index] ?? -1;
  }

  /** `this := this[0..from) ++ source[from..end)`: a device applying an update that carries that window of the log. */
  replaceTailFrom(from: number, source: IdList, end = source.length): void {
    if (end > this.items.length) this.grow(end);
    // Updates are usually a handful of records: a loop beats allocating a subarray view.
    if (end - from < 64) {
      for (let index = from; index < end; index++) this.items[index] = source.items[index]!;
    } else {
      this.items.set(source.items.subarray(from, end), from);
    }
    this.length = end;
  }

  /** A read-only view of the ids. */
  view(): Int32Array {
    return this.items.subarray(0, this.length);
  }

  private grow(needed: number): void {
    let capacity = this.items.length * 2;
    while (capacity < needed) capacity *= 2;
    const larger = new Int32Array(capacity);
    larger.set(this.items.subarray(0, this.length));
    this.items = larger;
  }
}

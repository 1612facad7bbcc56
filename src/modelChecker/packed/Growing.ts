/** The per-state arrays of a search (parents, event codes, renamings, depths): typed arrays that double when full. */

/** Every array starts this long, so that small searches never grow. */
export const GROWING_INITIAL = 1 << 16;

type TypedArray = Int32Array | Uint8Array | Uint16Array;

/** A typed array that doubles when full. */
export class Growing<Items extends TypedArray> {
  private items: Items;
  private length = 0;

  constructor(private readonly make: new (length: number) => Items) {
    this.items = new make(GROWING_INITIAL);
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const bigger = new this.make(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.length++] = value;
  }

  at(index: number): number {
    return this.items[index]!;
  }

  get bytes(): number {
    return this.items.byteLength;
  }
}

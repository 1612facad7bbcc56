/**
 * How far a bounded search looks: the one bounds type every engine picks its
 * fields from (the black-box exhaustive search all of them, the model checker
 * devices, records and pending replies). Fields that an engine reads
 * differently say so.
 */
export interface Bounds {
  /** The longest event sequence (the liveness phase comes on top). */
  readonly depth: number;
  /**
   * The most devices; every count from 1 up to it is searched.
   * (The model checker runs exactly this many.)
   */
  readonly devices: number;
  /** Records each device may emit. */
  readonly recordsPerDevice: number;
  /** Replies one device may have in flight at once (fifo and reorder; the model checker also in seed). */
  readonly pendingPerDevice: number;
  /**
   * How many different record contents an emission chooses from. Two lets a
   * sequence repeat a timestamp or a payload, and send an early clock after a late one.
   */
  readonly contents: number;
  /** Out-of-contract messages per sequence (fifo and reorder; seed mode sends none, as its harness). */
  readonly junk: number;
}

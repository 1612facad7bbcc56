/** What the end of a sequence looks like, as far as choosing the next step of an exhaustive search goes. */
export interface Frontier {
  /** Records each device has sent. */
  readonly sent: readonly number[];
  /** The device of each reply in flight, oldest first. */
  readonly pendingDevices: readonly number[];
  readonly junkUsed: number;
  /** Harness turns taken (seed mode). */
  readonly turns: number;
}

/** The frontier before any event: nothing sent, nothing in flight. */
export const START: (devices: number) => Frontier = (devices) => ({
  sent: new Array<number>(devices).fill(0),
  pendingDevices: [],
  junkUsed: 0,
  turns: 0,
});

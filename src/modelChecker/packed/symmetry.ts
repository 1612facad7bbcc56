/**
 * Devices are interchangeable: a state and its copy with devices renamed behave
 * alike. The canonical form is the byte-wise smallest renaming, so each class of
 * states is stored once.
 */
import { ENTRY_BYTES, type Layout } from './packedLayout.ts';

/** Every permutation of `count` devices, the identity first; `permutation[d]` is device d's new name. */
export function permutationsOf(count: number): number[][] {
  const build = (size: number): number[][] =>
    size === 0
      ? [[]]
      : build(size - 1).flatMap((rest) => Array.from({ length: size }, (_unused, position) => [...rest.slice(0, position), size - 1, ...rest.slice(position)]));
  const identity = Array.from({ length: count }, (_unused, device) => device);
  return [identity, ...build(count).filter((permutation) => permutation.some((name, device) => name !== device))];
}

/**
 * The renamings a search canonicalizes by: every permutation (the identity first), its
 * inverse, and what it makes of each record number (records are numbered by sender,
 * so renaming a device renames its records), looked up rather than divided out.
 */
export interface Renamings {
  readonly permutations: readonly (readonly number[])[];
  readonly inverses: readonly (readonly number[])[];
  /** recordMaps[p][record]: record `record` under permutation p. */
  readonly recordMaps: readonly Uint8Array[];
}

/** Every renaming of the layout's devices, or with `symmetry` false only the identity. */
export function renamingsFor(layout: Layout, symmetry = true): Renamings {
  const all = permutationsOf(layout.devices);
  const permutations = symmetry ? all : [all[0]!];
  const perDevice = layout.recordsPerDevice;
  const recordMaps = permutations.map((permutation) =>
    Uint8Array.from({ length: layout.maxRecords }, (_unused, record) => permutation[Math.floor(record / perDevice)]! * perDevice + (record % perDevice)),
  );
  return { permutations, inverses: inversesOf(permutations), recordMaps };
}

/** Writes `state` with devices renamed by `permutation` (records by its `recordMap`) into `out`. Hot: no closures, no allocation. */
export function rename(layout: Layout, state: Uint8Array, permutation: readonly number[], recordMap: Uint8Array, out: Uint8Array): void {
  const logLength = state[0]!;
  out[0] = logLength;
  for (let index = 1; index <= layout.maxRecords; index++) out[index] = index <= logLength ? recordMap[state[index]!]! : 0;
  for (let device = 0; device < layout.devices; device++) {
    const from = layout.deviceAt + device * layout.deviceBytes;
    const to = layout.deviceAt + permutation[device]! * layout.deviceBytes;
    const count = state[from]!;
    out[to] = count;
    for (let index = 1; index < layout.deviceBytes; index++) out[to + index] = index <= count ? recordMap[state[from + index]!]! : 0;
  }
  const pending = state[layout.pendingCountAt]!;
  out[layout.pendingCountAt] = pending;
  for (let index = 0; index < layout.maxPending; index++) {
    const at = layout.pendingAt + index * ENTRY_BYTES;
    out[at] = index < pending ? permutation[state[at]!]! : 0;
    out[at + 1] = state[at + 1]!;
    out[at + 2] = state[at + 2]!;
  }
}

/** Copies `from` into `to` (same length). TypedArray.set: a third of the time of a byte loop over a state of 40 bytes. */
export function copyBytes(from: Uint8Array, to: Uint8Array): void {
  to.set(from);
}

/** Byte-wise comparison of two states of one layout. */
export function compareBytes(left: Uint8Array, right: Uint8Array): number {
  for (let index = 0; index < left.length; index++) {
    const difference = left[index]! - right[index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Compares `state` renamed by `permutation` with `best`, byte by byte in the
 * renamed order, without writing the renaming: most renamings lose at the first
 * bytes, so this is what makes symmetry cheap. `inverse[newName]` is the old name.
 */
export function compareRenamed(layout: Layout, state: Uint8Array, permutation: readonly number[], inverse: readonly number[], recordMap: Uint8Array, best: Uint8Array): number {
  const logLength = state[0]!;
  let difference = logLength - best[0]!;
  if (difference !== 0) return difference;
  for (let index = 1; index <= logLength; index++) {
    difference = recordMap[state[index]!]! - best[index]!;
    if (difference !== 0) return difference;
  }
  for (let device = 0; device < layout.devices; device++) {
    const from = layout.deviceAt + inverse[device]! * layout.deviceBytes;
    const to = layout.deviceAt + device * layout.deviceBytes;
    const count = state[from]!;
    difference = count - best[to]!;
    if (difference !== 0) return difference;
    for (let index = 1; index <= count; index++) {
      difference = recordMap[state[from + index]!]! - best[to + index]!;
      if (difference !== 0) return difference;
    }
  }
  const pending = state[layout.pendingCountAt]!;
  for (let index = 0; index < pending; index++) {
    const at = layout.pendingAt + index * ENTRY_BYTES;
    difference = permutation[state[at]!]! - best[at]!;
    if (difference !== 0) return difference;
    // from and to are not renamed: equal to best's only if best came from the same state.
    difference = state[at + 1]! - best[at + 1]! || state[at + 2]! - best[at + 2]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The inverse of every permutation, in the same order. */
export function inversesOf(permutations: readonly (readonly number[])[]): number[][] {
  return permutations.map((permutation) => {
    const inverse: number[] = [];
    permutation.forEach((newName, oldName) => (inverse[newName] = oldName));
    return inverse;
  });
}

/**
 * Writes the canonical form of `state` into `out`; returns the index of the
 * permutation that produced it. Bytes past every count are zero in both, so
 * comparing up to the counts decides.
 */
export function canonicalize(layout: Layout, state: Uint8Array, renamings: Renamings, out: Uint8Array): number {
  const { permutations, inverses, recordMaps } = renamings;
  copyBytes(state, out);
  let chosen = 0;
  for (let index = 1; index < permutations.length; index++) {
    if (compareRenamed(layout, state, permutations[index]!, inverses[index]!, recordMaps[index]!, out) < 0) {
      rename(layout, state, permutations[index]!, recordMaps[index]!, out);
      chosen = index;
    }
  }
  return chosen;
}

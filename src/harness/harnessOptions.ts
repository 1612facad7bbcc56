/** The original harness's parameters (docs/protocol.md, The network modes: seed), and the seeded pieces both harnesses share. */
import seedrandom from 'seedrandom';
import type { RecordData } from '../../model/index.ts';
import { ORIGINAL_PROBABILITIES, type DeviceProbabilities } from '../reference/Device.ts';
import type { Random } from '../reference/randomness.ts';

export interface HarnessOptions {
  readonly devices: number;
  readonly rounds: number;
  readonly seed: number;
  readonly probabilities?: DeviceProbabilities;
  /** Judge the safety properties every this many rounds (0: only at the end). */
  readonly checkEvery?: number;
  /** The drain gives up after this many rounds (a server that never equalizes counts). */
  readonly maxDrainRounds?: number;
  /** How long one reply may take before the server counts as hung (the run stops there). */
  readonly timeoutMs?: number;
  /** Called every so often with the rounds done, for a progress bar. */
  readonly onProgress?: (roundsDone: number) => void;
}

export const DEFAULT_MAX_DRAIN_ROUNDS = 10_000;
export const PROGRESS_EVERY_ROUNDS = 10_000;

/**
 * One random stream for the whole harness, like Python's global `random`.
 * Alea is seedrandom's fast generator: the harness draws three numbers a turn.
 */
export function harnessRandom(seed: number): Random {
  return seedrandom.alea(`harness-${seed}`);
}

export function probabilitiesOf(options: Pick<HarnessOptions, 'probabilities'>): DeviceProbabilities {
  return options.probabilities ?? ORIGINAL_PROBABILITIES;
}

const CLOCK_START = Date.UTC(2024, 8, 2, 11, 0, 0);

/** The simulated wall clock: each round takes 10 ms, each device's turn 1 ms. */
export function timestampOf(round: number, device: number): string {
  return new Date(CLOCK_START + round * 10 + device).toISOString();
}

/**
 * The payload of a device's n-th record: UUID-shaped strings from a hash of the
 * seed, device and number, so that a record costs nothing until it is looked at.
 */
export function payloadOf(seed: number, device: number, sequence: number): RecordData {
  return { a: hashUuid(seed, device, sequence, 1), b: hashUuid(seed, device, sequence, 2), c: hashUuid(seed, device, sequence, 3) };
}

function hashUuid(seed: number, device: number, sequence: number, field: number): string {
  let state = (seed ^ Math.imul(device + 1, 0x9e3779b1) ^ Math.imul(sequence + 1, 0x85ebca6b) ^ Math.imul(field, 0xc2b2ae35)) >>> 0;
  let hex = '';
  for (let word = 0; word < 4; word++) {
    // mulberry32 steps: cheap, well mixed, deterministic.
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    hex += ((mixed ^ (mixed >>> 14)) >>> 0).toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

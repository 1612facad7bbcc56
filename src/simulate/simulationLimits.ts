/**
 * What a simulation allocates, from its size options (--devices and --rounds;
 * the others allocate nothing that grows), so that a run this machine cannot
 * hold is refused before it starts instead of crashing or being killed midway.
 *
 * The fast path (the reference) keeps ids in typed arrays, outside the JS heap:
 * the server log, one list per device and three lists of facts, each sized up
 * front for the expected records. The straightforward path (--server) keeps
 * record objects on a JS heap: the worker thread's for a TS/JS module, this
 * process's for a Python file or a command.
 */
import { constants } from 'node:buffer';
import os from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { COMMAND_PREFIX } from '../adapters/loadImplementation.ts';
import { WORKER_MEMORY_MB } from '../adapters/worker/ImplementationThread.ts';
import { listCapacity } from './fastHarness.ts';
import { probabilitiesOf, type HarnessOptions } from '../harness/harnessOptions.ts';

/** Node, tsx and the harness's code: about 80 MiB measured, rounded up. */
const PROCESS_BYTES = 100 * 2 ** 20;
/** The share of a memory limit a run may plan to use: the rest is for the system, the server and the collector. */
export const MEMORY_SHARE = 0.8;
/**
 * JS heap per record in the straightforward harness: measured with the reference
 * server (heap after a collection, 1 to 50 devices: 560 bytes per record plus 125
 * per device holding a copy of it), rounded up.
 */
const OBJECT_BYTES_PER_RECORD = 640;
const OBJECT_BYTES_PER_COPY = 140;
/** The most rounds --rounds accepts at all. */
export const MAX_ROUNDS = 100_000_000;

type Size = Pick<HarnessOptions, 'devices' | 'rounds' | 'probabilities'>;

/** The fast path's id lists: the log, one per device, and three of facts. */
export function fastPathBytes(options: Size): number {
  return (options.devices + 4) * listCapacity(options) * Int32Array.BYTES_PER_ELEMENT;
}

/** The straightforward path's heap: every record, and a copy of it on every device. */
export function objectPathBytes(options: Size): number {
  const records = options.rounds * options.devices * (1 - probabilitiesOf(options).noData);
  return records * (OBJECT_BYTES_PER_RECORD + OBJECT_BYTES_PER_COPY * options.devices);
}

export interface SimulationMachine {
  readonly totalBytes: number;
  /** The most elements a typed array may have. */
  readonly longestArray: number;
  /** This process's JS heap limit. */
  readonly heapBytes: number;
  /** An implementation thread's JS heap limit. */
  readonly workerHeapBytes: number;
}

export function thisMachine(): SimulationMachine {
  return { totalBytes: os.totalmem(), longestArray: constants.MAX_LENGTH, heapBytes: getHeapStatistics().heap_size_limit, workerHeapBytes: WORKER_MEMORY_MB * 2 ** 20 };
}

/** Where the harness runs for `server`: next to a TS/JS module in its worker thread, otherwise here. */
function harnessInWorker(server: string): boolean {
  return !server.startsWith(COMMAND_PREFIX) && !server.endsWith('.py');
}

interface Plan {
  readonly bytes: number;
  readonly limit: number;
  /** What `limit` is, for the message. */
  readonly limitText: string;
  readonly fits: boolean;
}

function planFor(options: Size, server: string | undefined, machine: SimulationMachine): Plan {
  const machineText = `${Math.round(MEMORY_SHARE * 100)}% of this machine's ${gibibytes(machine.totalBytes)}`;
  if (server === undefined) {
    const bytes = PROCESS_BYTES + fastPathBytes(options);
    const limit = machine.totalBytes * MEMORY_SHARE;
    return { bytes, limit, limitText: machineText, fits: bytes <= limit && listCapacity(options) <= machine.longestArray };
  }
  const heap = harnessInWorker(server) ? machine.workerHeapBytes : machine.heapBytes;
  const heapText = harnessInWorker(server) ? `the ${mebibytes(heap)} heap of the server's worker thread` : `this process's ${mebibytes(heap)} heap`;
  const bytes = objectPathBytes(options);
  const limit = Math.min(heap * MEMORY_SHARE, machine.totalBytes * MEMORY_SHARE - PROCESS_BYTES);
  return { bytes, limit, limitText: heap * MEMORY_SHARE <= machine.totalBytes * MEMORY_SHARE - PROCESS_BYTES ? `${Math.round(MEMORY_SHARE * 100)}% of ${heapText}` : machineText, fits: bytes <= limit };
}

/** The most rounds `devices` devices may run here. */
export function largestRounds(options: Omit<Size, 'rounds'>, server: string | undefined, machine: SimulationMachine = thisMachine()): number {
  let low = 0;
  let high = MAX_ROUNDS;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (planFor({ ...options, rounds: middle }, server, machine).fits) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Why a run of this size cannot be held here (one line naming the option and its limit), or undefined when it can. */
export function sizeRefusal(options: Size, server: string | undefined, machine: SimulationMachine = thisMachine()): string | undefined {
  const plan = planFor(options, server, machine);
  if (plan.fits) return undefined;
  const most = largestRounds(options, server, machine).toLocaleString('en-US');
  const run = `--rounds ${options.rounds.toLocaleString('en-US')} with --devices ${options.devices}${server === undefined ? '' : ' and --server'}`;
  if (server === undefined && listCapacity(options) > machine.longestArray && plan.bytes <= plan.limit) {
    return `${run} would need id lists of ${listCapacity(options).toLocaleString('en-US')} entries, longer than a typed array may be (${machine.longestArray.toLocaleString('en-US')}); with ${options.devices} devices --rounds may be at most ${most}`;
  }
  const what = server === undefined ? `for its ${options.devices + 4} id lists` : 'of JS heap for the straightforward harness';
  return `${run} would need about ${gibibytes(plan.bytes)} ${what}, more than ${plan.limitText}; with ${options.devices} devices --rounds may be at most ${most}`;
}

function gibibytes(bytes: number): string {
  return bytes >= 2 ** 40 ? `${(bytes / 2 ** 40).toFixed(1)} TiB` : `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MiB`;
}

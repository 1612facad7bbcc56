/** The JSON file that holds everything needed to replay one counterexample. */
import { isObject, NETWORK_MODES, type ModelEvent } from '../../model/index.ts';
import { parseWire, stringifyWire } from '../check/wireJson.ts';
import { isPropertyId, MAX_DEVICES, type PropertyId, type Scenario } from '../../properties/index.ts';

/** The most events a replay file may hold: far above any shrunk trace, far below what exhausts memory. */
export const MAX_REPLAY_EVENTS = 10_000;
/** The largest replay file read, in bytes. */
export const MAX_REPLAY_BYTES = 1024 * 1024;

export const REPLAY_FORMAT = 'sync-check/counterexample';
export const REPLAY_VERSION = 1;

export interface ReplayFile {
  readonly format: typeof REPLAY_FORMAT;
  readonly version: typeof REPLAY_VERSION;
  /** Absolute path of the implementation that failed. */
  readonly implementation: string;
  readonly property: PropertyId;
  readonly message: string;
  /** The properties judged when it was found (a replay judges the same ones). */
  readonly properties: readonly PropertyId[];
  readonly strict: boolean;
  readonly timeoutMs: number;
  /** fast-check's seed and path of the search that found it. */
  readonly seed: number;
  readonly path: string;
  readonly scenario: Scenario;
}

/** Raised for a file that is not a readable counterexample; the message is one line. */
export class ReplayFileError extends Error {}

/** The file's text. JSON has no NaN or Infinity, so non-finite numbers are spelled out. */
export function encodeReplayFile(file: ReplayFile): string {
  return `${stringifyWire(file, 2)}\n`;
}

/** Parses and validates a replay file's text; `name` is used in error messages. */
export function decodeReplayFile(text: string, name: string): ReplayFile {
  let parsed: unknown;
  try {
    parsed = parseWire(text);
  } catch {
    throw new ReplayFileError(`${name} is not JSON, so not a sync-check counterexample`);
  }
  if (!isObject(parsed) || parsed.format !== REPLAY_FORMAT) {
    throw new ReplayFileError(`${name} is not a sync-check counterexample (no "format": "${REPLAY_FORMAT}")`);
  }
  if (parsed.version !== REPLAY_VERSION) throw new ReplayFileError(`${name} has version ${String(parsed.version)}; this sync-check reads version ${REPLAY_VERSION}`);
  const problem = shapeProblem(parsed);
  if (problem !== undefined) throw new ReplayFileError(`${name} is damaged: ${problem}`);
  return parsed as unknown as ReplayFile;
}

function shapeProblem(file: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof file.implementation !== 'string') return '"implementation" must be a path';
  if (typeof file.property !== 'string' || !isPropertyId(file.property)) return '"property" must be a property id';
  if (!Array.isArray(file.properties) || file.properties.length === 0 || !file.properties.every((id) => typeof id === 'string' && isPropertyId(id))) {
    return '"properties" must list property ids (at least one)';
  }
  if (!file.properties.includes(file.property)) return '"properties" must include "property"';
  if (typeof file.strict !== 'boolean') return '"strict" must be true or false';
  if (typeof file.timeoutMs !== 'number' || !Number.isInteger(file.timeoutMs) || file.timeoutMs < 1 || file.timeoutMs > 3_600_000) return '"timeoutMs" must be an integer from 1 to 3600000';
  if (typeof file.seed !== 'number' || typeof file.path !== 'string') return '"seed" and "path" are missing';
  return scenarioProblem(file.scenario);
}

function scenarioProblem(scenario: unknown): string | undefined {
  if (!isObject(scenario)) return '"scenario" is missing';
  if (!(NETWORK_MODES as readonly unknown[]).includes(scenario.mode)) return `unknown mode ${String(scenario.mode)}`;
  const { deviceCount, events } = scenario;
  if (typeof deviceCount !== 'number' || !Number.isInteger(deviceCount) || deviceCount < 1 || deviceCount > MAX_DEVICES) return `"deviceCount" must be an integer from 1 to ${MAX_DEVICES}`;
  if (!Array.isArray(events)) return '"events" must be a list';
  if (events.length > MAX_REPLAY_EVENTS) return `"events" holds ${events.length} events; at most ${MAX_REPLAY_EVENTS}`;
  const bad = events.findIndex((event) => eventProblem(event, deviceCount) !== undefined);
  return bad < 0 ? undefined : `event ${bad + 1}: ${eventProblem(events[bad], deviceCount)}`;
}

function eventProblem(event: unknown, deviceCount: number): string | undefined {
  if (!isObject(event)) return 'not an object';
  const kind = event.kind as ModelEvent['kind'];
  switch (kind) {
    case 'emit':
      if (!isObject(event.content) || typeof event.content.timestamp !== 'string' || !isObject(event.content.data)) return 'emit without content';
      if (!['a', 'b', 'c'].every((field) => typeof (event.content as { data: Record<string, unknown> }).data[field] === 'string')) return 'an emitted record needs string data fields a, b and c';
      return deviceProblem(event.device, deviceCount);
    case 'probe':
    case 'empty':
      return deviceProblem(event.device, deviceCount);
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return typeof event.pick === 'number' && Number.isInteger(event.pick) && event.pick >= 0 ? undefined : 'pick must be a count';
    case 'junk':
      return 'message' in event ? undefined : 'junk without message';
    default:
      return `unknown event kind ${String(kind)}`;
  }
}

function deviceProblem(device: unknown, deviceCount: number): string | undefined {
  return typeof device === 'number' && Number.isInteger(device) && device >= 0 && device < deviceCount ? undefined : `device must be 0..${deviceCount - 1}`;
}

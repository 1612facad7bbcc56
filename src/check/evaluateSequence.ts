/**
 * One sequence of a black-box exhaustive search: run from a fresh instance,
 * judged as a random run is, and the state it reached read off as a key and a
 * frontier. Plain data in and out, so a worker thread can run it next to the
 * implementation.
 */
import type { ModelEvent, NetworkMode } from '../../model/index.ts';
import type { Scenario } from '../../properties/index.ts';
import type { RunRecording } from './RunRecording.ts';
import { stringifyWire } from './wireJson.ts';
import { serverSnapshot } from './serverSnapshot.ts';
import { runScenario, type ExecutedStep, type Finding, type RunSettings } from './runScenario.ts';
import type { ServiceFactory, ServiceLike } from './service.ts';
import type { World } from './World.ts';
import { START, type Frontier } from './Frontier.ts';

export interface SequenceNode {
  readonly devices: number;
  readonly events: readonly ModelEvent[];
  /** Length of the parent's sequence and the state it reached, to confirm the replay. */
  readonly parentLength: number;
  readonly parentKey: string | undefined;
  readonly turns: number;
}

export interface SequenceEvaluation {
  readonly finding: Finding | undefined;
  readonly abandoned: boolean;
  readonly key: string;
  readonly frontier: Frontier;
  readonly parentKey: string | undefined;
  readonly usedSnapshot: boolean;
  readonly slowestCallMs: number | undefined;
  readonly hung: boolean;
  /** The timeout the sequence ran under. */
  readonly timeoutMs: number;
  /** What a failing sequence did, step by step (only failures keep theirs: they are the ones reported). */
  readonly recording?: RunRecording;
}

/** Evaluates one sequence wherever the implementation lives. */
export type SequenceEvaluator = (mode: NetworkMode, node: SequenceNode, settings: RunSettings) => Promise<SequenceEvaluation>;

/** Evaluates sequences in this thread, through `factory`. */
export function evaluatorFor(factory: ServiceFactory): SequenceEvaluator {
  return (mode, node, settings) => evaluateSequence(factory, mode, node, settings);
}

export function scenarioOf(mode: NetworkMode, node: SequenceNode): Scenario {
  return { mode, deviceCount: node.devices, events: node.events };
}

/** The state before any event. */
const START_KEY = 'start';

/** Runs the node's sequence from a fresh instance, judging it, and reads the state it reached. */
export async function evaluateSequence(
  factory: ServiceFactory,
  mode: NetworkMode,
  node: SequenceNode,
  settings: RunSettings,
): Promise<SequenceEvaluation> {
  let service: ServiceLike | undefined;
  const capturing: ServiceFactory = async () => (service = await factory());
  const history: string[] = [];
  let key = '';
  // Nothing has happened before the first event: that state needs no replay to confirm.
  let parentKey: string | undefined = node.parentLength === 0 ? node.parentKey : undefined;
  let frontier: Frontier = START(node.devices);
  let usedSnapshot = false;
  const junkBefore = (length: number): number => node.events.slice(0, length).filter((event) => event.kind === 'junk').length;
  const stateAt = (world: World, length: number): string => {
    const snapshot = serverSnapshot(service);
    usedSnapshot ||= snapshot !== undefined;
    // With a snapshot, the server's state is its own; without, it is everything it was sent.
    const server = snapshot ?? history;
    const devices = world.devices.map((device) => [device.records, device.sent]);
    const pending = world.inFlight.map((entry) => [entry.device, entry.reply]);
    return stringifyWire([server, emittedOrder(node.events.slice(0, length)), devices, pending, junkBefore(length)]);
  };
  const onStep = (step: ExecutedStep): void => {
    if (step.index === undefined) return;
    if (step.sent !== undefined) history.push(stringifyWire(step.sent.message));
    if (step.index === node.parentLength && node.parentKey !== undefined) parentKey = stateAt(step.world, step.index);
    if (step.index !== node.events.length) return;
    key = stateAt(step.world, step.index);
    frontier = {
      sent: step.world.devices.map((device) => device.sent.length),
      pendingDevices: step.world.inFlight.map((entry) => entry.device),
      junkUsed: junkBefore(step.index),
      turns: node.turns,
    };
  };
  const scenario = scenarioOf(mode, node);
  const result = await runScenario(capturing, scenario, { ...settings, onStep });
  if (node.events.length === 0) key = `${START_KEY}${node.devices}`;
  return {
    finding: result.finding,
    abandoned: result.abandoned !== undefined,
    key,
    frontier,
    parentKey,
    usedSnapshot,
    slowestCallMs: result.slowestCallMs,
    hung: result.hung === true,
    timeoutMs: settings.timeoutMs,
    ...(result.recording === undefined ? {} : { recording: result.recording }),
  };
}

/** Who emitted in which order: what the pure model's log holds, which R1 compares replies with. */
function emittedOrder(events: readonly ModelEvent[]): string[] {
  return events.flatMap((event) => (event.kind === 'emit' ? [`${event.device}:${event.content.timestamp}`] : []));
}


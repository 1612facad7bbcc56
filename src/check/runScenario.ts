/** Drives one implementation through one scenario, judging every event and the end. */
import { initialState, isReplyEvent, serverStep, step, type ModelEvent, type ModelState } from '../../model/index.ts';
import {
  convergenceGap,
  effectiveLevel,
  type CallOutcome,
  type EndObservation,
  type EndProperty,
  type Level,
  type Property,
  type PropertyId,
  type Scenario,
  type StepObservation,
  type StepProperty,
} from '../../properties/index.ts';
import { callService, errorText, TimedOut, withTimeout } from './callService.ts';
import { livenessEvents } from './livenessPhase.ts';
import { NOTHING_RECORDED, RunRecorder, type RunRecording, type StepFacts } from './RunRecording.ts';
import { isRemoteFactory, type ServiceFactory, type ServiceLike } from './service.ts';
import { World } from './World.ts';

/** What a run needs that can cross to a worker thread: plain data. */
export interface RunSettings {
  /** The properties this run judges; a violation of any of them ends the run. */
  readonly properties: readonly Property[];
  readonly strict: boolean;
  /** How long an asynchronous reply may take. */
  readonly timeoutMs: number;
}

export interface RunOptions extends RunSettings {
  /** Called after every event, for tests that compare the world with the model. */
  readonly observe?: (world: World, model: ModelState) => void;
  /** Called after every event with the world as it is then (the exhaustive search reads the state a sequence reached). */
  readonly onStep?: (step: ExecutedStep) => void;
  /**
   * Given the way to finish a passing run's recording, which is otherwise dropped
   * unfinished (its host may yet find that the run failed: something escaped it).
   */
  readonly onPass?: (finishRecording: () => RunRecording) => void;
}

/** A property violation. */
export interface Finding {
  readonly property: PropertyId;
  readonly level: Level;
  readonly message: string;
  /** 1-based index of the event in the scenario, or undefined in the liveness phase. */
  readonly step: number | undefined;
}

/** One executed event, as `onStep` sees it: with the live world, which later events change. */
export interface ExecutedStep extends StepFacts {
  readonly world: World;
}

export interface RunResult {
  readonly finding: Finding | undefined;
  /** Why the run ended before its end without a finding (a server that hung cannot be judged further). */
  readonly abandoned?: string;
  /** Rounds of reliable probing the liveness phase needed, when it ran and converged. */
  readonly roundsToConverge: number | undefined;
  /** The slowest answered call of the run, in ms: what a tighter budget for later runs is derived from. */
  readonly slowestCallMs?: number;
  /** True when a call did not answer in time (the finding, if any, may be that hang). */
  readonly hung?: boolean;
  /** What the run did, step by step; absent when it was lost with the implementation's thread, or dropped because the run passed. */
  readonly recording?: RunRecording;
}

const HUNG: RunResult = { finding: undefined, roundsToConverge: undefined, abandoned: 'the server stopped answering' };
const ENDED: RunResult = { finding: undefined, roundsToConverge: undefined, abandoned: "the server's process ended" };

interface RunContext {
  readonly service: ServiceLike;
  readonly world: World;
  model: ModelState;
  readonly options: RunOptions;
  readonly recordWatchers: readonly StepProperty[];
  readonly replyWatchers: readonly StepProperty[];
  readonly recorder: RunRecorder;
  /** Set when the server stopped answering; the run ends there. */
  hung: boolean;
  /** Set when the server's process ended (an exit, a crash): later events would reach nobody, so the run ends there too. */
  processEnded: boolean;
  slowestCallMs: number;
}

/** Runs `scenario` against a fresh instance; stops at the first violation of an active property. */
export async function runScenario(factory: ServiceFactory, scenario: Scenario, options: RunOptions): Promise<RunResult> {
  let service: ServiceLike;
  try {
    service = await createWithin(factory, options.timeoutMs);
  } catch (error) {
    const hung = error instanceof TimedOut;
    if (!options.properties.some((property) => property.id === 'S6')) return { ...HUNG, abandoned: 'the server could not be created', hung };
    const what = hung ? `did not finish within ${options.timeoutMs} ms` : `threw: ${errorText(error)}`;
    const finding = { property: 'S6', level: 'fail', message: `creating the server ${what}`, step: 0 } as const;
    return { finding, roundsToConverge: undefined, hung, recording: NOTHING_RECORDED };
  }
  const world = new World(scenario.mode, scenario.deviceCount);
  const context: RunContext = {
    service,
    world,
    model: initialState(scenario.mode, scenario.deviceCount),
    options,
    recordWatchers: stepProperties(options.properties, 'records'),
    replyWatchers: stepProperties(options.properties, 'replies'),
    recorder: new RunRecorder(world.devices),
    hung: false,
    processEnded: false,
    slowestCallMs: 0,
  };
  // Only a failing run is reported, so only it finishes its recording (finishing one copies the devices).
  const ended = (result: RunResult): RunResult => {
    if (result.finding === undefined) options.onPass?.(() => context.recorder.finish());
    return { ...result, slowestCallMs: context.slowestCallMs, hung: context.hung, ...(result.finding === undefined ? {} : { recording: context.recorder.finish() }) };
  };
  for (const [position, event] of scenario.events.entries()) {
    const finding = await runEvent(context, event, position + 1);
    if (finding !== undefined) return ended({ finding, roundsToConverge: undefined });
    if (context.hung) return ended(HUNG);
    if (context.processEnded) return ended(ENDED);
  }
  return ended(await runLivenessPhase(context));
}

async function runLivenessPhase(context: RunContext): Promise<RunResult> {
  const { world } = context;
  const roundLimit = world.devices.reduce((sum, device) => sum + device.sent.length, 0) + 2;
  let roundsToConverge: number | undefined;
  for (const item of livenessEvents(world, roundLimit)) {
    if (item.kind === 'round') {
      if (convergenceGap(world.views()) === undefined) {
        roundsToConverge = item.round;
        break;
      }
      continue;
    }
    const finding = await runEvent(context, item.event, undefined);
    if (finding !== undefined) return { finding, roundsToConverge: undefined };
    if (context.hung) return HUNG;
    if (context.processEnded) return ENDED;
  }
  const devices = world.views();
  const ending: EndObservation = { devices, roundsToConverge, roundLimit, gap: convergenceGap(devices) };
  const endProperties = context.options.properties.filter((property): property is EndProperty => property.when === 'end');
  return { finding: firstViolation(endProperties, ending, context.options.strict, undefined), roundsToConverge };
}

async function runEvent(context: RunContext, event: ModelEvent, index: number | undefined): Promise<Finding | undefined> {
  const { world, service, options } = context;
  const countsBefore = world.counts();
  const revisionsBefore = world.devices.map((device) => device.revision);
  const sent = world.outgoing(event);
  let outcome: CallOutcome | undefined;
  let replyId: number | undefined;
  let replyDevice: number | undefined;
  let modelReply: unknown;
  if (sent !== undefined) {
    modelReply = serverStep(context.model.log, sent.message).reply;
    const started = performance.now();
    outcome = await callService(service, sent.message, options.timeoutMs);
    if (outcome.kind !== 'timeout') context.slowestCallMs = Math.max(context.slowestCallMs, performance.now() - started);
    // Waiting on a hung server again and again would only multiply the timeout.
    context.hung = outcome.kind === 'timeout';
    context.processEnded = outcome.kind === 'threw' && outcome.ended === true;
    if ((sent.kind === 'probe' || sent.kind === 'empty') && sent.device !== undefined) {
      replyId = world.enqueueReply(sent.device, outcome.kind === 'reply' ? outcome : undefined);
    }
  } else if (isReplyEvent(event)) {
    const moved = world.moveReply(event);
    replyId = moved?.id;
    replyDevice = moved?.device;
  }
  context.model = step(context.model, event);
  options.observe?.(world, context.model);
  options.onStep?.({ event, index, sent, outcome, replyId, replyDevice, world });
  context.recorder.record({ event, index, sent, outcome, replyId, replyDevice });
  const judged = sent === undefined ? recordWatchers(context, revisionsBefore) : context.replyWatchers;
  if (judged.length === 0) return undefined;
  const observation: StepObservation = {
    mode: context.model.mode,
    event,
    sent,
    outcome,
    modelReply,
    devices: world.views(),
    countsBefore,
  };
  return firstViolation(judged, observation, options.strict, index);
}

/** Record checks, if the event changed what some device holds; sending only relaxes them. */
function recordWatchers(context: RunContext, revisionsBefore: readonly number[]): readonly StepProperty[] {
  const changed = context.world.devices.some((device, index) => device.revision !== revisionsBefore[index]);
  return changed ? context.recordWatchers : [];
}

function stepProperties(properties: readonly Property[], watches: StepProperty['watches']): StepProperty[] {
  return properties.filter((property): property is StepProperty => property.when === 'step' && property.watches === watches);
}

function firstViolation<Observation>(
  properties: readonly { id: PropertyId; check: (observation: Observation) => string | undefined }[],
  observation: Observation,
  strict: boolean,
  step: number | undefined,
): Finding | undefined {
  for (const property of properties) {
    const message = property.check(observation);
    if (message !== undefined) {
      return { property: property.id, level: effectiveLevel(property as Property, strict), message, step };
    }
  }
  return undefined;
}

/** The factory's server; a factory whose Promise never settles is a hang like any other. */
async function createWithin(factory: ServiceFactory, timeoutMs: number): Promise<ServiceLike> {
  if (isRemoteFactory(factory)) return factory();
  const made = factory();
  return made instanceof Promise ? withTimeout(made, timeoutMs) : made;
}

/**
 * What a run did, captured as plain data while it happened, so a report can
 * show the failing run itself instead of running its scenario again (an
 * implementation need not do the same thing twice). Everything in it is the
 * checker's own copy: replies are copied as they arrive and the devices' lists
 * at each step, so nothing the implementation does later can change it. Plain
 * data, so it crosses to and from worker threads.
 */
import type { ModelEvent } from '../../model/index.ts';
import type { CallOutcome, DeviceView } from '../../properties/index.ts';
import type { Device } from '../reference/Device.ts';
import type { Outgoing } from './World.ts';

/** What one executed event did, as the run saw it and a recording keeps it. */
export interface StepFacts {
  readonly event: ModelEvent;
  /** 1-based index in the scenario; undefined for the liveness phase. */
  readonly index: number | undefined;
  readonly sent?: Outgoing;
  readonly outcome?: CallOutcome;
  /** The reply id the event created (probe, empty) or acted on (deliver, drop, duplicate). */
  readonly replyId?: number;
  /** The device whose reply a deliver, drop or duplicate acted on. */
  readonly replyDevice?: number;
}

/** A recorded event: its facts, and what each device held after it (copies). */
export interface RecordedStep extends StepFacts {
  /** What each device held after the event, in device order. */
  readonly holdings: readonly (readonly unknown[])[];
}

export interface RunRecording {
  /** The devices' ids, in device order. */
  readonly deviceIds: readonly string[];
  readonly steps: readonly RecordedStep[];
  /** The devices as the run left them (at the finding, when there is one). */
  readonly end: readonly DeviceView[];
  /** Set when recording stopped early (after `steps`): the devices held more entries, or the replies more characters, than a recording may keep. */
  readonly truncated?: 'entries' | 'replies';
}

/** The recording of a run that ended before any event (the server could not be created). */
export const NOTHING_RECORDED: RunRecording = { deviceIds: [], steps: [], end: [] };

/**
 * List entries a recording may copy in all (8 bytes each, the entries themselves
 * are shared): a server that floods its devices' lists must not make the
 * checker's recording, rather than the server, run out of memory.
 */
export const MAX_RECORDED_ENTRIES = 1_000_000;

/**
 * Reply characters a recording may keep in all, counted where a reply crossed a
 * pipe or a thread (its `bytes`). A server that answers every probe with 50 MB would
 * otherwise have each run's recording hold every one of them, several runs at
 * once when modes are searched at the same time: the checker, not the server,
 * would run out of memory. Past it the recording stops (`truncated`), as past
 * MAX_RECORDED_ENTRIES; the run itself is judged to its end as always.
 */
export const MAX_RECORDED_REPLY_BYTES = 64 * 1024 * 1024;

/**
 * Records a run step by step. A device's list is copied only when it changed
 * (its revision moved); a step shares the other devices' copies with the step
 * before, so most steps cost one object.
 */
export class RunRecorder {
  private readonly steps: RecordedStep[] = [];
  private revisions: readonly number[] = [];
  private holdings: readonly (readonly unknown[])[] = [];
  private copied = 0;
  private replyBytes = 0;
  private truncated: 'entries' | 'replies' | undefined;

  constructor(private readonly devices: readonly Device[]) {}

  record(step: Omit<RecordedStep, 'holdings'>): void {
    if (this.truncated !== undefined) return;
    this.replyBytes += step.outcome?.kind === 'reply' ? (step.outcome.bytes ?? 0) : 0;
    if (this.replyBytes > MAX_RECORDED_REPLY_BYTES) {
      this.truncated = 'replies';
      return;
    }
    const holdings = this.current();
    if (holdings === undefined) {
      this.truncated = 'entries';
      return;
    }
    const { event, index, sent, outcome, replyId, replyDevice } = step;
    this.steps.push({ event, index, sent, outcome, replyId, replyDevice, holdings });
  }

  /** The recording so far, with the devices as they are now. */
  finish(): RunRecording {
    const holdings = this.truncated === undefined ? this.current() : undefined;
    return {
      deviceIds: this.devices.map((device) => device.id),
      steps: this.steps,
      end: this.devices.map((device, index) => ({ id: device.id, records: holdings?.[index] ?? [...device.records], sent: [...device.sent] })),
      ...(this.truncated === undefined ? {} : { truncated: this.truncated }),
    };
  }

  /** Every device's list as of now, copying only those that changed; undefined once the copies would pass MAX_RECORDED_ENTRIES. */
  private current(): readonly (readonly unknown[])[] | undefined {
    const changed = (device: Device, index: number): boolean => device.revision !== this.revisions[index] || this.holdings[index] === undefined;
    // A list that changed to empty costs nothing to copy, but it changed: compare revisions, not sizes.
    if (!this.devices.some(changed)) return this.holdings;
    const needed = this.devices.reduce((sum, device, index) => sum + (changed(device, index) ? device.records.length : 0), 0);
    if (this.copied + needed > MAX_RECORDED_ENTRIES) return undefined;
    this.copied += needed;
    this.holdings = this.devices.map((device, index) => (changed(device, index) ? [...device.records] : this.holdings[index]!));
    this.revisions = this.devices.map((device) => device.revision);
    return this.holdings;
  }
}

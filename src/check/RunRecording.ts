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
}

/** The recording of a run that ended before any event (the server could not be created). */
export const NOTHING_RECORDED: RunRecording = { deviceIds: [], steps: [], end: [] };

/**
 * Records a run step by step. The devices' lists are copied only when one of
 * them changed (a revision moved); otherwise a step shares the last step's
 * copies, so most steps cost one object.
 */
export class RunRecorder {
  private readonly steps: RecordedStep[] = [];
  private revisions: readonly number[] = [];
  private holdings: readonly (readonly unknown[])[] = [];

  constructor(private readonly devices: readonly Device[]) {}

  record(step: Omit<RecordedStep, 'holdings'>): void {
    const { event, index, sent, outcome, replyId, replyDevice } = step;
    this.steps.push({ event, index, sent, outcome, replyId, replyDevice, holdings: this.current() });
  }

  /** The recording so far, with the devices as they are now. */
  finish(): RunRecording {
    const holdings = this.current();
    return {
      deviceIds: this.devices.map((device) => device.id),
      steps: this.steps,
      end: this.devices.map((device, index) => ({ id: device.id, records: holdings[index] ?? [], sent: [...device.sent] })),
    };
  }

  private current(): readonly (readonly unknown[])[] {
    const changed = this.revisions.length !== this.devices.length || this.devices.some((device, index) => device.revision !== this.revisions[index]);
    if (changed) {
      this.revisions = this.devices.map((device) => device.revision);
      this.holdings = this.devices.map((device) => [...device.records]);
    }
    return this.holdings;
  }
}

/**
 * A trace is the failing run itself, recorded while it ran: formatting it runs
 * nothing, so an implementation that behaves differently every time (here: it
 * names its instance in what it throws) shows the run that failed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../model/index.ts';
import { propertyById } from '../properties/index.ts';
import { loadImplementation } from '../src/adapters/loadImplementation.ts';
import { MAX_RECORDED_ENTRIES, RunRecorder, type RunRecording } from '../src/check/RunRecording.ts';
import { runScenario } from '../src/check/runScenario.ts';
import type { Device } from '../src/reference/Device.ts';
import type { ScenarioHost } from '../src/check/ScenarioHost.ts';
import type { ServiceLike } from '../src/check/service.ts';
import type { ExplainedCounterexample } from '../src/conformance/ConformanceReport.ts';
import { exhaustiveConformance } from '../src/conformance/exhaustiveConformance.ts';
import { runConformance } from '../src/conformance/runConformance.ts';
import { createSyncService } from '../src/reference/SyncService.ts';
import { formatTrace } from '../src/report/formatTrace.ts';
import { jsonReport } from '../src/report/jsonReport.ts';
import { reportText } from '../src/report/reportText.ts';

/** The reference, except that bad input makes it throw `instance N`, N counting the servers made so far. */
function countingFactory(): { factory: () => ServiceLike; made: () => number } {
  let made = 0;
  const factory = (): ServiceLike => {
    const instance = ++made;
    const inner = createSyncService();
    return {
      onMessage(message: unknown): unknown {
        if (typeof message !== 'object' || message === null || Array.isArray(message)) throw new Error(`instance ${instance}`);
        return inner.onMessage(message);
      },
    };
  };
  return { factory, made: () => made };
}

/** The S7 counterexample of a report, and the instance its finding names. */
function s7Of(counterexample: ExplainedCounterexample | undefined): { counterexample: ExplainedCounterexample; instance: string } {
  expect(counterexample?.finding.property).toBe('S7');
  if (counterexample === undefined) throw new Error('no S7 counterexample');
  const instance = /instance \d+/.exec(counterexample.finding.message)?.[0];
  expect(instance).toBeDefined();
  return { counterexample, instance: instance ?? '' };
}

describe('traces are recorded while the failing run happens', () => {
  it('a random search reports the run that failed, and formatting it makes no server', async () => {
    const { factory, made } = countingFactory();
    const report = await runConformance(factory, { seed: 1, runs: 50, modes: ['fifo'], shrinkLimitMs: 2_000 });
    const { counterexample, instance } = s7Of(report.modes[0]?.verdicts.find((verdict) => verdict.id === 'S7')?.counterexample);
    const before = made();
    const trace = formatTrace(counterexample);
    reportText(report, () => 'replay');
    jsonReport(report, 'counting');
    expect(made()).toBe(before);
    const failing = trace.rows[(counterexample.finding.step ?? 0) - 1];
    expect(failing?.reply).toBe(`THREW Error: ${instance}`);
  });

  it('an exhaustive search reports the sequence that failed, as it ran', async () => {
    const { factory } = countingFactory();
    const report = await exhaustiveConformance(factory, { modes: ['fifo'], only: ['S7'], stopAtFirstFailure: true, bounds: { depth: 1 } });
    const { counterexample, instance } = s7Of(report.modes[0]?.verdicts.find((verdict) => verdict.id === 'S7')?.counterexample);
    expect(formatTrace(counterexample).rows.at(-1)?.reply).toBe(`THREW Error: ${instance}`);
  });

  it('the recording crosses from an implementation\'s worker thread with the run', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'sync-check-trace-'));
    const file = path.join(folder, 'countingServer.ts');
    writeFileSync(file, [
      'let made = 0;',
      'export default class CountingServer {',
      '  private readonly instance = ++made;',
      '  onMessage(message: unknown): unknown {',
      '    if (message === null) throw new Error(`instance ${this.instance}`);',
      "    return typeof message === 'object' && (message as { type?: unknown }).type === 'probe' ? { type: 'update', from: 0, data: [] } : undefined;",
      '  }',
      '}',
      '',
    ].join('\n'));
    const loaded = await loadImplementation(file);
    try {
      const events: ModelEvent[] = [{ kind: 'probe', device: 0 }, { kind: 'junk', message: null }];
      const result = await loaded.run({ mode: 'fifo', deviceCount: 1, events }, { properties: [propertyById('S7')], strict: false, timeoutMs: 1000 });
      const instance = /instance \d+/.exec(result.finding?.message ?? '')?.[0] ?? 'none';
      expect(result.recording?.steps.map((step) => step.outcome?.kind)).toEqual(['reply', 'threw']);
      expect(result.recording?.steps[1]?.outcome).toEqual({ kind: 'threw', error: `Error: ${instance}` });
    } finally {
      await loaded.close();
    }
  });

  it('records copies: a server that changes a reply it returned earlier does not change the recording', async () => {
    const inner = createSyncService();
    let last: { data?: unknown[] } | undefined;
    const mutating: ServiceLike = {
      onMessage(message: unknown): unknown {
        last?.data?.push('changed afterwards');
        const reply = inner.onMessage(message) as { data?: unknown[] } | undefined;
        last = reply;
        return reply;
      },
    };
    const events: ModelEvent[] = [{ kind: 'probe', device: 0 }, { kind: 'probe', device: 0 }];
    let finishRecording: (() => RunRecording) | undefined;
    await runScenario(() => mutating, { mode: 'fifo', deviceCount: 1, events }, { properties: [], strict: false, timeoutMs: 1000, onPass: (finish) => (finishRecording = finish) });
    const recording = finishRecording?.();
    const first = recording?.steps[0]?.outcome;
    expect(first).toEqual({ kind: 'reply', value: { type: 'update', from: 0, data: [] } });
  });
});

describe('the recording of a run', () => {
  /** Devices as the recorder reads them: an id, a list, a revision that moves when the list changes. */
  const devicesOf = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `dev_${index}`, records: [] as unknown[], sent: [] as unknown[], revision: 0 }));
  const event: ModelEvent = { kind: 'probe', device: 0 };

  it('copies only the device whose list changed; the others share the copy of the step before', () => {
    const devices = devicesOf(3);
    const recorder = new RunRecorder(devices as unknown as Device[]);
    recorder.record({ event, index: 1 });
    devices[1]!.records.push('r1');
    devices[1]!.revision++;
    recorder.record({ event, index: 2 });
    const [first, second] = recorder.finish().steps;
    expect(second?.holdings[1]).toEqual(['r1']);
    expect(first?.holdings[1]).toEqual([]);
    expect(second?.holdings[0]).toBe(first?.holdings[0]);
    expect(second?.holdings[2]).toBe(first?.holdings[2]);
  });

  it('sees a list that changed to empty (nothing to copy, but it changed)', () => {
    const devices = devicesOf(1);
    const recorder = new RunRecorder(devices as unknown as Device[]);
    devices[0]!.records.push('r1');
    devices[0]!.revision++;
    recorder.record({ event, index: 1 });
    devices[0]!.records = [];
    devices[0]!.revision++;
    recorder.record({ event, index: 2 });
    expect(recorder.finish().steps.map((step) => step.holdings[0])).toEqual([['r1'], []]);
  });

  it(`stops, and says so, rather than copy more than ${MAX_RECORDED_ENTRIES} entries (a server that floods its devices' lists)`, () => {
    const devices = devicesOf(10);
    const recorder = new RunRecorder(devices as unknown as Device[]);
    const flood = new Array<string>(MAX_RECORDED_ENTRIES / 4).fill('x');
    let steps = 0;
    for (let step = 1; step <= 20; step++) {
      for (const device of devices) {
        device.records = [...flood];
        device.revision++;
      }
      recorder.record({ event, index: step });
      steps++;
    }
    const recording = recorder.finish();
    expect(steps).toBe(20);
    expect(recording.truncated).toBe('entries');
    // Ten devices of a quarter of the cap each: not even the first step fits.
    expect(recording.steps.length).toBe(0);
    expect(recording.end.map((device) => device.records.length)).toEqual(devices.map(() => MAX_RECORDED_ENTRIES / 4));
  });
});

describe('a run that throws (the checker failing, not the server)', () => {
  it('ends the search with that error, never with a pass', async () => {
    let runs = 0;
    const host: ScenarioHost = {
      factory: createSyncService,
      run: async (scenario, settings) => {
        if (++runs === 5) throw new Error("the checker's worker failed: test");
        return runScenario(createSyncService, scenario, settings);
      },
    };
    await expect(runConformance(host, { seed: 1, runs: 30, modes: ['fifo'] })).rejects.toThrow("the checker's worker failed: test");
    // It stopped at the error: no further run, no shrinking of an exception.
    expect(runs).toBe(5);
  });
});

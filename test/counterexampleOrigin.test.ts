/**
 * Where a counterexample came from (a random search, an exhaustive one, a
 * replay file) decides what the reports and the replay file say about it; the
 * words and fields are the ones they always had, and the file's name does not
 * depend on where it came from.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../properties/index.ts';
import type { CounterexampleOrigin } from '../src/check/findCounterexample.ts';
import type { ConformanceReport, ExplainedCounterexample } from '../src/conformance/ConformanceReport.ts';
import { verdictOf } from '../src/conformance/verdicts.ts';
import { failureBaseName } from '../src/failures/failureStore.ts';
import { decodeReplayFile, REPLAY_FORMAT, REPLAY_VERSION, type ReplayFile } from '../src/failures/replayFile.ts';
import { saveCounterexample } from '../src/failures/saveCounterexamples.ts';
import { howFound } from '../src/report/counterexampleText.ts';
import { jsonReport } from '../src/report/jsonReport.ts';
import { markdownReport } from '../src/report/markdownReport.ts';

const scenario: Scenario = { mode: 'fifo', deviceCount: 1, events: [{ kind: 'junk', message: null }] };

function counterexample(origin: CounterexampleOrigin): ExplainedCounterexample {
  return { scenario, finding: { property: 'S7', level: 'warn', message: 'threw', step: 1 }, properties: ['S7'], origin };
}

const ORIGINS = {
  random: { kind: 'random', seed: 7, path: '1:2', shrinks: 3 },
  cut: { kind: 'random', seed: 7, path: '1:2', shrinks: 3, shrinkCut: 'shrinking stopped after 20 s' },
  exhaustive: { kind: 'exhaustive' },
  saved: { kind: 'saved', seed: 9, path: '4' },
} satisfies Record<string, CounterexampleOrigin>;

function jsonOf(found: ExplainedCounterexample): unknown {
  const report: ConformanceReport = {
    verdict: 'warn',
    search: { kind: 'random', seed: 1, runsPerMode: 1 },
    strict: false,
    modes: [{ mode: 'fifo', verdicts: [{ ...verdictOf('S7', 'warn', 1), counterexample: found }], knownFailures: { replayed: 0, stillFailing: 0 }, statistics: {} }],
  };
  return jsonReport(report, 'impl').properties.find((property) => property.id === 'S7')?.counterexample;
}

describe('what each origin is reported as', () => {
  it.each([
    { origin: ORIGINS.random, text: 'after 3 shrinks', markdown: '- found with seed 7, path `1:2`', json: { seed: 7, path: '1:2', known: false, shortest: false } },
    { origin: ORIGINS.cut, text: 'after 3 shrinks; shrinking stopped after 20 s', markdown: '- found with seed 7, path `1:2`', json: { seed: 7, path: '1:2', known: false, shortest: false, shrinkCut: 'shrinking stopped after 20 s' } },
    { origin: ORIGINS.exhaustive, text: 'shortest within the exhaustive bounds', markdown: '- found by exhaustive search: a shortest failing sequence within its bounds', json: { seed: 0, path: '', known: false, shortest: true } },
    { origin: ORIGINS.saved, text: 'after 0 shrinks', markdown: '- found with seed 9, path `4`', json: { seed: 9, path: '4', known: true, shortest: false } },
  ])('$origin.kind $text', ({ origin, text, markdown, json }) => {
    const found = counterexample(origin);
    expect(howFound(found)).toBe(text);
    expect(markdownReport(found, 'impl', 'replay').split('\n')).toContain(markdown);
    const shown = jsonOf(found) as Record<string, unknown>;
    expect(shown).toMatchObject(json);
    if (!('shrinkCut' in json)) expect(shown).not.toHaveProperty('shrinkCut');
  });
});

describe('the replay file', () => {
  const target = { implementation: '/somewhere/impl.ts', label: 'impl', replayCommand: (file: string) => `replay ${file}` };
  const saved = (origin: CounterexampleOrigin): { file: string; replay: ReplayFile } => {
    const directory = mkdtempSync(path.join(tmpdir(), 'sync-check-origin-'));
    const file = saveCounterexample(counterexample(origin), target, { directory, strict: false, timeoutMs: 1000 });
    return { file, replay: decodeReplayFile(readFileSync(file, 'utf8'), file) };
  };

  it('records the seed and path of a random search or a replayed file, and 0 and "" for an exhaustive search, as version 1 requires', () => {
    expect(saved(ORIGINS.random).replay).toMatchObject({ seed: 7, path: '1:2' });
    expect(saved(ORIGINS.saved).replay).toMatchObject({ seed: 9, path: '4' });
    expect(saved(ORIGINS.exhaustive).replay).toMatchObject({ seed: 0, path: '' });
  });

  it('is named by its scenario and settings alone, as before the origin was recorded', () => {
    const names = Object.values(ORIGINS).map((origin) => path.basename(saved(origin).file));
    // The digest of this scenario under these settings, as files saved before the change are named.
    expect(new Set(names)).toEqual(new Set(['impl-fifo-S7-3e3e4bea.json']));
    const file: ReplayFile = {
      format: REPLAY_FORMAT, version: REPLAY_VERSION, implementation: target.implementation, property: 'S7', message: 'threw',
      properties: ['S7'], strict: false, timeoutMs: 1000, seed: 123, path: '5:5', scenario,
    };
    expect(`${failureBaseName(file)}.json`).toBe('impl-fifo-S7-3e3e4bea.json');
  });
});

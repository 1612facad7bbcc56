/**
 * Counterexamples saved as replay files, each with its Markdown report beside
 * it, and read back to replay first: one place for the CLI, soak runs and the
 * library's `out` option, so a file saved by one replays through the others.
 */
import { errorText } from '../check/callService.ts';
import type { CounterexampleOrigin } from '../check/findCounterexample.ts';
import type { ConformanceReport, ExplainedCounterexample, KnownFailure } from '../conformance/ConformanceReport.ts';
import { allCounterexamples } from '../report/findings.ts';
import { markdownReport } from '../report/markdownReport.ts';
import { savedFailures, saveFailure } from './failureStore.ts';
import { REPLAY_FORMAT, REPLAY_VERSION, type ReplayFile } from './replayFile.ts';

/** The implementation a counterexample belongs to, as a replay file names it and a report shows it. */
export interface SavedTarget {
  /** What the replay file records (a path, or `command:...`). */
  readonly implementation: string;
  /** How reports name it. */
  readonly label: string;
  /** The command that replays a saved file, as the Markdown report prints it. */
  readonly replayCommand: (file: string) => string;
}

/** Where and under which settings the counterexamples were found. */
export interface SaveSettings {
  readonly directory: string;
  readonly strict: boolean;
  readonly timeoutMs: number;
}

/** The command that replays a saved file, followed by what the file alone cannot name (`--command ...`, a module). */
export function replayCommand(file: string, after = ''): string {
  return `npx sync-check --replay ${file}${after === '' ? '' : ` ${after}`}`;
}

/** The saved failures of `implementation` in `directory`, to replay before a new search; an unreadable file is reported, never fatal. */
export function knownFailures(directory: string, implementation: string, onUnreadable: (reason: string) => void): KnownFailure[] {
  return savedFailures(directory, implementation, onUnreadable).map(({ replay }) => ({ scenario: replay.scenario, seed: replay.seed, path: replay.path }));
}

/** Saves one counterexample; returns its replay file. Throws when it cannot be written. */
export function saveCounterexample(counterexample: ExplainedCounterexample, target: SavedTarget, settings: SaveSettings): string {
  const markdownFor = (file: string): string => markdownReport(counterexample, target.label, target.replayCommand(file));
  return saveFailure(settings.directory, replayFileOf(counterexample, target, settings), markdownFor);
}

/** Saves every counterexample of the report; returns where each went. A file that cannot be saved is a warning: the report still stands. */
export function saveCounterexamples(
  report: ConformanceReport,
  target: SavedTarget,
  settings: SaveSettings,
  warn: (warning: string) => void,
): Map<ExplainedCounterexample, string> {
  const files = new Map<ExplainedCounterexample, string>();
  for (const counterexample of allCounterexamples(report)) {
    try {
      files.set(counterexample, saveCounterexample(counterexample, target, settings));
    } catch (error) {
      warn(`could not save the ${counterexample.finding.property} counterexample in ${settings.directory}: ${errorText(error)}`);
    }
  }
  return files;
}

function replayFileOf(counterexample: ExplainedCounterexample, target: SavedTarget, settings: SaveSettings): ReplayFile {
  return {
    format: REPLAY_FORMAT,
    version: REPLAY_VERSION,
    implementation: target.implementation,
    property: counterexample.finding.property,
    message: counterexample.finding.message,
    properties: counterexample.properties,
    strict: settings.strict,
    timeoutMs: settings.timeoutMs,
    ...replayedBy(counterexample.origin),
    scenario: counterexample.scenario,
  };
}

/**
 * The seed and path a replay file records. Version 1 of the format requires
 * both (a file without them is refused as damaged, by this reader and older
 * ones), so a counterexample an exhaustive search found, which has neither, is
 * written with 0 and '' as it always was; the failure store's digest leaves them
 * out, so the file's name is the same whatever they hold.
 */
function replayedBy(origin: CounterexampleOrigin): Pick<ReplayFile, 'seed' | 'path'> {
  return origin.kind === 'exhaustive' ? { seed: 0, path: '' } : { seed: origin.seed, path: origin.path };
}

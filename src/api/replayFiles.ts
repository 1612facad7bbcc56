/**
 * The `out` option: the same corpus `sync-check --out` keeps. Every
 * counterexample is saved as a replay file with its Markdown report; saved
 * failures of the same implementation are replayed before a new search.
 */
import type { NetworkMode } from '../../model/index.ts';
import type { ConformanceReport, ExplainedCounterexample } from '../conformance/ConformanceReport.ts';
import { DEFAULT_TIMEOUT_MS } from '../conformance/runConformance.ts';
import { replayCommand as replayFileCommand, saveCounterexamples as saveEvery } from '../failures/saveCounterexamples.ts';
import type { CheckSettings } from './CheckOptions.ts';
import type { OpenedTarget } from './ConformanceTarget.ts';

/** Saves every counterexample of the report in `directory`; returns where each went. A file that cannot be saved is a warning. */
export function saveCounterexamples(
  directory: string,
  report: ConformanceReport,
  target: OpenedTarget,
  settings: CheckSettings,
  warn: (warning: string) => void,
): Map<ExplainedCounterexample, string> {
  const saved = { implementation: target.implementation, label: target.label, replayCommand: (file: string) => replayCommand(target, file) };
  return saveEvery(report, saved, { directory, strict: settings.strict, timeoutMs: settings.timeoutMs }, warn);
}

/**
 * The command that replays a saved file. `--replay` never runs a command a
 * file names, so a `{ command }` target is named again; a class or factory
 * lives only in the caller's code, so the module that exports it must be named.
 */
export function replayCommand(target: OpenedTarget, file: string): string {
  if (target.cliTarget === undefined) return replayFileCommand(file, `<the module that exports ${target.label}>`);
  return replayFileCommand(file, target.cliTarget.startsWith('--command') ? target.cliTarget : '');
}

/** The command line that searches again as this check did, for a counterexample that was not saved (the same seed finds it again). */
export function searchCommand(target: OpenedTarget, settings: CheckSettings, mode: NetworkMode): string {
  const options = [
    `--mode ${mode}`,
    `--seed ${settings.seed}`,
    `--runs ${settings.runs}`,
    ...(settings.deviceCount === undefined ? [] : [`--devices ${settings.deviceCount}`]),
    ...(settings.strict ? ['--strict'] : []),
    ...(settings.timeoutMs === DEFAULT_TIMEOUT_MS ? [] : [`--timeout ${settings.timeoutMs}`]),
  ].join(' ');
  const again = target.cliTarget === undefined ? `the same seed finds it again: ${settings.seed}, ${mode} mode, ${settings.runs} runs` : `npx sync-check ${target.cliTarget} ${options}`;
  return `${again} (not saved: pass \`out\` to save a replay file)`;
}

/** A progress line on a terminal for searches longer than a second; silent otherwise. */
import type { NetworkMode } from '../../model/index.ts';
import { count } from '../report/counterexampleText.ts';

export interface Progress {
  update(mode: NetworkMode, runs: number): void;
  /** Clears the line. */
  done(): void;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

/**
 * Draws on `stream` only when it is a terminal; `budget` is the run count per mode. One mode searched: a bar;
 * modes searched at the same time: each one's count, in the order they started.
 */
export function terminalProgress(stream: NodeJS.WriteStream, budget: number, now: () => number = Date.now): Progress {
  const line = throttledLine(stream, now);
  const runsByMode = new Map<NetworkMode, number>();
  return {
    update(mode, runs) {
      runsByMode.set(mode, runs);
      line.draw(() => (runsByMode.size === 1 ? progressBar(mode, runs, budget) : [...runsByMode].map(([name, count]) => `${name} ${runsText(count, budget)}`).join('  ')));
    },
    done: line.done,
  };
}

function progressBar(mode: NetworkMode, runs: number, budget: number): string {
  const shown = Math.min(runs, budget);
  const width = 24;
  const filled = Math.round((shown / budget) * width);
  return `${mode.padEnd(7)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${runsText(runs, budget)}`;
}

/** "120/200 runs", and the runs past the budget (shrink candidates) apart. */
function runsText(runs: number, budget: number): string {
  const extra = runs > budget ? ` (+${runs - budget} shrinking)` : '';
  return `${Math.min(runs, budget)}/${budget} runs${extra}`;
}

export interface ExhaustiveProgress {
  update(mode: NetworkMode, depth: number, sequences: number): void;
  done(): void;
}

/** The exhaustive search's line: mode, the depth being searched, sequences run so far. */
export function exhaustiveProgress(stream: NodeJS.WriteStream, now: () => number = Date.now): ExhaustiveProgress {
  const line = throttledLine(stream, now);
  return {
    update: (mode, depth, sequences) => line.draw(() => `${mode.padEnd(7)} exhaustive, depth ${depth}: ${count(sequences)} sequences`),
    done: line.done,
  };
}

/**
 * One redrawn line on a terminal, shown only after a second and redrawn at most
 * every 100 ms; nothing at all when `stream` is not a terminal. `text` is only
 * called when the line is drawn.
 */
function throttledLine(stream: NodeJS.WriteStream, now: () => number): { draw: (text: () => string) => void; done: () => void } {
  if (!stream.isTTY) return { draw: () => {}, done: () => {} };
  const started = now();
  let drawnAt = 0;
  let drawn = false;
  return {
    draw(text) {
      const time = now();
      if (time - started < SHOW_AFTER_MS || time - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = time;
      drawn = true;
      stream.write(`\r\x1b[K${text()}`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

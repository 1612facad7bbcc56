/** A progress line on a terminal for searches longer than a second; silent otherwise. */
import type { NetworkMode } from '../../model/index.ts';

export interface Progress {
  update(mode: NetworkMode, runs: number): void;
  /** Clears the line. */
  done(): void;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

/** Draws on `stream` only when it is a terminal; `budget` is the run count per mode. */
export function terminalProgress(stream: NodeJS.WriteStream, budget: number, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const started = now();
  let drawnAt = 0;
  let drawn = false;
  return {
    update(mode, runs) {
      const time = now();
      if (time - started < SHOW_AFTER_MS || time - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = time;
      drawn = true;
      const shown = Math.min(runs, budget);
      const width = 24;
      const filled = Math.round((shown / budget) * width);
      const extra = runs > budget ? ` (+${runs - budget} shrinking)` : '';
      stream.write(`\r\x1b[K${mode.padEnd(7)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${shown}/${budget} runs${extra}`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

export interface ExhaustiveProgress {
  update(mode: NetworkMode, depth: number, sequences: number): void;
  done(): void;
}

/** The exhaustive search's line: mode, the depth being searched, sequences run so far. */
export function exhaustiveProgress(stream: NodeJS.WriteStream, now: () => number = Date.now): ExhaustiveProgress {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const started = now();
  let drawnAt = 0;
  let drawn = false;
  return {
    update(mode, depth, sequences) {
      const time = now();
      if (time - started < SHOW_AFTER_MS || time - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = time;
      drawn = true;
      stream.write(`\r\x1b[K${mode.padEnd(7)} exhaustive, depth ${depth}: ${sequences.toLocaleString('en-US')} sequences`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

/**
 * Progress of a check of many: on a terminal one redrawn line (how many are
 * done, which are running); otherwise one line per finished file, so a CI log
 * shows the check moving without a line per run.
 */
import { brokenText } from '../report/batchSummary.ts';
import type { JudgedImplementation } from '../report/judgedImplementation.ts';
import type { Io } from './io.ts';

export interface BatchProgress {
  started(file: string): void;
  finished(row: JudgedImplementation): void;
  /** Clears the terminal line. */
  done(): void;
}

export function batchProgress(io: Io, total: number): BatchProgress {
  const terminal = io.progress?.isTTY === true ? io.progress : undefined;
  const running = new Set<string>();
  let finished = 0;
  const draw = (): void => {
    if (terminal === undefined) return;
    const names = [...running].join(', ');
    const line = `checked ${finished}/${total}${running.size === 0 ? '' : `, running: ${names}`}`;
    terminal.write(`\r\x1b[K${line.slice(0, Math.max((terminal.columns || 80) - 1, 20))}`);
  };
  return {
    started(file) {
      running.add(file);
      draw();
    },
    finished(row) {
      running.delete(row.file);
      finished += 1;
      if (terminal !== undefined) return draw();
      const what = row.reason ?? brokenText(row);
      io.stderr(`[${finished}/${total}] ${row.verdict.padEnd(5)} ${row.file} (${row.seconds.toFixed(1)} s)${what === '' ? '' : `: ${what}`}\n`);
    },
    done() {
      if (terminal !== undefined && finished > 0) terminal.write('\r\x1b[K');
    },
  };
}

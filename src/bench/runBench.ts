/** The bench: this machine's figures, section by section (`--json` for tracking). A benchmark, not a test. */
import os from 'node:os';
import { modelThroughput, benchScenarios, runnerThroughput } from './runnerThroughput.ts';
import type { Figure } from './measure.ts';
import { pythonDefaultCheck, pythonThroughput } from './pythonThroughput.ts';
import { fullScaleSimulation, pythonBaseline } from './harnessComparison.ts';
import { explorerSpeed, largestBoundIn10s } from './explorerSpeed.ts';
import { exhaustiveThroughput } from './exhaustiveThroughput.ts';
import { shrinkQuality } from './shrinkQuality.ts';
import { hangTimesToVerdict, isolationCost } from './isolationCost.ts';
import { NEEDS_REPOSITORY, repositoryFile } from './repository.ts';
import { batchSpeed } from './batchSpeed.ts';
import { timesToVerdict } from './timeToVerdict.ts';

interface Recorder {
  /** Prints a figure's line and keeps it for --json. */
  readonly record: (figure: Figure) => void;
  /** Figures that cannot be measured here: a line instead of them. */
  readonly skip: (name: string, reason: string) => void;
  /** Text (only without --json). */
  readonly say: (text: string) => void;
}

interface Section {
  readonly name: string;
  /** Printed before the section's figures; its leading newline separates it from the section before. */
  readonly heading: string;
  readonly run: (recorder: Recorder) => Promise<void>;
}

/** In the order they run and print; `--only` picks among them. */
export const SECTIONS: readonly Section[] = [
  {
    name: 'isolation',
    heading: 'isolation (implementations run in a worker thread) and time to a verdict on hostile servers:\n',
    async run({ record, skip }) {
      for (const figure of await isolationCost()) record(figure);
      const hangs = await hangTimesToVerdict();
      if (hangs === undefined) skip('hostile servers', NEEDS_REPOSITORY);
      else for (const figure of hangs) record(figure);
    },
  },
  {
    name: 'simulate',
    heading: '\n',
    async run({ record, skip }) {
      for (const figure of await fullScaleSimulation(1_000_000)) record(figure);
      const python = await pythonBaseline(10_000);
      if (python === undefined) skip('python original', 'skipped: needs python3 (or SYNC_PYTHON)');
      else for (const figure of python) record(figure);
    },
  },
  {
    name: 'runner',
    heading: '',
    async run({ record }) {
      const scenarios = benchScenarios(300);
      record(await runnerThroughput(scenarios));
      record(await modelThroughput(scenarios, 20));
    },
  },
  {
    name: 'python',
    heading: '',
    async run({ record, skip }) {
      const reference = repositoryFile('fixtures/python/correct/reference.py');
      if (reference === undefined) {
        skip('python round trips', NEEDS_REPOSITORY);
        return;
      }
      record(await pythonThroughput(reference, 20_000));
      record(await pythonDefaultCheck(reference));
    },
  },
  {
    name: 'verdict',
    heading: '\ntime to a verdict, as a user waits (sync-check FILE --seed 1, the whole process):\n',
    async run({ record, skip, say }) {
      const figures = await timesToVerdict(say);
      if (figures === undefined) skip('time to a verdict', NEEDS_REPOSITORY);
      else for (const figure of figures) record(figure);
    },
  },
  {
    name: 'batch',
    heading: '\nmany implementations at once (one child process each):\n',
    async run({ record, skip }) {
      const figures = await batchSpeed();
      if (figures === undefined) skip('many files', NEEDS_REPOSITORY);
      else for (const figure of figures) record(figure);
    },
  },
  {
    name: 'explore',
    heading: '\nmodel checker (npm run explore):\n',
    run({ record, say }) {
      record(explorerSpeed({ mode: 'fifo', devices: 2, recordsPerDevice: 3, pendingPerDevice: 2 }));
      record(explorerSpeed({ mode: 'fifo', devices: 3, recordsPerDevice: 2, pendingPerDevice: 1 }));
      record(explorerSpeed({ mode: 'reorder', devices: 2, recordsPerDevice: 2, pendingPerDevice: 2 }));
      for (const devices of [2, 3]) for (const mode of ['fifo', 'reorder'] as const) record(largestBoundIn10s(mode, devices, say));
      return Promise.resolve();
    },
  },
  {
    name: 'exhaustive',
    heading: '\nblack-box exhaustive (sync-check --exhaustive):\n',
    async run({ record }) {
      record(await exhaustiveThroughput());
    },
  },
  {
    name: 'shrink',
    heading: '\nshrink quality (fast-check against the exhaustive minimum):\n',
    async run({ record, skip, say }) {
      const figure = await shrinkQuality(20261125, say);
      if (figure === undefined) skip('shrink ratio (worst)', NEEDS_REPOSITORY);
      else record(figure);
    },
  },
];

export const SECTION_NAMES = SECTIONS.map((section) => section.name);

/** Runs the sections named in `only` (all when undefined), printing through `write`. */
export async function runBench({ json, only }: { json: boolean; only?: readonly string[] | undefined }, write: (text: string) => void): Promise<void> {
  const say = (text: string): void => {
    if (!json) write(text);
  };
  const figures: Figure[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const recorder: Recorder = {
    record(figure) {
      figures.push(figure);
      say(`${figure.name.padEnd(24)} ${String(figure.value).padStart(12)} ${figure.unit.padEnd(10)} ${figure.detail}\n`);
    },
    skip(name, reason) {
      skipped.push({ name, reason });
      say(`${name.padEnd(24)} ${reason}\n`);
    },
    say,
  };
  say(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}\n\n`);
  const chosen = SECTIONS.filter((section) => only === undefined || only.includes(section.name));
  for (const [index, section] of chosen.entries()) {
    // The first section follows the machine line's blank line.
    say(index === 0 ? section.heading.replace(/^\n/, '') : section.heading);
    await section.run(recorder);
  }
  if (json) write(`${JSON.stringify({ node: process.version, cores: os.cpus().length, figures, ...(skipped.length > 0 ? { skipped } : {}) }, null, 2)}\n`);
}

/** npm run bench: prints this machine's figures (`--json` for tracking). A benchmark, not a test. */
import os from 'node:os';
import path from 'node:path';
import { modelThroughput, benchScenarios, runnerThroughput } from '../bench/runnerThroughput.ts';
import type { Figure } from '../bench/measure.ts';
import { pythonDefaultCheck, pythonThroughput } from '../bench/pythonThroughput.ts';
import { fullScaleSimulation, pythonBaseline } from '../bench/harnessComparison.ts';
import { explorerSpeed, largestBoundIn10s } from '../bench/explorerSpeed.ts';
import { exhaustiveThroughput } from '../bench/exhaustiveThroughput.ts';
import { shrinkQuality } from '../bench/shrinkQuality.ts';
import { hangTimesToVerdict, isolationCost } from '../bench/isolationCost.ts';

const PYTHON_REFERENCE = path.resolve(import.meta.dirname, '../../test/fixtures/python/correct/reference.py');

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const say = (text: string): void => {
    if (!json) process.stdout.write(text);
  };
  const figures: Figure[] = [];
  const record = (figure: Figure): void => {
    figures.push(figure);
    say(`${figure.name.padEnd(24)} ${String(figure.value).padStart(12)} ${figure.unit.padEnd(10)} ${figure.detail}\n`);
  };
  say(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}\n\n`);
  // `npm run bench -- --only isolation`: just the isolation section.
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  say('isolation (implementations run in a worker thread) and time to a verdict on hostile servers:\n');
  for (const figure of await isolationCost()) record(figure);
  for (const figure of await hangTimesToVerdict()) record(figure);
  if (only === 'isolation') {
    if (json) process.stdout.write(`${JSON.stringify({ node: process.version, cores: os.cpus().length, figures }, null, 2)}\n`);
    return;
  }
  say('\n');
  for (const figure of await fullScaleSimulation(1_000_000)) record(figure);
  for (const figure of await pythonBaseline(10_000)) record(figure);
  const scenarios = benchScenarios(300);
  record(await runnerThroughput(scenarios));
  record(await modelThroughput(scenarios, 20));
  record(await pythonThroughput(PYTHON_REFERENCE, 20_000));
  record(await pythonDefaultCheck(PYTHON_REFERENCE));
  say('\nmodel checker (npm run explore):\n');
  record(explorerSpeed({ mode: 'fifo', devices: 2, recordsPerDevice: 3, pendingPerDevice: 2 }));
  record(explorerSpeed({ mode: 'fifo', devices: 3, recordsPerDevice: 2, pendingPerDevice: 1 }));
  record(explorerSpeed({ mode: 'reorder', devices: 2, recordsPerDevice: 2, pendingPerDevice: 2 }));
  for (const devices of [2, 3]) for (const mode of ['fifo', 'reorder'] as const) record(largestBoundIn10s(mode, devices, say));
  say('\nblack-box exhaustive (sync-check --exhaustive):\n');
  record(await exhaustiveThroughput());
  say('\nshrink quality (fast-check against the exhaustive minimum):\n');
  record(await shrinkQuality(20261125, say));
  if (json) process.stdout.write(`${JSON.stringify({ node: process.version, cores: os.cpus().length, figures }, null, 2)}\n`);
}

await main();

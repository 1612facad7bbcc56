/** npm run bench: prints this machine's figures (`--json` for tracking). A benchmark, not a test. */
import os from 'node:os';
import path from 'node:path';
import { modelThroughput, benchScenarios, runnerThroughput } from '../bench/runnerThroughput.ts';
import type { Figure } from '../bench/measure.ts';
import { pythonDefaultCheck, pythonThroughput } from '../bench/pythonThroughput.ts';
import { fullScaleSimulation, pythonBaseline } from '../bench/harnessComparison.ts';

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
  for (const figure of await fullScaleSimulation(1_000_000)) record(figure);
  for (const figure of await pythonBaseline(10_000)) record(figure);
  const scenarios = benchScenarios(300);
  record(await runnerThroughput(scenarios));
  record(await modelThroughput(scenarios, 20));
  record(await pythonThroughput(PYTHON_REFERENCE, 20_000));
  record(await pythonDefaultCheck(PYTHON_REFERENCE));
  if (json) process.stdout.write(`${JSON.stringify({ node: process.version, cores: os.cpus().length, figures }, null, 2)}\n`);
}

await main();

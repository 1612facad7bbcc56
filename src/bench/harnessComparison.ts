/** The original harness at scale, and side by side with the Python original's semantics. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { pythonProgram } from '../adapters/loadImplementation.ts';
import { runFastHarness } from '../simulate/fastHarness.ts';
import { runCli } from './cliProcess.ts';
import { timed, type Figure } from './measure.ts';
import { ROOT } from './repository.ts';

const run = promisify(execFile);
// Copied next to the compiled bench by the build (scripts/build.mjs).
const PYTHON_BASELINE = path.resolve(import.meta.dirname, 'original_harness.py');

/** `sync-check simulate` at full scale in a child process, so its peak memory is its own. */
export async function fullScaleSimulation(rounds: number): Promise<Figure[]> {
  const { stdout } = await runCli(['simulate', '--rounds', String(rounds), '--seed', '1', '--json'], ROOT);
  const report = JSON.parse(stdout) as { seconds: number; peakMemoryMb: number; passed: boolean; result: { records: number } };
  const detail = `10 devices, seed 1, ${report.result.records} records, checks ${report.passed ? 'passed' : 'FAILED'}`;
  return [
    { name: `simulate ${rounds} rounds`, value: Number(report.seconds.toFixed(2)), unit: 's', detail },
    { name: 'simulation rounds/s', value: Math.round(rounds / report.seconds), unit: 'rounds/s', detail: '10 devices per round, 3 random draws per device turn' },
    { name: 'simulation peak RSS', value: Math.round(report.peakMemoryMb), unit: 'MB', detail: 'whole process, measured by the kernel' },
  ];
}

/** The Python original's semantics and ours on the same rounds; the ratio is the speed-up. Undefined without a Python interpreter. */
export async function pythonBaseline(rounds: number): Promise<Figure[] | undefined> {
  let stdout: string;
  try {
    ({ stdout } = await run(pythonProgram(), [PYTHON_BASELINE, String(rounds)], { maxBuffer: 1 << 20 }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const python = JSON.parse(stdout) as { seconds: number };
  const ours = await timed(() => runFastHarness({ devices: 10, rounds, seed: 1 }));
  return [
    { name: `python original ${rounds}`, value: Number(python.seconds.toFixed(2)), unit: 's', detail: 'src/bench/original_harness.py, harness + drain + check' },
    { name: `ours ${rounds}`, value: Number(ours.seconds.toFixed(3)), unit: 's', detail: 'fast harness, harness + drain + original and stronger checks' },
    { name: 'speed-up', value: Math.round(python.seconds / ours.seconds), unit: 'x', detail: `python / ours at ${rounds} rounds` },
  ];
}

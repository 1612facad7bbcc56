/**
 * `sync-check simulate [options]` (npm run simulate): the original harness at full scale.
 * Exit 0: every check held; 1: a check failed; 2: bad arguments, or a size this
 * machine cannot hold (refused before the run, in one line).
 */
import type { Command } from 'commander';
import { WORKER_MEMORY_MB } from '../adapters/worker/ImplementationThread.ts';
import { LoadError } from '../adapters/loadModule.ts';
import { errorText } from '../check/callService.ts';
import { harnessPassed } from '../harness/HarnessResult.ts';
import { simulate, simulationText } from '../simulate/simulate.ts';
import { largestRounds, MAX_ROUNDS, MEMORY_SHARE, sizeRefusal, thisMachine } from '../simulate/simulationLimits.ts';
import { count, helpFooter, integerOption, newCommand, onRun, option, UsageError, type CommandContext } from './commandLine.ts';
import type { Io } from './io.ts';

const DEFAULT_DEVICES = 10;
/** The original harness's schedule. */
const DEFAULT_ROUNDS = 1_000_000;
/** With --server the harness keeps record objects on a JS heap and makes a call per message: 10^6 rounds do not fit (about 11 GiB), and 2,000 take about 2 s with a TS server, 5 s with a Python one. */
const DEFAULT_SERVER_ROUNDS = 2_000;
const MAX_DEVICES = 127;
const DEFAULT_SEED = 1;
const DEFAULT_TIMEOUT_MS = 1000;

const DESCRIPTION = [
  "The original harness (testSyncing's schedule) with seeded devices, then the original drain and check, plus our",
  'end checks: every sent record on every device, no duplicates, sender order, agreement.',
].join(' ');

const EXIT_STATUS = 'Exit status: 0 every check held; 1 a check failed; 2 bad arguments or a size that does not fit in memory.';

interface SimulateOptionValues {
  readonly devices?: string;
  readonly rounds?: string;
  readonly seed?: string;
  readonly server?: string;
  readonly timeout?: string;
  readonly checkEvery?: string;
  readonly json?: boolean;
}

export function simulateCommand(context: CommandContext): Command {
  const machine = thisMachine();
  const fast = largestRounds({ devices: DEFAULT_DEVICES }, undefined, machine);
  const worker = largestRounds({ devices: DEFAULT_DEVICES }, 'server.ts', machine);
  const share = `${Math.round(MEMORY_SHARE * 100)}%`;
  const command = newCommand('simulate', context, 'simulate')
    .summary("the original harness at full scale (10 devices x 10^6 rounds), with stronger end checks (npm run simulate)")
    .description(DESCRIPTION)
    .addOption(option('--devices <N>', `devices, 1 to ${MAX_DEVICES}`, DEFAULT_DEVICES))
    .addOption(
      option(
        '--rounds <N>',
        `rounds, 0 to ${count(MAX_ROUNDS)}, and no more than fit: the reference keeps (devices + 4) x 4 bytes per record in ${share} of memory, ` +
          `at most ${count(fast)} rounds with ${DEFAULT_DEVICES} devices here; a TS/JS --server keeps record objects (640 + 140 x devices bytes per record) ` +
          `in ${share} of its worker's ${WORKER_MEMORY_MB} MiB heap, at most ${count(worker)} rounds with ${DEFAULT_DEVICES} devices (a Python --server: this process's heap)`,
        `${count(DEFAULT_ROUNDS)}; with --server ${count(DEFAULT_SERVER_ROUNDS)}`,
      ),
    )
    .addOption(option('--seed <N>', 'the random stream, 0 to 2^31-1', DEFAULT_SEED))
    .addOption(option('--server <PATH>', 'a TS, JS or Python implementation instead of the reference (fast path)', 'the reference'))
    .addOption(option('--timeout <MS>', 'how long one reply may take with --server, 1 to 3,600,000', DEFAULT_TIMEOUT_MS))
    .addOption(option('--check-every <R>', `also judge S1-S3 every R rounds, 0 to ${count(MAX_ROUNDS)}`, '0: only at the end'))
    .addOption(option('--json', 'print the report as JSON'));
  helpFooter(command, EXIT_STATUS);
  return onRun<SimulateOptionValues>(command, context, (options) => run(options, context.io));
}

async function run(values: SimulateOptionValues, io: Io): Promise<number> {
  const options = {
    devices: integerOption('--devices', values.devices, 1, MAX_DEVICES) ?? DEFAULT_DEVICES,
    rounds: integerOption('--rounds', values.rounds, 0, MAX_ROUNDS) ?? (values.server === undefined ? DEFAULT_ROUNDS : DEFAULT_SERVER_ROUNDS),
    seed: integerOption('--seed', values.seed, 0, 2 ** 31 - 1) ?? DEFAULT_SEED,
    checkEvery: integerOption('--check-every', values.checkEvery, 0, MAX_ROUNDS) ?? 0,
    timeoutMs: integerOption('--timeout', values.timeout, 1, 3_600_000) ?? DEFAULT_TIMEOUT_MS,
  };
  const refusal = sizeRefusal(options, values.server);
  if (refusal !== undefined) throw new UsageError(refusal);
  const json = values.json === true;
  const terminal = json ? undefined : io.progress;
  const onProgress = terminal && ((done: number) => terminal.write(`\r\x1b[Ksimulating: ${done}/${options.rounds} rounds (${Math.floor((done / options.rounds) * 100)}%)`));
  try {
    const report = await simulate({ ...options, ...(onProgress ? { onProgress } : {}) }, values.server);
    terminal?.write('\r\x1b[K');
    const passed = harnessPassed(report.result);
    io.stdout(json ? `${JSON.stringify({ ...options, ...report, passed })}\n` : `${simulationText(options, report).join('\n')}\n`);
    return passed ? 0 : 1;
  } catch (error) {
    terminal?.write('\r\x1b[K');
    if (error instanceof LoadError) throw new UsageError(error.message);
    if (isAllocationFailure(error)) io.stderr(`simulate: out of memory (${error.message}); try fewer --rounds or --devices\n`);
    else io.stderr(`simulate: internal error: ${errorText(error)}\n`);
    return 2;
  }
}

/** An allocation the estimate let through but the system refused. */
function isAllocationFailure(error: unknown): error is RangeError {
  return error instanceof RangeError && /allocation failed|invalid typed array length|invalid array buffer length/i.test(error.message);
}

/**
 * npm run simulate -- [--devices N] [--rounds N] [--seed N] [--server PATH [--timeout MS]] [--check-every N] [--json] [--help]
 * Exit 0: every check held; 1: a check failed; 2: bad arguments, or a size this
 * machine cannot hold (refused before the run, in one line).
 */
import { parseArgs } from 'node:util';
import { WORKER_MEMORY_MB } from '../adapters/worker/ImplementationThread.ts';
import { LoadError } from '../adapters/loadModule.ts';
import { errorText } from '../check/callService.ts';
import { harnessPassed } from '../simulate/HarnessResult.ts';
import { simulate, simulationText } from '../simulate/simulate.ts';
import { largestRounds, MAX_ROUNDS, MEMORY_SHARE, sizeRefusal, thisMachine } from '../simulate/simulationLimits.ts';

const USAGE = 'usage: npm run simulate -- [--devices N] [--rounds N] [--seed N] [--server PATH [--timeout MS]] [--check-every ROUNDS] [--json] [--help]';

const DEFAULT_DEVICES = 10;
/** The original harness's schedule. */
const DEFAULT_ROUNDS = 1_000_000;
/** With --server the harness keeps record objects on a JS heap and makes a call per message: 10^6 rounds do not fit (about 11 GiB), and 2,000 take about 2 s with a TS server, 5 s with a Python one. */
const DEFAULT_SERVER_ROUNDS = 2_000;
const MAX_DEVICES = 127;

/** A refusal that is one line on its own, without the usage line. */
class TooLarge extends Error {}

function help(): string {
  const machine = thisMachine();
  const fast = largestRounds({ devices: DEFAULT_DEVICES }, undefined, machine);
  const worker = largestRounds({ devices: DEFAULT_DEVICES }, 'server.ts', machine);
  const count = (value: number): string => value.toLocaleString('en-US');
  const share = `${Math.round(MEMORY_SHARE * 100)}%`;
  return [
    USAGE,
    '',
    "The original harness (testSyncing's schedule) with seeded devices, then the original drain and",
    'check, plus our end checks: every sent record on every device, no duplicates, sender order, agreement.',
    '',
    `  --devices N        devices, 1 to ${MAX_DEVICES} (default ${DEFAULT_DEVICES})`,
    `  --rounds N         rounds, 0 to ${count(MAX_ROUNDS)} (default ${count(DEFAULT_ROUNDS)}; with --server ${count(DEFAULT_SERVER_ROUNDS)}), and no more`,
    `                     than fit: the reference keeps (devices + 4) x 4 bytes per record in ${share} of memory,`,
    `                     at most ${count(fast)} rounds with ${DEFAULT_DEVICES} devices here; a TS/JS --server keeps record`,
    `                     objects (640 + 140 x devices bytes per record) in ${share} of its worker's ${WORKER_MEMORY_MB} MiB heap,`,
    `                     at most ${count(worker)} rounds with ${DEFAULT_DEVICES} devices (a Python --server: this process's heap)`,
    '  --seed N           the random stream, 0 to 2^31-1 (default 1)',
    '  --server PATH      a TS, JS or Python implementation instead of the reference (fast path)',
    '  --timeout MS       how long one reply may take with --server, 1 to 3,600,000 (default 1000)',
    `  --check-every R    also judge S1-S3 every R rounds, 0 to ${count(MAX_ROUNDS)} (default 0: only at the end)`,
    '  --json             the report as JSON',
    '',
    'Exit 0: every check held; 1: a check failed; 2: bad arguments or a size that does not fit in memory.',
  ].join('\n');
}

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new LoadError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      devices: { type: 'string' },
      rounds: { type: 'string' },
      seed: { type: 'string' },
      server: { type: 'string' },
      timeout: { type: 'string' },
      'check-every': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${help()}\n`);
    return 0;
  }
  const options = {
    devices: integer('devices', values.devices, DEFAULT_DEVICES, 1, MAX_DEVICES),
    rounds: integer('rounds', values.rounds, values.server === undefined ? DEFAULT_ROUNDS : DEFAULT_SERVER_ROUNDS, 0, MAX_ROUNDS),
    seed: integer('seed', values.seed, 1, 0, 2 ** 31 - 1),
    checkEvery: integer('check-every', values['check-every'], 0, 0, MAX_ROUNDS),
    timeoutMs: integer('timeout', values.timeout, 1000, 1, 3_600_000),
  };
  const refusal = sizeRefusal(options, values.server);
  if (refusal !== undefined) throw new TooLarge(refusal);
  const onTerminal = !values.json && process.stderr.isTTY;
  const onProgress = onTerminal
    ? (done: number) => process.stderr.write(`\r\x1b[Ksimulating: ${done}/${options.rounds} rounds (${Math.floor((done / options.rounds) * 100)}%)`)
    : undefined;
  const report = await simulate({ ...options, ...(onProgress ? { onProgress } : {}) }, values.server);
  if (onTerminal) process.stderr.write('\r\x1b[K');
  const passed = harnessPassed(report.result);
  process.stdout.write(values.json ? `${JSON.stringify({ ...options, ...report, passed })}\n` : `${simulationText(options, report).join('\n')}\n`);
  return passed ? 0 : 1;
}

/** An allocation the estimate let through but the system refused. */
function isAllocationFailure(error: unknown): error is RangeError {
  return error instanceof RangeError && /allocation failed|invalid typed array length|invalid array buffer length/i.test(error.message);
}

try {
  process.exitCode = await main();
} catch (error) {
  const usage = error instanceof LoadError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (error instanceof TooLarge) process.stderr.write(`simulate: ${error.message}\n`);
  else if (isAllocationFailure(error)) process.stderr.write(`simulate: out of memory (${error.message}); try fewer --rounds or --devices\n`);
  else process.stderr.write(`simulate: ${usage ? (error as Error).message : `internal error: ${errorText(error)}`}\n${usage ? `${USAGE}\n` : ''}`);
  process.exitCode = 2;
}

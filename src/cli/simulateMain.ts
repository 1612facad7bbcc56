/** npm run simulate -- [--devices N] [--rounds N] [--seed N] [--server PATH [--timeout MS]] [--check-every N] [--json] */
import { parseArgs } from 'node:util';
import { LoadError } from '../adapters/loadModule.ts';
import { errorText } from '../check/callService.ts';
import { harnessPassed } from '../simulate/HarnessResult.ts';
import { simulate, simulationText } from '../simulate/simulate.ts';

const USAGE = 'usage: npm run simulate -- [--devices N] [--rounds N] [--seed N] [--server PATH [--timeout MS]] [--check-every ROUNDS] [--json]';

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
    },
  });
  const options = {
    devices: integer('devices', values.devices, 10, 1, 127),
    rounds: integer('rounds', values.rounds, 1_000_000, 0, 100_000_000),
    seed: integer('seed', values.seed, 1, 0, 2 ** 31 - 1),
    checkEvery: integer('check-every', values['check-every'], 0, 0, 100_000_000),
    timeoutMs: integer('timeout', values.timeout, 1000, 1, 3_600_000),
  };
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

try {
  process.exitCode = await main();
} catch (error) {
  const usage = error instanceof LoadError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`simulate: ${usage ? (error as Error).message : `internal error: ${errorText(error)}`}\n${usage ? `${USAGE}\n` : ''}`);
  process.exitCode = 2;
}

/**
 * npm run explore: the exhaustive model checker over the pure model.
 *   npm run explore -- [--mode seed|fifo|reorder|all] [--devices N] [--records N] [--pending N]
 *                      [--no-symmetry] [--max-states N] [--json]
 * Exit 0: no violation and every "sometimes" goal reached; 1: a violation, an
 * unreached goal or an incomplete search; 2: bad arguments.
 */
import { parseArgs } from 'node:util';
import type { CompactReport } from '../../model/index.ts';
import { exploreModel, exploreText, statesPerSecond } from '../explore/exploreModel.ts';
import { integerOption, parseModes, UsageError } from './parseArguments.ts';

const USAGE = 'usage: npm run explore -- [--mode seed|fifo|reorder|all] [--devices N] [--records N] [--pending N] [--no-symmetry] [--max-states N] [--json]';

function main(argv: readonly string[]): number {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        mode: { type: 'string', default: 'all' },
        devices: { type: 'string' },
        records: { type: 'string' },
        pending: { type: 'string' },
        'no-symmetry': { type: 'boolean', default: false },
        'max-states': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
  }
  const modes = parseModes(values.mode);
  const devices = integerOption('--devices', values.devices, 1, 6) ?? 2;
  const recordsPerDevice = integerOption('--records', values.records, 0, 10) ?? 2;
  const pendingPerDevice = integerOption('--pending', values.pending, 0, 10) ?? 1;
  if (devices * recordsPerDevice > 250 || devices * pendingPerDevice > 250) throw new UsageError('at most 250 records and 250 replies in flight in all');
  const maxStates = integerOption('--max-states', values['max-states'], 1, 500_000_000) ?? 50_000_000;
  const reports: CompactReport[] = [];
  for (const mode of modes) {
    const report = exploreModel({ mode, devices, recordsPerDevice, pendingPerDevice }, { symmetry: !values['no-symmetry'], maxStates });
    reports.push(report);
    if (!values.json) process.stdout.write(`${exploreText(report).join('\n')}\n`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(reports.map((report) => ({ ...report, statesPerSecond: statesPerSecond(report) })), null, 2)}\n`);
  const clean = reports.every((report) => report.complete && report.violation === undefined && report.goals.every((goal) => goal.reached));
  return clean ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`explore: ${error.message}\n${USAGE}\n`);
  process.exitCode = 2;
}

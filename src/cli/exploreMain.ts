/**
 * npm run explore: the exhaustive model checker over the pure model.
 *   npm run explore -- [--mode seed|fifo|reorder|all] [--devices N] [--records N] [--pending N]
 *                      [--no-symmetry] [--max-states N] [--json] [--help]
 * Exit 0: no violation and every "sometimes" goal reached, or unreached only
 * because the bound is too small for it (a warning naming the bound to use);
 * 1: a violation, a goal unreached at a bound that reaches it, or an incomplete
 * search; 2: bad arguments, or a --max-states this machine's memory cannot hold.
 */
import { parseArgs } from 'node:util';
import type { CompactReport } from '../../model/index.ts';
import { exploreVerdict, goalOutcomes } from '../explore/goalBounds.ts';
import { exploreModel, exploreText, statesPerSecond } from '../explore/exploreModel.ts';
import { DEFAULT_MAX_STATES, gibibytes, MAX_STATES_CEILING, MEMORY_SHARE, statesMemory, thisMachine } from '../explore/memoryLimit.ts';
import { integerOption, parseModes, UsageError } from './parseArguments.ts';

const USAGE = 'usage: npm run explore -- [--mode seed|fifo|reorder|all] [--devices N] [--records N] [--pending N] [--no-symmetry] [--max-states N] [--json] [--help]';

const DEFAULTS = { devices: 2, records: 2, pending: 2 } as const;

function help(): string {
  const machine = thisMachine();
  const atDefaults = statesMemory({ devices: DEFAULTS.devices, recordsPerDevice: DEFAULTS.records, pendingPerDevice: DEFAULTS.pending }, DEFAULT_MAX_STATES, machine);
  return [
    USAGE,
    '',
    'Every reachable state of the pure model within the bounds, breadth first: S1-S4 on every transition',
    '(S4 not under reorder), L1 and L2 at every quiescent state, and the "sometimes" goals.',
    '',
    '  --mode M          seed, fifo, reorder or all (default all)',
    `  --devices N       devices, 1 to 6 (default ${DEFAULTS.devices}; "two devices disagree in length" needs 2)`,
    `  --records N       records each device emits, 0 to 10 (default ${DEFAULTS.records}); devices x records at most 250`,
    `  --pending N       replies in flight per device, 0 to 10 (default ${DEFAULTS.pending}; reorder's "a reply arrived`,
    '                    before an older one" needs 2); devices x pending at most 250',
    '  --no-symmetry     store every renaming of the devices apart (default: once per renaming)',
    `  --max-states N    stop after N distinct states and say INCOMPLETE (default ${count(DEFAULT_MAX_STATES)}, or fewer`,
    `                    if that does not fit); at most ${count(MAX_STATES_CEILING)}, and at most what fits in`,
    `                    ${Math.round(MEMORY_SHARE * 100)}% of this machine's ${gibibytes(machine.totalBytes)}: about ${Math.round(atDefaults.bytesPerState)} bytes per state at`,
    `                    the default bounds, up to ${count(atDefaults.largestAllowed)} states here; wider states allow fewer`,
    '  --json            the reports as JSON',
    '',
    'The defaults reach every goal in every mode (2.8 M states in all, about 7 s).',
    'Exit 0: no violation, every goal reached (a goal the bound is too small for is a warning naming',
    'the bound it needs); 1: a violation, a goal unreached at a bound that reaches it, or an incomplete',
    'search; 2: bad arguments or a --max-states that does not fit in memory.',
  ].join('\n');
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** A refusal that is one line on its own, without the usage line. */
class TooLarge extends Error {}

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
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
  }
  if (values.help) {
    process.stdout.write(`${help()}\n`);
    return 0;
  }
  const modes = parseModes(values.mode);
  const devices = integerOption('--devices', values.devices, 1, 6) ?? DEFAULTS.devices;
  const recordsPerDevice = integerOption('--records', values.records, 0, 10) ?? DEFAULTS.records;
  const pendingPerDevice = integerOption('--pending', values.pending, 0, 10) ?? DEFAULTS.pending;
  if (devices * recordsPerDevice > 250 || devices * pendingPerDevice > 250) throw new UsageError('at most 250 records and 250 replies in flight in all');
  const givenMaxStates = integerOption('--max-states', values['max-states'], 1, MAX_STATES_CEILING);
  const memory = statesMemory({ devices, recordsPerDevice, pendingPerDevice }, givenMaxStates ?? DEFAULT_MAX_STATES);
  if (givenMaxStates !== undefined && givenMaxStates > memory.largestAllowed) {
    const need = `--max-states ${count(givenMaxStates)} would need about ${gibibytes(memory.bytes)} at ${devices} devices, ${recordsPerDevice} records, ${pendingPerDevice} pending (about ${Math.round(memory.bytesPerState)} bytes per state)`;
    const why = memory.bytes > memory.budget ? `more than ${Math.round(MEMORY_SHARE * 100)}% of this machine's ${gibibytes(thisMachine().totalBytes)}` : 'and a state store longer than a typed array may be';
    throw new TooLarge(`${need}, ${why}; the largest --max-states allowed here is ${count(memory.largestAllowed)}`);
  }
  if (memory.largestAllowed < 1) throw new TooLarge(`states of ${devices} devices, ${recordsPerDevice} records and ${pendingPerDevice} pending each do not fit in this machine's memory`);
  const maxStates = givenMaxStates ?? Math.min(DEFAULT_MAX_STATES, memory.largestAllowed);
  const reports: CompactReport[] = [];
  for (const mode of modes) {
    const report = exploreModel({ mode, devices, recordsPerDevice, pendingPerDevice }, { symmetry: !values['no-symmetry'], maxStates });
    reports.push(report);
    if (!values.json) process.stdout.write(`${exploreText(report).join('\n')}\n`);
  }
  if (values.json) {
    const json = reports.map((report) => ({ ...report, goals: goalOutcomes(report), verdict: exploreVerdict(report), statesPerSecond: statesPerSecond(report) }));
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }
  for (const report of reports) {
    for (const goal of goalOutcomes(report)) {
      if (goal.needs !== undefined) process.stderr.write(`explore: warning: ${report.bounds.mode}: "${goal.name}" NOT REACHED: needs ${goal.needs}\n`);
    }
  }
  return reports.every((report) => exploreVerdict(report) !== 'failure') ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`explore: ${error.message}\n${USAGE}\n`);
  } else if (error instanceof TooLarge) {
    process.stderr.write(`explore: ${error.message}\n`);
  } else if (error instanceof RangeError && /allocation failed|Invalid typed array length|Array buffer/i.test(error.message)) {
    // The estimate let it through but the system did not have the memory.
    process.stderr.write(`explore: out of memory: ${error.message}; try a smaller --max-states or smaller bounds\n`);
  } else {
    throw error;
  }
  process.exitCode = 2;
}

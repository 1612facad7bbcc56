/**
 * `sync-check explore [options]` (npm run explore): the exhaustive model checker over the pure model.
 * Exit 0: no violation and every "sometimes" goal reached, or unreached only
 * because the bound is too small for it (a warning naming the bound to use);
 * 1: a violation, a goal unreached at a bound that reaches it, or an incomplete
 * search; 2: bad arguments, or a --max-states this machine's memory cannot hold.
 */
import type { Command } from 'commander';
import type { ModelEvent } from '../../model/index.ts';
import { GOALS } from '../../properties/index.ts';
import { checkModel, statesPerSecond } from '../modelChecker/checkModel.ts';
import { COLLISION_WARNING, collisionMayHideStates, goalOutcomes, modelCheckVerdict, type GoalOutcome } from '../modelChecker/goalBounds.ts';
import { DEFAULT_MAX_STATES, gibibytes, MAX_STATES_CEILING, MEMORY_SHARE, statesMemory, thisMachine } from '../modelChecker/memoryLimit.ts';
import type { ModelCheckReport } from '../modelChecker/packedSearch.ts';
import { count, helpFooter, integerOption, newCommand, onRun, option, parseModes, UsageError, type CommandContext } from './commandLine.ts';
import type { Io } from './io.ts';

const DEFAULTS = { devices: 2, records: 2, pending: 2 } as const;

const DESCRIPTION = [
  'Every reachable state of the pure model within the bounds, breadth first: S1-S4 on every transition',
  '(S4 not under reorder), L1 and L2 at every quiescent state, and the "sometimes" goals.',
  'The defaults reach every goal in every mode (2.8 M states in all, about 7 s).',
].join(' ');

const EXIT_STATUS = [
  'Exit status: 0 no violation, every goal reached (a goal the bound is too small for is a warning naming the bound',
  'it needs); 1 a violation, a goal unreached at a bound that reaches it, or an incomplete search; 2 bad arguments',
  'or a --max-states that does not fit in memory.',
].join(' ');

interface ExploreOptionValues {
  readonly mode?: string;
  readonly devices?: string;
  readonly records?: string;
  readonly pending?: string;
  /** false when --no-symmetry was given. */
  readonly symmetry?: boolean;
  readonly maxStates?: string;
  readonly json?: boolean;
}

export function exploreCommand(context: CommandContext): Command {
  const machine = thisMachine();
  const atDefaults = statesMemory({ devices: DEFAULTS.devices, recordsPerDevice: DEFAULTS.records, pendingPerDevice: DEFAULTS.pending }, DEFAULT_MAX_STATES, machine);
  const command = newCommand('explore', context, 'explore')
    .summary('the model checker: every reachable state of the pure model within bounds (npm run explore)')
    .description(DESCRIPTION)
    .addOption(option('--mode <MODE>', 'network mode(s): seed, fifo, reorder or all', 'all'))
    .addOption(option('--devices <N>', `devices, 1 to 6 ("${GOALS.lengthsDiffer.name}" needs 2)`, DEFAULTS.devices))
    .addOption(option('--records <N>', 'records each device emits, 0 to 10; devices x records at most 250', DEFAULTS.records))
    .addOption(option('--pending <N>', `replies in flight per device, 0 to 10; devices x pending at most 250 (reorder's "${GOALS.overtaken.name}" needs 2)`, DEFAULTS.pending))
    .addOption(option('--no-symmetry', 'store every renaming of the devices apart (default: once per renaming)'))
    .addOption(
      option(
        '--max-states <N>',
        `stop after N distinct states and say INCOMPLETE; at most ${count(MAX_STATES_CEILING)}, and at most what fits in ` +
          `${Math.round(MEMORY_SHARE * 100)}% of this machine's ${gibibytes(machine.totalBytes)}: about ${Math.round(atDefaults.bytesPerState)} bytes per state ` +
          `at the default bounds, up to ${count(atDefaults.largestAllowed)} states here; wider states allow fewer`,
        `${count(DEFAULT_MAX_STATES)}, or fewer if that does not fit`,
      ),
    )
    .addOption(option('--json', 'print the reports as JSON'));
  helpFooter(command, EXIT_STATUS);
  return onRun<ExploreOptionValues>(command, context, (options) => Promise.resolve(explore(options, context.io)));
}

function explore(values: ExploreOptionValues, io: Io): number {
  const modes = parseModes(values.mode ?? 'all');
  const devices = integerOption('--devices', values.devices, 1, 6) ?? DEFAULTS.devices;
  const recordsPerDevice = integerOption('--records', values.records, 0, 10) ?? DEFAULTS.records;
  const pendingPerDevice = integerOption('--pending', values.pending, 0, 10) ?? DEFAULTS.pending;
  if (devices * recordsPerDevice > 250 || devices * pendingPerDevice > 250) throw new UsageError('at most 250 records and 250 replies in flight in all');
  const givenMaxStates = integerOption('--max-states', values.maxStates, 1, MAX_STATES_CEILING);
  const memory = statesMemory({ devices, recordsPerDevice, pendingPerDevice }, givenMaxStates ?? DEFAULT_MAX_STATES);
  if (givenMaxStates !== undefined && givenMaxStates > memory.largestAllowed) {
    const need = `--max-states ${count(givenMaxStates)} would need about ${gibibytes(memory.bytes)} at ${devices} devices, ${recordsPerDevice} records, ${pendingPerDevice} pending (about ${Math.round(memory.bytesPerState)} bytes per state)`;
    const why = memory.bytes > memory.budget ? `more than ${Math.round(MEMORY_SHARE * 100)}% of this machine's ${gibibytes(thisMachine().totalBytes)}` : 'and an array longer than a typed array may be';
    throw new UsageError(`${need}, ${why}; the largest --max-states allowed here is ${count(memory.largestAllowed)}`);
  }
  if (memory.largestAllowed < 1) throw new UsageError(`states of ${devices} devices, ${recordsPerDevice} records and ${pendingPerDevice} pending each do not fit in this machine's memory`);
  const maxStates = givenMaxStates ?? Math.min(DEFAULT_MAX_STATES, memory.largestAllowed);
  const reports: ModelCheckReport[] = [];
  try {
    for (const mode of modes) {
      const report = checkModel({ mode, devices, recordsPerDevice, pendingPerDevice }, { symmetry: values.symmetry !== false, maxStates });
      reports.push(report);
      if (values.json !== true) io.stdout(`${exploreText(report).join('\n')}\n`);
    }
  } catch (error) {
    // The estimate let it through but the system did not have the memory.
    if (!(error instanceof RangeError && /allocation failed|Invalid typed array length|Array buffer/i.test(error.message))) throw error;
    io.stderr(`explore: out of memory: ${error.message}; try a smaller --max-states or smaller bounds\n`);
    return 2;
  }
  if (values.json === true) {
    const json = reports.map((report) => ({ ...report, goals: goalOutcomes(report), verdict: modelCheckVerdict(report), statesPerSecond: statesPerSecond(report) }));
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  }
  for (const report of reports) {
    for (const goal of goalOutcomes(report)) {
      if (goal.needs !== undefined) io.stderr(`explore: warning: ${report.bounds.mode}: "${goal.name}" NOT REACHED: needs ${goal.needs}\n`);
    }
    if (collisionMayHideStates(report)) io.stderr(`explore: warning: ${report.bounds.mode}: ${collisionText(report)}\n`);
  }
  return reports.every((report) => modelCheckVerdict(report) !== 'failure') ? 0 : 1;
}

/** The report's lines: counts, speed, goals, and the violation's shortest path if there is one. */
export function exploreText(report: ModelCheckReport): string[] {
  const { bounds } = report;
  const lines = [
    `${bounds.mode}: ${bounds.devices} devices, ${bounds.recordsPerDevice} record(s) each, ${bounds.pendingPerDevice} pending repl${bounds.pendingPerDevice === 1 ? 'y' : 'ies'} per device${report.complete ? '' : ' (INCOMPLETE: stopped by a limit)'}`,
    `  ${count(report.distinctStates)} distinct states, ${count(report.transitions)} transitions explored, depth ${report.depth}, ${count(report.quiescentStates)} quiescent states`,
    `  ${(report.milliseconds / 1000).toFixed(2)} s, ${count(statesPerSecond(report))} states/s, ${Math.round(report.bytes / 2 ** 20)} MiB`,
    `  states kept as 64-bit fingerprints: a collision would hide a state; chance ${probabilityText(report.collisionProbability)} (d(g-d)/2^64, as TLC estimates it)`,
    ...goalOutcomes(report).map((goal) => `  sometimes: ${goal.name}: ${goalText(goal, report.complete)}`),
  ];
  if (report.violation !== undefined) {
    lines.push(`  VIOLATION of ${report.violation.invariant}: ${report.violation.message}`, `  shortest path (${report.violation.path.length} events): ${report.violation.path.map(eventText).join(' ')}`);
  } else if (collisionMayHideStates(report)) {
    lines.push(`  no violation of S1-S4 (S4 not under reorder), L1 or L2 in any state searched; WARNING: ${collisionText(report)}`);
  } else if (report.complete) {
    lines.push('  no violation of S1-S4 (S4 not under reorder), L1 or L2 in any reachable state');
  }
  return lines;
}

function collisionText(report: ModelCheckReport): string {
  return `a fingerprint collision may have hidden states from the search (chance ${probabilityText(report.collisionProbability)}, above ${probabilityText(COLLISION_WARNING)}): smaller bounds make it a proof`;
}

/** A probability as the report prints it: two significant digits, in scientific notation when small. */
export function probabilityText(probability: number): string {
  if (probability === 0) return '0';
  return probability >= 0.001 ? probability.toPrecision(2) : probability.toExponential(1);
}

function goalText(goal: GoalOutcome, complete: boolean): string {
  if (goal.reached) return 'reached';
  if (goal.needs !== undefined) return `NOT REACHED: needs ${goal.needs} (unreachable at this bound: a warning, not a failure)`;
  return complete ? 'NOT REACHED at a bound that should reach it (a failure)' : 'NOT REACHED (the search stopped early)';
}

function eventText(event: ModelEvent): string {
  if ('device' in event) return `${event.kind}[${event.device}]`;
  if ('pick' in event) return `${event.kind}[pick ${event.pick}]`;
  return event.kind;
}

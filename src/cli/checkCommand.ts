/** `sync-check [check] [IMPLEMENTATION] [options]`: the check's option table, parsed, run (search, soak or replay), exit code back. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { MAX_DEVICES } from '../../properties/index.ts';
import { LoadError } from '../adapters/loadModule.ts';
import { MAX_LANES } from '../conformance/modeLanes.ts';
import { DEFAULT_RUNS, DEFAULT_TIMEOUT_MS } from '../conformance/runConformance.ts';
import { DEFAULT_DEPTH, DEFAULT_EXHAUSTIVE_BOUNDS } from '../exhaustive/exhaustiveBounds.ts';
import { DEFAULT_FAILURE_DIR } from '../failures/failureStore.ts';
import { ReplayFileError } from '../failures/replayFile.ts';
import { defaultWorkers } from '../soak/soak.ts';
import { checkArguments, DEFAULT_BUDGET_SECONDS, type CheckOptionValues, type SyncCheckArguments } from './checkArguments.ts';
import { runCheck } from './checkRun.ts';
import { batchArguments, defaultJobs } from './batchArguments.ts';
import { runBatch } from './batchRun.ts';
import { namesMany } from './batchTargets.ts';
import { helpFooter, hiddenOption, nearest, newCommand, onRun, option, UsageError, type CommandContext } from './commandLine.ts';
import type { Io } from './io.ts';
import { runReplay } from './replayRun.ts';
import { runSoak } from './soakRun.ts';

export const CHECK_SUMMARY = 'check an implementation (the default command: sync-check my-server.ts)';

const DESCRIPTION = [
  'Checks an implementation of the sync protocol against every property in every network mode: generated runs',
  '(with --exhaustive, first every event sequence within bounds), each failure shrunk, saved in --out and printed',
  'with the command that replays it. IMPLEMENTATION is a .ts .mts .cts .js .mjs .cjs module exporting',
  'createSyncService() or a class SyncService, or a Python file with a class SyncService.',
].join(' ');

const EXIT_STATUS =
  'Exit status: 0 pass or warn; 1 fail (a warning fails under --strict); 2 a usage error or an implementation that cannot be loaded; 130 interrupted (Ctrl-C, SIGTERM, SIGHUP) before a failure was found. With several implementations, the worst of theirs: 2 when any could not be checked, else 1 when any failed.';

/** The check as the command `name`: the program itself (`sync-check my.ts`) and its `check` subcommand share it. */
export function checkCommand(name: string, context: CommandContext): Command {
  const command = newCommand(name, context, 'sync-check')
    .summary(CHECK_SUMMARY)
    .description(DESCRIPTION)
    .argument('[IMPLEMENTATION...]', "the file to check (default: the bundled reference); several files, folders or quoted globs ('subs/**/*.py') are each checked in a process of their own, then summarised")
    .addOption(option('--mode <MODE>', 'network mode(s) to search: seed, fifo, reorder or all', 'all'))
    .addOption(option('--runs <N>', 'generated runs per mode, 1 to 10,000,000 (with --minutes: per batch)', DEFAULT_RUNS))
    .addOption(option('--seed <N>', 'the seed, 0 to 2^31-1; the same seed gives the same report, byte for byte', 'random, printed'))
    .addOption(option('--devices <N>', `fix the number of devices, 1 to ${MAX_DEVICES} (with --exhaustive: the most, 1 to 4)`, `1 to ${MAX_DEVICES}; with --exhaustive ${DEFAULT_EXHAUSTIVE_BOUNDS.devices}`))
    .addOption(option('--strict', "warnings fail, and R1 is judged (every reply must equal the reference model's)"))
    .addOption(option('--fail-fast', 'end the check at its first failure, shrunk: a FAIL sooner, but the properties not yet judged stay n/a'))
    .addOption(option('--modes-at-once <N>', `modes searched at the same time, 1 to ${MAX_LANES}, each on a copy of a Python solution of its own (a module or --command: one after another)`, MAX_LANES))
    .addOption(option('--timeout <MS>', 'ms a reply may take before it counts as a hang (S6/S7), 1 to 3,600,000', DEFAULT_TIMEOUT_MS))
    .addOption(option('--budget <SECONDS>', 'seconds the whole check may take; past them the verdict is at best WARN', DEFAULT_BUDGET_SECONDS))
    .addOption(option('--json', 'print one JSON object on stdout, nothing else'))
    .addOption(option('--command <PROGRAM>', 'check a program speaking the wire protocol on stdio instead of a file, e.g. "python3 server.py"'))
    .addOption(option('--replay <FILE>', 're-run one saved counterexample (the same as: sync-check replay FILE [IMPLEMENTATION])'))
    .addOption(option('--out <DIR>', 'where counterexamples are saved (and replayed from first, next time)', DEFAULT_FAILURE_DIR))
    .addOption(option('--minutes <M>', 'soak: keep running batches of --runs for M minutes on worker threads, up to 1440').helpGroup('Soak options:'))
    .addOption(option('--workers <N>', 'with --minutes: worker threads, 1 to 64', `one per core, ${defaultWorkers()} here`).helpGroup('Soak options:'))
    .addOption(option('--shard <i/n>', 'with --minutes: only batches i, i+n, i+2n...: n machines given one --seed never overlap', '1/1').helpGroup('Soak options:'))
    .addOption(option('--exhaustive', 'every event sequence within the bounds below, shortest first, then the random search').helpGroup('Exhaustive options:'))
    .addOption(option('--depth <N>', 'with --exhaustive: events per sequence, 0 to 30', `${DEFAULT_DEPTH.fifo}; seed mode ${DEFAULT_DEPTH.seed}`).helpGroup('Exhaustive options:'))
    .addOption(option('--records <N>', 'with --exhaustive: records each device emits, 0 to 10', DEFAULT_EXHAUSTIVE_BOUNDS.recordsPerDevice).helpGroup('Exhaustive options:'))
    .addOption(option('--pending <N>', 'with --exhaustive: replies in flight per device, 0 to 10', DEFAULT_EXHAUSTIVE_BOUNDS.pendingPerDevice).helpGroup('Exhaustive options:'))
    .addOption(option('--contents <N>', 'with --exhaustive: record contents an emission picks from, 1 to 10', DEFAULT_EXHAUSTIVE_BOUNDS.contents).helpGroup('Exhaustive options:'))
    .addOption(option('--junk <N>', 'with --exhaustive: out-of-contract messages per sequence, 0 to 10', DEFAULT_EXHAUSTIVE_BOUNDS.junk).helpGroup('Exhaustive options:'))
    .addOption(option('--no-random', 'with --exhaustive: skip the random search after it (the verdict then says what was not tried)').helpGroup('Exhaustive options:'))
    .addOption(option('--jobs <N>', 'with several implementations: how many are checked at once, 1 to 256', `one per core, ${defaultJobs()} here`).helpGroup('Reports and many implementations:'))
    .addOption(option('--csv <FILE>', 'also write the summary as CSV, one row per implementation').helpGroup('Reports and many implementations:'))
    .addOption(option('--junit <FILE>', 'also write JUnit XML: one testcase per implementation and property, a failure with its trace and replay command').helpGroup('Reports and many implementations:'))
    .addOption(option('--html <FILE>', 'also write one self-contained HTML page: each counterexample as a diagram you step through').helpGroup('Reports and many implementations:'))
    // What a check of many asks each of its children for: not for users.
    .addOption(hiddenOption('--details <FILE>'));
  helpFooter(command, EXIT_STATUS);
  return onRun<CheckOptionValues>(command, context, async (options, operands) => {
    const args = checkArguments(options, operands);
    if (namesMany(operands)) return runBatch(batchArguments(options, args, operands), context.io);
    notAMistypedCommand(args.implementation, (command.parent ?? command).commands.map((subcommand) => subcommand.name()));
    return run(args, context.io);
  });
}

/** The check, the soak or the replay; an implementation or replay file that cannot be loaded is a usage error (exit 2). */
async function run(args: SyncCheckArguments, io: Io): Promise<number> {
  try {
    if (args.replay !== undefined) return await runReplay({ ...args, file: args.replay }, io);
    return args.minutes === undefined ? await runCheck(args, io) : await runSoak(args, args.minutes, io);
  } catch (error) {
    if (error instanceof LoadError || error instanceof ReplayFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** `sync-check explor`: a bare word that is no file here and looks like a command is most likely one mistyped. */
function notAMistypedCommand(implementation: string | undefined, commands: readonly string[]): void {
  if (implementation === undefined || /[./\\]/.test(implementation) || existsSync(implementation)) return;
  const command = nearest(implementation, commands);
  if (command !== undefined) throw new UsageError(`${implementation} is neither a file nor a command (did you mean sync-check ${command}?)`);
}

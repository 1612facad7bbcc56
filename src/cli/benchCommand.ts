/** `sync-check bench [--only SECTION,...] [--json]` (npm run bench): this machine's figures. A benchmark, not a test. */
import type { Command } from 'commander';
import { runBench, SECTION_NAMES } from '../bench/runBench.ts';
import { newCommand, onRun, option, UsageError, type CommandContext } from './commandLine.ts';

const DESCRIPTION = [
  "Prints this machine's figures: isolation cost and time to a verdict on hostile servers, the original harness",
  'at full scale and against the Python original, runner, model and Python throughput, the model checker, the',
  'black-box exhaustive search and shrink quality: many minutes in all. Figures that measure the test fixtures of',
  'the sync-check repository say "skipped" outside a clone of it (an installed package). batch: a folder of implementations on --jobs 1 and 2.',
].join(' ');

interface BenchOptionValues {
  readonly only?: string;
  readonly json?: boolean;
}

export function benchCommand(context: CommandContext): Command {
  const command = newCommand('bench', context, 'bench')
    .summary("this machine's figures: speed, memory, time to a verdict, shrink quality (npm run bench)")
    .description(DESCRIPTION)
    .addOption(option('--only <SECTIONS>', `run only these sections, comma-separated: ${SECTION_NAMES.join(', ')}`, 'every section'))
    .addOption(option('--json', 'print the figures as one JSON object (for tracking), nothing else'));
  return onRun<BenchOptionValues>(command, context, async (values) => {
    const only = values.only?.split(',').map((name) => name.trim());
    const unknown = only?.filter((name) => !SECTION_NAMES.includes(name)) ?? [];
    if (unknown.length > 0) throw new UsageError(`--only takes sections among ${SECTION_NAMES.join(', ')}, got ${JSON.stringify(unknown.join(','))}`);
    await runBench({ json: values.json === true, only }, context.io.stdout);
    return 0;
  });
}

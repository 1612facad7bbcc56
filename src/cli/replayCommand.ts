/** `sync-check replay FILE [IMPLEMENTATION] [options]`: re-runs one saved counterexample (the same as `sync-check --replay FILE`). */
import type { Command } from 'commander';
import { LoadError } from '../adapters/loadModule.ts';
import { ReplayFileError } from '../failures/replayFile.ts';
import { refuseSearchOptions, SEARCH_OPTIONS } from './checkArguments.ts';
import { helpFooter, hiddenOption, newCommand, onRun, option, UsageError, type CommandContext } from './commandLine.ts';
import { runReplay } from './replayRun.ts';

const DESCRIPTION = [
  'Re-runs one saved counterexample: against IMPLEMENTATION if given, else against the file the replay names',
  '(shown first, and only if it is a regular file here). A replay file is data someone may send you: a --command',
  'it names is never run.',
].join(' ');

const EXIT_STATUS = [
  'Exit status: 0 the trace now passes (or only warns); 1 it still fails; 2 a usage error, a replay file that',
  'cannot be read or is damaged, or an implementation that cannot be loaded.',
].join(' ');

interface ReplayOptionValues extends Partial<Record<(typeof SEARCH_OPTIONS)[number], string>> {
  readonly command?: string;
  readonly strict?: boolean;
  readonly json?: boolean;
}

export function replayCommand(context: CommandContext): Command {
  const command = newCommand('replay', context, 'sync-check')
    .summary('re-run one saved counterexample (the same as --replay FILE)')
    .description(DESCRIPTION)
    .argument('<FILE>', 'a replay file sync-check saved (in .sync-check/failures by default)')
    .argument('[IMPLEMENTATION]', 'the file to replay against (default: the one the replay file names)')
    .addOption(option('--command <PROGRAM>', 'replay against a program speaking the wire protocol on stdio'))
    .addOption(option('--strict', 'warnings fail (a replay saved under --strict is strict anyway)'))
    .addOption(option('--json', 'print one JSON object on stdout, nothing else'));
  helpFooter(command, EXIT_STATUS);
  // The search options, kept out of the help, to refuse them by name rather than as unknown.
  for (const name of SEARCH_OPTIONS) command.addOption(hiddenOption(`--${name} <VALUE>`));
  return onRun<ReplayOptionValues>(command, context, async (values, operands) => {
    refuseSearchOptions(values);
    const [file = '', implementation] = operands;
    if (implementation !== undefined && values.command !== undefined) throw new UsageError('give either an implementation file or --command, not both');
    if (values.command?.trim() === '') throw new UsageError('--command needs a program to run');
    try {
      return await runReplay({ file, implementation, command: values.command, strict: values.strict === true, json: values.json === true }, context.io);
    } catch (error) {
      if (error instanceof LoadError || error instanceof ReplayFileError) throw new UsageError(error.message);
      throw error;
    }
  });
}

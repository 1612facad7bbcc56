/**
 * sync-check as a function: arguments in, text out, exit code back (the bin only
 * wires it to the process). The program is the check itself, so `sync-check
 * my.ts` is `sync-check check my.ts`; the other commands each have their file.
 */
import type { Command } from 'commander';
import { benchCommand } from './benchCommand.ts';
import { checkCommand } from './checkCommand.ts';
import { nearest, newCommand, onRun, packageVersion, runCommandLine, UsageError, type CommandContext } from './commandLine.ts';
import { exploreCommand } from './exploreCommand.ts';
import type { Io } from './io.ts';
import { replayCommand } from './replayCommand.ts';
import { simulateCommand } from './simulateCommand.ts';

/** Runs sync-check; returns 0 (pass or warn), 1 (fail), 2 (usage or loading error) or 130 (interrupted). */
export async function syncCheck(argv: readonly string[], io: Io): Promise<number> {
  return runCommandLine(argv, io, (context) => {
    const program = checkCommand('sync-check', context)
      .usage('[check] [IMPLEMENTATION] [options]\n       sync-check <command> [options]')
      .version(packageVersion(), '-V, --version', 'print the version and exit')
      // An option after a command's name is that command's: `sync-check explore --json`.
      .enablePositionalOptions()
      .addCommand(checkCommand('check', context))
      .addCommand(replayCommand(context))
      .addCommand(exploreCommand(context))
      .addCommand(simulateCommand(context))
      .addCommand(benchCommand(context))
      .helpCommand(false);
    return program.addCommand(helpCommand(program, context));
  });
}

/** `sync-check help [command]`: commander's own prints the whole help on stderr for an unknown command; this says so in one line. */
function helpCommand(program: Command, context: CommandContext): Command {
  const command = newCommand('help', context, 'sync-check').summary("show a command's help (the same as: sync-check <command> --help)").argument('[command]');
  return onRun<object>(command, context, (_options, [name]) => {
    const commands = program.commands.filter((subcommand) => subcommand !== command);
    const chosen = name === undefined ? program : commands.find((subcommand) => subcommand.name() === name);
    if (chosen === undefined) {
      const near = nearest(name ?? '', commands.map((subcommand) => subcommand.name()));
      throw new UsageError(`unknown command '${name}'${near === undefined ? `: the commands are ${commands.map((subcommand) => subcommand.name()).join(', ')}` : ` (did you mean ${near}?)`}`);
    }
    chosen.outputHelp();
    return Promise.resolve(0);
  });
}

/**
 * The command line's parser: commander, set up for what sync-check promises its users.
 *
 * Why commander. sync-check parsed with node's util.parseArgs and a hand-written
 * usage line, which made users pay for it: `--seed -5` was refused as "ambiguous"
 * (parseArgs will not take an option-argument that starts with a dash), `--help`
 * was one long line without a word on what each option does or defaults to,
 * `--version` was an unknown option, and explore, simulate and bench were npm
 * scripts that each parsed (and documented) their own arguments. Commander
 * (the most used parser on npm, maintained since 2011, no dependencies of its
 * own, TypeScript types included) gives, from the one option table that also
 * parses:
 *   - subcommands, with check as the program itself, so `sync-check my.ts`
 *     keeps working, and `sync-check help explore` as well as `explore --help`;
 *   - a generated help per subcommand, each option with one line of meaning
 *     and its default (written by us from the same constants the code uses);
 *   - greedy option-arguments: `--seed -5` reaches our range check, which
 *     names the valid range;
 *   - a suggestion for a mistyped option ("did you mean --seed?");
 *   - `--version`;
 *   - every parse failure as a CommanderError (exitOverride) instead of a
 *     print-and-exit(1): we print it as one line and exit 2, like every other
 *     usage error of sync-check.
 * The others considered: util.parseArgs with our own help table and
 * suggestions (no dependency, but all of the above to write and keep by hand:
 * what this replaces); yargs (six dependencies, unknown options pass unless
 * .strict(), and a failure prints the whole help); cac (no suggestions, and
 * values that look like numbers become numbers); citty (0.x, few guarantees);
 * clipanion (a class per command and a validation library on top; more API
 * than these five commands need).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option, type Argument, type CommanderError } from 'commander';
import { NETWORK_MODES, type NetworkMode } from '../../model/index.ts';
import { count } from '../report/counterexampleText.ts';
import type { Io } from './io.ts';

export { count };

/** A command line that cannot be run; the message is one line, printed after the command's name, exit 2. */
export class UsageError extends Error {}

/** What a command needs from the dispatcher: where to write, and where to put its exit code. */
export interface CommandContext {
  readonly io: Io;
  finish(code: number): void;
}

/** A usage error on its way out, with the name of the command it belongs to. */
class Refused extends Error {
  constructor(
    readonly prefix: string,
    message: string,
  ) {
    super(message);
  }
}

/** --help or --version was printed: exit 0. */
class Printed extends Error {}

const PREFIXES = new WeakMap<Command, string>();

/**
 * A commander Command set up as every sync-check command is: output through
 * `io`, parse failures and help as exceptions (never commander's own exit),
 * suggestions for mistyped options. `prefix` starts its one-line errors.
 */
export function newCommand(name: string, context: CommandContext, prefix: string): Command {
  const width = (): number => Math.min(Math.max(context.io.progress?.columns ?? 80, 80), 100);
  const command = new Command(name)
    .configureOutput({
      writeOut: context.io.stdout,
      writeErr: context.io.stderr,
      // Printed by runCommandLine instead, as one line.
      outputError: () => {},
      getOutHelpWidth: width,
      getErrHelpWidth: width,
    })
    .exitOverride((error: CommanderError) => {
      if (error.exitCode === 0) throw new Printed();
      throw new Refused(prefix, oneLine(error.message));
    })
    // A command's arguments, without commander's "[options]": every command has some.
    .configureHelp({ subcommandTerm: (subcommand) => [subcommand.name(), ...subcommand.registeredArguments.map(argumentTerm)].join(' ') })
    .showSuggestionAfterError(true)
    .helpOption('-h, --help', 'show this help and exit');
  PREFIXES.set(command, prefix);
  return command;
}

function argumentTerm(argument: Argument): string {
  const name = `${argument.name()}${argument.variadic ? '...' : ''}`;
  return argument.required ? `<${name}>` : `[${name}]`;
}

/** Commander's message, on one line: "unknown option '--sed' (did you mean --seed?)". */
function oneLine(message: string): string {
  return message
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)')
    .replace(/\s*\n\s*/g, ' ');
}

/**
 * Runs `work` when `command` is chosen, with its options (as commander names
 * them: camelCase, `random: false` for --no-random, undefined when not given)
 * and its operands; its result is the exit code. A UsageError it throws is
 * printed as one line.
 */
export function onRun<Values>(command: Command, context: CommandContext, work: (options: Values, operands: readonly string[]) => Promise<number>): Command {
  return command.action(async (...args: unknown[]) => {
    const self = args.at(-1) as Command;
    try {
      context.finish(await work(self.opts<Values & Record<string, unknown>>(), self.args));
    } catch (error) {
      if (error instanceof UsageError) throw new Refused(PREFIXES.get(command) ?? command.name(), error.message);
      throw error;
    }
  });
}

/** Parses `argv` with the command `build` makes and runs it; returns the exit code (2 for a usage error, in one line on stderr). */
export async function runCommandLine(argv: readonly string[], io: Io, build: (context: CommandContext) => Command): Promise<number> {
  let code = 0;
  const program = build({ io, finish: (exit) => void (code = exit) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof Printed) return 0;
    if (error instanceof Refused) {
      io.stderr(`${error.prefix}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Paragraphs after a command's help (exit status, notes), wrapped to the help's width; paragraphs are separated by blank lines. */
export function helpFooter(command: Command, ...paragraphs: readonly string[]): Command {
  const width = (): number => command.configureOutput().getOutHelpWidth?.() ?? 80;
  return command.addHelpText('after', () => `\n${paragraphs.map((paragraph) => command.createHelp().boxWrap(paragraph, width())).join('\n\n')}`);
}

/** An option whose help line ends with its default, when it has one worth saying. */
export function option(flags: string, meaning: string, defaultText?: string | number): Option {
  const shown = typeof defaultText === 'number' ? count(defaultText) : defaultText;
  return new Option(flags, shown === undefined ? meaning : `${meaning} (default: ${shown})`);
}

/** An option kept only to refuse it with a better message than "unknown option". */
export function hiddenOption(flags: string): Option {
  return new Option(flags).hideHelp();
}

export function parseModes(text: string): NetworkMode[] {
  if (text === 'all') return [...NETWORK_MODES];
  if ((NETWORK_MODES as readonly string[]).includes(text)) return [text as NetworkMode];
  throw new UsageError(`--mode must be one of ${NETWORK_MODES.join(', ')} or all, got ${JSON.stringify(text)}`);
}

export function integerOption(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** The version in this package's package.json, found from this file in the sources (src/cli/) and in dist/ (dist/src/cli/) alike. */
export function packageVersion(): string {
  for (let folder = import.meta.dirname; ; folder = path.dirname(folder)) {
    const file = path.join(folder, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'sync-protocol-check' && manifest.version !== undefined) return manifest.version;
    }
    if (path.dirname(folder) === folder) return 'unknown';
  }
}

/** The candidate nearest to `word` if it is a likely typo of it (at most 2 edits, and fewer than half the letters). */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance <= 2 && distance < candidate.length / 2 && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_unused, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    for (let column = 1; column <= right.length; column++) {
      const substitution = (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(Math.min((previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

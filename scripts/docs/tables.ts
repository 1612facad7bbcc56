/**
 * The generated tables: the property table, from the catalogue, and each
 * command's option table, from the commander program sync-check builds.
 */
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import type { Command } from 'commander';

/** A Markdown table: a header row, a rule, then rows; `|` inside a cell is escaped. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((cell) => String(cell).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** The property table, row for row as test/readme.test.ts and test/docs.test.ts expect it. */
export async function propertyTable(): Promise<string> {
  const { CATALOGUE } = await import('../../properties/index.ts');
  const { NETWORK_MODES } = await import('../../model/index.ts');
  const rows = CATALOGUE.map((property) => [
    property.id,
    property.name,
    property.strictOnly ? `${property.level} (strict only)` : property.level,
    property.modes.length === NETWORK_MODES.length ? 'all' : property.modes.join(', '),
    property.statement,
  ]);
  return table(['id', 'name', 'level', 'modes', 'statement'], rows);
}

/**
 * The machine the option tables describe. Some help lines name this machine's
 * cores or memory ("one per core, 2 here"); the tables are generated as if on
 * this one, so they read the same wherever `npm run docs` or the test runs.
 */
export const TABLE_MACHINE = { cores: 2, memoryBytes: 8 * 2 ** 30 } as const;

/** Runs `build` with os reporting TABLE_MACHINE (named imports of node:os too), then puts the real figures back. */
function onTableMachine<T>(build: () => T): T {
  const real = { totalmem: os.totalmem, availableParallelism: os.availableParallelism };
  os.totalmem = () => TABLE_MACHINE.memoryBytes;
  os.availableParallelism = () => TABLE_MACHINE.cores;
  syncBuiltinESMExports();
  try {
    return build();
  } finally {
    Object.assign(os, real);
    syncBuiltinESMExports();
  }
}

class Captured extends Error {}

/**
 * sync-check's commander program exactly as the bin builds it, without running
 * it: parsing is the one step syncCheck takes after building, so stopping
 * there hands over the finished program whatever shape src/cli/ takes.
 *
 * Building patches shared objects (os, commander's parseAsync), so it happens
 * in one synchronous step, modules loaded beforehand: a check running in this
 * process at the same time (the renderer runs sync-check in-process) never
 * sees the table machine, nor has its own parse captured.
 */
async function syncCheckProgram(): Promise<Command> {
  const { Command } = await import('commander');
  const { syncCheck } = await import('../../src/cli/syncCheck.ts');
  // The descriptor, not the method: it goes back exactly as it was.
  const parseAsync = Object.getOwnPropertyDescriptor(Command.prototype, 'parseAsync');
  let program: Command | undefined;
  Command.prototype.parseAsync = function capture(this: Command) {
    // oxlint-disable-next-line typescript/no-this-alias -- the program is what this patch exists to catch
    program = this;
    return Promise.reject(new Captured());
  };
  let parsed: Promise<number>;
  try {
    // --version: if syncCheck ever parsed after an await, past this step, the real parse would only print the version.
    parsed = onTableMachine(() => syncCheck(['--version'], { stdout: () => {}, stderr: () => {} }));
  } finally {
    if (parseAsync !== undefined) Object.defineProperty(Command.prototype, 'parseAsync', parseAsync);
  }
  await parsed.catch((error: unknown) => {
    if (!(error instanceof Captured)) throw error;
  });
  if (program === undefined) throw new Error('syncCheck did not parse a commander program in the step that builds it');
  return program;
}

let builtProgram: Promise<Command> | undefined;

/** The program, built once. */
function tableProgram(): Promise<Command> {
  builtProgram ??= syncCheckProgram();
  return builtProgram;
}

/** An option's help line split into its meaning and the default the line ends with, if any. */
function meaningAndDefault(description: string): { meaning: string; shownDefault: string } {
  const match = /^([\s\S]*?)\s*\(default: (.*)\)$/.exec(description);
  return match === null ? { meaning: description, shownDefault: '' } : { meaning: match[1] ?? '', shownDefault: match[2] ?? '' };
}

/** The option table of one command (`check` also for the program itself), every option its --help shows but --help itself. */
export async function optionTable(name: string): Promise<string> {
  const program = await tableProgram();
  const command = program.commands.find((subcommand) => subcommand.name() === name);
  if (command === undefined) throw new Error(`sync-check has no command ${name}; it has ${program.commands.map((subcommand) => subcommand.name()).join(', ')}`);
  const rows = command.options
    .filter((option) => !option.hidden && option.long !== '--help')
    .map((option) => {
      const { meaning, shownDefault } = meaningAndDefault(option.description ?? '');
      // A flag without a stated default is off until given.
      return [`\`${option.flags}\``, shownDefault === '' && option.isBoolean() ? 'off' : shownDefault, meaning];
    });
  return table(['option', 'default', 'meaning'], rows);
}

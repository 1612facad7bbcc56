/**
 * The implementation under check, as the command line names it: one value made
 * once from the arguments and passed down to the check, the soak and the replay.
 */
import path from 'node:path';
import { COMMAND_PREFIX, loadImplementation, type LoadedImplementation } from '../adapters/loadImplementation.ts';
import { replayCommand, type SavedTarget, type SaveSettings } from '../failures/saveCounterexamples.ts';
import type { SyncCheckArguments } from './checkArguments.ts';

// From sources the reference is a .ts file, from dist a .js one: take the extension this file has.
export const REFERENCE_PATH = path.resolve(import.meta.dirname, `../reference/SyncService${path.extname(import.meta.filename)}`);

/** What names the implementation on the command line: a file or a --command (neither: the reference, or the replay file's). */
export interface TargetArguments {
  readonly implementation: string | undefined;
  readonly command: string | undefined;
}

export interface Target {
  /** What loads it: a file as typed (error messages name it so), or `command:PROGRAM ARGS`. */
  readonly source: string;
  /** How reports name it: the path as typed, `--command "..."`, or `reference`. */
  readonly label: string;
}

/** The reference implementation, checked when no implementation is named. */
export const REFERENCE_TARGET: Target = { source: REFERENCE_PATH, label: 'reference' };

/** The implementation the arguments name, or undefined when they name none. */
export function namedTarget(args: TargetArguments): Target | undefined {
  if (args.command !== undefined) return { source: `${COMMAND_PREFIX}${args.command}`, label: `--command "${args.command}"` };
  if (args.implementation !== undefined) return { source: args.implementation, label: args.implementation };
  return undefined;
}

/** The implementation to check: the one named, else the reference. */
export function targetOf(args: TargetArguments): Target {
  return namedTarget(args) ?? REFERENCE_TARGET;
}

/** How replay files and the corpus name it: the absolute path (the same file from any folder), or the command. */
export function targetId(target: Target): string {
  return target.source.startsWith(COMMAND_PREFIX) ? target.source : path.resolve(target.source);
}

/** Loads the target, runs `work` with it, and always stops its thread or process. */
export async function withImplementation<Result>(target: Target, work: (loaded: LoadedImplementation) => Promise<Result>): Promise<Result> {
  const loaded = await loadImplementation(target.source);
  try {
    return await work(loaded);
  } finally {
    await loaded.close();
  }
}

/** The target as saved counterexamples name it, with the command that replays them. */
export function savedTarget(target: Target): SavedTarget {
  return { implementation: targetId(target), label: target.label, replayCommand };
}

/** Where the command line saves counterexamples, and under which settings they were found. */
export function saveSettings(args: Pick<SyncCheckArguments, 'out' | 'strict' | 'timeoutMs'>): SaveSettings {
  return { directory: args.out, strict: args.strict, timeoutMs: args.timeoutMs };
}

/** What the check, the soak and the replay share: the implementation's identity and loading, and saving a counterexample. */
import path from 'node:path';
import { COMMAND_PREFIX, loadImplementation, type LoadedImplementation } from '../adapters/loadImplementation.ts';
import { replayCommand, type SavedTarget, type SaveSettings } from '../failures/saveCounterexamples.ts';
import type { SyncCheckArguments } from './checkArguments.ts';

// From sources the reference is a .ts file, from dist a .js one: take the extension this file has.
export const REFERENCE_PATH = path.resolve(import.meta.dirname, `../reference/SyncService${path.extname(import.meta.filename)}`);

/** What names the implementation on the command line: a file (none: the reference) or a --command. */
export interface TargetArguments {
  readonly implementation: string | undefined;
  readonly command: string | undefined;
}

/** The implementation's identity in replay files and the corpus, and its name in reports. */
export function identify(args: TargetArguments): { implementation: string; label: string; target: string } {
  if (args.command !== undefined) {
    const implementation = `${COMMAND_PREFIX}${args.command}`;
    return { implementation, label: `--command "${args.command}"`, target: implementation };
  }
  const target = args.implementation ?? REFERENCE_PATH;
  return { implementation: path.resolve(target), label: args.implementation ?? 'reference', target };
}

/** Loads the implementation, runs `work` with it, and always stops its process. */
export async function withImplementation<Result>(target: string, work: (loaded: LoadedImplementation) => Promise<Result>): Promise<Result> {
  const loaded = await loadImplementation(target);
  try {
    return await work(loaded);
  } finally {
    await loaded.close();
  }
}


/** The implementation as saved counterexamples name it, with the command that replays them. */
export function savedTarget(implementation: string, label: string): SavedTarget {
  return { implementation, label, replayCommand };
}

/** Where the command line saves counterexamples, and under which settings they were found. */
export function saveSettings(args: Pick<SyncCheckArguments, 'out' | 'strict' | 'timeoutMs'>): SaveSettings {
  return { directory: args.out, strict: args.strict, timeoutMs: args.timeoutMs };
}

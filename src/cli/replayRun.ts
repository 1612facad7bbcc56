/** `sync-check replay FILE [IMPL]` (or `--replay FILE`): re-runs one saved trace. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { propertyById } from '../../properties/index.ts';
import { COMMAND_PREFIX, type LoadedImplementation } from '../adapters/loadImplementation.ts';
import type { Counterexample } from '../check/findCounterexample.ts';
import { decodeReplayFile, MAX_REPLAY_BYTES, ReplayFileError, type ReplayFile } from '../failures/replayFile.ts';
import { counterexampleText } from '../report/counterexampleText.ts';
import { formatTrace } from '../report/formatTrace.ts';
import type { Io } from './io.ts';
import { replayCommand } from '../failures/saveCounterexamples.ts';
import { namedTarget, withImplementation, type Target, type TargetArguments } from './target.ts';

export interface ReplayArguments extends TargetArguments {
  /** The replay file. */
  readonly file: string;
  readonly strict: boolean;
  readonly json: boolean;
}

/**
 * Re-runs one saved trace against the implementation named on the command line,
 * or else the file the replay names, once it is shown and only if it is a
 * regular file. A replay file is data someone may send you: a command it names
 * is never run. Returns 1 if the trace still fails, else 0.
 */
export async function runReplay(args: ReplayArguments, io: Io): Promise<number> {
  const { file } = args;
  const saved = decodeReplayFile(readReplayText(file), file);
  const named = namedTarget(args);
  if (named !== undefined) return withImplementation(named, (loaded) => replayLoaded(args, io, saved, named, loaded));
  if (saved.implementation.startsWith(COMMAND_PREFIX)) {
    const command = saved.implementation.slice(COMMAND_PREFIX.length);
    throw new ReplayFileError(`${file} names a command; replay files never run commands. If you trust it, type: npx sync-check --replay ${file} --command ${JSON.stringify(command)}`);
  }
  if (!existsSync(saved.implementation) || !statSync(saved.implementation).isFile()) {
    throw new ReplayFileError(`${file} names ${saved.implementation}, which is not a file here; name the implementation yourself: npx sync-check --replay ${file} PATH`);
  }
  io.stderr(`sync-check: replaying against ${saved.implementation} (named by the replay file)\n`);
  const fromFile: Target = { source: saved.implementation, label: saved.implementation };
  return withImplementation(fromFile, (loaded) => replayLoaded(args, io, saved, fromFile, loaded));
}

function readReplayText(file: string): string {
  try {
    if (statSync(file).size > MAX_REPLAY_BYTES) throw new ReplayFileError(`${file} is larger than ${MAX_REPLAY_BYTES / 1024 / 1024} MB, so not a sync-check counterexample`);
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ReplayFileError) throw error;
    throw new ReplayFileError(`cannot read replay file ${file}`);
  }
}

async function replayLoaded(args: ReplayArguments, io: Io, saved: ReplayFile, { label }: Target, loaded: LoadedImplementation): Promise<number> {
  const { file } = args;
  const properties = saved.properties.map(propertyById);
  const strict = saved.strict || args.strict;
  const { finding, recording } = await loaded.run(saved.scenario, { properties, strict, timeoutMs: saved.timeoutMs });
  if (finding === undefined) {
    const message = `the trace now passes: ${saved.property} no longer fails (${saved.scenario.events.length} events, ${saved.scenario.mode} mode)`;
    io.stdout(args.json ? `${JSON.stringify({ replay: file, implementation: label, stillFails: false })}\n` : `${label}: ${message}\n`);
    return 0;
  }
  const origin = { kind: 'saved', seed: saved.seed, path: saved.path } as const;
  const counterexample: Counterexample = { scenario: saved.scenario, finding, properties: saved.properties, origin, ...(recording === undefined ? {} : { recording }) };
  if (args.json) {
    io.stdout(`${JSON.stringify({ replay: file, implementation: label, stillFails: true, property: finding.property, message: finding.message })}\n`);
  } else {
    io.stdout(`${label}: the trace still fails\n${counterexampleText(counterexample, formatTrace(counterexample), replayCommand(file))}\n`);
  }
  // A warning is exit 0, as for a check (it fails only under --strict, where its level is fail).
  return finding.level === 'fail' ? 1 : 0;
}

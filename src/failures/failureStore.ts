/**
 * The regression corpus: every failure is saved as a replay file (and a Markdown
 * report beside it); later runs of the same implementation replay them first.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeReplayFile, encodeReplayFile, type ReplayFile } from './replayFile.ts';

export const DEFAULT_FAILURE_DIR = '.sync-check/failures';

export interface SavedFailure {
  readonly file: string;
  readonly replay: ReplayFile;
}

/** A stable name: same failure, same file; a different failure never overwrites another. */
export function failureBaseName(replay: ReplayFile): string {
  const implementation = path.basename(replay.implementation).replace(/\.[^.]+$/, '').replace(/[^\w-]+/g, '_');
  const digest = createHash('sha256').update(encodeReplayFile({ ...replay, seed: 0, path: '' })).digest('hex').slice(0, 8);
  return `${implementation}-${replay.scenario.mode}-${replay.property}-${digest}`;
}

/** Writes the replay file and, beside it, the Markdown report made for that file; returns the replay file's path. */
export function saveFailure(directory: string, replay: ReplayFile, markdownFor: (replayFile: string) => string): string {
  mkdirSync(directory, { recursive: true });
  const base = path.join(directory, failureBaseName(replay));
  writeFileSync(`${base}.json`, encodeReplayFile(replay));
  writeFileSync(`${base}.md`, markdownFor(`${base}.json`));
  return `${base}.json`;
}

/**
 * Saved failures of `implementation` (an absolute path), oldest name first.
 * Files that cannot be read are reported through `onUnreadable`, never fatal.
 */
export function savedFailures(directory: string, implementation: string, onUnreadable: (reason: string) => void): SavedFailure[] {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = path.join(directory, name);
    try {
      const replay = decodeReplayFile(readFileSync(file, 'utf8'), file);
      return replay.implementation === implementation ? [{ file, replay }] : [];
    } catch (error) {
      onUnreadable(error instanceof Error ? error.message : String(error));
      return [];
    }
  });
}

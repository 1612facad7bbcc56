/**
 * The regression corpus: every failure is saved as a replay file (and a Markdown
 * report beside it); later runs of the same implementation replay them first.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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
  writeAtomically(`${base}.md`, markdownFor(`${base}.json`));
  // The replay file last: the corpus replays only .json files, so it never holds one whose report is missing.
  writeAtomically(`${base}.json`, encodeReplayFile(replay));
  return `${base}.json`;
}

/** Writes through a temporary file and a rename, so an interrupted run never leaves half a file behind. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    if (existsSync(temporary)) unlinkSync(temporary);
    throw error;
  }
}

/**
 * Why `directory` cannot hold the corpus, or undefined when it can (or can be
 * made): checked before a search, so a long search is never lost to a bad --out.
 */
export function unusableFailureDirectory(directory: string): string | undefined {
  if (directory.trim() === '') return '--out needs a directory, got an empty string';
  let existing = path.resolve(directory);
  while (!existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (!statSync(existing).isDirectory()) return `--out ${directory}: ${existing} is not a directory`;
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    return `--out ${directory}: ${existing} is not writable`;
  }
  return undefined;
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

/**
 * The regression corpus: every failure is saved as a replay file (and a Markdown
 * report beside it); later runs of the same implementation replay them first.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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
  makeDirectories(directory);
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
 * Why `directory` cannot hold the corpus, or undefined when it can: checked
 * before a search, so a long search is never lost to a bad --out. It is tried
 * for real (create what is missing, write a probe file, remove both), since
 * permission bits do not tell a root user what a file system will refuse.
 */
export function unusableFailureDirectory(directory: string): string | undefined {
  if (directory.trim() === '') return '--out needs a directory, got an empty string';
  let created: string[] = [];
  try {
    created = makeDirectories(directory);
    const probe = path.join(directory, `.sync-check-probe-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOTDIR' || code === 'EEXIST' ? 'a file stands where a directory is needed' : `it cannot be written (${code ?? String(error)})`;
    return `--out ${directory}: ${why}`;
  } finally {
    for (const made of created.reverse()) rmdirSync(made);
  }
}

/**
 * Creates `directory` and any missing parents one level at a time; returns the
 * ones it created, outermost first. (Node's recursive mkdir never returns on
 * some file systems, /proc among them.)
 */
function makeDirectories(directory: string): string[] {
  const missing: string[] = [];
  let current = path.resolve(directory);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (existsSync(current) && !statSync(current).isDirectory()) throw Object.assign(new Error(`${current} is a file`), { code: 'ENOTDIR' });
  const created: string[] = [];
  for (const level of missing) {
    mkdirSync(level);
    created.push(level);
  }
  return created;
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

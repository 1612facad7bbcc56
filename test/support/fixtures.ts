/**
 * The fixture catalogue, read from the fixtures' own first lines, so that each
 * file states its bug and expected verdict in exactly one place.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NETWORK_MODES, type NetworkMode } from '../../model/index.ts';
import { isPropertyId, type PropertyId } from '../../properties/index.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

export interface Mutant {
  readonly file: string;
  readonly bug: string;
  readonly caughtBy: PropertyId;
  readonly modes: readonly NetworkMode[];
}

export interface CorrectAlternative {
  readonly file: string;
  readonly description: string;
  readonly verdict: 'pass' | 'warn';
  /** The properties that warn (empty for pass). */
  readonly warns: readonly PropertyId[];
}

const MUTANT_HEADER = /^\/\/ mutant: (.+); caught by (\w+) in ([a-z, ]+)$/;
const CORRECT_HEADER = /^\/\/ correct: (.+); expect (pass|warn)((?: \w+)*)(?: \(.*\))?$/;

function firstLines(folder: string, extension: string): [string, string][] {
  const directory = path.join(FIXTURES, folder);
  return readdirSync(directory)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => [path.join(directory, name), readFileSync(path.join(directory, name), 'utf8').split('\n')[0] ?? '']);
}

function parseModes(text: string, file: string): NetworkMode[] {
  const modes = text.split(', ');
  for (const mode of modes) {
    if (!(NETWORK_MODES as readonly string[]).includes(mode)) throw new Error(`${file}: unknown mode ${mode}`);
  }
  return modes as NetworkMode[];
}

/** Every mutant fixture in `folder` with the extension, with the property that must catch it. */
export function mutants(folder = 'mutants', extension = '.ts'): Mutant[] {
  return firstLines(folder, extension).map(([file, header]) => {
    const match = MUTANT_HEADER.exec(header.replace(/^#/, '//'));
    const caughtBy = match?.[2] ?? '';
    if (match === null || !isPropertyId(caughtBy)) throw new Error(`${file}: first line is not a mutant header: ${header}`);
    return { file, bug: match[1] ?? '', caughtBy, modes: parseModes(match[3] ?? '', file) };
  });
}

/** Every correct alternative in `folder` with the extension, with its expected verdict. */
export function correctAlternatives(folder = 'correct', extension = '.ts'): CorrectAlternative[] {
  return firstLines(folder, extension).map(([file, header]) => {
    const match = CORRECT_HEADER.exec(header.replace(/^#/, '//'));
    if (match === null) throw new Error(`${file}: first line is not a correct-alternative header: ${header}`);
    const warns = (match[3] ?? '').trim().split(' ').filter((id) => id !== '');
    if (!warns.every(isPropertyId)) throw new Error(`${file}: unknown property in ${header}`);
    return { file, description: match[1] ?? '', verdict: match[2] as 'pass' | 'warn', warns };
  });
}

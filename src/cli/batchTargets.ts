/**
 * What the operands of a check of many implementations name: files as given,
 * every implementation file under a folder, and quoted globs expanded here
 * (the same on every shell and on Windows). Node 20 has no fs.glob: tinyglobby
 * (small, two dependencies, used by vite and vitest) matches `**`, `*`, `?`,
 * `[...]` and `{a,b}`.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** The files a folder contributes: every module shape the checker loads, and Python files. */
export const IMPLEMENTATION_EXTENSIONS = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs', 'py'] as const;

/** Never looked into: installed packages, and a folder or file starting with a dot (tinyglobby's default). */
const IGNORED = ['**/node_modules/**'];

export interface Expansion {
  /** The files to check, in the order named, each once. */
  readonly files: readonly string[];
  /** Operands that named nothing to check: one row each, with its reason. */
  readonly problems: readonly { readonly file: string; readonly reason: string }[];
}

/** True when the operands ask for the many-implementations summary: more than one, a folder or a glob. */
export function namesMany(operands: readonly string[]): boolean {
  if (operands.length > 1) return true;
  const [only] = operands;
  return only !== undefined && (isFolder(only) || (!existsSync(only) && isDynamicPattern(only)));
}

/** Expands every operand, relative to `cwd`; a file named twice (as itself and through a glob) is checked once. */
export async function expandOperands(operands: readonly string[], cwd: string): Promise<Expansion> {
  const files: string[] = [];
  const seen = new Set<string>();
  const problems: { file: string; reason: string }[] = [];
  for (const operand of operands) {
    const found = await filesOf(operand, cwd);
    if (typeof found === 'string') problems.push({ file: operand, reason: found });
    for (const file of typeof found === 'string' ? [] : found) {
      const key = path.resolve(cwd, file);
      if (!seen.has(key)) files.push(file);
      seen.add(key);
    }
  }
  return { files, problems };
}

/** An operand's files, or why it names none. */
async function filesOf(operand: string, cwd: string): Promise<readonly string[] | string> {
  const full = path.resolve(cwd, operand);
  if (isFolder(full)) {
    const found = await glob(`**/*.{${IMPLEMENTATION_EXTENSIONS.join(',')}}`, { cwd: full, ignore: IGNORED, onlyFiles: true, expandDirectories: false });
    const files = found.filter((file) => !/\.d\.[mc]?ts$/.test(file)).sort();
    return files.length > 0 ? files.map((file) => path.join(operand, file)) : `no ${IMPLEMENTATION_EXTENSIONS.map((extension) => `.${extension}`).join(' ')} file in this folder`;
  }
  if (existsSync(full)) return [operand];
  if (!isDynamicPattern(operand)) return `no such file: ${operand}`;
  const matched = await glob(operand, { cwd, ignore: IGNORED, onlyFiles: true, expandDirectories: false });
  // tinyglobby answers relative to cwd with forward slashes: keep the user's own absolute or relative spelling.
  const files = matched.sort().map((file) => (path.isAbsolute(operand) ? path.resolve(cwd, file) : path.normalize(file)));
  return files.length > 0 ? files : `no file matches ${operand}`;
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

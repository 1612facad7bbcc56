/**
 * Running the commands the docs show: sync-check, `npx vitest` (docs:slow
 * blocks of the suite's own output) and library examples (docs:script), each
 * as a user would see it in a terminal at the repository's root.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { ROOT, words } from './markers.ts';

/** One command's output, and the folder it saved counterexamples in. */
export interface Run {
  readonly command: string;
  readonly stdout: string;
  readonly outDir: string | undefined;
}

interface Exit {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where counterexamples are saved by default: what the docs show in place of the temporary --out folder. */
const SHOWN_OUT_DIR = '.sync-check/failures';

/** Commands of sync-check that take no --out (every other first word is the check itself). */
const COMMANDS_WITHOUT_OUT = new Set(['replay', 'explore', 'simulate', 'bench', 'help']);

/**
 * Runs sync-check with a fresh --out folder, so no earlier failure is replayed first.
 * `inProcess` lets a check (not another command) call the CLI's syncCheck here
 * instead of starting the bin (tsx, no build): the same function behind the same
 * arguments, without the Node process and TypeScript load (most of a second of
 * CPU) per command. The other commands always get the bin: simulate reports its
 * process's peak memory, explore sizes its search to its process's memory and
 * bench measures processes, which here would be the docs' process.
 * @param args the words after `sync-check`
 * @param inProcess whether the output may come from syncCheck in this process
 */
export async function runSyncCheck(args: readonly string[], inProcess: boolean): Promise<Run> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'sync-check-docs-'));
  const isCheck = !COMMANDS_WITHOUT_OUT.has(args[0] ?? '');
  const withOut = isCheck ? [...args, '--out', outDir] : [...args];
  // The bin runs at the repository's root, where the shown paths resolve: in-process only from there.
  const here = inProcess && isCheck && process.cwd() === ROOT;
  try {
    const { code, stdout, stderr } = here ? await syncCheckHere(withOut) : await runProgram(process.execPath, [path.join(ROOT, 'bin/sync-check.mjs'), ...withOut], ROOT);
    // Exit 1 is a failing check, which is what most shown outputs are; anything else is a broken command.
    if (code > 1) throw new Error(`sync-check ${args.join(' ')} exited ${code}: ${stderr.trim().split('\n')[0] ?? ''}`);
    return { command: ['sync-check', ...args].join(' '), stdout: shownPaths(stdout, outDir), outDir };
  } catch (error) {
    // A run that failed is never handed to the renderer, whose close() removes the folders of the others.
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * syncCheck as src/cli/main.ts wires it, output collected. The bin adds nothing
 * to stdout: no progress line (its stderr is no terminal here either), help
 * wrapped at 80 columns (the width without a terminal), and an error syncCheck
 * throws becomes one line on stderr and exit 2.
 */
async function syncCheckHere(argv: readonly string[]): Promise<Exit> {
  const { syncCheck } = await import('../../src/cli/syncCheck.ts');
  let stdout = '';
  let stderr = '';
  try {
    const code = await syncCheck(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    return { code, stdout, stderr };
  } catch (error) {
    return { code: 2, stdout, stderr: `${stderr}sync-check: internal error: ${error instanceof Error ? error.message : String(error)}\n` };
  }
}

/**
 * Runs `program args` in `cwd` with `env` added; resolves with the exit code and the output, rejects only if it did not exit (a signal, the timeout).
 */
function runProgram(program: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const options = { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env }, maxBuffer: 64 * 2 ** 20, timeout: 300_000 };
    execFile(program, args, options, (error, stdout, stderr) => {
      if (error === null) resolve({ code: 0, stdout, stderr });
      else if (typeof error.code === 'number') resolve({ code: error.code, stdout, stderr });
      else reject(new Error(`${args.join(' ')}: ${error.signal ?? error.message}: ${stderr.trim().split('\n')[0] ?? ''}`));
    });
  });
}

/**
 * `[NAME=value ...] npx vitest ARGS`, as this repository's suite prints it: the
 * console output a test prints (SYNC_VERBOSE=1) is the part the docs show.
 */
export async function runVitest(command: string): Promise<Run> {
  const env: Record<string, string> = {};
  const rest = words(command);
  while (/^[A-Z_]+=/.test(rest[0] ?? '')) {
    const [name = '', ...value] = (rest.shift() ?? '').split('=');
    env[name] = value.join('=');
  }
  if (rest[0] !== 'npx' || rest[1] !== 'vitest') throw new Error(`a docs:slow block runs sync-check or npx vitest, not ${rest.join(' ')}`);
  const { stdout } = await runProgram(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), ...rest.slice(2)], ROOT, env);
  return { command, stdout: stdout.split(`${ROOT}${path.sep}`).join(''), outDir: undefined };
}

/** The fenced block of `text` before `position` whose first line is `// name` (the script a docs:script block runs). */
export function scriptAbove(text: string, position: number, name: string): string {
  const fences = [...text.slice(0, position).matchAll(/^```(?:js|ts)\n([\s\S]*?)^```$/gm)];
  const script = fences.map((fence) => fence[1] ?? '').findLast((code) => code.startsWith(`// ${name}\n`));
  if (script === undefined) throw new Error(`no fenced block starting "// ${name}" above the docs:script ${name} block`);
  return script;
}

/**
 * Runs a library example as a user would run it (`node check.mjs` beside their
 * solution), in a temporary folder, with the package name pointing at this
 * repository's sources (run through tsx) instead of an installed build. Always
 * a process of its own: it is a user's program, with its own folder and console.
 * @param spec `check.mjs solution.py=test/fixtures/...`
 * @param text the file the block is in
 * @param position where the block starts
 */
export async function runScript(spec: string, text: string, position: number): Promise<Run> {
  const [name = '', ...fixtures] = words(spec);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'sync-check-docs-script-'));
  const source = pathToFileURL(path.join(ROOT, 'src/index.ts')).href;
  writeFileSync(path.join(folder, name), scriptAbove(text, position, name).replaceAll("'sync-protocol-check'", `'${source}'`));
  for (const fixture of fixtures) {
    const [as = '', from = ''] = fixture.split('=');
    copyFileSync(path.join(ROOT, from), path.join(folder, as));
  }
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs')).href;
  const { stdout } = await runProgram(process.execPath, ['--import', tsx, name], folder);
  return { command: `node ${name}`, stdout, outDir: folder };
}

/** Temporary and absolute paths as a user would see them after running the shown command in the repository. */
function shownPaths(text: string, outDir: string): string {
  return text.split(outDir).join(SHOWN_OUT_DIR).split(`${ROOT}${path.sep}`).join('');
}

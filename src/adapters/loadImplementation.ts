/**
 * Loads any implementation sync-check can judge: a TS/JS module in a worker thread,
 * a Python solution file through the bundled adapter, or any program that speaks
 * the wire protocol (`--command`).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { hostHere } from '../check/ScenarioHost.ts';
import { remoteFactory } from '../check/service.ts';
import { LoadError, checkModulePath } from './loadModule.ts';
import { withCopies, type CopiedImplementation } from './solutionCopies.ts';
import { StdioProcess } from './StdioProcess.ts';
import { WorkerImplementation } from './worker/WorkerImplementation.ts';

const run = promisify(execFile);

import type { LoadedImplementation } from './LoadedImplementation.ts';

export type { LoadedImplementation };

/** How replay files and the corpus name a `--command` implementation. */
export const COMMAND_PREFIX = 'command:';

/** Beside this module, from sources and compiled alike (scripts/build.mjs copies it into dist/src/adapters/python/). */
export const PYTHON_ADAPTER = path.resolve(import.meta.dirname, 'python/sync_adapter.py');

/** The Python interpreter: SYNC_PYTHON, or python3 on the PATH. */
export function pythonProgram(): string {
  return process.env.SYNC_PYTHON ?? 'python3';
}

/** Loads `target`: a file path, or `command:<program and args>`. */
export async function loadImplementation(target: string): Promise<LoadedImplementation> {
  if (target.startsWith(COMMAND_PREFIX)) {
    const command = target.slice(COMMAND_PREFIX.length);
    // exec: the shell becomes the program, so stopping the process stops the program.
    return startProcess(new StdioProcess('/bin/sh', ['-c', `exec ${command}`], `command "${command}"`));
  }
  if (target.endsWith('.py')) {
    if (!existsSync(target)) throw new LoadError(`no such file: ${target}`);
    return withCopies(await loadPython(target), (signal) => loadPython(target, signal));
  }
  checkModulePath(target);
  const worker = await WorkerImplementation.start(target);
  return {
    factory: worker.factory,
    run: (scenario, settings) => worker.run(scenario, settings),
    close: () => worker.close(),
    abort: () => worker.abort(),
    simulate: (options) => worker.simulate(options),
    evaluateSequence: worker.evaluateSequence,
    capturedOutput: () => worker.capturedOutput(),
  };
}

/** A Python solution through the bundled adapter; `signal` stops it even while it loads (a copy whose load hangs must not hold up a check that is over). */
async function loadPython(target: string, signal?: AbortSignal): Promise<CopiedImplementation> {
  // A fork server where the platform can fork: a process that exits or hangs then costs a fork, not a start.
  const forks = process.platform !== 'win32' && process.env.SYNC_PYTHON_FORKS !== '0';
  // The fork server starts once, so a shim's start-up is paid once: no need to ask the interpreter for its real path first.
  const python = forks ? pythonOnPath() : await pythonExecutable();
  const server = new StdioProcess(python, [PYTHON_ADAPTER, target], target, forks);
  const stop = (): void => void server.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return { implementation: await startProcess(server), largestAnswer: () => server.largestAnswer };
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/** The interpreter's name, once it is known to name an executable file (a path, or a name on the PATH); a LoadError saying so otherwise. */
export function pythonOnPath(): string {
  const program = pythonProgram();
  const candidates = program.includes(path.sep) ? [program] : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((folder) => path.join(folder, program));
  if (candidates.some(isExecutableFile)) return program;
  throw new LoadError(`${program} was not found on this machine: install Python 3 to check .py files`);
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

const executables = new Map<string, Promise<string>>();

/**
 * The interpreter's real path. `python3` is often a shim (pyenv's takes 0.7 s to
 * start); a process restarted after every crash or hang must not pay that each time.
 */
export function pythonExecutable(): Promise<string> {
  const program = pythonProgram();
  let resolved = executables.get(program);
  if (resolved === undefined) {
    resolved = run(program, ['-c', 'import sys; print(sys.executable)']).then(
      ({ stdout }) => stdout.trim() || program,
      (error: NodeJS.ErrnoException) => {
        executables.delete(program);
        throw new LoadError(error.code === 'ENOENT' ? `${program} was not found on this machine: install Python 3 to check .py files` : `cannot run ${program}: ${error.message}`);
      },
    );
    executables.set(program, resolved);
  }
  return resolved;
}

async function startProcess(server: StdioProcess): Promise<LoadedImplementation> {
  try {
    await server.start();
  } catch (error) {
    await server.close();
    throw error;
  }
  return { ...hostHere(remoteFactory(() => server.createService())), close: () => server.close(), abort: () => server.abort() };
}

/**
 * Loads any implementation sync-check can judge: a TS/JS module in this process,
 * a Python solution file through the bundled adapter, or any program that speaks
 * the wire protocol (`--command`).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ServiceFactory } from '../check/service.ts';
import { LoadError, loadModule } from './loadModule.ts';
import { StdioProcess } from './StdioProcess.ts';

const run = promisify(execFile);

export interface LoadedImplementation {
  readonly factory: ServiceFactory;
  /** Stops any process the implementation runs in. */
  readonly close: () => Promise<void>;
}

/** How replay files and the corpus name a `--command` implementation. */
export const COMMAND_PREFIX = 'command:';

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
    return startProcess(new StdioProcess(await pythonExecutable(), [PYTHON_ADAPTER, target], target));
  }
  return { factory: await loadModule(target), close: () => Promise.resolve() };
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
  return { factory: () => server.createService(), close: () => server.close() };
}

/**
 * What the library API checks: a file (a module run in a worker thread, or a
 * Python file run through the bundled adapter), any program that speaks the
 * stdio wire protocol, or a class or factory that runs in this thread. Opening
 * a target starts its worker or process; `close` always stops it.
 */
import path from 'node:path';
import { COMMAND_PREFIX, loadImplementation } from '../adapters/loadImplementation.ts';
import { LoadError } from '../adapters/loadModule.ts';
import { resolveFactory } from '../adapters/resolveFactory.ts';
import { hostHere, type ScenarioHost } from '../check/ScenarioHost.ts';
import type { ServiceFactory, ServiceLike } from '../check/service.ts';
import type { CapturedOutput } from '../adapters/worker/outputCapture.ts';

/** A class whose instances are servers, constructed with no arguments. */
export type ServiceClass = new () => ServiceLike;

/** A program that speaks the stdio wire protocol, as `sync-check --command` takes it (run by /bin/sh). */
export interface CommandTarget {
  readonly command: string;
}

/**
 * An implementation to check: a path (`.ts`, `.mts`, `.cts`, `.js`, `.mjs`,
 * `.cjs` or `.py`, as `sync-check` takes it), `{ command: '...' }`, a factory
 * function, or a class.
 */
export type ConformanceTarget = string | CommandTarget | ServiceFactory | ServiceClass;

/** An opened target: where scenarios run, and how it is named in reports, replay files and hints. */
export interface OpenedTarget {
  readonly host: ScenarioHost;
  /** The identity in replay files and the corpus: an absolute path, `command:...`, or a class or factory name. */
  readonly implementation: string;
  /** The name in the report. */
  readonly label: string;
  /** The arguments that name it to the CLI (`PATH` or `--command "..."`), or undefined when it lives in this process only. */
  readonly cliTarget: string | undefined;
  /** What the implementation printed, when it runs apart and its output is captured. */
  readonly capturedOutput?: () => CapturedOutput;
  /** Stops the run in flight at once (a worker thread or process ends; the next run gets a fresh one). */
  readonly abort: () => void;
  /** Stops the worker thread or process, if there is one. */
  readonly close: () => Promise<void>;
}

/** Starts `target`'s worker or process, if it has one; a LoadError when it cannot be loaded. */
export async function openTarget(target: ConformanceTarget): Promise<OpenedTarget> {
  if (typeof target === 'string') {
    const loaded = await loadImplementation(target);
    const absolute = path.resolve(target);
    return { host: loaded, implementation: absolute, label: absolute, cliTarget: target, capturedOutput: loaded.capturedOutput, abort: loaded.abort, close: loaded.close };
  }
  if (typeof target === 'function') {
    const name = target.name || 'anonymous';
    return { host: hostHere(asFactory(target)), implementation: name, label: name, cliTarget: undefined, abort: () => {}, close: () => Promise.resolve() };
  }
  if (typeof target === 'object' && target !== null && typeof target.command === 'string') {
    if (target.command.trim() === '') throw new LoadError('{ command } needs a program to run');
    const implementation = `${COMMAND_PREFIX}${target.command}`;
    const loaded = await loadImplementation(implementation);
    const cliTarget = `--command ${JSON.stringify(target.command)}`;
    return { host: loaded, implementation, label: `--command "${target.command}"`, cliTarget, abort: loaded.abort, close: loaded.close };
  }
  throw new TypeError('the target must be a path, { command: "..." }, a class or a factory function');
}

function asFactory(implementation: ServiceFactory | ServiceClass): ServiceFactory {
  // A default-exported function is exactly this case: the resolver constructs a class and calls a factory.
  return resolveFactory({ default: implementation }, 'the implementation');
}

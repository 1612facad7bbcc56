/**
 * A Python solution able to load copies of itself, each in processes of its own
 * (its own fork server), so that its modes are searched at the same time
 * (src/conformance/modeLanes.ts). Aborting or closing it aborts or closes every
 * copy too, one still loading included.
 *
 * The copies' runs go at the same time until one of them receives an answer of
 * over LARGE_ANSWER_CHARS: a server that answers with tens of megabytes would
 * have the checker hold several such runs at once and run out of memory (the
 * checker, not the server). From then on, runs take turns; what each run does
 * is the same either way, only when it starts changes.
 */
import type { LoadedImplementation } from './LoadedImplementation.ts';

/** An answer line this long (characters) makes the copies' runs take turns. */
export const LARGE_ANSWER_CHARS = 8 * 1024 * 1024;

/** One loaded implementation, and the longest answer it has received so far. */
export interface CopiedImplementation {
  readonly implementation: LoadedImplementation;
  readonly largestAnswer: () => number;
}

/** `first`, with `copy()` loading another by `load`; every run of it and its copies goes through one RunTurns. */
export function withCopies(first: CopiedImplementation, load: (signal: AbortSignal) => Promise<CopiedImplementation>): LoadedImplementation {
  const loading: Promise<CopiedImplementation>[] = [];
  // Aborting stops the copies still loading as well: their loads then fail at once, and their modes go to the first.
  const stopLoading = new AbortController();
  const loaded: CopiedImplementation[] = [first];
  const turns = new RunTurns(() => loaded.some((copy) => copy.largestAnswer() > LARGE_ANSWER_CHARS));
  const takingTurns = (implementation: LoadedImplementation): LoadedImplementation => ({
    ...implementation,
    run: (scenario, settings) => turns.run(() => implementation.run(scenario, settings)),
  });
  return {
    ...takingTurns(first.implementation),
    copy: async () => {
      if (stopLoading.signal.aborted) throw new Error('the check was stopped');
      const copy = load(stopLoading.signal);
      loading.push(copy);
      const made = await copy;
      loaded.push(made);
      return takingTurns(made.implementation);
    },
    abort: () => {
      stopLoading.abort();
      for (const copy of loaded) copy.implementation.abort();
    },
    close: async () => {
      const made = await Promise.allSettled(loading);
      const copies = made.flatMap((copy) => (copy.status === 'fulfilled' ? [copy.value] : []));
      await Promise.all([first, ...copies].map((copy) => copy.implementation.close()));
    },
  };
}

/** Runs at the same time until `oneAtATime` first says otherwise; then one at a time, the first of them after every run already going. */
export class RunTurns {
  private takingTurns = false;
  private readonly running = new Set<Promise<unknown>>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly oneAtATime: () => boolean) {}

  async run<Result>(work: () => Promise<Result>): Promise<Result> {
    this.takingTurns ||= this.oneAtATime();
    if (!this.takingTurns) return this.track(work());
    const previous = this.queue;
    let release = (): void => {};
    this.queue = new Promise((resolve) => (release = resolve));
    try {
      await previous;
      await Promise.allSettled([...this.running]);
      return await this.track(work());
    } finally {
      release();
    }
  }

  private track<Result>(running: Promise<Result>): Promise<Result> {
    this.running.add(running);
    const forget = (): void => void this.running.delete(running);
    running.then(forget, forget);
    return running;
  }
}

/**
 * Every child process and worker thread the checker has started and not yet
 * stopped, so that a signal to the checker (Ctrl-C, SIGTERM, SIGHUP) ends them
 * all and nothing is left running under PID 1.
 */
const running = new Set<() => void>();

/** Registers a way to stop something at once; returns the function that unregisters it. */
export function trackRunning(stopNow: () => void): () => void {
  running.add(stopNow);
  return () => running.delete(stopNow);
}

/** Stops everything still running, at once. */
export function stopAllRunning(): void {
  for (const stopNow of [...running]) {
    try {
      stopNow();
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

/** How many are still running (for tests). */
export function runningCount(): number {
  return running.size;
}

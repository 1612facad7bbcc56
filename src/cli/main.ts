/** The sync-check process: wires syncCheck (every command) to argv, the standard streams and the exit code. */
import { stopAllRunning } from '../adapters/runningProcesses.ts';
import { errorText } from '../check/callService.ts';
import { INTERRUPTED_EXIT } from './io.ts';
import { syncCheck } from './syncCheck.ts';

// A reader that stops early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Whatever ends this process, no implementation process it started outlives it.
process.on('exit', stopAllRunning);

/**
 * The first signal asks the check to stop after the run in flight and print what
 * it judged (the check stops that run's process if it does not end within 2 s).
 * A second signal ends everything at once.
 */
function onInterrupt(interrupt: () => void): void {
  let signalled = false;
  const handle = (signal: NodeJS.Signals): void => {
    if (signalled) {
      stopAllRunning();
      process.exit(INTERRUPTED_EXIT);
    }
    signalled = true;
    process.stderr.write(`\nsync-check: ${signal}: stopping after the run in flight (again to stop at once)\n`);
    interrupt();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, handle);
}

try {
  process.exitCode = await syncCheck(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    progress: process.stderr.isTTY && process.stdout.isTTY ? process.stderr : undefined,
    onInterrupt,
  });
} catch (error) {
  // A bug of the suite itself: still one line, still a distinct exit code.
  process.stderr.write(`sync-check: internal error: ${errorText(error)}\n`);
  process.exitCode = 2;
}

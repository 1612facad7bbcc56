/** The sync-check process: wires syncCheck to argv, the standard streams and the exit code. */
import { errorText } from '../check/callService.ts';
import { syncCheck } from './syncCheck.ts';

// A reader that stops early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await syncCheck(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    progress: process.stderr.isTTY && process.stdout.isTTY ? process.stderr : undefined,
  });
} catch (error) {
  // A bug of the suite itself: still one line, still a distinct exit code.
  process.stderr.write(`sync-check: internal error: ${errorText(error)}\n`);
  process.exitCode = 2;
}

/**
 * Inside the implementation's worker: turns the ways code can try to end or
 * escape its thread into records the run reports as findings. `process.exit`
 * throws instead of ending the thread (so a run that exits costs no restart);
 * uncaught exceptions and unhandled rejections are kept instead of crashing.
 */
import { errorText } from '../../check/callService.ts';

/** Thrown in place of ending the thread; an implementation that catches it is still reported. */
export class ProcessExitCalled extends Error {
  constructor(readonly code: unknown) {
    super(`the server called process.exit(${typeof code === 'number' || typeof code === 'string' ? String(code) : ''})`);
    this.name = 'ProcessExit';
  }
}

/** What the implementation did outside the normal flow of a call, since the last `take()`. */
export class Misbehaviour {
  private noted: string | undefined;

  /** Installs the guards on this thread's `process`. */
  install(): void {
    const exitCalled = (code?: unknown): never => {
      const error = new ProcessExitCalled(code);
      this.note(error.message);
      throw error;
    };
    process.exit = exitCalled;
    process.abort = (() => exitCalled('abort'));
    const kill = process.kill.bind(process);
    // Signalling the checker's own process (which this thread shares) would end the checker, not the implementation.
    process.kill = ((pid: number, signal?: string | number) => {
      if (pid === process.pid || pid === 0 || pid === -process.pid) return exitCalled(`kill ${String(signal ?? 'SIGTERM')}`);
      return kill(pid, signal);
    });
    process.on('uncaughtException', (error) => this.note(`an uncaught ${errorText(error)} escaped the server (thrown outside the reply, e.g. in a timer)`));
    process.on('unhandledRejection', (reason) => this.note(`the server left a Promise rejected and unhandled: ${errorText(reason)}`));
  }

  /** Keeps the first thing that went wrong. */
  note(what: string): void {
    this.noted ??= what;
  }

  /** What went wrong since the last take, and forgets it. */
  take(): string | undefined {
    const noted = this.noted;
    this.noted = undefined;
    return noted;
  }
}

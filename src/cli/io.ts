/** Where the command line's output goes: the bin passes the process streams, tests pass collectors. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A terminal for the progress line, if there is one (stderr, when stdout is a terminal too). */
  readonly progress?: NodeJS.WriteStream;
  /** Registers what to do on Ctrl-C, SIGTERM or SIGHUP (the bin wires the signals; tests may call it themselves). */
  readonly onInterrupt?: (interrupt: () => void) => void;
  /** The environment (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY...); process.env when absent. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The exit code of a check interrupted before it found a failure. */
export const INTERRUPTED_EXIT = 130;

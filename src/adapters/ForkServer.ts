/**
 * The Python adapter run as a fork server (sync_fork_server.py): the solution is
 * loaded once, and each connection to its Unix socket is served by a child forked
 * from the loaded interpreter. A solution that exits, crashes or hangs then costs
 * a fork (milliseconds), not an interpreter start and a module load (tens to
 * hundreds of milliseconds), which is most of the time to a verdict for such a
 * solution, since shrinking its failure starts a fresh process at every step.
 * Each child looks like a process to ChildConnection: its socket is its input
 * and output, and the server reports how it ended.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import type { ProcessLike } from './ChildConnection.ts';
import { ForkedChild, parseLine } from './ForkedChild.ts';
import { LineSplitter } from './LineSplitter.ts';
import { LoadError } from './loadModule.ts';
import { trackRunning } from './runningProcesses.ts';
import { OutputTail, processEndText, startError, startTimedOut, STARTUP_TIMEOUT_MS } from './startFailure.ts';

const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]));

/**
 * The interpreter each started server said it is (sys.executable), by what the program name meant when it
 * started (the PATH, the directory, pyenv's version variable). `python3` is often a shim (pyenv's costs about
 * 0.1 CPU-second and a dozen processes per start): a second server in the same process starts the interpreter itself.
 */
const realPrograms = new Map<string, string>();
const programKey = (program: string): string => [program, process.cwd(), process.env.PATH, process.env.PYENV_VERSION].join('\0');

export class ForkServer {
  /** Settles when the solution has loaded (or failed to, with a LoadError). */
  readonly ready: Promise<void>;
  private readonly server: ChildProcessWithoutNullStreams;
  private readonly folder = mkdtempSync(path.join(tmpdir(), 'sync-check-forks-'));
  private readonly socketPath = path.join(this.folder, 'forks.sock');
  private readonly children = new Map<number, ForkedChild>();
  /** Reports about children not yet known by pid, kept until they are. */
  private readonly early = new Map<number, Readonly<Record<string, unknown>>[]>();
  private readonly stderrTail = new OutputTail();
  private ended = false;
  private readonly untrack: () => void;

  /** Starts `program args... --fork-server SOCKET`; `label` names the solution in messages. */
  constructor(program: string, args: readonly string[], private readonly label: string) {
    const key = programKey(program);
    this.server = spawn(realPrograms.get(key) ?? program, [...args, '--fork-server', this.socketPath], { stdio: ['pipe', 'pipe', 'pipe'] });
    // A remembered interpreter that cannot start any more is forgotten: the next server asks the program name again.
    this.server.on('error', () => realPrograms.delete(key));
    this.untrack = trackRunning(() => this.kill());
    this.server.stdin.on('error', () => {});
    this.ready = this.waitUntilReady(program, key);
    this.ready.catch(() => {});
  }

  get alive(): boolean {
    return !this.ended;
  }

  /** A child serving one connection: a process to ChildConnection. */
  connect(): ProcessLike {
    const child = new ForkedChild(connect(this.socketPath), (pid) => this.registered(pid, child));
    if (this.ended) child.serverEnded();
    return child;
  }

  /** Ends the server and every child at once. */
  kill(): void {
    if (!this.ended) this.server.kill('SIGKILL');
    for (const child of this.children.values()) child.kill();
  }

  /** Ends the server politely (its children are killed by it), then firmly. */
  async close(): Promise<void> {
    if (!this.ended) {
      const exited = new Promise<void>((resolve) => this.server.once('exit', () => resolve()));
      this.server.stdin.end();
      const timer = setTimeout(() => this.kill(), 1000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.folder, { recursive: true, force: true });
  }

  private waitUntilReady(program: string, key: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let started = false;
      const timer = setTimeout(() => {
        reject(startTimedOut(this.label));
        this.kill();
      }, STARTUP_TIMEOUT_MS);
      this.server.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(startError(this.label, program, error));
      });
      this.server.stderr.on('data', (chunk: Buffer) => this.keepStderr(chunk));
      const lines = new LineSplitter({
        onLineStart: () => {},
        onOversized: () => this.kill(),
        onLine: (line) => {
          const message = parseLine(line);
          if (started) return this.childReport(message);
          clearTimeout(timer);
          started = true;
          if (message.ready === true && message.forks === true) {
            if (typeof message.executable === 'string' && path.isAbsolute(message.executable)) realPrograms.set(key, message.executable);
            return resolve();
          }
          const reason = typeof message.fatal === 'string' ? message.fatal : `unexpected first line ${line.slice(0, 80)}`;
          reject(new LoadError(`cannot load ${this.label}: ${reason}`));
        },
      });
      this.server.stdout.on('data', (chunk: Buffer) => lines.write(chunk));
      this.server.on('exit', (code, signal) => {
        clearTimeout(timer);
        this.ended = true;
        this.untrack();
        const how = processEndText(code, signal);
        const tail = this.stderrTail.suffix();
        if (!started) reject(new LoadError(`cannot load ${this.label}: the process ${how}${tail}`));
        for (const child of this.children.values()) child.serverEnded();
      });
    });
  }

  /** A child has said its pid: what the server reported of it before that is its own. */
  private registered(pid: number, child: ForkedChild): void {
    this.children.set(pid, child);
    const early = this.early.get(pid) ?? [];
    this.early.delete(pid);
    for (const report of early) this.childReport(report);
  }

  /** The server's report of a child's output ({"output": PID, "text": ...}) or end ({"exit": PID, "code": N} or {"exit": PID, "signal": N}). */
  private childReport(message: Readonly<Record<string, unknown>>): void {
    const pid = typeof message.output === 'number' ? message.output : message.exit;
    if (typeof pid === 'number' && !this.children.has(pid)) {
      // Reported before the child's first line arrived on its socket (the two race).
      this.early.set(pid, [...(this.early.get(pid) ?? []), message]);
      return;
    }
    if (typeof message.output === 'number' && typeof message.text === 'string') {
      this.children.get(message.output)?.stderr.write(message.text);
      return;
    }
    if (typeof message.exit !== 'number') return;
    const child = this.children.get(message.exit);
    this.children.delete(message.exit);
    const signal = typeof message.signal === 'number' ? (SIGNAL_NAMES.get(message.signal) ?? 'SIGKILL') : null;
    child?.ended({ code: typeof message.code === 'number' ? message.code : null, signal });
  }

  /** What the server printed while loading the solution (its children's output comes as reports). */
  private keepStderr(chunk: Buffer): void {
    for (const line of chunk.toString().split('\n').filter((text) => text !== '')) this.stderrTail.add(line);
  }
}

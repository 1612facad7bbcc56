/**
 * The per-message timeout a search uses. It starts at the full timeout; once a
 * call has hung, later runs use a tighter one derived from the implementation's
 * observed latency, so a server that hangs does not make every later run (and
 * every shrink candidate) wait the full timeout. Findings made under the tight
 * timeout are confirmed under a generous one before they are reported.
 */

/**
 * Ten times the slowest answer seen, at least 50 ms, at most the full timeout. On a loaded machine
 * the slowest answer seen grows, and the tight timeout with it; a hang under it is a shrink step
 * or an abandoned run, never a verdict (findings are confirmed under the full timeout).
 */
export function tightTimeoutMs(slowestCallMs: number, fullMs: number): number {
  return Math.min(fullMs, Math.max(50, Math.ceil(slowestCallMs * 10)));
}

/** How many hangs under the tight timeout are confirmed under a generous one before the tight timeout is trusted. */
const CONFIRMATIONS_TRUSTED = 3;

export class HangPace {
  private slowestCallMs = 0;
  private tight = false;
  private confirmedHangs = 0;
  /** Set when a hang under the tight timeout answered under the generous one: the server is slow, not hung. */
  private slow = false;

  constructor(readonly fullMs: number) {}

  /** The timeout for the next run. */
  get timeoutMs(): number {
    return this.tight ? tightTimeoutMs(this.slowestCallMs, this.fullMs) : this.fullMs;
  }

  /** The timeout that confirms a hang: the full one, so a hang is reported only when seen twice, once at the user's own timeout. */
  get generousMs(): number {
    return this.fullMs;
  }

  /** Learns from a finished run. */
  observe(result: { readonly slowestCallMs?: number; readonly hung?: boolean }): void {
    this.slowestCallMs = Math.max(this.slowestCallMs, result.slowestCallMs ?? 0);
    if (result.hung === true && !this.slow) this.tight = true;
  }

  /** True while hangs seen under the tight timeout must still be run again under the generous one. */
  get confirming(): boolean {
    return this.confirmedHangs < CONFIRMATIONS_TRUSTED;
  }

  /** Learns whether a hang under the tight timeout was confirmed under the generous one. */
  confirmation(stillHung: boolean): void {
    if (stillHung) {
      this.confirmedHangs++;
      return;
    }
    this.slow = true;
    this.tight = false;
  }
}

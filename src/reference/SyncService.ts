/** The reference server: an append-only log, answering a probe with everything from `from` on. */
import { serverStep, type ServerReply, type WireRecord } from '../../model/index.ts';

export class SyncService {
  /** Every record received, in arrival order. */
  private log: readonly WireRecord[] = [];

  /** Handles one message; returns the reply (undefined for a record). Never throws. */
  onMessage(message: unknown): ServerReply {
    const { log, reply } = serverStep(this.log, message);
    this.log = log;
    return reply;
  }

  /** How many records the server holds (for tests and reports). */
  get recordCount(): number {
    return this.log.length;
  }

  /** A copy of the log, in the order the server promises. */
  records(): WireRecord[] {
    return [...this.log];
  }
}

/** The entry point the checker looks for. */
export function createSyncService(): SyncService {
  return new SyncService();
}

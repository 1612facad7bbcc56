/**
 * The reference server: the model's decision functions (model/classifyMessage.ts,
 * model/server.ts) over a mutable append-only log. Nothing of the protocol is
 * written here: classification, replies and error text all come from the model.
 */
import { classifyMessage, serverReply, type ServerReply, type WireRecord } from '../../model/index.ts';

export class SyncService {
  /** Every record received, in arrival order. Mutated in place: appending must not copy the log. */
  private readonly log: WireRecord[] = [];

  /** Handles one message; returns the reply (undefined for a record). Never throws. */
  onMessage(message: unknown): ServerReply {
    const classified = classifyMessage(message, this.log.length);
    if (classified.kind === 'record') this.log.push(classified.record);
    return serverReply(classified, this.log);
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

/** The reference server: an append-only log, answering a probe with everything from `from` on. */
import { isObject, NOOP_REPLY, invalidFromReason, type ServerReply, type WireRecord } from '../../model/index.ts';

export class SyncService {
  /** Every record received, in arrival order. Mutated in place: appending must not copy the log. */
  private readonly log: WireRecord[] = [];

  /** Handles one message; returns the reply (undefined for a record). Never throws. */
  onMessage(message: unknown): ServerReply {
    if (!isObject(message)) return { type: 'error', message: 'a message must be an object' };
    if (Object.keys(message).length === 0) return NOOP_REPLY;
    if (message.type === 'record') {
      this.log.push(message as unknown as WireRecord);
      return undefined;
    }
    if (message.type !== 'probe') return { type: 'error', message: `unknown message type ${JSON.stringify(message.type)}` };
    const reason = invalidFromReason(message.from, this.log.length);
    if (reason !== undefined) return { type: 'error', message: reason };
    const from = message.from as number;
    return { type: 'update', from, data: this.log.slice(from) };
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

/**
 * The liveness phase on the model: rounds of reliable probing after the last
 * emission. The model checker judges L1 and L2 by them (its packed twin counts
 * the rounds on bytes, and decodes to this to say why a run did not converge).
 */
import { applyReply } from './applyReply.ts';
import type { ModelState } from './state.ts';
import { step } from './step.ts';

/** One round of reliable probing: each device in turn probes, and the reply reaches it at once. */
export function reliableRound(state: ModelState): ModelState {
  return state.devices.reduce<ModelState>((acc, _device, device) => {
    const probed = step(acc, { kind: 'probe', device });
    const entry = probed.pending.at(-1);
    if (entry === undefined) return probed;
    const devices = probed.devices.map((item, position) => (position === device ? { ...item, records: applyReply(item.records, entry.reply) } : item));
    return { ...probed, devices, pending: probed.pending.slice(0, -1) };
  }, state);
}

/**
 * The model checker's paths: how a stored state was first reached, as model
 * events that replay with model/step. Only fingerprints of states are kept, so
 * a path is rebuilt from the initial state along the recorded events.
 */
import type { ModelEvent } from '../../model/index.ts';
import { boundedContent } from './modelCheckerBounds.ts';
import type { Growing } from './packed/Growing.ts';
import { initialPacked, type Layout } from './packed/packedLayout.ts';
import { applyCode, argumentOf, countPerDevice, DELIVER, DROP, DUPLICATE, EMIT, EMPTY, kindOf, PROBE } from './packed/packedStep.ts';
import { rename, type Renamings } from './packed/symmetry.ts';

/**
 * The path to state `number` (then `last`) as model events in the original
 * device names. The states themselves are gone (only fingerprints are kept), so
 * the path is replayed from the initial state: each step applies the recorded
 * event and renames the result as the search did, which gives the stored state
 * back. Each stored state was renamed to its canonical form, so the events after
 * it are named in that form and are renamed back here.
 */
export function eventsAlong(
  layout: Layout,
  { permutations, recordMaps }: Renamings,
  parents: Growing<Int32Array>,
  codes: Growing<Uint16Array>,
  renamings: Growing<Uint8Array>,
  number: number,
  last: number | undefined,
): ModelEvent[] {
  const chain: number[] = [];
  for (let at = number; at > 0; at = parents.at(at)) chain.unshift(at);
  // toOriginal[d]: the original name of device d as the current canonical state names it.
  let toOriginal = permutations[0]!.map((_unused, device) => device);
  const events: ModelEvent[] = [];
  const state = initialPacked(layout);
  const next = new Uint8Array(layout.width);
  const sent = new Int32Array(layout.devices);
  const pendingOf = new Int32Array(layout.devices);
  const eventOf = (code: number): ModelEvent => {
    countPerDevice(layout, state, sent, pendingOf);
    return toEvent(layout, state, code, sent, toOriginal);
  };
  for (const at of chain) {
    const code = codes.at(at);
    events.push(eventOf(code));
    const used = renamings.at(at);
    const renaming = permutations[used]!;
    applyCode(layout, state, code, next, sent);
    rename(layout, next, renaming, recordMaps[used]!, state);
    // The stored state names original device toOriginal[d] as renaming[d].
    const inverse: number[] = [];
    renaming.forEach((newName, oldName) => (inverse[newName] = toOriginal[oldName]!));
    toOriginal = inverse;
  }
  if (last !== undefined) events.push(eventOf(last));
  return events;
}

function toEvent(layout: Layout, state: Uint8Array, code: number, sent: Int32Array, toOriginal: readonly number[]): ModelEvent {
  const argument = argumentOf(code);
  const pick = state[layout.pendingCountAt]! - 1 - argument;
  switch (kindOf(code)) {
    case EMIT:
      return { kind: 'emit', device: toOriginal[argument]!, content: boundedContent(toOriginal[argument]!, sent[argument]!) };
    case PROBE:
      return { kind: 'probe', device: toOriginal[argument]! };
    case EMPTY:
      return { kind: 'empty', device: toOriginal[argument]! };
    case DELIVER:
      return { kind: 'deliver', pick };
    case DROP:
      return { kind: 'drop', pick };
    case DUPLICATE:
      return { kind: 'duplicate', pick };
    default:
      throw new RangeError(`unknown event code ${code}`);
  }
}

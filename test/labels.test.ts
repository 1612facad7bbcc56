/**
 * The statistics labels about replies follow the replies' numbers and devices
 * alone (properties/labels.ts); here they are held to the labels the whole model
 * gives when stepped event by event, on generated scenarios of every mode and on
 * events that name no device or no reply.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState, NETWORK_MODES, replyActedOn, step, type ModelState } from '../model/index.ts';
import { scenarioArbitrary } from '../properties/arbitraries/index.ts';
import { replyLabels } from '../properties/labels.ts';
import type { Scenario } from '../properties/index.ts';
import { testSeed } from './support/testSeed.ts';

/** The labels as the model, stepped whole, gives them. */
function labelsByStepping(scenario: Scenario): string[] {
  const labels = new Set<string>();
  const newestDelivered = new Map<number, number>();
  let state: ModelState = initialState(scenario.mode, scenario.deviceCount);
  for (const event of scenario.events) {
    const acted = replyActedOn(state, event);
    if (acted !== undefined && event.kind === 'drop') labels.add('lost replies');
    if (acted !== undefined && event.kind === 'duplicate') labels.add('duplicated replies');
    if (acted !== undefined && event.kind !== 'drop') {
      if (acted.id < (newestDelivered.get(acted.device) ?? 0)) labels.add('reordered replies');
      newestDelivered.set(acted.device, Math.max(acted.id, newestDelivered.get(acted.device) ?? 0));
    }
    state = step(state, event);
  }
  return [...labels].sort();
}

describe('reply labels', () => {
  it.each(NETWORK_MODES)('are the labels of the stepped model, in %s mode', (mode) => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenarioArbitrary(mode), (scenario) => {
        const labels = replyLabels(scenario);
        labels.forEach((label) => seen.add(label));
        expect(labels).toEqual(labelsByStepping(scenario));
      }),
      { seed: testSeed, numRuns: 300 },
    );
    // The comparison saw the labels it is about, not only empty lists.
    expect([...seen].sort()).toEqual(mode === 'reorder' ? ['duplicated replies', 'lost replies', 'reordered replies'] : ['lost replies']);
  });

  it('ignore events from devices that do not exist and picks with nothing pending, as the model does', () => {
    const scenario: Scenario = {
      mode: 'reorder',
      deviceCount: 2,
      events: [{ kind: 'drop', pick: 0 }, { kind: 'probe', device: 2 }, { kind: 'probe', device: -1 }, { kind: 'probe', device: 1 }, { kind: 'probe', device: 0 }, { kind: 'deliver', pick: 1 }, { kind: 'deliver', pick: 0 }],
    };
    expect(replyLabels(scenario)).toEqual(labelsByStepping(scenario));
    for (const device of [2, -1, 0.5]) {
      const lost: Scenario = { mode: 'fifo', deviceCount: 2, events: [{ kind: 'probe', device }, { kind: 'drop', pick: 0 }] };
      expect(replyLabels(lost)).toEqual([]);
      expect(labelsByStepping(lost)).toEqual([]);
    }
  });
});

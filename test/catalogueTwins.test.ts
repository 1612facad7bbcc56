/**
 * Properties are data in the catalogue; every engine that cannot call the
 * catalogue's checks directly keeps twins keyed by catalogue id. These tests
 * hold the keys to the catalogue, so that a property or goal added there
 * without a twin in each engine fails here, and hold the harness's typed-array
 * twins of S1-S3 to the catalogue's own checks. (The packed explorer's twins are
 * held to the catalogue transition by transition in test/compactModel.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRecord, NETWORK_MODES, type WireRecord } from '../model/index.ts';
import {
  CATALOGUE,
  GOALS,
  goalsFor,
  MODEL_INVARIANT_IDS,
  MODEL_LIVENESS_IDS,
  propertyById,
  type DeviceView,
  type Property,
  type PropertyId,
  type StepObservation,
} from '../properties/index.ts';
import { GOAL_MINIMUMS } from '../src/modelChecker/goalBounds.ts';
import { PACKED_GOALS, PACKED_INVARIANTS, PACKED_LIVENESS, packedChecks } from '../src/modelChecker/packedChecks.ts';
import { FAST_SAFETY, type RecordFacts } from '../src/simulate/fastSafety.ts';
import { HARNESS_SAFETY_IDS } from '../src/harness/harnessSafety.ts';
import { IdList } from '../src/simulate/IdList.ts';
import { objectGoals, objectInvariants, objectLiveness } from './oracles/objectChecks.ts';

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

/** A property judged over model states: one over the devices' records, or one about the end of a run. */
const isModelLevel = (property: Property): boolean => property.when === 'end' || property.watches === 'records';

/** Records properties the original harness leaves out, and why. */
const NOT_JUDGED_BY_HARNESS: Readonly<Partial<Record<PropertyId, string>>> = {
  S4: "it compares each device's count before and after every event; the harness samples states every so many rounds",
};

describe('every model-level property of the catalogue has a twin in each engine', () => {
  it('the model-level ids are exactly the catalogue properties over device records and the end of a run', () => {
    const modelLevel = CATALOGUE.filter(isModelLevel);
    expect(sorted(MODEL_INVARIANT_IDS)).toEqual(sorted(modelLevel.filter((property) => property.when === 'step').map((property) => property.id)));
    expect(sorted(MODEL_LIVENESS_IDS)).toEqual(sorted(modelLevel.filter((property) => property.when === 'end').map((property) => property.id)));
  });

  it('the model checker has a packed twin for each', () => {
    expect(sorted(Object.keys(PACKED_INVARIANTS))).toEqual(sorted(MODEL_INVARIANT_IDS));
    expect(sorted(Object.keys(PACKED_LIVENESS))).toEqual(sorted(MODEL_LIVENESS_IDS));
  });

  it.each(NETWORK_MODES)('%s: both explorers judge exactly the model-level properties the catalogue guarantees in the mode', (mode) => {
    const guaranteed = CATALOGUE.filter((property) => isModelLevel(property) && property.modes.includes(mode));
    const invariants = sorted(guaranteed.filter((property) => property.when === 'step').map((property) => property.id));
    const liveness = sorted(guaranteed.filter((property) => property.when === 'end').map((property) => property.id));
    expect(sorted(Object.keys(objectInvariants(mode)))).toEqual(invariants);
    expect(sorted(Object.keys(packedChecks(mode).invariants))).toEqual(invariants);
    expect(sorted(Object.keys(objectLiveness))).toEqual(liveness);
    expect(sorted(Object.keys(packedChecks(mode).liveness))).toEqual(liveness);
  });

  it('the harness judges every records property of the catalogue, or says why not', () => {
    for (const property of CATALOGUE) {
      if (property.when !== 'step' || property.watches !== 'records') continue;
      const judged = (HARNESS_SAFETY_IDS as readonly string[]).includes(property.id);
      expect(judged || NOT_JUDGED_BY_HARNESS[property.id] !== undefined, property.id).toBe(true);
      expect(judged && NOT_JUDGED_BY_HARNESS[property.id] !== undefined, property.id).toBe(false);
    }
    expect(sorted(Object.keys(FAST_SAFETY))).toEqual(sorted(HARNESS_SAFETY_IDS));
  });
});

describe('"sometimes" goals are named once', () => {
  it.each(NETWORK_MODES)('%s: both explorers track the catalogue goals of the mode, in its order', (mode) => {
    const names = goalsFor(mode).map((id) => GOALS[id].name);
    expect(objectGoals(mode).map((goal) => goal.name)).toEqual(names);
    expect(packedChecks(mode).goals.map((goal) => goal.name)).toEqual(names);
  });

  it('each goal has a packed test and a smallest bound', () => {
    expect(sorted(Object.keys(PACKED_GOALS))).toEqual(sorted(Object.keys(GOALS)));
    expect(sorted(Object.keys(GOAL_MINIMUMS))).toEqual(sorted(Object.values(GOALS).map((goal) => goal.name)));
  });
});

/** Device d's k-th record: distinct for every (d, k). */
const recordOf = (device: number, sequence: number): WireRecord =>
  makeRecord(device, { timestamp: `t${sequence}`, data: { a: `d${device}`, b: `r${sequence}`, c: '' } });

/** A world of `sent[d]` records per device, each device holding the listed ids (an id past the last is a record no one sent). */
function world(sent: readonly number[], lists: readonly (readonly number[])[]): { facts: RecordFacts; devices: IdList[]; views: DeviceView[] } {
  const facts: RecordFacts = { device: new IdList(), round: new IdList(), sequence: new IdList() };
  const records: WireRecord[] = [];
  sent.forEach((count, device) => {
    for (let sequence = 0; sequence < count; sequence++) {
      facts.device.push(device);
      facts.round.push(0);
      facts.sequence.push(sequence);
      records.push(recordOf(device, sequence));
    }
  });
  const unsent = recordOf(99, 0);
  const devices = lists.map((ids) => {
    const list = new IdList();
    for (const id of ids) list.push(id);
    return list;
  });
  const views = lists.map((ids, device) => ({
    id: `dev_${device}`,
    records: ids.map((id) => records[id] ?? unsent),
    sent: records.filter((record) => record.dev_id === `dev_${device}`),
  }));
  return { facts, devices, views };
}

describe("the fast harness's typed-array twins of S1-S3 agree with the catalogue's checks", () => {
  const scenario = fc
    .array(fc.nat(3), { minLength: 1, maxLength: 3 })
    .chain((sent) => {
      const total = sent.reduce((sum, count) => sum + count, 0);
      const id = fc.nat(total);
      // Prefixes of one order (often correct), or any lists at all (often not).
      const order = fc.shuffledSubarray(Array.from({ length: total }, (_unused, index) => index), { minLength: total, maxLength: total });
      const prefixes = order.chain((ids) => fc.array(fc.nat(ids.length), { minLength: sent.length, maxLength: sent.length }).map((lengths) => lengths.map((length) => ids.slice(0, length))));
      const anything = fc.array(fc.array(id, { maxLength: 5 }), { minLength: sent.length, maxLength: sent.length });
      return fc.tuple(fc.constant(sent), fc.oneof(prefixes, anything));
    });

  it.each(HARNESS_SAFETY_IDS)('%s: the same verdict on the same lists', (id) => {
    const property = propertyById(id);
    let violations = 0;
    fc.assert(
      fc.property(scenario, ([sent, lists]) => {
        const { facts, devices, views } = world(sent, lists);
        const observation: StepObservation = { mode: 'seed', event: { kind: 'probe', device: 0 }, devices: views, countsBefore: [] };
        const catalogueVerdict = property.when === 'step' ? property.check(observation) : undefined;
        const twinVerdict = FAST_SAFETY[id](devices, facts);
        if (catalogueVerdict !== undefined) violations++;
        expect(twinVerdict === undefined, `catalogue: ${catalogueVerdict}; twin: ${twinVerdict}`).toBe(catalogueVerdict === undefined);
      }),
      { numRuns: 500, seed: 13 },
    );
    // The scenarios reach both verdicts.
    expect(violations).toBeGreaterThan(10);
    expect(violations).toBeLessThan(490);
  });
});

/**
 * The model checker's store of seen states (64-bit fingerprints) and its queue
 * of states to expand: what each keeps, what each lets go, and the collision
 * estimate the report prints. test/compactModel.test.ts and test/explore.test.ts
 * hold the search built on them to the object explorer and the documented counts.
 */
import { describe, expect, it } from 'vitest';
import { exploreText, probabilityText } from '../src/cli/exploreCommand.ts';
import { COLLISION_WARNING, modelCheckVerdict } from '../src/modelChecker/goalBounds.ts';
import { checkModel } from '../src/modelChecker/checkModel.ts';
import { collisionProbability, FingerprintSet, fingerprintOf } from '../src/modelChecker/packed/FingerprintSet.ts';
import { StateQueue } from '../src/modelChecker/packed/StateQueue.ts';

const lows = new Int32Array(1);
const highs = new Int32Array(1);
const fingerprint = (words: readonly number[]): [number, number] => {
  fingerprintOf(Uint32Array.from(words), words.length, lows, highs, 0);
  return [lows[0]!, highs[0]!];
};

describe('FingerprintSet', () => {
  it('adds a state once: the second add of the same words says it was seen', () => {
    const seen = new FingerprintSet(4);
    expect(seen.add(...fingerprint([1, 2, 3]))).toBe(true);
    expect(seen.add(...fingerprint([1, 2, 3]))).toBe(false);
    expect(seen.add(...fingerprint([1, 2, 4]))).toBe(true);
    expect(seen.size).toBe(2);
  });

  it('keeps every one of many distinct states through its doublings, and refuses each again', () => {
    const seen = new FingerprintSet(4);
    const states = Array.from({ length: 50_000 }, (_unused, index) => [index & 0xff, index >>> 8, 7]);
    expect(states.every((state) => seen.add(...fingerprint(state)))).toBe(true);
    expect(states.some((state) => seen.add(...fingerprint(state)))).toBe(false);
    expect(seen.size).toBe(50_000);
    expect(seen.bytes).toBeGreaterThanOrEqual(50_000 * 2 * 8);
  });

  it('tells states apart that differ in one bit anywhere, in either half of the fingerprint', () => {
    const base = [0x12345678, 0, 0xdeadbeef, 42];
    const [low, high] = fingerprint(base);
    for (let word = 0; word < base.length; word++) {
      for (let bit = 0; bit < 32; bit++) {
        const flipped = base.map((value, index) => (index === word ? (value ^ (1 << bit)) >>> 0 : value));
        const [otherLow, otherHigh] = fingerprint(flipped);
        expect(otherLow === low || otherHigh === high).toBe(false);
      }
    }
  });

  it('never uses (0, 0), which marks an empty slot', () => {
    for (let value = 0; value < 2000; value++) expect(fingerprint([value, 0])).not.toEqual([0, 0]);
  });

  it('touch reads slots and changes nothing', () => {
    const seen = new FingerprintSet(4);
    seen.add(...fingerprint([9]));
    const [low] = fingerprint([9]);
    seen.touch(Int32Array.of(low, low + 1), 2);
    expect(seen.add(...fingerprint([9]))).toBe(false);
    expect(seen.size).toBe(1);
  });
});

describe('the collision estimate', () => {
  it("is TLC's optimistic d(g - d)/2^64", () => {
    expect(collisionProbability(2 ** 20, 2 ** 20 + 2 ** 24)).toBe(2 ** 44 / 2 ** 64);
    expect(collisionProbability(10, 10)).toBe(0);
  });

  it('is printed with two significant digits', () => {
    expect(probabilityText(2.0741e-8)).toBe('2.1e-8');
    expect(probabilityText(0.0123)).toBe('0.012');
    expect(probabilityText(0)).toBe('0');
  });

  it('is reported by a search, from its distinct states and transitions', () => {
    const report = checkModel({ mode: 'fifo', devices: 2, recordsPerDevice: 1, pendingPerDevice: 1 });
    expect(report.collisionProbability).toBe(collisionProbability(report.distinctStates, report.transitions + 1));
    expect(report.collisionProbability).toBeGreaterThan(0);
  });
});

describe('StateQueue', () => {
  it('hands states back in order, and lets go of each chunk of 65,536 once read', () => {
    const queue = new StateQueue(8);
    const state = new Uint32Array(2);
    const total = 3 * 65_536 + 5;
    for (let index = 0; index < total; index++) {
      state[0] = index;
      state[1] = total - index;
      queue.push(state);
    }
    expect(queue.size).toBe(total);
    const out = new Uint32Array(2);
    for (let index = 0; index < total; index++) {
      queue.read(index, out);
      if (out[0] !== index || out[1] !== total - index) throw new Error(`state ${index} came back as ${out.join(',')}`);
    }
    expect(() => queue.read(0, out)).toThrow('already read');
    expect(queue.peakBytes).toBe(4 * 65_536 * 8);
  });

  it('holds only the chunks not yet read: a queue read as it grows stays small', () => {
    const queue = new StateQueue(4);
    const state = new Uint32Array(1);
    const out = new Uint32Array(1);
    for (let index = 0; index < 10 * 65_536; index++) {
      queue.push(state);
      queue.read(index, out);
    }
    expect(queue.peakBytes).toBe(65_536 * 4);
  });
});

describe('a search whose collision chance is too high to be a proof', () => {
  const clean = checkModel({ mode: 'fifo', devices: 2, recordsPerDevice: 1, pendingPerDevice: 1 });

  it('is a warning, not clean, and says so where it would say "no violation in any reachable state"', () => {
    const risky = { ...clean, collisionProbability: 2 * COLLISION_WARNING };
    expect(modelCheckVerdict(clean)).toBe('clean');
    expect(modelCheckVerdict(risky)).toBe('warning');
    const text = exploreText(risky).join('\n');
    expect(text).not.toContain('in any reachable state');
    expect(text).toContain('in any state searched; WARNING: a fingerprint collision may have hidden states from the search (chance 2.0e-4, above 1.0e-4)');
  });

  it('stays a failure when it found a violation, whatever the chance', () => {
    const violated = { ...clean, collisionProbability: 0.5, violation: { invariant: 'S1', message: 'x', path: [] } };
    expect(modelCheckVerdict(violated)).toBe('failure');
  });
});

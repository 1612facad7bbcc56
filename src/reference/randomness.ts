/** Seeded randomness for the reference devices: every choice flows from one seed. */
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** A generator that gives the same sequence for the same seed. */
export function seededRandom(seed: string | number): Random {
  return seedrandom(String(seed));
}

/** A version-4 UUID string made from `random`, so payloads replay with the seed. */
export function randomUuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = (Math.floor(random() * 4) + 8).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

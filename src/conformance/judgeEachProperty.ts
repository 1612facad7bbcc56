/**
 * The loop every strategy shares: search with every property still unjudged;
 * when one breaks, give it that counterexample and search again without it,
 * so that each property gets a verdict of its own.
 */
import { CATALOGUE, type Property, type PropertyId } from '../../properties/index.ts';
import type { ExplainedCounterexample, PropertyVerdict } from './ConformanceReport.ts';
import { verdictOf } from './verdicts.ts';

/** What one search over the unjudged properties showed. */
export interface SearchRound {
  /** A counterexample to one of them, if the search found one. */
  readonly counterexample: ExplainedCounterexample | undefined;
  /** Runs or sequences that judged the properties in this search. */
  readonly judged: number;
  /** Without a counterexample: what the unjudged properties get (a pass only when the search covered what it set out to). */
  readonly unbroken: 'pass' | 'n/a';
  /** True when no further search may follow (cut short, or asked to stop at the first failure). */
  readonly last: boolean;
}

/** Verdicts in catalogue order; a property no search reached is n/a with 0 runs. */
export async function judgeEachProperty(properties: readonly Property[], search: (active: readonly Property[]) => Promise<SearchRound>): Promise<PropertyVerdict[]> {
  let active = properties;
  const verdicts = new Map<PropertyId, PropertyVerdict>();
  while (active.length > 0) {
    const round = await search(active);
    const found = round.counterexample;
    if (found === undefined) {
      for (const property of active) verdicts.set(property.id, verdictOf(property.id, round.unbroken, round.judged));
      break;
    }
    const { property, level } = found.finding;
    // Each search judges only the active properties; anything else would loop forever.
    if (!active.some((item) => item.id === property)) throw new Error(`internal: ${property} was reported but not judged`);
    verdicts.set(property, { ...verdictOf(property, level, round.judged), counterexample: found });
    active = active.filter((item) => item.id !== property);
    if (round.last) break;
  }
  return CATALOGUE.map((property) => verdicts.get(property.id) ?? verdictOf(property.id, 'n/a', 0));
}

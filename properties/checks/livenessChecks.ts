/** Liveness checks at the end of a run (L1, L2). Each returns a violation, or undefined. */
import type { EndObservation } from '../observation.ts';

/** The number of reliable rounds within which L2 expects convergence. */
export const PROMPT_ROUNDS = 2;

/** The rounds of reliable probing within which L1 expects convergence, after `totalRecords` were sent. */
export function convergenceRoundLimit(totalRecords: number): number {
  return totalRecords + 2;
}

/** L1: every device holds everything, in one order, within total records + 2 rounds. */
export function checkConvergence({ roundsToConverge, roundLimit, gap }: EndObservation): string | undefined {
  if (roundsToConverge !== undefined) return undefined;
  return `not converged after ${roundLimit} rounds of reliable probing: ${gap ?? 'unknown gap'}`;
}

/** L2: the same within two rounds. */
export function checkPromptConvergence({ roundsToConverge }: EndObservation): string | undefined {
  if (roundsToConverge === undefined || roundsToConverge <= PROMPT_ROUNDS) return undefined;
  return `converged only after ${roundsToConverge} rounds (prompt means within ${PROMPT_ROUNDS})`;
}

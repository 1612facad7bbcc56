/** How long a whole check may take, and whether the user asked it to stop. */

export type CutShort = 'budget' | 'interrupted';

export class SearchBudget {
  private readonly deadline: number | undefined;
  private interrupted = false;

  /** `seconds` undefined: no time limit (only an interrupt stops the search). */
  constructor(readonly seconds?: number) {
    this.deadline = seconds === undefined ? undefined : performance.now() + seconds * 1000;
  }

  /** Asks every search using this budget to stop at its next run. */
  interrupt(): void {
    this.interrupted = true;
  }

  /** Why searching must stop now, or undefined while it may go on. */
  get cutShort(): CutShort | undefined {
    if (this.interrupted) return 'interrupted';
    return this.deadline !== undefined && performance.now() > this.deadline ? 'budget' : undefined;
  }
}

/** A budget with no time limit, for callers that give none. */
export const UNLIMITED = (): SearchBudget => new SearchBudget();

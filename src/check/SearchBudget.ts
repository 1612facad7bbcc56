/** How long a whole check may take, and whether the user asked it to stop. */

export type CutShort = 'budget' | 'interrupted';

export class SearchBudget {
  private readonly deadline: number | undefined;
  private interrupted = false;
  private readonly whenCut: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  /** `seconds` undefined: no time limit (only an interrupt stops the search). */
  constructor(readonly seconds?: number) {
    this.deadline = seconds === undefined ? undefined : performance.now() + seconds * 1000;
  }

  /** Asks every search using this budget to stop at its next run. */
  interrupt(): void {
    this.interrupted = true;
    this.cut();
  }

  /**
   * Calls `action` once, when the budget runs out or the search is interrupted:
   * where the run in flight must be stopped under it (its result is discarded).
   */
  whenCutShort(action: () => void): void {
    this.whenCut.push(action);
    if (this.deadline !== undefined && this.timer === undefined) {
      this.timer = setTimeout(() => this.cut(), Math.max(0, this.deadline - performance.now()));
      this.timer.unref();
    }
  }

  /** Forgets the actions (the check is over). */
  dispose(): void {
    clearTimeout(this.timer);
    this.whenCut.length = 0;
  }

  private cut(): void {
    clearTimeout(this.timer);
    for (const action of this.whenCut.splice(0)) action();
  }

  /** Why searching must stop now, or undefined while it may go on. */
  get cutShort(): CutShort | undefined {
    if (this.interrupted) return 'interrupted';
    return this.deadline !== undefined && performance.now() > this.deadline ? 'budget' : undefined;
  }
}

/** A budget with no time limit, for callers that give none. */
export const UNLIMITED = (): SearchBudget => new SearchBudget();

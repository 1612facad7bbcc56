/** One benchmark figure: a name, a value, a unit, and how it was obtained. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly detail: string;
}

/** Runs `work` and returns its wall time in seconds along with its result. */
export async function timed<Result>(work: () => Promise<Result> | Result): Promise<{ seconds: number; result: Result }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

/**
 * Every randomized test draws from one seed: SYNC_SEED (default fixed, so CI is
 * deterministic; SYNC_SEED=random picks a fresh one), SYNC_PATH to replay one
 * counterexample, SYNC_RUNS to scale the number of runs.
 */
const DEFAULT_SEED = 20_261_125;

function parseSeed(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_SEED;
  if (text === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`SYNC_SEED must be an integer or "random", got ${text}`);
  return seed;
}

export const testSeed = parseSeed(process.env.SYNC_SEED);

export const testPath: string | undefined = process.env.SYNC_PATH === '' ? undefined : process.env.SYNC_PATH;

/** The number of runs a test makes: its default, or SYNC_RUNS when set. */
export function testRuns(defaultRuns: number): number {
  const text = process.env.SYNC_RUNS;
  if (text === undefined || text === '') return defaultRuns;
  const runs = Number(text);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`SYNC_RUNS must be a positive integer, got ${text}`);
  return runs;
}

/** The command that replays a failing search of the test file `file`. */
export function replayCommand(file: string, title: string, path: string): string {
  return `SYNC_SEED=${testSeed} SYNC_PATH=${path} npx vitest run ${file} -t ${JSON.stringify(title)}`;
}

/**
 * Shows the expected failures a green run asserts (their traces and replay
 * commands) when SYNC_VERBOSE=1; otherwise a green run prints no FAILED block,
 * so that a real failure stands out.
 */
export function showExpected(text: string): void {
  if (process.env.SYNC_VERBOSE === '1') console.log(text);
}

/**
 * The order suites start in: the slowest first, so that the two workers finish
 * together instead of one running a long suite alone at the end. vitest's own
 * order needs its results cache, which a fresh clone (CI) does not have; then it
 * starts the largest files first, and a short file with long waits (python) can
 * start last. The list is measured (`npx vitest run --reporter=json`, each
 * suite's wall time on an idle 2-core machine); a suite not in it runs after
 * those that are, in vitest's order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOWEST = [
  'python',
  'exhaustiveCheck',
  'cli',
  'mutants',
  'package',
  'docsUpToDate',
  'compactModel',
  'hostile',
  'correctAlternatives',
  'reference',
  'libraryApi',
  'explore',
  'determinism',
  'moduleShapes',
  'soak',
  'failFast',
  'reports',
  'referenceAgreesWithModel',
  'interrupt',
].map((name) => `/test/${name}.test.ts`);

function rank(file: string): number {
  const index = SLOWEST.findIndex((suffix) => file.endsWith(suffix));
  return index === -1 ? SLOWEST.length : index;
}

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const inVitestOrder = await super.sort(files);
    // Array.prototype.sort is stable: suites of equal rank keep vitest's order.
    return inVitestOrder.sort((a, b) => rank(a.moduleId) - rank(b.moduleId));
  }
}

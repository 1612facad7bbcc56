/**
 * Time to a verdict as a user waits for it: `sync-check FILE --seed 1` (default
 * options otherwise) as a process of its own, start-up included, on every Python
 * fixture of the repository, the mutants and the correct ones apart, one at a time;
 * each also with --modes-at-once 1 right after it (before the modes were searched
 * at the same time), then the mutants again with --fail-fast (the verdict without the full report).
 * Issue 15's targets: a FAIL in at most 0.5 s (median over the mutants), a PASS
 * in at most 3 s, no file over 15 s, a file that exits on a probe in 2 s, the
 * hang fixture in 10 s, and a TS module's default check in 2 s.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REFERENCE, runCli } from './cliProcess.ts';
import { timed, type Figure } from './measure.ts';
import { repositoryFile, ROOT } from './repository.ts';

interface Timing {
  readonly file: string;
  readonly seconds: number;
  readonly verdict: string;
}

/** One check, timed from the process's start to its exit; the verdict from its JSON. */
async function timeCheck(file: string, extra: readonly string[] = []): Promise<Timing> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'sync-check-bench-')), 'failures');
  const { seconds, result } = await timed(() => runCli([file, '--seed', '1', '--json', '--out', out, ...extra], ROOT));
  const verdict = (JSON.parse(result.stdout) as { verdict: string }).verdict;
  return { file: path.basename(file), seconds, verdict };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Median and slowest of a group of timings, as two figures. */
function groupFigures(name: string, timings: readonly Timing[], note: string): Figure[] {
  const slowest = timings.reduce((worst, timing) => (timing.seconds > worst.seconds ? timing : worst));
  const verdicts = [...new Set(timings.map((timing) => timing.verdict.toUpperCase()))].join('/');
  return [
    { name: `${name}, median`, value: round(median(timings.map((timing) => timing.seconds))), unit: 's', detail: `${timings.length} files, verdicts ${verdicts} (${note})` },
    { name: `${name}, slowest`, value: round(slowest.seconds), unit: 's', detail: `${slowest.file}, ${slowest.verdict.toUpperCase()} (target: at most 15 s)` },
  ];
}

/** The median of each file's ratio of its two times, taken pair by pair. */
function pairedRatio(name: string, after: readonly Timing[], before: readonly Timing[]): Figure {
  const ratios = after.map((timing, index) => timing.seconds / (before[index]?.seconds ?? Number.NaN));
  return { name: `${name}, median ratio`, value: round(median(ratios)), unit: 'x', detail: `each file's two checks back to back (${ratios.length} pairs)` };
}

/** Every figure of the section; undefined outside the repository (the fixtures are its test files). */
export async function timesToVerdict(say: (text: string) => void): Promise<Figure[] | undefined> {
  const mutantsFolder = repositoryFile('fixtures/python/mutants');
  const correctFolder = repositoryFile('fixtures/python/correct');
  if (mutantsFolder === undefined || correctFolder === undefined) return undefined;
  const pythonFiles = (folder: string): string[] => readdirSync(folder).filter((name) => name.endsWith('.py')).sort().map((name) => path.join(folder, name));
  const timeAll = async (files: readonly string[], extra: readonly string[] = []): Promise<Timing[]> => {
    const timings: Timing[] = [];
    for (const file of files) {
      const timing = await timeCheck(file, extra);
      say(`  ${timing.file.padEnd(30)} ${timing.seconds.toFixed(2).padStart(6)} s  ${timing.verdict.toUpperCase()}\n`);
      timings.push(timing);
    }
    return timings;
  };
  // Before: the modes one after another (--modes-at-once 1), as every check searched them until they were searched
  // at the same time; each file's two checks back to back, so the machine's drift moves both alike.
  const timePairs = async (files: readonly string[]): Promise<{ after: Timing[]; before: Timing[] }> => {
    const after: Timing[] = [];
    const before: Timing[] = [];
    for (const file of files) {
      after.push(await timeCheck(file));
      before.push(await timeCheck(file, ['--modes-at-once', '1']));
      const [now, then] = [after.at(-1), before.at(-1)] as [Timing, Timing];
      say(`  ${now.file.padEnd(30)} ${now.seconds.toFixed(2).padStart(6)} s  ${now.verdict.toUpperCase().padEnd(4)}  one mode at a time ${then.seconds.toFixed(2).padStart(6)} s  ${then.verdict.toUpperCase()}\n`);
    }
    return { after, before };
  };
  say('every Python mutant, then every correct Python file (each also with --modes-at-once 1, the modes one after another as before), then the mutants with --fail-fast:\n');
  const { after: mutants, before: mutantsApart } = await timePairs(pythonFiles(mutantsFolder));
  const { after: correct, before: correctApart } = await timePairs(pythonFiles(correctFolder));
  const failFast = await timeAll(pythonFiles(mutantsFolder), ['--fail-fast']);
  const byName = (name: string): Timing | undefined => mutants.find((timing) => timing.file === name);
  const exits = byName('exits_on_probe.py');
  const hangs = byName('hangs_on_probe.py');
  const hangsApart = mutantsApart.find((timing) => timing.file === 'hangs_on_probe.py');
  const module = await timeCheck(REFERENCE);
  return [
    ...groupFigures('python mutants', mutants, 'target: a FAIL in at most 0.5 s'),
    ...groupFigures('python correct', correct, 'target: at most 3 s'),
    ...groupFigures('fail-fast', failFast, 'target: a FAIL in at most 0.5 s'),
    ...groupFigures('python mutants, one mode at a time', mutantsApart, 'before: the modes one after another'),
    pairedRatio('python mutants, at once / one at a time', mutants, mutantsApart),
    ...groupFigures('python correct, one mode at a time', correctApart, 'before: the modes one after another'),
    pairedRatio('python correct, at once / one at a time', correct, correctApart),
    ...(exits === undefined ? [] : [{ name: 'exits on a probe', value: round(exits.seconds), unit: 's', detail: `exits_on_probe.py, ${exits.verdict.toUpperCase()} (target: at most 2 s)` }]),
    ...(hangs === undefined ? [] : [{ name: 'hangs on a probe', value: round(hangs.seconds), unit: 's', detail: `hangs_on_probe.py, ${hangs.verdict.toUpperCase()} (target: at most 10 s)` }]),
    ...(hangsApart === undefined ? [] : [{ name: 'hangs on a probe, one mode at a time', value: round(hangsApart.seconds), unit: 's', detail: 'before: the modes one after another' }]),
    { name: 'TS module, default', value: round(module.seconds), unit: 's', detail: `the reference (${module.file}), ${module.verdict.toUpperCase()} (target: at most 2 s)` },
  ];
}

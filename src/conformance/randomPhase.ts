/**
 * `--exhaustive` runs the random search after the exhaustive one by default:
 * the exhaustive search proves the small cases, the random one reaches beyond
 * its bounds (more devices, longer runs, dozens of records). The verdict
 * combines both.
 */
import type { NetworkMode } from '../../model/index.ts';
import type { PropertyId } from '../../properties/index.ts';
import type { ConformanceReport } from './ConformanceReport.ts';

/** Per mode, the properties the exhaustive search already broke: the random search need not look for them again. */
export function brokenWithinBounds(exhaustive: ConformanceReport): Partial<Record<NetworkMode, PropertyId[]>> {
  return Object.fromEntries(
    exhaustive.modes.map((mode) => [mode.mode, mode.verdicts.filter((verdict) => verdict.status === 'fail' || verdict.status === 'warn').map((verdict) => verdict.id)]),
  );
}

/** The exhaustive report with the random search's after it; the verdict is the worse of the two, and a check cut short is never a plain pass. */
export function withRandomSearch(exhaustive: ConformanceReport, random: ConformanceReport): ConformanceReport {
  const cutShort = exhaustive.cutShort ?? random.cutShort;
  const verdicts = [exhaustive.verdict, random.verdict];
  const verdict = verdicts.includes('fail') ? 'fail' : verdicts.includes('warn') || cutShort !== undefined ? 'warn' : 'pass';
  return { ...exhaustive, verdict, randomSearch: random, ...(cutShort === undefined ? {} : { cutShort }) };
}

/** The exhaustive report, saying that no random search followed it and why. */
export function withoutRandomSearch(exhaustive: ConformanceReport, reason: string): ConformanceReport {
  return { ...exhaustive, randomSearchSkipped: reason };
}

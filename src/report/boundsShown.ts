/**
 * What an exhaustive search showed, in words that do not overclaim: which
 * properties broke within the bounds, that the rest hold in every sequence up
 * to those bounds (and nothing more), and what the next bound up would cost.
 */
import type { NetworkMode } from '../../model/index.ts';
import type { Scenario } from '../../properties/index.ts';
import type { ExhaustiveModeSummary, ModeReport } from '../conformance/ConformanceReport.ts';
import type { ExhaustiveBounds } from '../exhaustive/exhaustiveBounds.ts';

/** The bounds of one mode in brief: `depth 5, up to 2 devices, 2 records per device from 2 contents, ...`. */
export function boundsInBrief(bounds: ExhaustiveBounds): string {
  const plural = (count: number, noun: string, nouns = `${noun}s`): string => `${count} ${count === 1 ? noun : nouns}`;
  return [
    `depth ${plural(bounds.depth, 'event')}`,
    `up to ${plural(bounds.devices, 'device')}`,
    `${plural(bounds.recordsPerDevice, 'record')} per device from ${plural(bounds.contents, 'content')}`,
    `${plural(bounds.pendingPerDevice, 'pending reply', 'pending replies')} per device`,
    `${plural(bounds.junk, 'junk message')}`,
  ].join(', ');
}

/** One mode's result in one sentence: what broke, and what holds up to which bounds. */
export function shownWithinBounds(mode: ModeReport, bounds: Omit<ExhaustiveBounds, 'depth'>): string {
  const summary = mode.exhaustive;
  if (summary === undefined) return 'not searched';
  const brief = boundsInBrief({ ...bounds, depth: summary.depth });
  const within = `up to these bounds (${brief})`;
  const failed = mode.verdicts.filter((verdict) => verdict.status === 'fail').map((verdict) => verdict.id);
  const warned = mode.verdicts.filter((verdict) => verdict.status === 'warn').map((verdict) => verdict.id);
  const broken = [
    ...(failed.length === 0 ? [] : [`${failed.join(', ')} fail${failed.length === 1 ? 's' : ''}`]),
    ...(warned.length === 0 ? [] : [`${warned.join(', ')} warn${warned.length === 1 ? 's' : ''}`]),
  ].join(' and ');
  const covered = mode.cutShort === undefined && mode.gaveUp !== true && summary.depthCompleted >= summary.depth;
  if (!covered) return `${broken === '' ? '' : `${broken}; `}the search stopped before it covered these bounds (${brief}), so it shows nothing about the ${broken === '' ? '' : 'other '}properties`;
  const judged = mode.verdicts.some((verdict) => verdict.status === 'pass');
  if (broken === '') return `no violation in any sequence ${within}`;
  return judged ? `${broken}; no violation of the other properties in any sequence ${within}` : `${broken} within these bounds (${brief})`;
}

/**
 * Events one more level of the search adds: one event in fifo and reorder; in
 * seed mode 3, the shortest harness turn, so that every sequence of the next
 * level is a child of one this search extended and the count is exact.
 */
export const DEPTH_STEP: Readonly<Record<NetworkMode, number>> = { seed: 3, fifo: 1, reorder: 1 };

export interface NextBound {
  /** The suggested `--depth`. */
  readonly depth: number;
  /** How many times the sequences of this run the next one will run (exact for its last search, which covers the bounds). */
  readonly factor: number;
  /** Its estimated time, at this run's measured sequences per second. */
  readonly seconds: number;
  /** The growth seen per level: the next level's sequences over the last level's. */
  readonly growth: number;
}

/**
 * The next depth up and its cost. The search counts the children it left out
 * past its depth bound, so the next level's sequences are known, not guessed:
 * the searches before the last one stopped at their failures and meet them
 * again, and the last one runs those children on top. The time assumes this
 * run's sequences per second. Undefined when the search did not cover its
 * bounds; a factor of 1 when no longer sequence exists within the other bounds.
 */
export function nextBound(mode: NetworkMode, summary: ExhaustiveModeSummary): NextBound | undefined {
  if (summary.depthCompleted < summary.depth || summary.sequences === 0) return undefined;
  const step = DEPTH_STEP[mode];
  const sum = (counts: readonly (number | undefined)[]): number => counts.reduce<number>((total, count) => total + (count ?? 0), 0);
  const extra = sum(summary.sequencesBeyondDepth.slice(0, step));
  const last = sum(summary.sequencesPerDepth.slice(Math.max(summary.depth - step + 1, 0), summary.depth + 1));
  const factor = (summary.sequences + extra) / summary.sequences;
  return { depth: summary.depth + step, factor, seconds: (summary.milliseconds / 1000) * factor, growth: last === 0 ? 0 : extra / last };
}

/** `next: --depth 6 (≈ 8.3x the sequences, about 6 min)`; `--mode` is named when the run searched more than one mode. */
export function nextBoundText(mode: NetworkMode, next: NextBound, modeCount: number): string {
  if (next.factor === 1) return `no sequence longer than ${next.depth - DEPTH_STEP[mode]} events exists within the other bounds: a deeper search adds nothing`;
  const factor = next.factor < 10 ? next.factor.toFixed(1) : String(Math.round(next.factor));
  return `next: ${modeCount > 1 ? `--mode ${mode} ` : ''}--depth ${next.depth} (≈ ${factor}x the sequences, ${duration(next.seconds)})`;
}

/** A rough duration: `about 40 s`, `about 6 min`, `about 2.5 h`. */
export function duration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `about ${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} min`;
  const hours = seconds / 3600;
  return hours < 48 ? `about ${hours.toFixed(1)} h` : `about ${Math.round(hours / 24)} days`;
}

/**
 * Where a trace the random search found lies outside the exhaustive bounds:
 * `4 devices (bound 2)`, `56 events (depth 5)`. Record contents always differ
 * from the exhaustive palette, so a trace inside every counted bound is
 * outside in its contents (and clocks).
 */
export function beyondBounds(scenario: Scenario, bounds: ExhaustiveBounds): string[] {
  const beyond: string[] = [];
  if (scenario.deviceCount > bounds.devices) beyond.push(`${scenario.deviceCount} devices (bound ${bounds.devices})`);
  if (scenario.events.length > bounds.depth) beyond.push(`${scenario.events.length} events (depth ${bounds.depth})`);
  const emitted = new Map<number, number>();
  for (const event of scenario.events) if (event.kind === 'emit') emitted.set(event.device, (emitted.get(event.device) ?? 0) + 1);
  const most = Math.max(0, ...emitted.values());
  if (most > bounds.recordsPerDevice) beyond.push(`${most} records from one device (bound ${bounds.recordsPerDevice})`);
  const total = [...emitted.values()].reduce((sum, records) => sum + records, 0);
  const allowed = bounds.devices * bounds.recordsPerDevice;
  if (total > allowed) beyond.push(`${total} records in all (at most ${allowed} within the bounds)`);
  const junk = scenario.events.filter((event) => event.kind === 'junk').length;
  if (junk > bounds.junk) beyond.push(`${junk} junk messages (bound ${bounds.junk})`);
  return beyond.length > 0 ? beyond : ['record contents and clocks outside the exhaustive palette'];
}

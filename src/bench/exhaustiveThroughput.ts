/** How fast `sync-check --exhaustive` judges a black box: sequences per second on the reference, default bounds. */
import { createSyncService } from '../reference/SyncService.ts';
import { exhaustiveConformance } from '../conformance/exhaustiveConformance.ts';
import type { Figure } from './measure.ts';

export async function exhaustiveThroughput(): Promise<Figure> {
  const started = performance.now();
  const report = await exhaustiveConformance(() => createSyncService());
  const seconds = (performance.now() - started) / 1000;
  const sequences = report.modes.reduce((sum, mode) => sum + (mode.exhaustive?.sequences ?? 0), 0);
  const perMode = report.modes.map((mode) => `${mode.mode} depth ${mode.exhaustive?.depth}: ${(mode.exhaustive?.sequences ?? 0).toLocaleString('en-US')}`).join(', ');
  return { name: 'exhaustive reference', value: Math.round(sequences / seconds), unit: 'seqs/s', detail: `default bounds, ${report.verdict} in ${seconds.toFixed(1)} s (${perMode})` };
}

/** Short names for records in traces: r1, r2, ... in the order they were emitted. */
import { isRecordShaped, recordKey, type WireRecord } from '../../model/index.ts';

export class RecordLabels {
  private readonly labelsByKey = new Map<string, string[]>();
  private count = 0;

  /** Names a newly emitted record and returns its label. */
  name(record: WireRecord): string {
    const label = `r${++this.count}`;
    const key = recordKey(record);
    this.labelsByKey.set(key, [...(this.labelsByKey.get(key) ?? []), label]);
    return label;
  }

  /** Labels for a device's list; identical records take their labels in emission order. */
  labelList(records: readonly unknown[]): string {
    const used = new Map<string, number>();
    const labels = records.map((record) => {
      if (!isRecordShaped(record)) return '?';
      const key = recordKey(record);
      const occurrence = used.get(key) ?? 0;
      used.set(key, occurrence + 1);
      const candidates = this.labelsByKey.get(key) ?? [];
      return candidates[Math.min(occurrence, candidates.length - 1)] ?? '?';
    });
    return `[${labels.join(' ')}]`;
  }
}

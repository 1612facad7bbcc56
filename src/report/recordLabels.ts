/**
 * Short names for records in traces: r1, r2, ... in the order they were first
 * emitted. Records equal by the original's equivalence (same dev_id, timestamp
 * and a/b/c, see `sameRecord`) are one record to every check, so they share a
 * label: a device that sends the same meal twice shows `[r1 r1]`.
 */
import { isRecordShaped, recordKey, type WireRecord } from '../../model/index.ts';

export class RecordLabels {
  private readonly labelByKey = new Map<string, string>();
  private readonly emissions = new Map<string, number>();

  /** Names an emitted record and returns its label: a new one, or the label of the identical record sent before. */
  name(record: WireRecord): string {
    const key = recordKey(record);
    this.emissions.set(key, (this.emissions.get(key) ?? 0) + 1);
    const known = this.labelByKey.get(key);
    if (known !== undefined) return known;
    const label = `r${this.labelByKey.size + 1}`;
    this.labelByKey.set(key, label);
    return label;
  }

  /** How many times an identical record has been emitted so far (1 for the first). */
  emitted(record: WireRecord): number {
    return this.emissions.get(recordKey(record)) ?? 0;
  }

  /** The label of one value: its record's label, or `?` for anything that was never emitted or is not a record. */
  labelOf(value: unknown): string {
    return isRecordShaped(value) ? (this.labelByKey.get(recordKey(value)) ?? '?') : '?';
  }

  /** Labels for a device's list: `[r1 r2 r1]`. */
  labelList(records: readonly unknown[]): string {
    return `[${records.map((record) => this.labelOf(record)).join(' ')}]`;
  }
}

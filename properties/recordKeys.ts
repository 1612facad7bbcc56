/**
 * `recordKey`, computed once per record object. The safety checks key every
 * record of every device after every step that changed one, so building each
 * key again was most of a run's time. Caching by object is exact here: the
 * records the properties see are the checker's own copies (the network copies
 * every message both ways; nothing writes to a record once made).
 */
import { recordKey, type WireRecord } from '../model/index.ts';

const keys = new WeakMap<WireRecord, string>();

/** The record's key (`recordKey`), from the cache when this object was keyed before. */
export function keyOf(record: WireRecord): string {
  let key = keys.get(record);
  if (key === undefined) {
    key = recordKey(record);
    keys.set(record, key);
  }
  return key;
}

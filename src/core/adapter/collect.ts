import { normalizeId } from '../diff/pairing.js';
import { ownValue } from './values.js';
import type { RawPair } from './model.js';

/** Pairs kept for the generator's checks (conversions are decided on these). */
export const EMIT_MAX_PAIRS = 1_000;
/** Pairs `qwh adapter test` compares (the diff's own pairing bound). */
export const TEST_MAX_PAIRS = 5_000;
const MAX_KEYS = 20_000;
const VALUES_PER_KEY = 3;

/**
 * Keeps raw 1.0 payloads by participation id until their 2.0 twin streams by, the pairing rule
 * of `qwh diff-payload` (1.0 id keys, ids compared case-insensitively). Bounded: at most
 * `maxPairs` 1.0 payloads wait; later ones are counted in `notKept`.
 */
export class PairKeeper {
  private readonly pending = new Map<string, unknown>();
  readonly pairs: Array<RawPair & { where: { v1: string; v2: string } }> = [];
  private readonly whereV1 = new Map<string, string>();
  /** Top-level 1.0 keys, first seen first. */
  readonly v1Keys: string[] = [];
  private readonly keySet = new Set<string>();
  readonly v1Values = new Map<string, unknown[]>();
  stats = { v1: 0, v2: 0, v2Unpaired: 0, notKept: 0 };

  constructor(
    private readonly idKeys: readonly string[],
    private readonly maxPairs: number,
  ) {}

  addV1(value: unknown, where = ''): void {
    this.stats.v1++;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const k of Object.keys(value)) {
      if (!this.keySet.has(k) && this.keySet.size < MAX_KEYS) {
        this.keySet.add(k);
        this.v1Keys.push(k);
      }
      const list = this.v1Values.get(k) ?? [];
      const v = ownValue(value, k);
      if (list.length < VALUES_PER_KEY && v !== '' && v !== null && v !== undefined) list.push(v);
      if (this.keySet.has(k)) this.v1Values.set(k, list);
    }
    let id: string | undefined;
    for (const k of this.idKeys) {
      const v = ownValue(value, k);
      id = typeof v === 'string' || typeof v === 'number' ? normalizeId(v) : undefined;
      if (id) break;
    }
    if (!id || this.pending.has(id)) return;
    if (this.pending.size >= this.maxPairs) {
      this.stats.notKept++;
      return;
    }
    this.pending.set(id, value);
    this.whereV1.set(id, where);
  }

  addV2(value: unknown, where = ''): void {
    this.stats.v2++;
    const raw = ownValue(value, 'id');
    const id = typeof raw === 'string' || typeof raw === 'number' ? normalizeId(raw) : undefined;
    const twin = id !== undefined ? this.pending.get(id) : undefined;
    if (id === undefined || twin === undefined) {
      this.stats.v2Unpaired++;
      return;
    }
    this.pending.delete(id);
    this.pairs.push({ v1: twin, v2: value, where: { v1: this.whereV1.get(id) ?? '', v2: where } });
    this.whereV1.delete(id);
  }
}

/** The capture file a payload event came from: its name only (`captures/a.ndjson:3` → `a.ndjson`). */
export function captureFileName(where: string): string {
  const file = where.replace(/:\d+$/, '');
  const base =
    file
      .split(/[\\/]/)
      .filter((s) => s !== '')
      .pop() ?? file;
  return base;
}

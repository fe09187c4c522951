import { canonical, ownValue, sameV1Value } from './values.js';
import { displayValue, maskRecord } from '../diff/mask.js';
import { keyStep } from '../diff/paths.js';

/** Version of the `adapter test --json` document. */
export const PARITY_SCHEMA_VERSION = 1;
/** Pairs shown per differing field. */
const EXAMPLES_PER_FIELD = 3;
/** The key an adapter runner reports a thrown error under (no 1.0 field is named so). */
export const ADAPTER_ERROR_KEY = '__qwh_error__';

/** Runs an adapter on 2.0 payloads: one 1.0 record per payload, in order (src/adapters/adapter-runner.ts). */
export type AdapterRun = (payloads: readonly unknown[]) => Promise<unknown[]>;

export interface ParityExample {
  v1: string;
  v2: string;
  /** What 1.0 sent and what the adapter gave, as JSON text, personal data masked. */
  expected: string;
  got: string;
}

export interface ParityField {
  key: string;
  pairs: number;
  examples: ParityExample[];
}

export interface ParityReport {
  schemaVersion: typeof PARITY_SCHEMA_VERSION;
  adapter: { file: string; language: string };
  inputs: { v1: { source: string; payloads: number }; v2: { source: string; payloads: number } };
  pairs: number;
  identical: number;
  /** 2.0 captures with no 1.0 twin, and 1.0 captures past the pairing bound: not compared. */
  unpaired: number;
  notKept: number;
  fields: ParityField[];
  ok: boolean;
}

/** A value as a report shows it: JSON text (types visible), masked like every qwh output. */
export function shownValue(key: string, v: unknown, none: string): string {
  if (v === undefined || v === null) return none;
  if (typeof v === 'string') return JSON.stringify(displayValue(keyStep('', key), v, 60));
  if (typeof v === 'object') {
    const text = canonical(maskRecord(v));
    return text.length > 120 ? `${text.slice(0, 119)}…` : text;
  }
  return String(v);
}

/**
 * Compares an adapter's output with the 1.0 capture of the same participation, key by key over
 * both records (see sameV1Value: absent = undefined = null; types count). Returns the keys that differ.
 */
export function differingKeys(expected: unknown, got: unknown): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  const all = [
    ...(expected !== null && typeof expected === 'object' ? Object.keys(expected) : []),
    ...(got !== null && typeof got === 'object' ? Object.keys(got) : []),
  ];
  for (const k of all) {
    if (seen.has(k)) continue;
    seen.add(k);
    if (!sameV1Value(ownValue(expected, k), ownValue(got, k))) keys.push(k);
  }
  return keys;
}

/** Builds the parity report of paired captures and the adapter's outputs (same order). */
export function compareParity(
  pairs: ReadonlyArray<{ v1: unknown; where: { v1: string; v2: string } }>,
  outputs: readonly unknown[],
  none: string,
): Pick<ParityReport, 'pairs' | 'identical' | 'fields' | 'ok'> {
  const byKey = new Map<string, ParityField>();
  let identical = 0;
  pairs.forEach((p, i) => {
    const got = outputs[i];
    const keys = differingKeys(p.v1, got);
    if (keys.length === 0) {
      identical++;
      return;
    }
    for (const key of keys) {
      let f = byKey.get(key);
      if (!f) byKey.set(key, (f = { key, pairs: 0, examples: [] }));
      f.pairs++;
      if (f.examples.length < EXAMPLES_PER_FIELD)
        f.examples.push({
          v1: p.where.v1,
          v2: p.where.v2,
          expected: shownValue(key, ownValue(p.v1, key), none),
          got:
            key === ADAPTER_ERROR_KEY
              ? String(ownValue(got, key)).slice(0, 200)
              : shownValue(key, ownValue(got, key), none),
        });
    }
  });
  const fields = [...byKey.values()].sort((a, b) => b.pairs - a.pairs || (a.key < b.key ? -1 : 1));
  return { pairs: pairs.length, identical, fields, ok: fields.length === 0 };
}

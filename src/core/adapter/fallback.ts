import { applyConversion, type Conversion } from './convert.js';
import { readSteps, stepsOf, type Step } from './steps.js';
import { canonical, ownValue, sameV1Value } from './values.js';

/**
 * Fallback tables: when the 2.0 source of a 1.0 field is absent from some payloads (one
 * published version of the 2.0 example has no `campaign.channel.website.id`), a sibling field of
 * the same website or campaign that every such payload carries (its name) gives the value, looked
 * up in a small table learned from the paired captures.
 *
 * The one list of what may be learned: the account's own website and campaign identity, each read
 * by the other field of the same entity. Nothing else ever becomes a table (never a participant's
 * data): a field whose 2.0 path is not a `read` here gets no fallback, and the table is keyed only
 * by the `by` path listed with it.
 */
export const IDENTITY_FALLBACKS: ReadonlyArray<{
  read: string;
  by: string;
  /** Constant name in the adapter (upper snake case; each language adapts the case). */
  name: string;
  what: string;
  noun: string;
}> = [
  {
    read: 'campaign.channel.website.id',
    by: 'campaign.channel.website.name',
    name: 'WEBSITE_IDS_BY_NAME',
    what: 'website ids by website name',
    noun: 'website',
  },
  {
    read: 'campaign.channel.website.name',
    by: 'campaign.channel.website.id',
    name: 'WEBSITE_NAMES_BY_ID',
    what: 'website names by website id',
    noun: 'website',
  },
  {
    read: 'campaign.id',
    by: 'campaign.name',
    name: 'CAMPAIGN_IDS_BY_NAME',
    what: 'campaign ids by campaign name',
    noun: 'campaign',
  },
  {
    read: 'campaign.name',
    by: 'campaign.id',
    name: 'CAMPAIGN_NAMES_BY_ID',
    what: 'campaign names by campaign id',
    noun: 'campaign',
  },
];

/** An account has few websites and campaigns; more entries than this is not an identity table. */
const MAX_ENTRIES = 500;

export type FallbackValue = string | number;

/** How a read falls back when its 2.0 path is absent. */
export interface AdapterFallback {
  /** The 2.0 path the table is keyed by, and its steps. */
  path: string;
  steps: Step[];
  /** Key text → the 1.0 value as 1.0 sent it, sorted by key. */
  table: ReadonlyArray<readonly [string, FallbackValue]>;
  /** Constant name in the adapter (upper snake case), made unique within it by the model. */
  name: string;
  what: string;
  noun: string;
  /** Pairs in which both the key and the 1.0 value were seen. */
  pairs: number;
}

/**
 * The table key of a 2.0 value: a string as is, a safe integer as its text (the emitted `lookup`
 * helpers do the same in every language); anything else has no key.
 */
export function fallbackKey(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return undefined;
}

/** What the emitted `lookup` gives for a key value (undefined when not in the table). */
export function lookupFallback(fb: AdapterFallback, keyValue: unknown): unknown {
  const k =
    typeof keyValue === 'number' && Number.isInteger(keyValue) ? String(keyValue) : keyValue;
  if (typeof k !== 'string') return undefined;
  return fb.table.find(([x]) => x === k)?.[1];
}

/** A read as every emitted language does it: path, conversion, then the fallback, then "". */
export interface ReadLike {
  steps: Step[];
  convert: Conversion;
  emptyWhenMissing: boolean;
  fallback?: AdapterFallback;
}

export function applyRead(r: ReadLike, payload: unknown): unknown {
  let v = applyConversion(r.convert, readSteps(payload, r.steps));
  if (v === undefined && r.fallback)
    v = lookupFallback(r.fallback, readSteps(payload, r.fallback.steps));
  if (v === undefined && r.emptyWhenMissing) v = '';
  return v;
}

/**
 * The fallback a read needs, learned from the pairs, or undefined. Learned only when: the read's
 * 2.0 path is an identity field of IDENTITY_FALLBACKS; it reproduces every pair where it is
 * present; some pairs lack it while 1.0 sent a value; every one of those carries the `by` field;
 * and the `by` value determines the 1.0 value (string or number) in every pair where both are seen.
 */
export function learnFallback(
  read: { path: string } & ReadLike,
  key: string,
  pairs: ReadonlyArray<{ v1: unknown; v2: unknown }>,
): AdapterFallback | undefined {
  const entry = IDENTITY_FALLBACKS.find((e) => e.read === read.path);
  const by = entry ? stepsOf(entry.by) : undefined;
  if (!entry || !by) return undefined;
  const table = new Map<string, FallbackValue>();
  let missing = 0;
  let seen = 0;
  for (const p of pairs) {
    const v1 = ownValue(p.v1, key);
    const primary = applyConversion(read.convert, readSteps(p.v2, read.steps));
    const k = fallbackKey(readSteps(p.v2, by.steps));
    const none = v1 === undefined || v1 === null || v1 === '';
    if (primary !== undefined && !sameV1Value(primary, v1)) return undefined;
    if (primary === undefined && !none) {
      missing++;
      if (k === undefined) return undefined;
    }
    if (none || k === undefined) continue;
    if (typeof v1 !== 'string' && typeof v1 !== 'number') return undefined;
    const known = table.get(k);
    if (known !== undefined && canonical(known) !== canonical(v1)) return undefined;
    table.set(k, v1);
    seen++;
    if (table.size > MAX_ENTRIES) return undefined;
  }
  if (missing === 0 || table.size === 0) return undefined;
  return {
    path: entry.by,
    steps: by.steps,
    table: [...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    name: entry.name,
    what: entry.what,
    noun: entry.noun,
    pairs: seen,
  };
}

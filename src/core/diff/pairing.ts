import { OBJECT, type FlattenScratch, type Scalar } from './flatten.js';

/**
 * Value evidence from paired captures: the same participation sent by 1.0 and by 2.0 (paired by
 * participation id) shows where each 1.0 value went. Only a bounded number of 1.0 payloads wait
 * for their 2.0 twin, so memory stays bounded whatever the input size.
 */

/** 1.0 payloads kept waiting for their 2.0 twin (value evidence needs dozens, not millions). */
export const MAX_PENDING_PAIRS = 5_000;
/** Characters of a value kept for comparison; longer values compare by prefix and length. */
const MAX_COMPARED_CHARS = 256;
/** 2.0 paths tracked per 1.0 path (a real field agrees with a handful; "1" may agree with many). */
const MAX_CANDIDATES_PER_PATH = 1_000;
/** 1.0 payloads kept whole while waiting, for the before/after snippet of the first pair. */
const RAW_KEPT = 50;
/** Bound on the text held by those whole payloads (a few 2 MB records must not pin 100 MB). */
const RAW_KEPT_BYTES = 4 * 1024 * 1024;
/** Bound on the bytes of values held while waiting for twins. */
export const MAX_PENDING_BYTES = 48 * 1024 * 1024;

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.\d{1,9})?(?:Z|[+-]00:?00)?$/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The comparable form of a value: trimmed; a date
 * and time reduced to "YYYY-MM-DD HH:mm:ss" (1.0 sent no milliseconds); text equals a number when
 * it is the number's own text ("42" = 42, but "042" ≠ 42); undefined for values that
 * prove nothing (empty, null).
 */
export function normalizeValue(v: Scalar | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  const t = v.trim();
  if (t === '') return undefined;
  // DATE_TIME starts with four digits and a dash: other text skips the pattern.
  const d =
    t.length <= 40 && t.charCodeAt(4) === 45 && isDigit(t.charCodeAt(0)) ? DATE_TIME.exec(t) : null;
  if (d) return `${d[1]} ${d[2]}`;
  return t.length > MAX_COMPARED_CHARS
    ? `${detached(t.slice(0, MAX_COMPARED_CHARS))}…${t.length}`
    : t;
}

/**
 * normalizeValue for the many 2.0 values of a pair: a string that is already its own comparable
 * form (no space at either end, not a date, not cut) is returned as it is without the trim and
 * the date pattern; anything else goes through normalizeValue.
 */
export function comparableOf(v: Scalar | undefined): string | undefined {
  if (typeof v !== 'string') return normalizeValue(v);
  const n = v.length;
  if (n === 0 || n > MAX_COMPARED_CHARS) return normalizeValue(v);
  const a = v.charCodeAt(0);
  const z = v.charCodeAt(n - 1);
  // Printable ASCII at both ends (so no trimmable space), and not starting like a date.
  if (a <= 32 || a >= 127 || z <= 32 || z >= 127) return normalizeValue(v);
  if (n >= 19 && a >= 48 && a <= 57 && v.charCodeAt(4) === 45) return normalizeValue(v);
  return v;
}

/**
 * A copy of a short string that does not keep its parent alive. V8 makes `slice` a view into
 * the original string, so a 256-character prefix kept for pairing held a whole 2 MB value in
 * memory (3 000 such unpaired 1.0 records ran out of memory). UTF-16 round trip: lossless for
 * any code unit, a lone surrogate at the cut included.
 */
function detached(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
}

/** Normalises a participation id for pairing (UUIDs compare case-insensitively). */
export function normalizeId(v: Scalar | undefined): string | undefined {
  if (v === undefined || v === null || typeof v === 'boolean') return undefined;
  const t = String(v).trim().toUpperCase();
  return t === '' || t.length > 200 ? undefined : t;
}

/** Agreement between one 1.0 path and the 2.0 paths holding the same value. */
export interface ValueEvidence {
  /** Paired captures in which the 1.0 path held a value that proves something. */
  compared: number;
  /** 2.0 path → pairs in which it held the same value. */
  agree: Map<string, number>;
  /** Internal: the last pair that counted an agreement, and the 2.0 paths it counted. */
  pair?: number;
  pairPaths?: string[];
}

export interface PairingStats {
  v1WithId: number;
  v2WithId: number;
  pairs: number;
  /** 1.0 payloads not kept for pairing because the bound was reached. */
  notKept: number;
}

const LENGTH_SLOTS = 512;
const lengthSlot = (s: string): number => (s.length < LENGTH_SLOTS ? s.length : LENGTH_SLOTS - 1);

interface Pending {
  /** The first comparable value of each 1.0 path, flat: path, value, path, value… */
  values: string[];
  raw: unknown;
}

/** Counts that the 2.0 `path` agreed with the 1.0 path of `ev` in pair `pair` (once per pair). */
function agree(ev: ValueEvidence, path: string, pair: number): void {
  const done = ev.pairPaths!;
  if (ev.pair !== pair) {
    ev.pair = pair;
    done.length = 0;
  } else if (done.includes(path)) return;
  done.push(path);
  const c = ev.agree.get(path);
  if (c !== undefined) ev.agree.set(path, c + 1);
  else if (ev.agree.size < MAX_CANDIDATES_PER_PATH) ev.agree.set(path, 1);
}

/** Pairs 1.0 and 2.0 payloads by participation id and counts where 1.0 values reappear. */
export class PairCollector {
  private readonly pending = new Map<string, Pending>();
  private pendingBytes = 0;
  private rawBytes = 0;
  private readonly evidence = new Map<string, ValueEvidence>();
  private readonly stats: PairingStats = { v1WithId: 0, v2WithId: 0, pairs: 0, notKept: 0 };
  /** Reused per record: the 1.0 paths already kept, the twin's values → their evidence. */
  private readonly keptPaths = new Set<string>();
  private readonly byValue = new Map<string, ValueEvidence | ValueEvidence[]>();
  /** Lengths of the twin's values (slot LENGTH_SLOTS - 1: that long or longer): most 2.0 values skip the lookup. */
  private readonly lengths = new Uint8Array(LENGTH_SLOTS);
  /** The first pair (or, without pairs, the first payload of each side) for report snippets. */
  sample: { v1?: unknown; v2?: unknown; paired: boolean } = { paired: false };

  constructor(
    private readonly v1IdPaths: readonly string[],
    private readonly v2IdPath = 'id',
    private readonly maxPending = MAX_PENDING_PAIRS,
  ) {}

  /**
   * Offers one 1.0 payload; kept (bounded) until its 2.0 twin arrives. `idPaths` overrides the
   * 1.0 id keys (a "1.0" side that is really 2.0 carries its id at `id`).
   */
  addV1(w: FlattenScratch, raw: unknown, idPaths = this.v1IdPaths): void {
    if (this.sample.v1 === undefined) this.sample.v1 = raw;
    const { nodes, values } = w;
    const n = w.count;
    let id: string | undefined;
    for (let i = 0; i < n; i++) {
      if (idPaths.includes(nodes[i]!.path)) {
        id = normalizeId(values[i]);
        if (id) break;
      }
    }
    if (!id) return;
    this.stats.v1WithId++;
    if (this.pending.has(id)) return;
    if (this.pending.size >= this.maxPending || this.pendingBytes >= MAX_PENDING_BYTES) {
      this.stats.notKept++;
      return;
    }
    // One flat array a payload (the pending payloads are most of what survives into the old
    // generation); a 1.0 path occurring twice (inside `[]`) keeps its first value, the only one
    // a pair compares, but every value counts towards the byte bound as before.
    const kept: string[] = [];
    const keptPaths = this.keptPaths;
    keptPaths.clear();
    let text = 0;
    for (let i = 0; i < n; i++) {
      const path = nodes[i]!.path;
      const v = values[i];
      text += path.length + (typeof v === 'string' ? v.length : 8);
      const c = normalizeValue(v);
      if (c === undefined) continue;
      this.pendingBytes += path.length + c.length + 32;
      if (keptPaths.has(path)) continue;
      keptPaths.add(path);
      kept.push(path, c);
    }
    keptPaths.clear();
    // The raw payload (for the report snippet) is kept for the first few only, bounded by bytes.
    const keepRaw = this.stats.v1WithId <= RAW_KEPT && this.rawBytes + text <= RAW_KEPT_BYTES;
    if (keepRaw) this.rawBytes += text;
    this.pending.set(id, { values: kept, raw: keepRaw ? raw : undefined });
  }

  /** Offers one 2.0 payload: when its 1.0 twin is waiting, records where each value went. */
  addV2(w: FlattenScratch, raw: unknown): void {
    if (this.sample.v2 === undefined && !this.sample.paired) this.sample.v2 = raw;
    const { nodes, kinds, values } = w;
    const count = w.count;
    let id: string | undefined;
    for (let i = 0; i < count; i++) {
      if (nodes[i]!.path === this.v2IdPath) {
        id = normalizeId(values[i]);
        break;
      }
    }
    if (!id) return;
    this.stats.v2WithId++;
    const twin = this.pending.get(id);
    if (!twin) return;
    this.pending.delete(id);
    this.stats.pairs++;
    if (!this.sample.paired && twin.raw !== undefined)
      this.sample = { v1: twin.raw, v2: raw, paired: true };
    // Indexed by the twin's values (a few dozen), not by every 2.0 value: each 2.0 scalar is
    // normalised and looked up once, and only values that occur on the 1.0 side cost more.
    // A 1.0 path occurring twice in one payload (inside `[]`) counts once per pair, with its
    // first value.
    const byValue = this.byValue;
    const lengths = this.lengths;
    const tv = twin.values;
    for (let j = 0; j < tv.length; j += 2) {
      const path = tv[j]!;
      const n = tv[j + 1]!;
      let ev = this.evidence.get(path);
      if (!ev)
        this.evidence.set(path, (ev = { compared: 0, agree: new Map(), pair: 0, pairPaths: [] }));
      ev.compared++;
      lengths[lengthSlot(n)] = 1;
      const had = byValue.get(n);
      if (had === undefined) byValue.set(n, ev);
      else if (Array.isArray(had)) had.push(ev);
      else byValue.set(n, [had, ev]);
    }
    // A 2.0 path inside `[]` holding the same value twice counts once per pair (agree()).
    const pair = this.stats.pairs;
    for (let i = 0; i < count; i++) {
      if (kinds[i]! >= OBJECT) continue;
      const n = comparableOf(values[i]);
      if (n === undefined || lengths[lengthSlot(n)] === 0) continue;
      const hit = byValue.get(n);
      if (hit === undefined) continue;
      const path = nodes[i]!.path;
      if (!Array.isArray(hit)) agree(hit, path, pair);
      else for (const ev of hit) agree(ev, path, pair);
    }
    byValue.clear();
    for (let j = 1; j < tv.length; j += 2) lengths[lengthSlot(tv[j]!)] = 0;
  }

  /** Evidence per 1.0 path and the pairing counts. */
  result(): { evidence: ReadonlyMap<string, ValueEvidence>; stats: PairingStats } {
    return { evidence: this.evidence, stats: { ...this.stats } };
  }
}

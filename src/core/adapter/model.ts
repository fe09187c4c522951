import type { FieldFinding } from '../diff/classify.js';
import { keyStep, parseShapePath } from '../diff/paths.js';
import type { DiffReport } from '../diff/session.js';
import {
  applyConversion,
  dateFormatOfText,
  describeConversion,
  inferCodeTable,
  inferDateFormat,
  parseIso,
  type Conversion,
} from './convert.js';
import { applyRead, learnFallback, type AdapterFallback } from './fallback.js';
import { readSteps, stepsOf, withTail, type Step } from './steps.js';
import { ownValue, sameV1Value } from './values.js';

/** One paired participation as captured: the 1.0 record and its 2.0 twin (raw). */
export interface RawPair {
  v1: unknown;
  v2: unknown;
}

/** How one 1.0 key is read back from a 2.0 payload. */
export interface AdapterRead {
  path: string;
  steps: Step[];
  convert: Conversion;
  /** 1.0 sent "" where 2.0 has no value (an unanswered field). */
  emptyWhenMissing: boolean;
  /** Where `path` is absent: the value looked up by a sibling identity field (fallback.ts). */
  fallback?: AdapterFallback;
}

/** One line of the generated adapter. */
export interface AdapterField {
  key: string;
  /** Absent: no 2.0 counterpart, the adapter gives no value (undefined / None / null). */
  read?: AdapterRead;
  /** The comment of the line: the 2.0 path, how it was found, the conversion, the parity seen. */
  comment: string;
}

/** Where the adapter came from, for its header (file names only). */
export interface AdapterMeta {
  qwhVersion: string;
  captures: { v1: string[]; v2: string[] };
  payloads: { v1: number; v2: number };
  pairs: number;
}

export interface AdapterModel {
  meta: AdapterMeta;
  fields: AdapterField[];
  /** 1.0 fields that are not top-level keys of a flat record: not emitted. */
  notFlat: string[];
}

export interface AdapterModelInput {
  report: DiffReport;
  pairs: readonly RawPair[];
  /** Top-level 1.0 keys in first-seen order. */
  v1Keys: readonly string[];
  /** A few raw 1.0 values per key, for formats when there are no pairs. */
  v1Values: ReadonlyMap<string, readonly unknown[]>;
  meta: AdapterMeta;
}

interface Choice {
  read: AdapterRead;
  same: number;
  note?: string;
}

const ANSWER_TAIL = /\.responses\[0\]\.value$/;

/** The accessors worth trying for a finding: the mapped path, then for form answers file.path and label. */
function accessors(
  f: FieldFinding,
  pairs: readonly RawPair[],
): Array<{ path: string; steps: Step[]; note?: string }> {
  const base = f.v2Path !== undefined ? stepsOf(f.v2Path) : undefined;
  if (!base || f.v2Path === undefined) return [];
  const first = {
    path: f.v2Path,
    steps: base.steps,
    ...(base.firstItem ? { note: 'first item' } : {}),
  };
  if (f.methods.includes('map') || !ANSWER_TAIL.test(f.v2Path)) return [first];
  const stem = f.v2Path.replace(/\.value$/, '');
  const file = {
    path: `${stem}.file.path`,
    steps: withTail(base.steps, 1, ['file', 'path']),
    note: 'file upload: read from file.path [doc: a file response has no value]',
  };
  const label = {
    path: `${stem}.label`,
    steps: withTail(base.steps, 1, ['label']),
    note: 'choice: 1.0 sent the label',
  };
  const hasFile = pairs.some((p) => readSteps(p.v2, file.steps) !== undefined);
  return hasFile ? [file, first, label] : [first, label];
}

function conversionsFor(
  f: FieldFinding,
  samples: ReadonlyArray<{ v1: unknown; v2: unknown }>,
  v1Values: readonly unknown[],
): Conversion[] {
  const out: Conversion[] = [{ kind: 'copy' }, { kind: 'text' }, { kind: 'number' }];
  if (samples.length > 0) {
    const d = inferDateFormat(samples);
    if (d) out.push({ kind: 'date', ...d });
    const table = inferCodeTable(samples);
    if (table) out.push({ kind: 'code', table });
    return out;
  }
  // No pairs: the kinds the diff saw decide, and a date format is read off the 1.0 texts.
  const k1 = f.types.v1;
  const k2 = f.types.v2 ?? [];
  const format = dateFormatOfText(v1Values);
  const v2Dates =
    (f.examples.v2 ?? []).every((e) => parseIso(e) !== undefined) &&
    (f.examples.v2 ?? []).length > 0;
  if (format && v2Dates) return [{ kind: 'date', format, offsetMinutes: 0 }];
  if (k1.includes('string') && !k1.includes('number') && k2.includes('number'))
    return [{ kind: 'text' }];
  if (k1.includes('number') && k2.includes('string')) return [{ kind: 'number' }];
  return [{ kind: 'copy' }];
}

/** The accessor and conversion that reproduce the most paired 1.0 values (first on a tie). */
function choose(f: FieldFinding, key: string, input: AdapterModelInput): Choice | undefined {
  let best: Choice | undefined;
  for (const acc of accessors(f, input.pairs)) {
    const samples = input.pairs.map((p) => ({
      v1: ownValue(p.v1, key),
      v2: readSteps(p.v2, acc.steps),
    }));
    for (const convert of conversionsFor(f, samples, input.v1Values.get(key) ?? [])) {
      const converted = samples.map((s) => ({ v1: s.v1, out: applyConversion(convert, s.v2) }));
      const missing = converted.filter((c) => c.out === undefined);
      const empty = missing.filter((c) => c.v1 === '').length;
      const emptyWhenMissing = empty > 0 && empty * 2 > missing.length;
      const same = converted.filter((c) =>
        sameV1Value(c.out === undefined && emptyWhenMissing ? '' : c.out, c.v1),
      ).length;
      if (!best || same > best.same)
        best = {
          read: { path: acc.path, steps: acc.steps, convert, emptyWhenMissing },
          same,
          ...(acc.note ? { note: acc.note } : {}),
        };
    }
  }
  return best;
}

const METHOD_WORDS: Record<string, string> = {
  map: 'your --map',
  variable: 'same variable',
  known: 'documented',
  path: 'same path',
  value: 'same values',
};

function commentOf(f: FieldFinding, c: Choice, pairs: number): string {
  const how = f.methods.map((m) => METHOD_WORDS[m] ?? m).join(' + ');
  const bits = [c.read.path, `found by ${how || 'nothing'}`, describeConversion(c.read.convert)];
  const fb = c.read.fallback;
  if (fb) bits.push(`when absent: ${fb.name} by ${fb.path}`);
  if (c.read.emptyWhenMissing) bits.push('"" when 2.0 has no value');
  if (c.note) bits.push(c.note);
  bits.push(pairs > 0 ? `${c.same}/${pairs} pairs reproduced` : 'no paired captures to check');
  return bits.join(' · ');
}

/**
 * The choice with a fallback when its path is absent from some pairs and an identity table
 * fills them (fallback.ts); its constant gets a name unique in the adapter.
 */
function withFallback(
  c: Choice,
  key: string,
  input: AdapterModelInput,
  names: Map<string, number>,
): Choice {
  const learned = learnFallback(c.read, key, input.pairs);
  if (!learned) return c;
  const n = (names.get(learned.name) ?? 0) + 1;
  names.set(learned.name, n);
  const read: AdapterRead = {
    ...c.read,
    fallback: { ...learned, name: n === 1 ? learned.name : `${learned.name}_${n}` },
  };
  const same = input.pairs.filter((p) =>
    sameV1Value(applyRead(read, p.v2), ownValue(p.v1, key)),
  ).length;
  return { ...c, read, same };
}

/**
 * The adapter a diff implies: per 1.0 key (in the order the 1.0 captures show them) the 2.0
 * accessor and the conversion that reproduce the paired 1.0 values, or an explicit "no value"
 * with the reason. Pure and deterministic; carries no captured value.
 */
export function buildAdapterModel(input: AdapterModelInput): AdapterModel {
  const byPath = new Map(input.report.fields.map((f) => [f.v1Path, f]));
  const fields: AdapterField[] = [];
  const emitted = new Set<string>();
  const names = new Map<string, number>();
  const keys = [...input.v1Keys];
  for (const f of input.report.fields) {
    const segs = (() => {
      try {
        return parseShapePath(f.v1Path);
      } catch {
        return undefined;
      }
    })();
    const only = segs?.length === 1 ? segs[0] : undefined;
    if (only?.t === 'key' && !keys.includes(only.key) && f.presence.v1.present > 0)
      keys.push(only.key);
  }
  for (const key of keys) {
    const f = byPath.get(keyStep('', key));
    if (!f || emitted.has(key)) continue;
    emitted.add(key);
    if (f.class === 'ambiguous') {
      fields.push({
        key,
        comment: `ambiguous: ${f.candidates.map((c) => c.v2Path).join(' | ')} · settle it with --map`,
      });
      continue;
    }
    const c = f.v2Path !== undefined ? choose(f, key, input) : undefined;
    if (!c) {
      fields.push({
        key,
        comment:
          f.v2Path !== undefined
            ? `${f.v2Path} cannot be read by an adapter (a wildcard path) · settle it with --map`
            : `no 2.0 counterpart (${f.methods.includes('map') ? 'your --map says none' : 'removed'}) · map it with --map if 2.0 has it`,
      });
      continue;
    }
    const cf = withFallback(c, key, input, names);
    fields.push({ key, read: cf.read, comment: commentOf(f, cf, input.pairs.length) });
  }
  const notFlat = input.report.fields
    .map((f) => f.v1Path)
    .filter((p) => !fields.some((x) => keyStep('', x.key) === p));
  return { meta: input.meta, fields, notFlat };
}

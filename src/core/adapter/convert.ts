/**
 * Value conversions a generated adapter applies to a 2.0 value to give back what 1.0 sent.
 * `applyConversion` is the reference: every emitted language implements the same rules, and
 * `qwh adapter test` proves it on the captures.
 */

export type DateToken = 'YYYY' | 'MM' | 'DD' | 'HH' | 'mm' | 'ss';
/** A 1.0 code an opt-in or a checkbox became (a closed vocabulary: never a person's data). */
export type CodeValue = string | number | boolean;

export type Conversion =
  | { kind: 'copy' }
  /** number or boolean → its text ("9900101"), as 1.0 sent it. */
  | { kind: 'text' }
  /** numeric text → number. */
  | { kind: 'number' }
  /** The 2.0 ISO date-time → the 1.0 date text, in `format` (tokens YYYY MM DD HH mm ss) at a fixed offset. */
  | { kind: 'date'; format: string; offsetMinutes: number }
  /** A 2.0 code → the 1.0 code of the same answer ("1" → "yes"). */
  | { kind: 'code'; table: ReadonlyArray<readonly [string, CodeValue]> };

const NUMERIC_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;
/** The 2.0 date-time [doc: ISO-8601 UTC with milliseconds]; no offset counts as UTC. */
export const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const TOKENS: readonly DateToken[] = ['YYYY', 'MM', 'DD', 'HH', 'mm', 'ss'];
/** Separators a date format may contain (no letters that could read as tokens). */
const LITERAL = /^[ \-/:.T,_]+$/;
/** Codes a `code` table may produce: opt-in and checkbox vocabulary only. */
const CODE_TEXT = /^(?:|0|1|yes|no|y|n|true|false|on|off|oui|non|ja|nee|checked|unchecked|x)$/i;
const MAX_CODES = 10;

/** Milliseconds since the epoch of a 2.0 date-time, or undefined when it is not one. */
export function parseIso(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = ISO_DATE_TIME.exec(v);
  if (!m) return undefined;
  const n = (i: number): number => Number(m[i]);
  let ms = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6));
  const z = m[7];
  if (z && z !== 'Z') {
    const sign = z[0] === '-' ? -1 : 1;
    ms -= sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4, 6))) * 60_000;
  }
  return ms;
}

function parts(ms: number): Record<DateToken, string> {
  const d = new Date(ms);
  const two = (x: number): string => String(x).padStart(2, '0');
  return {
    YYYY: String(d.getUTCFullYear()).padStart(4, '0'),
    MM: two(d.getUTCMonth() + 1),
    DD: two(d.getUTCDate()),
    HH: two(d.getUTCHours()),
    mm: two(d.getUTCMinutes()),
    ss: two(d.getUTCSeconds()),
  };
}

/** Formats epoch milliseconds in a token format at an offset (seconds truncated, as 1.0 sent none). */
export function formatDate(ms: number, format: string, offsetMinutes: number): string {
  const p = parts(ms + offsetMinutes * 60_000);
  return format.replace(/YYYY|MM|DD|HH|mm|ss/g, (t) => p[t as DateToken]);
}

/** What the emitted helpers do with a 2.0 value (undefined in, undefined out). */
export function applyConversion(c: Conversion, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  switch (c.kind) {
    case 'copy':
      return v;
    case 'text':
      return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
    case 'number':
      return typeof v === 'string' && NUMERIC_TEXT.test(v) ? Number(v.trim()) : v;
    case 'date': {
      const ms = parseIso(v);
      return ms === undefined ? v : formatDate(ms, c.format, c.offsetMinutes);
    }
    case 'code': {
      if (typeof v !== 'string') return v;
      const hit = c.table.find(([k]) => k === v);
      return hit ? hit[1] : v;
    }
  }
}

/** The formats (in preference order) under which one 1.0 text is the 2.0 instant at an offset. */
function formatsOf(text: string, ms: number, offsetMinutes: number): string[] {
  const runs = text.match(/\d+|\D+/g) ?? [];
  if (runs.length === 0 || runs.length > 13) return [];
  const p = parts(ms + offsetMinutes * 60_000);
  // Year first reads month before day (ISO order); otherwise day before month (European).
  const order: DateToken[] =
    runs[0]?.length === 4 ? [...TOKENS] : ['YYYY', 'DD', 'MM', 'HH', 'mm', 'ss'];
  const out: string[] = [];
  const walk = (i: number, used: Set<DateToken>, acc: string): void => {
    if (out.length >= 64) return;
    if (i === runs.length) {
      if (used.has('YYYY') && used.size >= 3) out.push(acc);
      return;
    }
    const run = runs[i]!;
    if (!/^\d/.test(run)) {
      if (LITERAL.test(run)) walk(i + 1, used, acc + run);
      return;
    }
    for (const t of order)
      if (!used.has(t) && p[t] === run) walk(i + 1, new Set([...used, t]), acc + t);
  };
  walk(0, new Set(), '');
  return out;
}

/** Offsets tried, UTC first: whole quarter hours from −14 h to +14 h. */
const OFFSETS: readonly number[] = [
  0,
  ...Array.from({ length: 113 }, (_, i) => (i - 56) * 15).filter((o) => o !== 0),
];
const MAX_DATE_PAIRS = 50;

/**
 * The 1.0 date format the captures show: the token format (and fixed offset) under which every
 * paired 1.0 text is its 2.0 ISO date-time. Undefined when no single format explains them all.
 */
export function inferDateFormat(
  pairs: ReadonlyArray<{ v1: unknown; v2: unknown }>,
): { format: string; offsetMinutes: number } | undefined {
  const usable: Array<[string, number]> = [];
  for (const { v1, v2 } of pairs) {
    const ms = parseIso(v2);
    if (typeof v1 === 'string' && v1 !== '' && ms !== undefined) usable.push([v1, ms]);
    if (usable.length >= MAX_DATE_PAIRS) break;
  }
  if (usable.length === 0) return undefined;
  for (const off of OFFSETS) {
    let common: string[] | undefined;
    for (const [text, ms] of usable) {
      const f = formatsOf(text, ms, off);
      common = common ? common.filter((x) => f.includes(x)) : f;
      if (common.length === 0) break;
    }
    if (common && common.length > 0) return { format: common[0]!, offsetMinutes: off };
  }
  return undefined;
}

/** The date format of 1.0 texts alone (no pairs): `YYYY?MM?DD?HH?mm[?ss]` with their separators. */
export function dateFormatOfText(texts: readonly unknown[]): string | undefined {
  const re = /^(\d{4})(\D)(\d{2})(\D)(\d{2})(\D)(\d{2})(\D)(\d{2})(?:(\D)(\d{2}))?$/;
  let format: string | undefined;
  for (const t of texts) {
    const m = typeof t === 'string' ? re.exec(t) : null;
    if (!m || ![m[2], m[4], m[6], m[8], m[10] ?? '-'].every((s) => LITERAL.test(s!)))
      return undefined;
    const f = `YYYY${m[2]}MM${m[4]}DD${m[6]}HH${m[8]}mm${m[10] !== undefined ? `${m[10]}ss` : ''}`;
    if (format !== undefined && f !== format) return undefined;
    format = f;
  }
  return format;
}

/** A code table (2.0 code → 1.0 code) every pair agrees on, from the closed vocabulary only. */
export function inferCodeTable(
  pairs: ReadonlyArray<{ v1: unknown; v2: unknown }>,
): Array<[string, CodeValue]> | undefined {
  const table = new Map<string, CodeValue>();
  for (const { v1, v2 } of pairs) {
    if (typeof v2 !== 'string' || v1 === undefined || v1 === null) continue;
    const ok =
      (typeof v1 === 'string' && CODE_TEXT.test(v1)) ||
      typeof v1 === 'boolean' ||
      v1 === 0 ||
      v1 === 1;
    if (!ok) return undefined;
    const known = table.get(v2);
    if (known !== undefined && known !== v1) return undefined;
    table.set(v2, v1 as CodeValue);
    if (table.size > MAX_CODES) return undefined;
  }
  if (table.size === 0 || [...table].every(([k, v]) => k === v)) return undefined;
  return [...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** How a conversion reads in a generated comment. */
export function describeConversion(c: Conversion): string {
  switch (c.kind) {
    case 'copy':
      return 'as is';
    case 'text':
      return 'number → text, as 1.0 sent it';
    case 'number':
      return 'text → number, as 1.0 sent it';
    case 'date':
      return `ISO date → "${c.format}"${c.offsetMinutes === 0 ? ' (UTC)' : ` (UTC${c.offsetMinutes > 0 ? '+' : '−'}${Math.abs(c.offsetMinutes)} min)`}, as the 1.0 captures show it`;
    case 'code':
      return '2.0 code → the 1.0 code of the same answer';
  }
}

import {
  commentText,
  fallbackComment,
  fallbackLiteral,
  fallbacksOf,
  headerLines,
  stepsLiteral,
  tableLiteral,
} from './emit-common.js';
import type { AdapterField, AdapterModel, AdapterRead } from './model.js';

/**
 * The TypeScript adapter and its JavaScript twin. The JS is the TS minus exactly two things:
 * the block between `// <qwh:types>` and `// </qwh:types>`, and the annotations on `function`
 * lines (parameter and return types, never with a comma). `stripAdapterTypes` removes them, so
 * `qwh adapter test` runs a .ts adapter in Node with no TypeScript runtime.
 */

const TYPES = [
  '// <qwh:types>',
  '/** One step into the 2.0 payload: a key, an array position, or the item with that variable. */',
  'export type Step = string | number | { readonly variable: string };',
  '/** The flat 1.0 record: one key per field, as 1.0 sent it. */',
  'export type V1Record = { [key: string]: unknown };',
  'type CodeTable = { readonly [code: string]: string | number | boolean };',
  'type LookupTable = { readonly [key: string]: string | number };',
  '// </qwh:types>',
];

const HELPERS = `// Helpers: no dependencies. A missing or odd-shaped part reads as "no value", never an error.
function own(v: unknown, key: string): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.getOwnPropertyDescriptor(v, key)?.value
    : undefined;
}

function at(v: unknown, steps: readonly Step[]): unknown {
  for (const s of steps) {
    if (v === undefined || v === null) return undefined;
    if (typeof s === 'string') v = own(v, s);
    else if (typeof s === 'number') v = Array.isArray(v) ? v[s] : undefined;
    else v = Array.isArray(v) ? v.find((x) => own(x, 'variable') === s.variable) : undefined;
  }
  return v === null ? undefined : v;
}

function text(v: unknown): unknown {
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

function num(v: unknown): unknown {
  return typeof v === 'string' && /^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$/.test(v) ? Number(v.trim()) : v;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function part(d: Date, token: string): string {
  if (token === 'YYYY') return pad(d.getUTCFullYear(), 4);
  if (token === 'MM') return pad(d.getUTCMonth() + 1, 2);
  if (token === 'DD') return pad(d.getUTCDate(), 2);
  if (token === 'HH') return pad(d.getUTCHours(), 2);
  if (token === 'mm') return pad(d.getUTCMinutes(), 2);
  return pad(d.getUTCSeconds(), 2);
}

function date(v: unknown, format: string, offsetMinutes: number): unknown {
  const iso = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;
  const m = typeof v === 'string' ? iso.exec(v) : null;
  if (!m) return v;
  let ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const z = m[7];
  if (z && z !== 'Z') ms -= (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4, 6))) * 60000;
  const d = new Date(ms + offsetMinutes * 60000);
  return format.replace(/YYYY|MM|DD|HH|mm|ss/g, (t) => part(d, t));
}

function code(v: unknown, table: CodeTable): unknown {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(table, v) ? table[v] : v;
}

function lookup(k: unknown, table: LookupTable): unknown {
  const t = typeof k === 'number' && Number.isInteger(k) ? String(k) : k;
  return typeof t === 'string' && Object.prototype.hasOwnProperty.call(table, t) ? table[t] : undefined;
}

function or(v: unknown, fallback: unknown): unknown {
  return v === undefined || v === null ? fallback : v;
}

function orEmpty(v: unknown): unknown {
  return v === undefined || v === null ? '' : v;
}
`;

function keyLiteral(key: string): string {
  if (key === '__proto__') return '["__proto__"]';
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

/** The JS expression of one read: `text(at(p, ["campaign", "id"]))`. */
export function jsExpression(r: AdapterRead): string {
  let e = `at(p, ${stepsLiteral(r.steps)})`;
  const c = r.convert;
  if (c.kind === 'text') e = `text(${e})`;
  else if (c.kind === 'number') e = `num(${e})`;
  else if (c.kind === 'date') e = `date(${e}, ${JSON.stringify(c.format)}, ${c.offsetMinutes})`;
  else if (c.kind === 'code') e = `code(${e}, ${tableLiteral(c)})`;
  if (r.fallback)
    e = `or(${e}, lookup(at(p, ${stepsLiteral(r.fallback.steps)}), ${r.fallback.name}))`;
  return r.emptyWhenMissing ? `orEmpty(${e})` : e;
}

function fieldLine(f: AdapterField): string {
  const value = f.read ? jsExpression(f.read) : 'undefined';
  return `    ${keyLiteral(f.key)}: ${value}, // ${commentText(f.comment)}`;
}

/** The TypeScript adapter (an ES module exporting `toV1`). */
export function emitTs(model: AdapterModel): string {
  return [
    ...headerLines(model, 'toV1').map((l) => `// ${l}`),
    '',
    ...TYPES,
    '',
    ...fallbacksOf(model).flatMap((t) => [
      `// ${fallbackComment(t, 'undefined')}`,
      `const ${t.fb.name} = ${fallbackLiteral(t.fb)};`,
      '',
    ]),
    'export function toV1(p: unknown): V1Record {',
    '  return {',
    ...model.fields.map(fieldLine),
    '  };',
    '}',
    '',
    HELPERS,
  ].join('\n');
}

const SIGNATURE = /^((?:export )?function [A-Za-z_$][\w$]*)\((.*)\)(?:: [^{]+)? \{$/;

/** The generated TS minus its types (see above): the JS adapter, byte for byte. */
export function stripAdapterTypes(ts: string): string {
  const out: string[] = [];
  let inTypes = false;
  let skipBlank = false;
  for (const line of ts.split('\n')) {
    if (line === '// <qwh:types>') {
      inTypes = true;
      continue;
    }
    if (line === '// </qwh:types>') {
      inTypes = false;
      skipBlank = true;
      continue;
    }
    if (inTypes) continue;
    if (skipBlank && line === '') {
      skipBlank = false;
      continue;
    }
    skipBlank = false;
    const m = SIGNATURE.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    const params = m[2] === '' ? [] : m[2]!.split(', ').map((p) => p.replace(/:.*$/, ''));
    out.push(`${m[1]}(${params.join(', ')}) {`);
  }
  return out.join('\n');
}

/** The JavaScript adapter (an ES module exporting `toV1`): the TS adapter with its types stripped. */
export function emitJs(model: AdapterModel): string {
  return stripAdapterTypes(emitTs(model));
}

import * as z from 'zod';
import type { Problem } from '../path.js';
import { zodIssuesToProblems } from '../zod-problems.js';
import { parseShapePath } from './paths.js';

/** One field the user's receiver reads from the 1.0 payload (--rules). */
export interface RuleField {
  field: string;
  type?: 'string' | 'number' | 'boolean' | 'object' | 'array';
  required?: boolean;
}

const RuleType = z.enum(['string', 'number', 'boolean', 'object', 'array'], {
  error: 'must be one of string, number, boolean, object, array',
});
const RuleObject = z.strictObject(
  {
    field: z.string().min(1),
    type: RuleType.optional(),
    required: z.boolean().optional(),
  },
  { error: 'must be a field name or { field, type?, required? }' },
);
const RuleEntry = z.union([z.string().min(1), RuleObject], {
  error: 'must be a field name or { field, type?, required? }',
});
const RulesTopSchema = z.strictObject(
  { $schema: z.string().optional(), fields: z.array(z.unknown()) },
  { error: 'must be a list of fields, or { fields: [...] }' },
);
/** `--rules` file: a list of fields, or `{ fields: [...] }`. */
export const RulesFileSchema = z.union(
  [
    z.array(RuleEntry),
    z.strictObject({ $schema: z.string().optional(), fields: z.array(RuleEntry) }),
  ],
  { error: 'must be a list of fields, or { fields: [...] }' },
);

/** `--map` file: `{ "<1.0 field>": "<2.0 path>" | null }`, or the same under `map:`. */
const MapValues = z.record(z.string().min(1), z.union([z.string().min(1), z.null()]), {
  error: 'must map each 1.0 field to a 2.0 path (or null for "no counterpart")',
});
export const MapFileSchema = z.union([
  z.strictObject({ $schema: z.string().optional(), map: MapValues }),
  MapValues,
]);

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/**
 * Validates a parsed --rules document into the fields read. Each entry is checked on its own so a
 * problem names its entry (`[0].type`, `fields[2].field`), not the root of a union; a field listed
 * twice is an error naming both entries (which one would win is not the user's intent to guess).
 */
export function parseRules(doc: unknown): Parsed<RuleField[]> {
  const top = topOfRules(doc);
  if (!top.ok) return top;
  const problems: Problem[] = [];
  const byField = new Map<string, { f: RuleField; at: number }>();
  top.list.forEach((e, i) => {
    const at = [...top.prefix, i];
    const r = (typeof e === 'string' ? z.string().min(1) : RuleObject).safeParse(e);
    if (!r.success) {
      const p = zodIssuesToProblems(r.error.issues, RuleObject);
      for (const x of p) problems.push({ ...x, path: [...at, ...x.path] });
      return;
    }
    const f: RuleField = typeof r.data === 'string' ? { field: r.data } : { ...r.data };
    const seen = byField.get(f.field);
    if (seen)
      problems.push({
        path: [...at, ...(typeof e === 'string' ? [] : ['field'])],
        message: `"${f.field}" is already listed at ${formatIndex(top.prefix, seen.at)}: list each field once`,
      });
    else byField.set(f.field, { f, at: i });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: [...byField.values()].map((v) => v.f) };
}

function formatIndex(prefix: readonly (string | number)[], i: number): string {
  return `${prefix.length ? prefix.join('.') : ''}[${i}]`;
}

/** The list of entries of a --rules document and where it sits (`[]` or `fields`). */
function topOfRules(
  doc: unknown,
): { ok: true; list: unknown[]; prefix: (string | number)[] } | { ok: false; problems: Problem[] } {
  if (Array.isArray(doc)) return { ok: true, list: doc, prefix: [] };
  const r = RulesTopSchema.safeParse(doc);
  if (!r.success) {
    const p = zodIssuesToProblems(r.error.issues, RulesTopSchema);
    return {
      ok: false,
      problems: p.length
        ? p
        : [{ path: [], message: 'must be a list of fields, or { fields: [...] }' }],
    };
  }
  return { ok: true, list: r.data.fields, prefix: ['fields'] };
}

/** Validates a parsed --map document; every 2.0 path must parse (`form[variable=email].responses[0].value`). */
export function parseMap(doc: unknown): Parsed<Map<string, string | null>> {
  const r = MapFileSchema.safeParse(doc);
  if (!r.success) return { ok: false, problems: zodIssuesToProblems(r.error.issues) };
  const values =
    'map' in r.data &&
    typeof r.data.map === 'object' &&
    r.data.map !== null &&
    !Array.isArray(r.data.map)
      ? (r.data.map as Record<string, string | null>)
      : (r.data as Record<string, string | null>);
  const problems: Problem[] = [];
  const out = new Map<string, string | null>();
  for (const [k, v] of Object.entries(values)) {
    if (k === '$schema') continue;
    if (v !== null) {
      try {
        parseShapePath(v);
      } catch (e) {
        problems.push({ path: [k], message: `not a 2.0 path: ${(e as Error).message}` });
        continue;
      }
    }
    out.set(k, v);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: out };
}

import { z } from 'zod';
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
const RuleEntry = z.union(
  [
    z.string().min(1),
    z.strictObject({
      field: z.string().min(1),
      type: RuleType.optional(),
      required: z.boolean().optional(),
    }),
  ],
  { error: 'must be a field name or { field, type?, required? }' },
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

/** Validates a parsed --rules document into the fields read (duplicates are merged, last wins). */
export function parseRules(doc: unknown): Parsed<RuleField[]> {
  const r = RulesFileSchema.safeParse(doc);
  if (!r.success) return { ok: false, problems: zodIssuesToProblems(r.error.issues) };
  const list = Array.isArray(r.data) ? r.data : r.data.fields;
  const byField = new Map<string, RuleField>();
  for (const e of list) {
    const f: RuleField = typeof e === 'string' ? { field: e } : { ...e };
    byField.set(f.field, f);
  }
  return { ok: true, value: [...byField.values()] };
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

import {
  ITEM_KEY,
  keyStep,
  MAX_POSITION,
  MAX_VARIABLE_LENGTH,
  POSITIONAL_ARRAYS,
  varStep,
} from './paths.js';

/** JSON value kinds a shape records. */
export type Kind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
export const KINDS: readonly Kind[] = ['string', 'number', 'boolean', 'null', 'object', 'array'];

export type Scalar = string | number | boolean | null;

/** One node of a payload: its shape path, its kind and (for scalars) its value. */
export interface FlatEntry {
  path: string;
  kind: Kind;
  value?: Scalar;
}

/** Bounds for one payload record; a record beyond them is counted invalid, never walked further. */
export interface RecordLimits {
  maxDepth: number;
  maxNodes: number;
}

/** A real participation is ~7 levels deep and a few hundred nodes; these leave room, not risk. */
export const PAYLOAD_RECORD_LIMITS: RecordLimits = { maxDepth: 64, maxNodes: 200_000 };

export type FlattenResult = { ok: true; entries: FlatEntry[] } | { ok: false; reason: string };

/** The kind of a parsed JSON value. */
export function kindOf(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return t;
  return 'object';
}

function itemVariable(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  // Own property only: a "variable" on a prototype is not data.
  if (!Object.prototype.hasOwnProperty.call(item, ITEM_KEY)) return undefined;
  const v = (item as Record<string, unknown>)[ITEM_KEY];
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_VARIABLE_LENGTH ? v : undefined;
}

/**
 * Flattens one parsed payload into its nodes (containers and scalars), walking iteratively
 * (depth is attacker-controlled). The root must be an object. Keys such as `__proto__` are
 * read as own data (Object.keys), never assigned anywhere.
 */
export function flattenRecord(
  root: unknown,
  limits: RecordLimits = PAYLOAD_RECORD_LIMITS,
): FlattenResult {
  if (kindOf(root) !== 'object')
    return { ok: false, reason: `not a JSON object (${kindOf(root)})` };
  const entries: FlatEntry[] = [];
  const stack: Array<{ v: unknown; path: string; depth: number; key: string }> = [
    { v: root, path: '', depth: 0, key: '' },
  ];
  while (stack.length > 0) {
    const { v, path, depth, key } = stack.pop()!;
    const kind = kindOf(v);
    if (path !== '') {
      if (kind === 'object' || kind === 'array') entries.push({ path, kind });
      else entries.push({ path, kind, value: v as Scalar });
      if (entries.length > limits.maxNodes)
        return { ok: false, reason: `more than ${limits.maxNodes} values in one payload` };
    }
    if (kind !== 'object' && kind !== 'array') continue;
    if (depth >= limits.maxDepth)
      return { ok: false, reason: `nesting deeper than ${limits.maxDepth} levels` };
    if (kind === 'array') {
      const arr = v as unknown[];
      const positional = POSITIONAL_ARRAYS.has(key);
      for (let i = arr.length - 1; i >= 0; i--) {
        const item = arr[i];
        const variable = itemVariable(item);
        const step =
          variable !== undefined
            ? varStep(variable)
            : positional && i < MAX_POSITION
              ? `[${i}]`
              : '[]';
        stack.push({ v: item, path: path + step, depth: depth + 1, key: '' });
      }
    } else {
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        stack.push({ v: obj[k], path: keyStep(path, k), depth: depth + 1, key: k });
      }
    }
  }
  return { ok: true, entries };
}

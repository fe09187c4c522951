import { MESSAGES } from '../../messages/index.js';
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

/**
 * One distinct shape path, interned: a payload walk looks children up by the raw key (V8 keeps
 * the hash of parsed keys) instead of building and hashing the whole path text per node.
 */
export interface PathNode {
  readonly path: string;
  keys?: Map<string, PathNode>;
  vars?: Map<string, PathNode>;
  positions?: PathNode[];
  any?: PathNode;
  /** Slot for the statistics of this path (owned by the ShapeAccumulator of the trie). */
  stats?: unknown;
}

/** The interned paths of one side, bounded: beyond maxPaths new paths are not created. */
export class PathTrie {
  readonly root: PathNode = { path: '' };
  size = 0;
  constructor(readonly maxPaths = 20_000) {}

  /** The node of a key under parent (created when new and under the bound). */
  key(parent: PathNode, key: string): PathNode | undefined {
    const m = (parent.keys ??= new Map());
    return m.get(key) ?? this.add(m, key, keyStep(parent.path, key));
  }

  /** The node of a `[variable=…]` item under parent. */
  variable(parent: PathNode, v: string): PathNode | undefined {
    const m = (parent.vars ??= new Map());
    return m.get(v) ?? this.add(m, v, parent.path + varStep(v));
  }

  /** The node of position i (< MAX_POSITION) under parent. */
  position(parent: PathNode, i: number): PathNode | undefined {
    const a = (parent.positions ??= []);
    const hit = a[i];
    if (hit || this.size >= this.maxPaths) return hit;
    this.size++;
    return (a[i] = { path: `${parent.path}[${i}]` });
  }

  /** The node of "any item" (`[]`) under parent. */
  anyItem(parent: PathNode): PathNode | undefined {
    if (parent.any || this.size >= this.maxPaths) return parent.any;
    this.size++;
    return (parent.any = { path: `${parent.path}[]` });
  }

  private add(m: Map<string, PathNode>, k: string, path: string): PathNode | undefined {
    if (this.size >= this.maxPaths) return undefined;
    this.size++;
    const node: PathNode = { path };
    m.set(k, node);
    return node;
  }
}

/** One node of a payload: its shape path, its kind and (for scalars) its value. */
export interface FlatEntry {
  path: string;
  node: PathNode;
  kind: Kind;
  /** The scalar's value; undefined for a container. */
  value: Scalar | undefined;
}

/** Bounds for one payload record; a record beyond them is counted invalid, never walked further. */
export interface RecordLimits {
  maxDepth: number;
  maxNodes: number;
}

/** A real participation is ~7 levels deep and a few hundred nodes; these leave room, not risk. */
export const PAYLOAD_RECORD_LIMITS: RecordLimits = { maxDepth: 64, maxNodes: 200_000 };

export type FlattenResult =
  { ok: true; entries: FlatEntry[]; dropped: number } | { ok: false; reason: string };

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
 * Reusable memory for flattenRecord: the entry objects and the walk stack of one record are
 * recycled for the next, so a walk allocates nothing per node (the GC cost of a stream of
 * records). The entries returned are valid until the next flattenRecord with the same scratch.
 */
export class FlattenScratch {
  readonly entries: FlatEntry[] = [];
  readonly pool: FlatEntry[] = [];
  readonly values: unknown[] = [];
  readonly nodes: Array<PathNode | undefined> = [];
  readonly depths: number[] = [];
  readonly keys: string[] = [];
}

/** Entry objects kept between records (more are made for a bigger record, then let go). */
const POOL_KEPT = 4096;

/**
 * Flattens one parsed payload into its nodes (containers and scalars), walking iteratively
 * (depth is attacker-controlled). The root must be an object. Keys such as `__proto__` are
 * read as own data (Object.keys), never assigned anywhere.
 */
export function flattenRecord(
  root: unknown,
  limits: RecordLimits = PAYLOAD_RECORD_LIMITS,
  trie: PathTrie = new PathTrie(limits.maxNodes),
  scratch: FlattenScratch = new FlattenScratch(),
): FlattenResult {
  if (kindOf(root) !== 'object')
    return { ok: false, reason: `not a JSON object (${kindOf(root)})` };
  const { entries, pool, values, nodes: stackNodes, depths, keys: stackKeys } = scratch;
  entries.length = 0;
  if (pool.length > POOL_KEPT) pool.length = POOL_KEPT;
  let dropped = 0;
  let nodes = 0;
  // node undefined: the path cap of the trie was reached; the subtree is still walked (limits)
  // but not recorded.
  values[0] = root;
  stackNodes[0] = trie.root;
  depths[0] = 0;
  stackKeys[0] = '';
  let top = 1;
  try {
    while (top > 0) {
      top--;
      const v = values[top];
      const node = stackNodes[top];
      const depth = depths[top]!;
      const key = stackKeys[top]!;
      values[top] = undefined;
      const kind = kindOf(v);
      if (depth > 0) {
        if (++nodes > limits.maxNodes)
          return { ok: false, reason: MESSAGES.diff.tooManyValues(limits.maxNodes) };
        if (!node) dropped++;
        else {
          const value = kind === 'object' || kind === 'array' ? undefined : (v as Scalar);
          const i = entries.length;
          let e = pool[i];
          if (e) {
            e.path = node.path;
            e.node = node;
            e.kind = kind;
            e.value = value;
          } else pool[i] = e = { path: node.path, node, kind, value };
          entries.push(e);
        }
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
          values[top] = item;
          stackNodes[top] = !node
            ? undefined
            : variable !== undefined
              ? trie.variable(node, variable)
              : positional && i < MAX_POSITION
                ? trie.position(node, i)
                : trie.anyItem(node);
          depths[top] = depth + 1;
          stackKeys[top] = '';
          top++;
        }
      } else {
        const obj = v as Record<string, unknown>;
        const keys = Object.keys(obj);
        for (let i = keys.length - 1; i >= 0; i--) {
          const k = keys[i]!;
          values[top] = obj[k];
          stackNodes[top] = node && trie.key(node, k);
          depths[top] = depth + 1;
          stackKeys[top] = k;
          top++;
        }
      }
    }
  } finally {
    // Nothing of this record stays reachable through the stack (an early return leaves some).
    for (let i = 0; i < top; i++) values[i] = undefined;
    if (values.length > POOL_KEPT)
      values.length = stackNodes.length = depths.length = stackKeys.length = POOL_KEPT;
  }
  return { ok: true, entries, dropped };
}

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

/** Kind codes of a walk (the index of the kind in KINDS). */
export const STRING = 0;
export const NUMBER = 1;
export const BOOLEAN = 2;
export const NULL = 3;
export const OBJECT = 4;
export const ARRAY = 5;

/**
 * One record's walk, kept in parallel arrays reused record after record (a walk allocates
 * nothing per node: the GC cost of a stream of records): the i-th recorded node's path node,
 * kind code (STRING … ARRAY) and scalar value (undefined for a container), in document order.
 * Valid until the next walk with the same scratch.
 */
export class FlattenScratch {
  /** Nodes recorded (those under the path cap). */
  count = 0;
  /** Nodes over the path cap: walked (limits) but not recorded. */
  dropped = 0;
  /** Every node below the root, recorded or not (the maxNodes bound). */
  seen = 0;
  readonly nodes: PathNode[] = [];
  readonly kinds: number[] = [];
  readonly values: Array<Scalar | undefined> = [];
  /** The walk's pending children (their path nodes), and its top. */
  readonly stack: Array<PathNode | undefined> = [];
  top = 0;
}

/** Nodes kept between records (a bigger record grows the arrays, then they are cut back). */
const KEPT = 4096;

/** Why a walk stopped: the record is refused. */
type Refusal = string;

/**
 * Walks one parsed payload into `scratch` (see FlattenScratch) and returns why it is refused,
 * or undefined. The root must be an object. A refused record leaves nothing in the scratch that
 * a caller may commit, so the caller records nothing of it; only the trie may hold paths it
 * interned on the way (as it did before). Recursive, and bounded: it never goes deeper than
 * `limits.maxDepth` levels (attacker-controlled depth is refused there). Keys such as
 * `__proto__` are read as own data (Object.keys), never assigned anywhere.
 */
export function walkRecord(
  root: unknown,
  limits: RecordLimits,
  trie: PathTrie,
  scratch: FlattenScratch,
): Refusal | undefined {
  const kind = kindOf(root);
  if (kind !== 'object') return `not a JSON object (${kind})`;
  if (limits.maxDepth <= 0) return `nesting deeper than ${limits.maxDepth} levels`;
  const before = scratch.count;
  scratch.count = scratch.dropped = scratch.seen = scratch.top = 0;
  const refused = walkObject(root as Record<string, unknown>, trie.root, 0, limits, trie, scratch);
  // Values of an earlier, bigger record are let go (this record's stay until the next walk).
  const { nodes, kinds, values } = scratch;
  for (let i = scratch.count; i < before && i < values.length; i++) values[i] = undefined;
  if (refused !== undefined) {
    for (let i = 0; i < scratch.count; i++) values[i] = undefined;
    scratch.count = 0;
  }
  if (values.length > KEPT && scratch.count <= KEPT)
    nodes.length = kinds.length = values.length = KEPT;
  if (scratch.stack.length > KEPT) scratch.stack.length = KEPT;
  return refused;
}

/** Records one node below the root; undefined, or why the record is refused. */
function visit(
  v: unknown,
  node: PathNode | undefined,
  depth: number,
  key: string,
  limits: RecordLimits,
  trie: PathTrie,
  s: FlattenScratch,
): Refusal | undefined {
  if (++s.seen > limits.maxNodes) return MESSAGES.diff.tooManyValues(limits.maxNodes);
  let code: number;
  if (typeof v === 'string') code = STRING;
  else if (typeof v === 'number') code = NUMBER;
  else if (typeof v === 'boolean') code = BOOLEAN;
  else if (v === null) code = NULL;
  else code = Array.isArray(v) ? ARRAY : OBJECT;
  if (!node) s.dropped++;
  else {
    const i = s.count++;
    s.nodes[i] = node;
    s.kinds[i] = code;
    s.values[i] = code < OBJECT ? (v as Scalar) : undefined;
  }
  if (code < OBJECT) return undefined;
  if (depth >= limits.maxDepth) return `nesting deeper than ${limits.maxDepth} levels`;
  return code === OBJECT
    ? walkObject(v as Record<string, unknown>, node, depth, limits, trie, s)
    : walkArray(v as unknown[], node, depth, key, limits, trie, s);
}

// A container's children are interned last to first before any is visited, as the walk did
// when it kept an explicit stack: which paths exist when the path cap is reached (and which
// nodes are dropped) stays what it was. Their nodes wait in `s.stack` above the parent's.
function walkObject(
  obj: Record<string, unknown>,
  node: PathNode | undefined,
  depth: number,
  limits: RecordLimits,
  trie: PathTrie,
  s: FlattenScratch,
): Refusal | undefined {
  const keys = Object.keys(obj);
  const n = keys.length;
  const base = s.top;
  const stack = s.stack;
  s.top = base + n;
  // Grown in order: an array written past its end turns sparse (and slow) in V8.
  while (stack.length < s.top) stack.push(undefined);
  for (let i = n - 1; i >= 0; i--) stack[base + i] = node && trie.key(node, keys[i]!);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    const r = visit(obj[k], stack[base + i], depth + 1, k, limits, trie, s);
    if (r !== undefined) return r;
  }
  s.top = base;
  return undefined;
}

function walkArray(
  arr: unknown[],
  node: PathNode | undefined,
  depth: number,
  key: string,
  limits: RecordLimits,
  trie: PathTrie,
  s: FlattenScratch,
): Refusal | undefined {
  const n = arr.length;
  const base = s.top;
  const stack = s.stack;
  s.top = base + n;
  // Grown in order: an array written past its end turns sparse (and slow) in V8.
  while (stack.length < s.top) stack.push(undefined);
  if (node) {
    const positional = POSITIONAL_ARRAYS.has(key);
    for (let i = n - 1; i >= 0; i--) {
      const variable = itemVariable(arr[i]);
      stack[base + i] =
        variable !== undefined
          ? trie.variable(node, variable)
          : positional && i < MAX_POSITION
            ? trie.position(node, i)
            : trie.anyItem(node);
    }
  } else for (let i = 0; i < n; i++) stack[base + i] = undefined;
  for (let i = 0; i < n; i++) {
    const r = visit(arr[i], stack[base + i], depth + 1, '', limits, trie, s);
    if (r !== undefined) return r;
  }
  s.top = base;
  return undefined;
}

/**
 * Flattens one parsed payload into its nodes (containers and scalars), in document order: the
 * walk of walkRecord as entry objects (for tests and callers that keep them).
 */
export function flattenRecord(
  root: unknown,
  limits: RecordLimits = PAYLOAD_RECORD_LIMITS,
  trie: PathTrie = new PathTrie(limits.maxNodes),
  scratch: FlattenScratch = new FlattenScratch(),
): FlattenResult {
  const s = scratch;
  const refused = walkRecord(root, limits, trie, s);
  if (refused !== undefined) return { ok: false, reason: refused };
  const entries: FlatEntry[] = [];
  for (let i = 0; i < s.count; i++) {
    const node = s.nodes[i]!;
    entries.push({ path: node.path, node, kind: KINDS[s.kinds[i]!]!, value: s.values[i] });
  }
  return { ok: true, entries, dropped: s.dropped };
}

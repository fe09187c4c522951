import {
  ARRAY,
  BOOLEAN,
  KINDS,
  NULL,
  NUMBER,
  OBJECT,
  PathTrie,
  STRING,
  type FlattenScratch,
  type Kind,
} from './flatten.js';
import { displayValue, fieldOfPath, isPersonalField } from './mask.js';

/** An example value as reports show it. */
export type Example = string | number | boolean;

/** What was seen at one path over all the payloads of one side. */
export interface PathStats {
  path: string;
  /** Payloads in which the path occurs at least once. */
  present: number;
  /** Occurrences by kind (a path inside `[]` may occur several times in one payload). */
  kinds: Record<Kind, number>;
  empties: number;
  /** Strings that are plain decimal numbers ("9900101"): text that converts to a number losslessly. */
  numericText: number;
  /** A few distinct example values; strings already masked (personal data) and cut for display. */
  examples: Example[];
  /** Internal: the last payload counted in `present`. */
  lastRecord: number;
  /** Internal: values tried as examples (bounded, so constant fields cost nothing later). */
  exampleTries: number;
  /** Internal: the field is personal by name (decided once per path). */
  personal: boolean;
}

/** The shape of one side: every path with its statistics, and how many payloads made it. */
export interface Shape {
  records: number;
  paths: ReadonlyMap<string, PathStats>;
  /** Occurrences of paths not recorded because the path cap was reached. */
  droppedPaths: number;
}

export const MAX_EXAMPLES = 3;
/** Values tried per path for distinct examples; a field with one value stops costing after this. */
const MAX_EXAMPLE_TRIES = 64;
/** Distinct paths kept per side: a real payload has a few hundred; hostile data cannot grow memory. */
export const MAX_SHAPE_PATHS = 20_000;

const NUMERIC_TEXT = /^-?(?:0|[1-9]\d{0,15})(?:\.\d{1,15})?$/;

/** False for text NUMERIC_TEXT cannot match (it starts with "-" or a digit): most text skips the pattern. */
function maybeNumericText(t: string): boolean {
  const c = t.charCodeAt(0);
  return c === 45 || (c >= 48 && c <= 57);
}

function emptyKinds(): Record<Kind, number> {
  return { string: 0, number: 0, boolean: 0, null: 0, object: 0, array: 0 };
}

/**
 * Accumulates the shape of many payloads, one at a time: memory grows with the number of
 * distinct paths (capped), never with the number or size of payloads.
 */
export class ShapeAccumulator {
  private readonly paths = new Map<string, PathStats>();
  private records = 0;
  private dropped = 0;
  /** The interned paths of this side; pass it to flattenRecord. */
  readonly trie: PathTrie;

  constructor(maxPaths = MAX_SHAPE_PATHS) {
    this.trie = new PathTrie(maxPaths);
  }

  /** Adds one payload walked (walkRecord) with this accumulator's trie. */
  add(w: FlattenScratch): void {
    const rec = ++this.records;
    this.dropped += w.dropped;
    const { nodes, kinds, values } = w;
    for (let i = 0, n = w.count; i < n; i++) {
      const node = nodes[i]!;
      let s = node.stats as PathStats | undefined;
      if (!s) {
        s = {
          path: node.path,
          present: 0,
          kinds: emptyKinds(),
          empties: 0,
          numericText: 0,
          examples: [],
          lastRecord: 0,
          exampleTries: 0,
          personal: isPersonalField(fieldOfPath(node.path)),
        };
        node.stats = s;
        this.paths.set(node.path, s);
      }
      if (s.lastRecord !== rec) {
        s.lastRecord = rec;
        s.present++;
      }
      const v = values[i];
      switch (kinds[i]) {
        case STRING: {
          s.kinds.string++;
          const t = v as string;
          if (t === '') s.empties++;
          else if (t.length <= 32 && maybeNumericText(t) && NUMERIC_TEXT.test(t)) s.numericText++;
          break;
        }
        case NUMBER:
          s.kinds.number++;
          break;
        case BOOLEAN:
          s.kinds.boolean++;
          break;
        case NULL:
          s.kinds.null++;
          break;
        case OBJECT:
          s.kinds.object++;
          break;
        case ARRAY:
          s.kinds.array++;
          break;
      }
      if (
        v !== undefined &&
        v !== null &&
        v !== '' &&
        s.examples.length < MAX_EXAMPLES &&
        s.exampleTries < MAX_EXAMPLE_TRIES
      ) {
        s.exampleTries++;
        const shown = typeof v === 'string' ? displayValue(node.path, v, 40, s.personal) : v;
        if (!s.examples.includes(shown)) s.examples.push(shown);
      }
    }
  }

  /** The shape so far. */
  shape(): Shape {
    return { records: this.records, paths: this.paths, droppedPaths: this.dropped };
  }
}

/** Kinds seen at a path (most frequent first), nulls left out unless nothing else was seen. */
export function kindsOf(s: PathStats, withNull = false): Kind[] {
  return KINDS.filter((k) => s.kinds[k] > 0 && (withNull || k !== 'null')).sort(
    (a, b) => s.kinds[b] - s.kinds[a],
  );
}

/** True when a path held a scalar at least once (a field a receiver can read). */
export function isLeaf(s: PathStats): boolean {
  return s.kinds.string + s.kinds.number + s.kinds.boolean + s.kinds.null > 0;
}

/** True when every string seen at the path was numeric text. */
export function allNumericText(s: PathStats): boolean {
  const nonEmpty = s.kinds.string - s.empties;
  return nonEmpty > 0 && s.numericText === nonEmpty;
}

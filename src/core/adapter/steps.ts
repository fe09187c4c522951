import { parseShapePath } from '../diff/paths.js';

/**
 * How a generated adapter walks a 2.0 payload: an object key, the item of an array whose
 * `variable` is the given one (2.0 item ids are not unique [doc]), or an array position.
 * Every language's `at` helper walks the same steps with the same rule: anything missing or of
 * the wrong kind gives "no value" (undefined / None / null), never an error.
 */
export type Step =
  { t: 'key'; key: string } | { t: 'var'; value: string } | { t: 'index'; i: number };

/** Steps of a shape path; `[]` (any item) reads the first item. Undefined when not walkable. */
export function stepsOf(path: string): { steps: Step[]; firstItem: boolean } | undefined {
  let segs;
  try {
    segs = parseShapePath(path);
  } catch {
    return undefined;
  }
  const steps: Step[] = [];
  let firstItem = false;
  for (const s of segs) {
    if (s.t === 'key') steps.push({ t: 'key', key: s.key });
    else if (s.t === 'index') steps.push({ t: 'index', i: s.index });
    else if (s.t === 'any') {
      steps.push({ t: 'index', i: 0 });
      firstItem = true;
    } else if (s.wildcard) return undefined;
    else steps.push({ t: 'var', value: s.value });
  }
  return steps.length > 0 ? { steps, firstItem } : undefined;
}

function own(v: unknown, key: string): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.getOwnPropertyDescriptor(v, key)?.value
    : undefined;
}

/** Reads steps from a parsed payload, exactly as the emitted `at` helpers do. */
export function readSteps(root: unknown, steps: readonly Step[]): unknown {
  let v: unknown = root;
  for (const s of steps) {
    if (v === undefined || v === null) return undefined;
    if (s.t === 'key') v = own(v, s.key);
    else if (s.t === 'index') v = Array.isArray(v) ? (v[s.i] as unknown) : undefined;
    else
      v = Array.isArray(v)
        ? (v as unknown[]).find((x) => own(x, 'variable') === s.value)
        : undefined;
  }
  return v === null ? undefined : v;
}

/** The same steps with the last `n` replaced (a sibling answer: `.label`, `.file.path`). */
export function withTail(steps: readonly Step[], drop: number, tail: readonly string[]): Step[] {
  return [...steps.slice(0, steps.length - drop), ...tail.map((key): Step => ({ t: 'key', key }))];
}

import type { DocPath, Problem } from '../path.js';
import { jsonExtent } from './json-scan.js';

/** Bounds applied to every untrusted document before any schema sees it. */
export interface StructureLimits {
  maxDepth: number;
  maxKeys: number;
  maxStringLength: number;
  /** Keys refused outright (rather than risking prototype pollution downstream). */
  forbiddenKeys: ReadonlySet<string>;
}

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Limits for account and config files: small, hand-written documents. */
export const ACCOUNT_FILE_LIMITS: StructureLimits = {
  maxDepth: 32,
  // A 10 000-website account holds ~200 000 keys and items; 500 000 leaves room, 10 MiB bounds the rest.
  maxKeys: 500_000,
  maxStringLength: 64 * 1024,
  forbiddenKeys: FORBIDDEN_KEYS,
};

/**
 * Limits for one webhook payload (a delivery body, a captured one). A participation is a few
 * levels deep; 64 is far above any real one and far below what overflows a recursive serialiser
 * (JSON.stringify, which re-identified bodies and `listen --save` use). `__proto__` and friends
 * stay data here: JSON.parse makes them own keys, and a payload is never merged into an object.
 */
export const PAYLOAD_LIMITS: StructureLimits = {
  maxDepth: 64,
  maxKeys: 200_000,
  // Bounded by the body or file size already.
  maxStringLength: Number.MAX_SAFE_INTEGER,
  forbiddenKeys: new Set(),
};

/** Largest account or config file read at all, checked before reading (bytes). */
export const MAX_ACCOUNT_FILE_BYTES = 10 * 1024 * 1024;

interface Frame {
  v: object;
  parent: Frame | undefined;
  key: string | number | undefined;
  depth: number;
}

/** The path of a frame (plus an optional last key), built only when a problem is reported. */
function pathOf(f: Frame | undefined, last?: string | number): DocPath {
  const out: Array<string | number> = [];
  for (let x = f; x && x.key !== undefined; x = x.parent) out.push(x.key);
  out.reverse();
  if (last !== undefined) out.push(last);
  return out;
}

/**
 * Walks a parsed document iteratively (never recursion: depth is attacker-controlled) and
 * returns the problems that break the limits; stops at the first of each kind. Paths are kept as
 * parent links and spelled out only for a problem: `qwh listen` runs this on every delivery.
 */
export function checkStructure(value: unknown, limits: StructureLimits): Problem[] {
  const problems: Problem[] = [];
  let keys = 0;
  let depthReported = false;
  let forbiddenReported = false;
  let longReported = false;
  const checkString = (v: unknown, at: () => DocPath): void => {
    if (typeof v === 'string' && v.length > limits.maxStringLength && !longReported) {
      longReported = true;
      problems.push({
        path: at(),
        message: `string longer than ${limits.maxStringLength} characters`,
      });
    }
  };
  if (value === null || typeof value !== 'object') {
    checkString(value, () => []);
    return problems;
  }
  const stack: Frame[] = [{ v: value, parent: undefined, key: undefined, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { v, depth } = frame;
    if (depth >= limits.maxDepth) {
      if (!depthReported) {
        depthReported = true;
        problems.push({
          path: pathOf(frame),
          message: `nesting deeper than ${limits.maxDepth} levels`,
        });
      }
      continue;
    }
    const visit = (child: unknown, key: string | number): void => {
      if (child !== null && typeof child === 'object')
        stack.push({ v: child, parent: frame, key, depth: depth + 1 });
      else checkString(child, () => pathOf(frame, key));
    };
    if (Array.isArray(v)) {
      keys += v.length;
      for (let k = v.length - 1; k >= 0; k--) visit(v[k], k);
    } else {
      const own = Object.keys(v);
      keys += own.length;
      for (let k = own.length - 1; k >= 0; k--) {
        const key = own[k]!;
        if (limits.forbiddenKeys.has(key)) {
          if (!forbiddenReported) {
            forbiddenReported = true;
            problems.push({ path: pathOf(frame, key), message: `key "${key}" is not allowed` });
          }
          continue;
        }
        visit((v as Record<string, unknown>)[key], key);
      }
    }
    if (keys > limits.maxKeys) {
      problems.push({
        path: pathOf(frame),
        message: `more than ${limits.maxKeys} keys and items in total`,
      });
      return problems;
    }
  }
  return problems;
}

/**
 * The first limit JSON text breaks, judged on the text alone (see jsonExtent) so that hostile
 * documents are refused before they are parsed; undefined when parsing is safe.
 */
export function jsonTextProblem(text: string, limits: StructureLimits): string | undefined {
  const { depth, items } = jsonExtent(text);
  if (depth > limits.maxDepth) return `nesting deeper than ${limits.maxDepth} levels`;
  if (items > limits.maxKeys) return `more than ${limits.maxKeys} keys and items in total`;
  return undefined;
}

/**
 * A yes/no version of checkStructure for the hot path of `qwh listen`: true only when
 * checkStructure would find no problem (it counts every key it meets, so never fewer than
 * checkStructure). Recursion is safe here: it stops at `maxDepth`. On false, call checkStructure
 * for the problem's wording.
 */
export function withinStructure(value: unknown, limits: StructureLimits): boolean {
  let keys = 0;
  const { maxDepth, maxKeys } = limits;
  const maxString = limits.maxStringLength;
  const strings = maxString < Number.MAX_SAFE_INTEGER;
  const forbidden = limits.forbiddenKeys.size > 0 ? limits.forbiddenKeys : undefined;
  // Only containers are visited (a call per leaf was most of the cost); `for…in` instead of
  // Object.keys allocates nothing. It would also count inherited enumerable keys, which only
  // errs towards false: checkStructure then has the last word.
  const leaf = (v: unknown): boolean => !strings || typeof v !== 'string' || v.length <= maxString;
  const walk = (v: object, depth: number): boolean => {
    if (depth >= maxDepth) return false;
    if (Array.isArray(v)) {
      keys += v.length;
      if (keys > maxKeys) return false;
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x !== null && typeof x === 'object' ? !walk(x, depth + 1) : !leaf(x)) return false;
      }
      return true;
    }
    for (const key in v) {
      if (++keys > maxKeys || forbidden?.has(key)) return false;
      const x = (v as Record<string, unknown>)[key];
      if (x !== null && typeof x === 'object' ? !walk(x, depth + 1) : !leaf(x)) return false;
    }
    return true;
  };
  return value !== null && typeof value === 'object' ? walk(value, 0) : leaf(value);
}

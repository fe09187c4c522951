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

/**
 * Walks a parsed document iteratively (never recursion: depth is attacker-controlled) and
 * returns the problems that break the limits; stops at the first of each kind.
 */
export function checkStructure(value: unknown, limits: StructureLimits): Problem[] {
  const problems: Problem[] = [];
  const stack: Array<{ v: unknown; path: DocPath; depth: number }> = [
    { v: value, path: [], depth: 0 },
  ];
  let keys = 0;
  let depthReported = false;
  let forbiddenReported = false;
  let longReported = false;
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength && !longReported) {
        longReported = true;
        problems.push({ path, message: `string longer than ${limits.maxStringLength} characters` });
      }
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limits.maxDepth) {
      if (!depthReported) {
        depthReported = true;
        problems.push({ path, message: `nesting deeper than ${limits.maxDepth} levels` });
      }
      continue;
    }
    if (Array.isArray(v)) {
      keys += v.length;
      for (let k = v.length - 1; k >= 0; k--)
        stack.push({ v: v[k], path: [...path, k], depth: depth + 1 });
    } else {
      const own = Object.keys(v);
      keys += own.length;
      for (let k = own.length - 1; k >= 0; k--) {
        const key = own[k]!;
        if (limits.forbiddenKeys.has(key)) {
          if (!forbiddenReported) {
            forbiddenReported = true;
            problems.push({ path: [...path, key], message: `key "${key}" is not allowed` });
          }
          continue;
        }
        stack.push({
          v: (v as Record<string, unknown>)[key],
          path: [...path, key],
          depth: depth + 1,
        });
      }
    }
    if (keys > limits.maxKeys) {
      problems.push({ path, message: `more than ${limits.maxKeys} keys and items in total` });
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

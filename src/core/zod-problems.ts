import type { z } from 'zod';
import type { Problem } from './path.js';
import { nearest } from './suggest.js';

/**
 * Turns zod issues into one Problem per thing the user must fix, worded for a human. With the
 * schema, an unknown key names the nearest known one ("unknown key (did you mean enabled?)").
 */
export function zodIssuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  schema?: z.ZodType,
): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      const known = schema ? keysAt(schema, path) : [];
      for (const key of issue.keys) {
        const near = nearest(key, known);
        out.push({
          path: [...path, key],
          message: `unknown key${near ? ` (did you mean ${near}?)` : ''}`,
        });
      }
    } else if (
      issue.code === 'too_big' &&
      issue.origin === 'int' &&
      Number(issue.maximum) === Number.MAX_SAFE_INTEGER
    ) {
      out.push({ path, message: 'number too large (beyond 2^53, cannot be an exact id)' });
    } else if (issue.code === 'invalid_type') {
      const got = /received (\w+)/.exec(issue.message)?.[1];
      out.push({
        path,
        message:
          got === 'undefined'
            ? 'required'
            : `must be ${article(issue.expected)}${got ? `, got ${article(got)}` : ''}`,
      });
    } else {
      out.push({ path, message: issue.message });
    }
  }
  return out;
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  element?: { _zod: { def: Def } };
  innerType?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
  in?: { _zod: { def: Def } };
  getter?: () => { _zod: { def: Def } };
}

/** The keys an object schema knows at `path` (through arrays, optionals, unions), for suggestions. */
function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let defs: Def[] = [(schema as unknown as { _zod: { def: Def } })._zod.def];
  const step = (d: Def): Def[] => {
    const inner = d.innerType ?? d.in ?? d.getter?.();
    if (inner) return step(inner._zod.def);
    if (d.type === 'union' && d.options) return d.options.flatMap((o) => step(o._zod.def));
    return [d];
  };
  defs = defs.flatMap(step);
  for (const seg of path) {
    const next: Def[] = [];
    for (const d of defs) {
      if (typeof seg === 'number' && d.element) next.push(...step(d.element._zod.def));
      if (typeof seg === 'string' && d.shape?.[seg]) next.push(...step(d.shape[seg]._zod.def));
    }
    defs = next;
  }
  return [...new Set(defs.flatMap((d) => Object.keys(d.shape ?? {})))];
}

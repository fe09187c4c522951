import type { z } from 'zod';
import type { Problem } from './path.js';

/** Turns zod issues into one Problem per thing the user must fix, worded for a human. */
export function zodIssuesToProblems(issues: readonly z.core.$ZodIssue[]): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: 'unknown key' });
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

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/bin.js';

it('the committed JSON Schemas match the zod schemas', () => {
  // Exits non-zero (and throws here) when schema/*.json is stale.
  expect(() =>
    execFileSync(process.execPath, [join(ROOT, 'scripts/gen-schema.js'), '--check'], {
      cwd: ROOT,
      stdio: 'pipe',
    }),
  ).not.toThrow();
});

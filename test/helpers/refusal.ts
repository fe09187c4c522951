import { expect } from 'vitest';
import type { Output } from '../../src/contracts/index.js';
import { isUserError, type UserError } from '../../src/core/errors.js';
import { printUserError } from '../../src/ui/errors.js';

/** What the CLI frame would make of a rejection: a UserError's exit code and stderr text. */
export interface Refusal {
  error: UserError;
  exitCode: number;
  /** Exactly what `qwh` prints for it (no colour): `error: …` lines and a `hint:` line. */
  stderr: string;
}

/**
 * Awaits `p`, which must reject with a UserError (anything else is a bug the CLI would print
 * with a stack and exit 70), and renders it the way src/cli does, so in-process tests assert
 * the same stderr a spawned `qwh` would show.
 */
export async function refusal(p: Promise<unknown>): Promise<Refusal> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  if (caught === undefined) throw new Error('expected a refusal, but it was accepted');
  if (!isUserError(caught))
    throw new Error(
      `expected a UserError, got a bug: ${String((caught as Error).stack ?? caught)}`,
    );
  let stderr = '';
  const out: Output = {
    write: (t) => void (stderr += t),
    isTTY: false,
    columns: 80,
    colorLevel: 0,
  };
  printUserError({ stderr: out }, caught);
  return { error: caught, exitCode: caught.exitCode, stderr };
}

/**
 * Asserts what every refusal of bad input promises (docs/reliability.md): exit 2, `error:` lines
 * (one per problem) matching `message`, at most a hint besides, never a stack trace.
 */
export function expectOneLineRefusal(r: Refusal, message: RegExp): void {
  expect(r.exitCode, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^error: /);
  for (const l of lines) expect(l).toMatch(/^(error|hint): \S/);
}

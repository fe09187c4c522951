import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuntimeContext } from '../../src/contracts/index.js';
import { Redactor } from '../../src/core/redact.js';
import check from '../../src/commands/check.js';
import diffPayload from '../../src/commands/diff-payload.js';
import { FIXTURES } from '../helpers/bin.js';

// #16: JUnit `time` of check and diff-payload is measured with the context's clock (it was
// always 0.000). A clock that advances 1.25 s per reading gives a known, non-zero duration.

function ctxWithClock(): RuntimeContext & { out: string[] } {
  const out: string[] = [];
  let t = 1000;
  const sink = (write: (s: string) => void) => ({
    write,
    isTTY: false,
    columns: 100,
    colorLevel: 0 as const,
  });
  return {
    out,
    stdout: sink((s) => void out.push(s)),
    stderr: sink(() => {}),
    stdin: process.stdin,
    interactive: false,
    progress: false,
    quiet: true,
    ci: false,
    env: {},
    cwd: FIXTURES,
    version: '0.0.0-test',
    redactor: new Redactor(),
    clock: () => (t += 1250),
    signal: new AbortController().signal,
    onInterrupt: () => () => {},
  };
}

const suiteTimes = (xml: string): string[] =>
  [...xml.matchAll(/<testsuites? [^>]*time="([\d.]+)"/g)].map((m) => m[1]!);

describe('JUnit time is measured (injected clock)', () => {
  it('check --reporter junit', async () => {
    const ctx = ctxWithClock();
    const code = await check(ctx, [join(FIXTURES, 'accounts/acme.yaml')], { reporter: 'junit' });
    expect(code).toBe(0);
    expect(suiteTimes(ctx.out.join(''))).toEqual(['1.250', '1.250']);
  });

  it('diff-payload --reporter junit', async () => {
    const ctx = ctxWithClock();
    await diffPayload(ctx, [], { reporter: 'junit' });
    expect(suiteTimes(ctx.out.join(''))).toEqual(['1.250', '1.250']);
  });
});

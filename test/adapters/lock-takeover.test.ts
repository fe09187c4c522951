import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/adapters/lock-file.js';
import { isUserError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { tempDir } from '../helpers/bin.js';

// Issue 17 #6: two runs both took over the same stale lock (each read the dead holder, then one
// removed the lock the other had just taken). Now exactly one wins, the others exit 4.

const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid ?? 999_999;

describe('stale-lock takeover', () => {
  it('eight concurrent takeovers of one stale lock, 30 trials: exactly one holds it, the rest refuse with exit 4', async () => {
    const t = await tempDir();
    const dead = deadPid();
    try {
      for (let trial = 0; trial < 30; trial++) {
        const path = join(t.dir, `f${trial}.lock`);
        const stale = { pid: dead, host: hostname(), startedAt: 'then', command: 'migrate' };
        writeFileSync(path, JSON.stringify(stale) + '\n');
        const names = { shown: 'f', rel: 'f.lock', warn: () => {} };
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, () => acquireLock(path, 'migrate', names)),
        );
        const held = results.filter((r) => r.status === 'fulfilled');
        expect(held.length, `trial ${trial}`).toBe(1);
        for (const r of results)
          if (r.status === 'rejected') {
            expect(isUserError(r.reason)).toBe(true);
            expect((r.reason as { exitCode: number }).exitCode).toBe(ExitCode.REFUSED);
          }
        await (held[0] as PromiseFulfilledResult<() => Promise<void>>).value();
        expect(existsSync(path)).toBe(false);
        expect(existsSync(`${path}.takeover`)).toBe(false);
      }
    } finally {
      await t.cleanup();
    }
  });
});

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rename, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedConfigured } from '../helpers/stages.js';
import { MESSAGES } from '../../src/messages/index.js';
import { BIN, ROOT, runQwh } from '../helpers/bin.js';
import {
  accountDir,
  backups,
  BASIC,
  expectMigratedOnce,
  expectNoSecrets,
  FILE,
  lastRecord,
  lockExists,
  SECRETS,
  stateOf,
  strays,
  TOKEN,
  type FaultEnv,
} from '../helpers/migrate-fault-fixture.js';
import { startTestReceiver, type TestReceiver } from '../helpers/migrate-receiver.js';
import { spawnQwh, type Running } from '../helpers/proc.js';

// Faults during `qwh migrate` that need a real process: SIGKILL at a few exact steps, SIGINT,
// two processes racing for the lock, a lock left by a dead process, and the file-system limits
// the kernel enforces. Each runs the built bin against real files and loopback receivers. A run
// is stopped at an exact step by test/helpers/qwh-paused.mjs, a test-only entry that decorates
// the built account store (after that journal record is fsynced the run waits for SIGUSR2) and
// then runs the normal CLI; the product ships no such hook. The rest of the fault-point matrix
// (every step, torn and corrupt journals, edits between plan and apply, disk full on each write)
// runs in-process through the fault-injecting store: test/services/migrate-faults.test.ts.
// Every case checks: the file holds old or new bytes (never partial), resume finishes without a
// duplicate webhook or rule, rollback restores the original bytes, and no secret appears in
// anything qwh printed or journaled.

const M = MESSAGES.migrate;
const APPLY = ['migrate', '--yes', '--allow-insecure-host', '--verify-timeout', '3000'];
const PAUSED = join(ROOT, 'test/helpers/qwh-paused.mjs');
/** The line qwh-paused.mjs prints when the run reaches its point. */
const pausedLine = (point: string): string =>
  `qwh-paused: paused after "${point}" (send SIGUSR2 to continue)`;

interface Env extends FaultEnv {
  receiver: TestReceiver;
}

async function setup(padding = 0): Promise<Env> {
  let dir = '';
  const receiver = await startTestReceiver({
    '/main': { secretFile: () => join(dir, SECRETS, 'main-v2.secret'), authorization: BASIC },
    '/news': { secretFile: () => join(dir, SECRETS, 'news-v2.secret'), token: TOKEN },
  });
  const env = await accountDir(receiver.port, padding);
  dir = env.dir;
  // The receivers know their secrets (the admin confirmed the hand-off): apply verifies them.
  await seedConfigured(env.file, ['main', 'news']);
  return {
    ...env,
    receiver,
    cleanup: async () => {
      await receiver.close();
      await env.cleanup();
    },
  };
}

/** `qwh migrate …` held after `point` (see qwh-paused.mjs) once it gets there. */
async function spawnPaused(env: Env, point: string): Promise<Running> {
  const run = spawnQwh(APPLY, { cwd: env.dir, prefix: [process.execPath, PAUSED, point] });
  await run.waitForStderr(pausedLine(point));
  return run;
}

/** Resume, then rollback: the run finishes exactly once, then the original bytes come back. */
async function resumeThenRollback(env: Env, seen: string[]): Promise<void> {
  const plain = await runQwh(APPLY, { cwd: env.dir });
  expect(plain.code).toBe(5);
  expect(plain.stderr).toContain('qwh migrate resume');
  const resumed = await runQwh(['migrate', 'resume', '--verify-timeout', '3000'], {
    cwd: env.dir,
  });
  expect(resumed.stderr).not.toMatch(/\n\s+at /);
  expect(resumed.code).toBe(0);
  expectMigratedOnce(env);
  expect(backups(env)).toHaveLength(1);
  expect(readFileSync(join(env.dir, backups(env)[0]!))).toEqual(env.original);
  expect(lockExists(env)).toBe(false);
  const again = await runQwh(APPLY, { cwd: env.dir });
  expect(again.code).toBe(0);
  expect(again.stdout).toContain(M.zeroChanges(FILE));
  const rolled = await runQwh(['migrate', 'rollback', '--yes'], { cwd: env.dir });
  expect(rolled.code).toBe(0);
  expect(readFileSync(env.file)).toEqual(env.original);
  expectNoSecrets(env, [...seen, plain.stderr, resumed.stdout, resumed.stderr, rolled.stdout]);
}

describe('migrate: SIGKILL at each step of apply, then resume and rollback', () => {
  let env: Env;
  beforeEach(async () => {
    env = await setup();
  });
  afterEach(async () => env.cleanup());

  it.each([
    // Three points, one per state the file can be left in; every point runs in-process in
    // test/services/migrate-faults.test.ts.
    ['after the write is journaled, before the rename', 'write:add-v2:intent', 'old'],
    ['during verification (one webhook verified, one not)', 'verify', 'new'],
    ['after the file write, before the stages and verification', 'write:add-v2:done', 'new'],
  ] as const)(
    '%s: the file is old or new bytes; resume finishes once; rollback restores',
    async (_label, point, state) => {
      const run = await spawnPaused(env, point);
      const rec = lastRecord(env);
      expect(point.startsWith('write:') ? `write:${rec.step}:${rec.phase}` : rec.t).toBe(point);
      run.child.kill('SIGKILL');
      const killed = await run.exited;
      expect(killed.signal).toBe('SIGKILL');
      expect(stateOf(env)).toBe(state);
      expect(strays(env)).toEqual([]);
      await resumeThenRollback(env, [killed.stdout, killed.stderr]);
    },
  );
});

describe('migrate: concurrent runs, locks and interrupts', () => {
  let env: Env;
  beforeEach(async () => {
    env = await setup();
  });
  afterEach(async () => env.cleanup());

  it('two concurrent runs: the second exits 4 naming the holder; the first completes', async () => {
    const first = await spawnPaused(env, 'locked');
    const second = await runQwh(APPLY, { cwd: env.dir });
    expect(second.code).toBe(4);
    expect(second.stderr).toContain(`is locked by "qwh migrate" (pid ${first.pid}`);
    expect(readFileSync(env.file)).toEqual(env.original);
    first.child.kill('SIGUSR2');
    const done = await first.exited;
    expect(done.code).toBe(0);
    expectMigratedOnce(env);
    expect(lockExists(env)).toBe(false);
    expectNoSecrets(env, [second.stderr, done.stdout, done.stderr]);
  });

  it('a stale lock from a killed process is taken over with a warning', async () => {
    const dead = await spawnPaused(env, 'locked');
    dead.child.kill('SIGKILL');
    await dead.exited;
    expect(lockExists(env)).toBe(true);
    const r = await runQwh(APPLY, { cwd: env.dir });
    expect(r.stderr).toContain('taking over the lock');
    expect(r.stderr).toContain(`pid ${dead.pid}`);
    expect(r.code).toBe(0);
    expectMigratedOnce(env);
    expect(lockExists(env)).toBe(false);
  });

  it('SIGINT between steps: exit 130, the stop journaled, the lock released; resume and rollback work', async () => {
    const point = 'write:add-v2:done';
    const run = await spawnPaused(env, point);
    run.child.kill('SIGINT');
    await run.waitForStderr(M.finishingStep);
    run.child.kill('SIGUSR2');
    const r = await run.exited;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(M.interruptedAfter('add-v2'));
    expect(r.stderr).toContain('qwh migrate resume');
    expect(lockExists(env)).toBe(false);
    expect(lastRecord(env)).toMatchObject({ t: 'interrupted', after: 'add-v2' });
    expect(stateOf(env)).toBe('new');
    await resumeThenRollback(env, [r.stdout, r.stderr]);
  });
});

describe('migrate: file-system faults', () => {
  it('disk full (file-size limit): a clean error naming the file, old bytes kept, no temp file; resume and rollback work', async () => {
    // ulimit -f 2 (2 KiB): the ~1.5 KiB backup and the journal fit, the migrated file does not.
    const env = await setup(12);
    try {
      expect(env.original.length).toBeGreaterThan(1200);
      expect(env.original.length).toBeLessThan(2048);
      const run = spawnQwh(APPLY, {
        cwd: env.dir,
        prefix: ['bash', '-c', `trap '' XFSZ; ulimit -f 2; exec "$@"`, 'qwh'],
      });
      const r = await run.exited;
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(5);
      expect(r.stderr).toContain(M.store.ioFailed(FILE, 'EFBIG'));
      expect(readFileSync(env.file)).toEqual(env.original);
      expect(strays(env)).toEqual([]);
      expect(readFileSync(join(env.dir, backups(env)[0]!))).toEqual(env.original);
      await resumeThenRollback(env, [r.stdout, r.stderr]);
    } finally {
      await env.cleanup();
    }
  });

  // As root the run drops to nobody, who must be able to read the checkout (a clone inside a
  // 0700 mktemp folder is not): then the kernel's EACCES cannot be had this way.
  const nobodyCanRun = (): boolean => {
    if (process.getuid?.() !== 0) return true;
    try {
      execFileSync('setpriv', [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        '--',
        'test',
        '-r',
        BIN,
      ]);
      return true;
    } catch {
      return false;
    }
  };
  it.skipIf(!nobodyCanRun())(
    'a read-only folder: refused (exit 4) before anything is written',
    async () => {
      const env = await setup();
      try {
        // root ignores file modes, so as root the run drops to nobody (setpriv, util-linux).
        const asRoot = process.getuid?.() === 0;
        const folder = join(env.dir, 'ro');
        await mkdir(folder);
        await rename(env.file, join(folder, FILE));
        await chmod(env.dir, 0o755);
        await chmod(join(folder, FILE), 0o644);
        await chmod(folder, 0o555);
        const r = await spawnQwh(APPLY, {
          cwd: folder,
          ...(asRoot
            ? { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] }
            : {}),
        }).exited;
        await chmod(folder, 0o755);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.code).toBe(4);
        expect(r.stderr).toContain(M.store.folderReadOnly(folder, 'EACCES'));
        expect(readdirSync(folder)).toEqual([FILE]);
        expect(readFileSync(join(folder, FILE))).toEqual(env.original);
      } finally {
        await env.cleanup();
      }
    },
  );

  it('a symlinked account file is refused (exit 4) and a FIFO (exit 2); the real file is untouched', async () => {
    const env = await setup();
    try {
      await rename(env.file, join(env.dir, 'real.yaml'));
      await symlink('real.yaml', env.file);
      const linked = await runQwh(APPLY, { cwd: env.dir });
      expect(linked.code).toBe(4);
      expect(linked.stderr).toContain(M.store.symlink(FILE));
      expect(readFileSync(join(env.dir, 'real.yaml'))).toEqual(env.original);
      expect(backups(env)).toEqual([]);

      const fifo = join(env.dir, 'fifo.yaml');
      execFileSync('mkfifo', [fifo]);
      const piped = await runQwh([...APPLY, 'fifo.yaml'], { cwd: env.dir });
      expect(piped.code).toBe(2);
      expect(piped.stderr).toContain(MESSAGES.input.notRegular('fifo.yaml', 'named pipe (FIFO)'));
      const rolled = await runQwh(['migrate', 'rollback', '--yes', 'real.yaml'], { cwd: env.dir });
      expect(rolled.code).toBe(2); // nothing was ever written: nothing to undo
      expect(readFileSync(join(env.dir, 'real.yaml'))).toEqual(env.original);
    } finally {
      await env.cleanup();
    }
  });
});

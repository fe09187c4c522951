import { readFileSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../../src/adapters/account-store.js';
import { seedConfigured, stagesOf } from '../helpers/stages.js';
import { verifyConfigured } from '../../src/services/migrate-cutover.js';
import { resolveSecretRef } from '../../src/adapters/secrets.js';
import { isUserError, type UserError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { sha256Hex } from '../../src/core/hash.js';
import { planMigration } from '../../src/core/migrate/plan.js';
import type { Plan } from '../../src/core/migrate/types.js';
import type { AccountSnapshot, ApplyResult } from '../../src/core/migrate/results.js';
import { Redactor } from '../../src/core/redact.js';
import { MESSAGES } from '../../src/messages/index.js';
import {
  applyMigration,
  resumeMigration,
  rollbackMigration,
  snapshotOf,
  type MigrateDeps,
  type MigrateStore,
  type Verifier,
} from '../../src/services/migrate.js';
import {
  FaultStore,
  SimulatedCrash,
  type FaultOp,
  type FaultPoint,
} from '../helpers/fault-store.js';
import {
  accountDir,
  backups,
  BASIC,
  expectMigratedOnce,
  expectNoSecrets,
  FILE,
  journal,
  journalPath,
  lastRecord,
  lockExists,
  SECRETS,
  stateOf,
  strays,
  TOKEN,
  type FaultEnv,
} from '../helpers/migrate-fault-fixture.js';

// The fault-point matrix of `qwh migrate`, in-process: the real account store on real temp
// files, wrapped by the fault-injecting store of test/helpers/fault-store.ts, with a fake
// verifier (it checks the credentials a careful receiver would), a fixed clock and seeded
// randomness. A "crash" after a step stands for a SIGKILL there: the step's journal record is
// fsynced, nothing after it runs, and a fresh store (a new process) resumes. A few of these
// points also run as real SIGKILLs of the built bin: test/reliability/migrate-faults.test.ts.

const M = MESSAGES.migrate;
const OPTS = {
  incomplete: false,
  keepV1: false,
  skipVerify: false,
  allowInsecureHost: true,
  queryToken: 'keep' as const,
};

/** One account folder and the deps of every run on it, recording what the service showed. */
class Harness {
  /** Everything the service logged, showed in a spinner or said in a user error. */
  readonly seen: string[] = [];
  /** The 2.0 keys the verifier was called for, over every run. */
  readonly verified: string[] = [];
  private clock = Date.parse('2026-01-02T03:04:05.000Z');
  private random = 0;

  constructor(readonly env: FaultEnv) {}

  /** A fresh real store on the file, as a new process would open it. */
  store(): AccountStore {
    return new AccountStore(this.env.file, FILE, (m) => this.seen.push(m));
  }

  snapshot(): AccountSnapshot {
    return snapshotOf(readFileSync(this.env.file, 'utf8'), 'yaml');
  }

  /** The plan of the file as it is now, as `qwh migrate --allow-insecure-host` makes it. */
  plan(snapshot = this.snapshot()): Plan {
    return planMigration(
      snapshot.account,
      { file: FILE, format: 'yaml', sourceSha256: sha256Hex(snapshot.text) },
      OPTS,
    );
  }

  deps(store: MigrateStore, signal = new AbortController().signal): MigrateDeps {
    const redactor = new Redactor();
    const log = (m: string): void => void this.seen.push(m);
    return {
      store,
      verify: this.verifier,
      // Seeded: the same run ids and secrets every time; advancing: backups get distinct names.
      ...stagesOf(store),
      randomHex: (b) =>
        sha256Hex(`seed-${++this.random}`)
          .repeat(2)
          .slice(0, 2 * b),
      now: () => new Date((this.clock += 1000)),
      logger: { info: log, success: log, warn: log, error: log, hint: log, debug: log },
      spinner: async (text) => {
        log(text);
        return { update: log, succeed: log, fail: log, stop: () => {} };
      },
      signal,
      resolveSecret: (ref) => resolveSecretRef(ref, { env: {}, baseDir: this.env.dir, redactor }),
      registerSecret: () => {},
    };
  }

  /** Passes when the target carries what the receiver expects: secret file, Basic or token. */
  private readonly verifier: Verifier = async (t) => {
    this.verified.push(t.v2Key);
    const secret = readFileSync(join(this.env.dir, SECRETS, `${t.v2Key}.secret`), 'utf8').trim();
    const auth =
      t.v2Key === 'main-v2'
        ? t.authHeader?.value === BASIC
        : new URL(t.url).searchParams.get('token') === TOKEN;
    const ok = t.secret === secret && auth;
    return {
      verdict: ok ? 'pass' : 'fail',
      checks: [{ id: 'accepts-complete', title: 'accepts', status: ok ? 'pass' : 'fail' }],
    };
  };

  apply(store: MigrateStore, signal?: AbortSignal): Promise<ApplyResult> {
    const snapshot = this.snapshot();
    return applyMigration({ snapshot, plan: this.plan(snapshot) }, this.deps(store, signal));
  }

  /** The user error `p` rejects with (its message and hint count as shown). */
  async refused(p: Promise<unknown>): Promise<UserError> {
    const e: unknown = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    if (!isUserError(e)) throw new Error(`expected a user error, got ${String(e)}`);
    this.seen.push(e.message, e.hint ?? '');
    return e;
  }

  /** Secret files that exist now, with their bytes. */
  secretFiles(): Map<string, string> {
    const out = new Map<string, string>();
    for (const f of ['main-v2.secret', 'main-v2.auth', 'news-v2.secret']) {
      try {
        out.set(f, readFileSync(join(this.env.dir, SECRETS, f), 'utf8'));
      } catch {
        // not written (yet)
      }
    }
    return out;
  }
}

/**
 * What every partial run must allow, as a user would do it: a plain run refuses (exit 5,
 * pointing at resume); resume finishes once (each 2.0 webhook and twin once, one backup holding
 * the original bytes, secret files kept, what passed not verified again); a new plan has 0
 * changes; rollback restores the original bytes; no secret in anything shown or journaled.
 */
async function resumeThenRollback(h: Harness): Promise<void> {
  const { env } = h;
  const secrets = h.secretFiles();
  const plain = await h.refused(h.apply(h.store()));
  expect(plain.exitCode).toBe(ExitCode.PARTIAL);
  expect(plain.hint).toMatch(/qwh migrate resume \S+/);
  const resumed = await resumeMigration(async () => h.snapshot(), h.deps(h.store()));
  expect(resumed.result?.exitCode).toBe(ExitCode.OK);
  expect(resumed.result?.outcome).toBe('complete');
  expectMigratedOnce(env);
  expect(backups(env)).toHaveLength(1);
  expect(readFileSync(join(env.dir, backups(env)[0]!))).toEqual(env.original);
  expect(lockExists(env)).toBe(false);
  for (const [f, bytes] of secrets) expect(h.secretFiles().get(f)).toBe(bytes);
  // What the crashed run wrote but did not verify is verified by the next plain `qwh migrate`
  // (resume re-plans: a 2.0 webhook already in the file is "migrated", not a unit).
  await verifyConfigured(h.snapshot(), h.deps(h.store()), { allowInsecure: false });
  expect([...new Set(h.verified)].sort()).toEqual(['main-v2', 'news-v2']);
  expect(journal(env).match(/"t":"begin"/g)).toHaveLength(1);
  expect(h.plan().changes).toBe(0);
  const rolled = await rollbackMigration('yaml', h.deps(h.store()), {
    force: false,
    confirm: async () => true,
  });
  expect(rolled).toHaveProperty('restoredSha', sha256Hex(env.original));
  expect(readFileSync(env.file)).toEqual(env.original);
  expectNoSecrets(env, h.seen);
}

let h: Harness;
beforeEach(async () => {
  h = new Harness(await accountDir(9)); // nothing listens: the verifier is a fake
  // The admin confirmed the hand-off already, so apply verifies (a secret qwh has just made is
  // never tested before that: see test/services/migrate.test.ts).
  await seedConfigured(h.env.file, ['main', 'news']);
});
afterEach(async () => h.env.cleanup());

describe('migrate in-process: a crash (as SIGKILL) after each journaled step, then resume and rollback', () => {
  it.each([
    ['after the run is journaled as begun', 'begin', 1, 'old'],
    ['after the backup', 'backup', 1, 'old'],
    ['after a secret file is written', 'secret-file', 1, 'old'],
    ['after the last secret file is written', 'secret-file', 3, 'old'],
    ['after the write is journaled, before the rename', 'write:add-v2:intent', 1, 'old'],
    ['after the file write', 'write:add-v2:done', 1, 'new'],
    ['during verification (one webhook verified, one not)', 'verify', 1, 'new'],
    ['after both verifications', 'verify', 2, 'new'],
  ] as const)(
    '%s: the file is old or new bytes; resume finishes once; rollback restores',
    async (_label, point: FaultPoint, nth, state) => {
      const store = new FaultStore(h.store()).crashAfter(point, nth);
      await expect(h.apply(store)).rejects.toBeInstanceOf(SimulatedCrash);
      const rec = lastRecord(h.env);
      expect(rec.t === 'write' ? `write:${String(rec.step)}:${String(rec.phase)}` : rec.t).toBe(
        point,
      );
      expect(stateOf(h.env)).toBe(state);
      expect(strays(h.env)).toEqual([]);
      await resumeThenRollback(h);
    },
  );

  it('rollback straight after a crash (no resume) restores the original bytes; a new run then works', async () => {
    const store = new FaultStore(h.store()).crashAfter('write:add-v2:done');
    await expect(h.apply(store)).rejects.toBeInstanceOf(SimulatedCrash);
    const rolled = await rollbackMigration('yaml', h.deps(h.store()), {
      force: false,
      confirm: async () => true,
    });
    expect(rolled).toHaveProperty('info.finished', false);
    expect(readFileSync(h.env.file)).toEqual(h.env.original);
    const fresh = await h.apply(h.store());
    expect(fresh.exitCode).toBe(ExitCode.OK);
    expectMigratedOnce(h.env);
    expectNoSecrets(h.env, h.seen);
  });

  it('a torn last journal line (killed mid-append) is dropped: resume finishes, the journal stays readable, rollback works', async () => {
    const store = new FaultStore(h.store()).crashAfter('write:add-v2:done');
    await expect(h.apply(store)).rejects.toBeInstanceOf(SimulatedCrash);
    await appendFile(journalPath(h.env), '{"t":"verify","run":"2026'); // no newline: torn
    const resumed = await resumeMigration(async () => h.snapshot(), h.deps(h.store()));
    expect(resumed.result?.exitCode).toBe(ExitCode.OK);
    expectMigratedOnce(h.env);
    // The torn line is cut (its step never began), never left in the middle of the journal.
    for (const line of journal(h.env).trim().split('\n'))
      expect(() => JSON.parse(line)).not.toThrow();
    await rollbackMigration('yaml', h.deps(h.store()), { force: false, confirm: async () => true });
    expect(readFileSync(h.env.file)).toEqual(h.env.original);
  });

  it('a corrupt line in the middle of the journal: refused (exit 4) naming the line, file untouched', async () => {
    await mkdir(join(h.env.dir, '.qwh'), { recursive: true });
    await writeFile(
      journalPath(h.env),
      '{"t":"end","run":"a","at":"x","outcome":"complete"}\nnot json\n{"t":"end","run":"b","at":"x","outcome":"complete"}\n',
    );
    const e = await h.refused(h.apply(h.store()));
    expect(e.exitCode).toBe(ExitCode.REFUSED);
    expect(e.message).toBe(
      M.store.journalCorrupt(`.qwh/journal-${FILE}.jsonl`, 2, 'not a JSON record'),
    );
    expect(readFileSync(h.env.file)).toEqual(h.env.original);
    expect(backups(h.env)).toEqual([]);
    expect(lockExists(h.env)).toBe(false);
  });

  it('the file edited between plan and apply: exit 4, the edit kept, nothing written', async () => {
    const store = new FaultStore(h.store());
    const atLock = store.pauseAt('lock');
    const applying = h.apply(store); // planned from the original bytes
    await atLock.reached;
    const edited = h.env.original.toString('utf8') + '# edited by a colleague\n';
    await writeFile(h.env.file, edited);
    atLock.resume();
    const e = await h.refused(applying);
    expect(e.exitCode).toBe(ExitCode.REFUSED);
    expect(e.message).toBe(M.changedSincePlan(FILE));
    expect(readFileSync(h.env.file, 'utf8')).toBe(edited);
    expect(backups(h.env)).toEqual([]);
    expect(journal(h.env)).toBe('');
    expect(lockExists(h.env)).toBe(false);
  });
});

describe('migrate in-process: disk full (ENOSPC) on each kind of write', () => {
  it.each([
    ['the backup', 'backup', 1, 'old'],
    ['a secret file', 'writeSecretFile', 1, 'old'],
    ['the write adding 2.0', 'writeAtomic', 1, 'old'],
    ['a journal record after the run began (a secret file’s)', 'appendJournal', 3, 'old'],
  ] as const)(
    '%s: exit 5 naming what could not be written, old or new bytes; resume and rollback work',
    async (_label, op: FaultOp, nth, state) => {
      const store = new FaultStore(h.store()).failOn(op, 'ENOSPC', nth);
      const e = await h.refused(h.apply(store));
      expect(e.exitCode).toBe(ExitCode.PARTIAL);
      expect(e.message).toMatch(/^cannot write .*: .* \(ENOSPC\)$/);
      expect(e.hint).toMatch(/then run `qwh migrate resume \S+`/);
      expect(stateOf(h.env)).toBe(state);
      expect(strays(h.env)).toEqual([]);
      expect(lockExists(h.env)).toBe(false);
      await resumeThenRollback(h);
    },
  );

  it('the first journal record: exit 4 (the run never began), nothing changed; a new run works', async () => {
    const store = new FaultStore(h.store()).failOn('appendJournal', 'ENOSPC', 1);
    const e = await h.refused(h.apply(store));
    expect(e.exitCode).toBe(ExitCode.REFUSED);
    expect(e.message).toBe(M.store.ioFailed('the journal', 'ENOSPC'));
    expect(readFileSync(h.env.file)).toEqual(h.env.original);
    expect(backups(h.env)).toEqual([]);
    expect(journal(h.env)).toBe('');
    expect((await h.apply(h.store())).exitCode).toBe(ExitCode.OK);
    expectMigratedOnce(h.env);
  });
});

describe('migrate in-process: interrupts and the lock', () => {
  it('Ctrl-C during a step: the step finishes, the stop is journaled, exit 130, lock released; resume and rollback work', async () => {
    const store = new FaultStore(h.store());
    const atWrite = store.pauseAt('write:add-v2:done');
    const ctrlC = new AbortController();
    const applying = h.apply(store, ctrlC.signal);
    await atWrite.reached;
    ctrlC.abort();
    atWrite.resume();
    const e = await h.refused(applying);
    expect(e.exitCode).toBe(ExitCode.INTERRUPTED);
    expect(e.message).toBe(M.interruptedAfter('add-v2'));
    expect(e.hint).toMatch(/Run `qwh migrate resume \S+`/);
    expect(lastRecord(h.env)).toMatchObject({ t: 'interrupted', after: 'add-v2' });
    expect(lockExists(h.env)).toBe(false);
    expect(stateOf(h.env)).toBe('new');
    await resumeThenRollback(h);
  });

  it('a second run while the first holds the lock: exit 4 naming the holder; the first completes', async () => {
    const first = new FaultStore(h.store());
    const locked = first.pauseAt('locked');
    const applying = h.apply(first);
    await locked.reached;
    const second = await h.refused(h.apply(h.store()));
    expect(second.exitCode).toBe(ExitCode.REFUSED);
    expect(second.message).toContain(`is locked by "qwh migrate" (pid ${process.pid}`);
    expect(readFileSync(h.env.file)).toEqual(h.env.original);
    locked.resume();
    expect((await applying).exitCode).toBe(ExitCode.OK);
    expectMigratedOnce(h.env);
    expect(lockExists(h.env)).toBe(false);
    expectNoSecrets(h.env, h.seen);
  });
});

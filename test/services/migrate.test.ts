import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../src/adapters/account-store.js';
import { seedConfigured, stagesOf } from '../helpers/stages.js';
import { verifyConfigured } from '../../src/services/migrate-cutover.js';
import { sha256Hex } from '../../src/core/hash.js';
import { resolveSecretRef } from '../../src/adapters/secrets.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { planMigration } from '../../src/core/migrate/plan.js';
import { Redactor } from '../../src/core/redact.js';
import type { JournalRecord } from '../../src/core/migrate/journal.js';
import {
  applyMigration,
  resumeMigration,
  rollbackMigration,
  type MigrateDeps,
  type MigrateStore,
} from '../../src/services/migrate.js';
import { findRollbackTarget, restoreBackup } from '../../src/services/migrate/rollback.js';
import { RunJournal } from '../../src/services/migrate/run-journal.js';
import { addV2Step, beginRun, ensureBackup, startRun } from '../../src/services/migrate/steps.js';
import { verifyStep } from '../../src/services/migrate/verify-step.js';
import { FaultStore } from '../helpers/fault-store.js';
import type { AccountSnapshot, VerifyTarget } from '../../src/core/migrate/results.js';
import { silentLogger } from '../../src/ui/logger.js';
import { FIXTURES, tempDir } from '../helpers/bin.js';

function snapshot(text: string): AccountSnapshot {
  const p = parseDocumentText(text, 'yaml', ACCOUNT_FILE_LIMITS);
  if (!p.ok) throw new Error('parse');
  const v = validateAccount(p.value);
  if (!v.ok) throw new Error('invalid');
  return { text, format: 'yaml', data: p.value, account: v.account };
}

function deps(store: MigrateStore & { dir?: string }, seen: VerifyTarget[]): MigrateDeps {
  const redactor = new Redactor();
  let n = 0;
  return {
    store,
    verify: async (t) => {
      seen.push(t);
      return { verdict: 'pass', checks: [{ id: 'accepts-complete', title: 'ok', status: 'pass' }] };
    },
    ...stagesOf(store),
    randomHex: (b) => (++n).toString(16).padStart(2 * b, '0'),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    logger: silentLogger,
    spinner: async () => ({ update: () => {}, succeed: () => {}, fail: () => {}, stop: () => {} }),
    signal: new AbortController().signal,
    resolveSecret: (ref) => resolveSecretRef(ref, { env: {}, baseDir: baseDirOf(store), redactor }),
    registerSecret: (v) => redactor.add(v),
  };
}

/** The account folder of a store (a FaultStore forwards to a real AccountStore). */
function baseDirOf(store: MigrateStore): string {
  const s = store instanceof FaultStore ? store.inner : store;
  if (!(s instanceof AccountStore)) throw new Error('not an account store');
  return s.dir;
}

const OPTS = {
  incomplete: false,
  keepV1: false,
  skipVerify: false,
  allowInsecureHost: false,
  queryToken: 'keep' as const,
};

describe('migrate service: a crash between the journaled intent and the rename', () => {
  it('resume writes once, reuses the run’s backup and secrets, verifies with them; 1.0 stays on', async () => {
    const t = await tempDir();
    try {
      const file = join(t.dir, 'acme.yaml');
      const text = readFileSync(join(FIXTURES, 'accounts/acme.yaml'), 'utf8');
      await writeFile(file, text);
      await seedConfigured(file, ['main', 'news']);
      const store = new AccountStore(file, 'acme.yaml');
      const snap = snapshot(text);
      const plan = planMigration(
        snap.account,
        { file: 'acme.yaml', format: 'yaml', sourceSha256: sha256Hex(text) },
        OPTS,
      );
      // The first run dies inside the atomic write, after the intent record.
      const crashing = Object.create(store) as AccountStore;
      crashing.writeAtomic = async () => {
        throw new Error('simulated crash');
      };
      await expect(applyMigration({ snapshot: snap, plan }, deps(crashing, []))).rejects.toThrow(
        'simulated crash',
      );
      expect(readFileSync(file, 'utf8')).toBe(text);
      const secret = readFileSync(join(t.dir, '.qwh/secrets/acme.yaml/main-v2.secret'), 'utf8');

      const seen: VerifyTarget[] = [];
      const out = await resumeMigration(
        async () => snapshot(readFileSync(file, 'utf8')),
        deps(store, seen),
      );
      expect(out.result?.outcome).toBe('complete');
      const doc = parse(readFileSync(file, 'utf8')) as {
        webhooks: Array<{ key: string; enabled: boolean }>;
      };
      expect(doc.webhooks.map((w) => [w.key, w.enabled])).toEqual([
        ['main', true],
        ['main-v2', true],
        ['news', true],
        ['news-v2', true],
      ]);
      // Same secret as the crashed run wrote (kept, not regenerated), used for verification.
      expect(readFileSync(join(t.dir, '.qwh/secrets/acme.yaml/main-v2.secret'), 'utf8')).toBe(
        secret,
      );
      expect(seen.map((s) => [s.v2Key, s.secret])).toEqual([
        ['main-v2', secret.trim()],
        ['news-v2', expect.stringMatching(/^[0-9a-f]{64}$/)],
      ]);
      expect(seen[0]?.authHeader).toEqual({
        name: 'Authorization',
        value: `Basic ${Buffer.from('acme:s3cr3t-pass').toString('base64')}`,
      });
      expect(
        readdirSync(join(t.dir, '.qwh/backups')).filter((f) => f.includes('.qwh-bak-')),
      ).toHaveLength(1);
      const journal = readFileSync(join(t.dir, '.qwh/journal-acme.yaml.jsonl'), 'utf8');
      expect(journal.match(/"t":"begin"/g)).toHaveLength(1);
      expect(journal).not.toContain('s3cr3t-pass');
      expect(journal).not.toContain('tok-news-123456');
      expect(journal).not.toContain(secret.trim());
      // Nothing left to resume.
      expect(
        await resumeMigration(async () => snapshot(readFileSync(file, 'utf8')), deps(store, [])),
      ).toEqual({
        nothing: true,
      });
    } finally {
      await t.cleanup();
    }
  });
});

/** The acme fixture in a temp folder, a real store on it, and its plan. */
async function acme(): Promise<{
  dir: string;
  file: string;
  text: string;
  store: AccountStore;
  cleanup: () => Promise<void>;
}> {
  const t = await tempDir();
  const file = join(t.dir, 'acme.yaml');
  const text = readFileSync(join(FIXTURES, 'accounts/acme.yaml'), 'utf8');
  await writeFile(file, text);
  await seedConfigured(file, ['main', 'news']); // the receivers know their secrets: apply verifies
  return { dir: t.dir, file, text, store: new AccountStore(file, 'acme.yaml'), cleanup: t.cleanup };
}

function planOf(text: string): ReturnType<typeof planMigration> {
  return planMigration(
    snapshot(text).account,
    { file: 'acme.yaml', format: 'yaml', sourceSha256: sha256Hex(text) },
    OPTS,
  );
}

/** A journal that only remembers what was appended. */
function memoryJournal(): { store: Pick<MigrateStore, 'appendJournal'>; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    store: {
      appendJournal: async (rec: JournalRecord) => {
        lines.push(JSON.stringify(rec));
      },
    },
  };
}

const NOW = (): Date => new Date('2026-01-02T03:04:05.000Z');

describe('migrate service: the run journal', () => {
  it('stamps each record with the run id and time, keys in journal order (t, run, at, then its own)', async () => {
    const j = memoryJournal();
    const run = new RunJournal(j.store, NOW, 'r1');
    await run.record({ t: 'secret-file', file: '.qwh/secrets/x', state: 'created' });
    expect(j.lines).toEqual([
      '{"t":"secret-file","run":"r1","at":"2026-01-02T03:04:05.000Z","file":".qwh/secrets/x","state":"created"}',
    ]);
    expect(run.find('secret-file')?.file).toBe('.qwh/secrets/x');
    expect(run.has('backup')).toBe(false);
  });

  it('once: a step this run journaled already is skipped, its action not even run; another is done then journaled', async () => {
    const j = memoryJournal();
    const prior: JournalRecord[] = [
      { t: 'backup', run: 'r1', at: 'x', backup: 'a.qwh-bak', sha256: 'aa' },
      { t: 'backup', run: 'other', at: 'x', backup: 'b.qwh-bak', sha256: 'bb' },
    ];
    const run = new RunJournal(j.store, NOW, 'r1', prior);
    let acted = 0;
    const backup = async () => {
      acted++;
      return { t: 'backup' as const, backup: 'c.qwh-bak', sha256: 'cc' };
    };
    expect(await run.once('backup', backup)).toBe(false);
    expect(acted).toBe(0);
    expect(run.find('backup')?.backup).toBe('a.qwh-bak'); // not the other run's
    const fresh = new RunJournal(j.store, NOW, 'r2', []);
    expect(await fresh.once('backup', backup)).toBe(true);
    expect(acted).toBe(1);
    expect(j.lines).toHaveLength(1);
    expect(JSON.parse(j.lines[0]!)).toMatchObject({ t: 'backup', run: 'r2', backup: 'c.qwh-bak' });
  });

  it('writeAhead: the intent is journaled before the effect, the completion after; a failed effect leaves the intent only', async () => {
    const j = memoryJournal();
    const run = new RunJournal(j.store, NOW, 'r1');
    const intent = {
      t: 'write',
      step: 'add-v2',
      phase: 'intent',
      before: 'a',
      after: 'b',
    } as const;
    const done = { ...intent, phase: 'done' } as const;
    const seenAtEffect: number[] = [];
    await run.writeAhead(intent, async () => void seenAtEffect.push(j.lines.length), done);
    expect(seenAtEffect).toEqual([1]);
    expect(j.lines.map((l) => (JSON.parse(l) as { phase: string }).phase)).toEqual([
      'intent',
      'done',
    ]);
    await expect(
      run.writeAhead(intent, () => Promise.reject(new Error('disk gone')), done),
    ).rejects.toThrow('disk gone');
    expect(j.lines.map((l) => (JSON.parse(l) as { phase: string }).phase)).toEqual([
      'intent',
      'done',
      'intent',
    ]);
  });
});

describe('migrate service: the steps of a run', () => {
  it('on resume, steps the run journaled are skipped: no second begin or backup, what passed is not verified again', async () => {
    const a = await acme();
    try {
      // A first run that wrote 2.0 and verified main-v2, then crashed.
      const first = new FaultStore(a.store).crashAfter('verify');
      await expect(
        applyMigration({ snapshot: snapshot(a.text), plan: planOf(a.text) }, deps(first, [])),
      ).rejects.toThrow('simulated crash');
      const records = await a.store.readJournal();
      const runId = records[0]!.run;
      const text = readFileSync(a.file, 'utf8');
      const store = new FaultStore(new AccountStore(a.file, 'acme.yaml'));
      let backups = 0;
      const counting = Object.assign(Object.create(store) as FaultStore, {
        backup: async (now: Date) => {
          backups++;
          return store.backup(now);
        },
      });
      const seen: VerifyTarget[] = [];
      const run = startRun(snapshot(text), planOf(text), deps(counting, seen), {
        sha: sha256Hex(text),
        resume: { run: runId, records },
      });
      await beginRun(run);
      await ensureBackup(run);
      await addV2Step(run); // 2.0 is in the file already: nothing to write
      await verifyStep(run);
      // Re-planned from the file, both 2.0 webhooks are "migrated": the run has no unit left to
      // verify. The next plain `qwh migrate` verifies what is still `configured`: main-v2 too,
      // since the crash came after its journaled pass and before its stage was recorded
      // (test deliveries sent twice are harmless; a stage is never claimed without its record).
      expect(store.points).toEqual([]);
      expect(backups).toBe(0);
      expect(seen).toEqual([]);
      await verifyConfigured(snapshot(text), deps(counting, seen), { allowInsecure: false });
      expect(seen.map((t) => t.v2Key)).toEqual(['main-v2', 'news-v2']);
      expect(readFileSync(a.file, 'utf8')).toBe(text);
    } finally {
      await a.cleanup();
    }
  });

  it('a finished run run again is a no-op: nothing to resume, a new plan has 0 changes, the steps write and journal nothing', async () => {
    const a = await acme();
    try {
      const done = await applyMigration(
        { snapshot: snapshot(a.text), plan: planOf(a.text) },
        deps(a.store, []),
      );
      expect(done.outcome).toBe('complete');
      const journal = readFileSync(a.store.journalPath, 'utf8');
      const text = readFileSync(a.file, 'utf8');
      expect(await resumeMigration(async () => snapshot(text), deps(a.store, []))).toEqual({
        nothing: true,
      });
      const plan = planOf(text);
      expect(plan.changes).toBe(0);
      const store = new FaultStore(a.store);
      const seen: VerifyTarget[] = [];
      const run = startRun(snapshot(text), plan, deps(store, seen), { sha: sha256Hex(text) });
      await addV2Step(run);
      expect(store.points).toEqual([]);
      expect(readFileSync(a.file, 'utf8')).toBe(text);
      expect(readFileSync(a.store.journalPath, 'utf8')).toBe(journal);
      expect(run.sha).toBe(run.startSha);
    } finally {
      await a.cleanup();
    }
  });

  it('rollback restores the original bytes after a safety backup, and journals it; declined, it writes nothing', async () => {
    const a = await acme();
    try {
      await applyMigration({ snapshot: snapshot(a.text), plan: planOf(a.text) }, deps(a.store, []));
      const migrated = readFileSync(a.file, 'utf8');
      const declined = await rollbackMigration('yaml', deps(a.store, []), {
        force: false,
        confirm: async () => false,
      });
      expect(declined).toHaveProperty('declined.finished', true);
      expect(readFileSync(a.file, 'utf8')).toBe(migrated);
      expect(
        readdirSync(join(a.dir, '.qwh/backups')).filter((f) => f.includes('.qwh-bak-')),
      ).toHaveLength(1);

      const target = await findRollbackTarget(await a.store.readJournal(), 'yaml', a.store, false);
      expect(target?.info).toMatchObject({ finished: true, matches: true });
      expect(target?.info.secretFiles).toEqual([
        '.qwh/secrets/acme.yaml/main-v2.auth',
        '.qwh/secrets/acme.yaml/main-v2.secret',
        '.qwh/secrets/acme.yaml/news-v2.secret',
      ]);
      const later = (): Date => new Date('2026-01-03T00:00:00.000Z');
      const restored = await restoreBackup(target!, { store: a.store, now: later });
      expect(readFileSync(a.file, 'utf8')).toBe(a.text);
      expect(restored.restoredSha).toBe(sha256Hex(a.text));
      expect(readFileSync(join(a.dir, restored.safetyBackup), 'utf8')).toBe(migrated);
      const last = (await a.store.readJournal()).at(-1);
      expect(last).toMatchObject({ t: 'rollback', backup: restored.safetyBackup });
      // Nothing left to undo.
      expect(await findRollbackTarget(await a.store.readJournal(), 'yaml', a.store, false)).toBe(
        undefined,
      );
    } finally {
      await a.cleanup();
    }
  });
});

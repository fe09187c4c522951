import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../src/adapters/account-store.js';
import { sha256Hex } from '../../src/core/hash.js';
import type { JournalRecord } from '../../src/core/migrate/journal.js';
import type { MigrateDeps } from '../../src/services/migrate/deps.js';
import { rollbackMigration } from '../../src/services/migrate/rollback.js';
import { MIGRATE_REPORTERS } from '../../src/ui/reporters/migrate.js';
import { silentLogger } from '../../src/ui/logger.js';
import { MESSAGES } from '../../src/messages/index.js';
import { Chalk } from 'chalk';
import { stagesOf } from '../helpers/stages.js';
import { tempDir } from '../helpers/bin.js';

// #16 bug 14: two runs changed the file, the first when backups still sat beside it. Rollback
// undoes the second and says the first is still in effect; a second rollback undoes the first
// from the old location.

const T0 = 'webhooks:\n  main: { url: "https://a.example/1" }\n';
const T1 = `${T0}# run one\n`;
const T2 = `${T1}# run two\n`;

function runRecords(run: string, backup: string, before: string, after: string): JournalRecord[] {
  const at = '2026-01-01T00:00:00.000Z';
  return [
    { t: 'backup', run, at, backup, sha256: sha256Hex(before) },
    {
      t: 'write',
      run,
      at,
      step: 'add-v2',
      phase: 'intent',
      before: sha256Hex(before),
      after: sha256Hex(after),
    },
    {
      t: 'write',
      run,
      at,
      step: 'add-v2',
      phase: 'done',
      before: sha256Hex(before),
      after: sha256Hex(after),
    },
    { t: 'end', run, at, outcome: 'complete' },
  ];
}

function depsOf(store: AccountStore, n: { i: number }): MigrateDeps {
  return {
    store,
    ...stagesOf(store),
    now: () => new Date(Date.UTC(2026, 0, 2, 0, 0, n.i++)),
    logger: silentLogger,
  } as Partial<MigrateDeps> as MigrateDeps;
}

describe('rollback across backup locations and runs (issue 16, bug 14)', () => {
  it('says an earlier run also changed the file; the old-location backup still rolls back', async () => {
    const t = await tempDir();
    try {
      const file = join(t.dir, 'acc.yaml');
      const store = new AccountStore(file, 'acc.yaml');
      // run r-one: an old journal, its backup beside the file
      writeFileSync(`${file}.qwh-bak-20250101T000000Z`, T0);
      const newer = '.qwh/backups/acc.yaml.qwh-bak-20260101T000000Z';
      await store.ensureQwhDir();
      mkdirSync(join(t.dir, '.qwh/backups'), { mode: 0o700 });
      writeFileSync(join(t.dir, newer), T1);
      for (const r of [
        ...runRecords('r-one', 'acc.yaml.qwh-bak-20250101T000000Z', T0, T1),
        ...runRecords('r-two', newer, T1, T2),
      ])
        await store.appendJournal(r);
      writeFileSync(file, T2);

      const n = { i: 0 };
      const first = await rollbackMigration('yaml', depsOf(store, n), {
        force: false,
        confirm: async () => true,
      });
      expect(readFileSync(file, 'utf8')).toBe(T1);
      if (!('info' in first)) throw new Error('expected a rollback');
      expect(first.info.run).toBe('r-two');
      expect(first.info.earlierRun).toBe('r-one');
      expect(first.safetyBackup.startsWith('.qwh/backups/acc.yaml.qwh-bak-')).toBe(true);
      const view = {
        file: 'acc.yaml',
        info: first.info,
        safetyBackup: first.safetyBackup,
        restoredSha: first.restoredSha,
      };
      const human = MIGRATE_REPORTERS.human.rollback(view, new Chalk({ level: 0 }));
      expect(human).toContain(MESSAGES.migrate.rollbackEarlier('acc.yaml', 'r-one'));
      expect(human).toContain('qwh migrate rollback acc.yaml');
      expect(
        JSON.parse(MIGRATE_REPORTERS.json.rollback(view, new Chalk({ level: 0 }))),
      ).toMatchObject({ earlierRun: 'r-one' });

      const second = await rollbackMigration('yaml', depsOf(store, n), {
        force: false,
        confirm: async () => true,
      });
      if (!('info' in second)) throw new Error('expected a rollback');
      expect(second.info.run).toBe('r-one');
      expect(second.info.backup).toBe('acc.yaml.qwh-bak-20250101T000000Z');
      expect(second.info.earlierRun).toBeUndefined();
      expect(readFileSync(file, 'utf8')).toBe(T0);
      expect(existsSync(`${file}.qwh-bak-20250101T000000Z`)).toBe(true);
    } finally {
      await t.cleanup();
    }
  });
});

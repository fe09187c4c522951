import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFile, listBackups } from '../../src/adapters/backup.js';
import { AccountStore } from '../../src/adapters/account-store.js';
import { writeNewFile } from '../../src/adapters/new-file.js';

function account(mode = 0o644): string {
  const dir = mkdtempSync(join(tmpdir(), 'qwh-bak-'));
  const file = join(dir, 'acc.yaml');
  writeFileSync(file, 'webhooks: {}\npassword: hunter2hunter2\n');
  chmodSync(file, mode);
  return file;
}

const now = new Date('2026-12-02T01:02:03.456Z');

describe('backups (issue 16, bug 14)', () => {
  it('go under .qwh/backups/ next to the file, mode 0600, never beside it', async () => {
    const file = account(0o644);
    const b = await backupFile(file, now);
    expect(b).toBe(join(dirname(file), '.qwh', 'backups', 'acc.yaml.qwh-bak-20261202T010203Z'));
    expect(statSync(b).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(b)).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dirname(file), '.qwh', '.gitignore'))).toBe(true);
    expect(existsSync(`${file}.qwh-bak-20261202T010203Z`)).toBe(false);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(file, 'utf8'));
    // a second one in the same second takes the next suffix
    expect(await backupFile(file, now)).toBe(`${b}-2`);
  });

  it('AccountStore.backup and init --force (writeNewFile) use the same place and mode', async () => {
    const file = account(0o664);
    const store = new AccountStore(file, 'acc.yaml');
    const b = await store.backup(now);
    expect(store.rel(b)).toBe('.qwh/backups/acc.yaml.qwh-bak-20261202T010203Z');
    expect(statSync(b).mode & 0o777).toBe(0o600);
    const { backup } = await writeNewFile(file, 'new\n', { replace: true, shown: 'acc.yaml', now });
    expect(backup).toBe(`${b}-2`);
    expect(statSync(backup!).mode & 0o777).toBe(0o600);
    expect(statSync(file).mode & 0o777).toBe(0o664); // the file itself keeps its mode
  });

  it('lists both locations, the old one flagged', async () => {
    const file = account();
    writeFileSync(`${file}.qwh-bak-20260101T000000Z`, 'old');
    writeFileSync(`${file}.other`, 'x');
    await backupFile(file, now);
    const list = await listBackups(file);
    expect(list.map((b) => [b.name, b.old]).sort()).toEqual([
      ['acc.yaml.qwh-bak-20260101T000000Z', true],
      ['acc.yaml.qwh-bak-20261202T010203Z', false],
    ]);
  });
});

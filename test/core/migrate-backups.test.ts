import { describe, expect, it } from 'vitest';
import { backupRows, pruneRows, type BackupFileInfo } from '../../src/core/migrate/backups.js';
import type { JournalRecord } from '../../src/core/migrate/journal.js';

const f = (rel: string, old = false): BackupFileInfo => ({
  rel,
  name: rel.split('/').pop()!,
  old,
  size: 10,
  mtime: new Date(0),
});
const at = '2026-01-01T00:00:00.000Z';

describe('backup rows (issue 16, bug 14)', () => {
  const files = [
    f('a.yaml.qwh-bak-20250101T000000Z', true),
    f('.qwh/backups/a.yaml.qwh-bak-20260101T000000Z'),
    f('.qwh/backups/a.yaml.qwh-bak-20260101T000000Z-2'),
    f('.qwh/backups/a.yaml.qwh-bak-20260301T000000Z'),
  ];
  const records: JournalRecord[] = [
    {
      t: 'backup',
      run: 'r1',
      at,
      backup: '.qwh/backups/a.yaml.qwh-bak-20260101T000000Z',
      sha256: 'x',
    },
    {
      t: 'rollback',
      run: 'r1',
      at,
      backup: '.qwh/backups/a.yaml.qwh-bak-20260101T000000Z-2',
      restoredSha: 'x',
    },
    {
      t: 'backup',
      run: 'r2',
      at,
      backup: '.qwh/backups/a.yaml.qwh-bak-20260301T000000Z',
      sha256: 'y',
    },
  ];

  it('newest first (name time, then clash suffix), with the run that made each', () => {
    const rows = backupRows(files, records);
    expect(rows.map((r) => [r.time, r.run, r.madeBy, r.oldLocation, r.needed])).toEqual([
      ['2026-03-01T00:00:00Z', 'r2', null, false, true],
      ['2026-01-01T00:00:00Z', 'r1', 'rollback', false, false],
      ['2026-01-01T00:00:00Z', 'r1', null, false, false],
      ['2025-01-01T00:00:00Z', null, null, true, false],
    ]);
  });

  it('prune keeps the newest N and never the one the last changing run needs', () => {
    const rows = backupRows(files, records);
    expect(pruneRows(rows, 3).map((r) => r.path)).toEqual(['a.yaml.qwh-bak-20250101T000000Z']);
    // keep 0: everything but the needed one (r2's)
    expect(pruneRows(rows, 0).map((r) => r.path)).not.toContain(
      '.qwh/backups/a.yaml.qwh-bak-20260301T000000Z',
    );
    expect(pruneRows(rows, 0)).toHaveLength(3);
  });
});

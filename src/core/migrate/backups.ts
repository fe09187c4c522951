import { lastChangingRun, type JournalRecord } from './journal.js';

/** One backup on disk, as the adapter lists it (`rel`: relative to the account folder). */
export interface BackupFileInfo {
  rel: string;
  name: string;
  old: boolean;
  size: number;
  mtime: Date;
}

/** One row of `qwh migrate backups`: when, how big, which run made it, whether rollback needs it. */
export interface BackupRow {
  path: string;
  time: string;
  size: number;
  run: string | null;
  /** What took it: the run's command (migrate, resume, confirm), `rollback`, or null (unknown). */
  madeBy: string | null;
  oldLocation: boolean;
  /** The last changing run's backup: rollback restores it, prune never deletes it. */
  needed: boolean;
}

const STAMP = /\.qwh-bak-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-(\d+))?$/;

/** The time in a backup's name (UTC, to the second) and its clash suffix; the file time if none. */
function timeOf(b: BackupFileInfo): { iso: string; n: number } {
  const m = STAMP.exec(b.name);
  if (!m) return { iso: b.mtime.toISOString(), n: 0 };
  return { iso: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`, n: Number(m[7] ?? 1) };
}

/** The file's backups, newest first, each with the run that made it (from the journal). */
export function backupRows(
  files: readonly BackupFileInfo[],
  records: readonly JournalRecord[],
): BackupRow[] {
  const commands = new Map<string, string>();
  for (const r of records) if (r.t === 'begin') commands.set(r.run, r.command);
  const made = new Map<string, { run: string; madeBy: string | null }>();
  for (const r of records) {
    if (r.t === 'backup') made.set(r.backup, { run: r.run, madeBy: commands.get(r.run) ?? null });
    if (r.t === 'rollback') made.set(r.backup, { run: r.run, madeBy: 'rollback' });
  }
  const needed = lastChangingRun(records)?.backup;
  return files
    .map((f) => ({ f, t: timeOf(f) }))
    .sort((a, b) => (a.t.iso === b.t.iso ? b.t.n - a.t.n : a.t.iso < b.t.iso ? 1 : -1))
    .map(({ f, t }) => ({
      path: f.rel,
      time: t.iso,
      size: f.size,
      run: made.get(f.rel)?.run ?? null,
      madeBy: made.get(f.rel)?.madeBy ?? null,
      oldLocation: f.old,
      needed: f.rel === needed,
    }));
}

/** What `--prune --keep N` deletes: all but the newest `keep`, never the one rollback needs. */
export function pruneRows(rows: readonly BackupRow[], keep: number): BackupRow[] {
  return rows.slice(keep).filter((r) => !r.needed);
}

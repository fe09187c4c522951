import { constants } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncPath } from './atomic-write.js';
import { isErrno } from './errno.js';

/** Backups may hold credentials: owner-only, whatever the account file's mode. */
export const BACKUP_MODE = 0o600;

/** The folder backups go to: `.qwh/backups/` next to the account file. */
export function backupDir(path: string): string {
  return join(dirname(path), '.qwh', 'backups');
}

/** The one backup naming rule: `.qwh/backups/<file>.qwh-bak-<UTC timestamp>`, then `-2`, `-3`… when taken. */
export function backupName(path: string, now: Date, n = 1): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return join(backupDir(path), `${basename(path)}.qwh-bak-${stamp}${n === 1 ? '' : `-${n}`}`);
}

/** Creates `.qwh/` (0700, with a .gitignore so nothing in it is committed) and `.qwh/backups/` (0700). */
async function ensureBackupDir(path: string): Promise<void> {
  const qwh = join(dirname(path), '.qwh');
  await mkdir(qwh, { recursive: true, mode: 0o700 });
  try {
    await writeFile(
      join(qwh, '.gitignore'),
      '# written by qwh: journals, locks and secrets stay out of git\n*\n',
      { flag: 'wx', mode: 0o644 },
    );
  } catch (e) {
    if (!isErrno(e, 'EEXIST')) throw e;
  }
  await mkdir(backupDir(path), { recursive: true, mode: 0o700 });
  const st = await lstat(backupDir(path));
  if (!st.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
}

/**
 * Copies `path` to a new backup under `.qwh/backups/` (never overwriting one: COPYFILE_EXCL,
 * next suffix when the name is taken), mode 0600 (it may hold credentials), fsyncs it and its
 * folder; returns its path. A partial copy is no backup: it is removed before the system error
 * is rethrown.
 */
export async function backupFile(path: string, now: Date): Promise<string> {
  await ensureBackupDir(path);
  for (let n = 1; ; n++) {
    const target = backupName(path, now, n);
    try {
      await copyFile(path, target, constants.COPYFILE_EXCL);
    } catch (e) {
      if (isErrno(e, 'EEXIST')) continue;
      // COPYFILE_EXCL created it, so it is ours to remove.
      if (!isErrno(e, 'ENOENT')) await unlink(target).catch(() => {});
      throw e;
    }
    await chmod(target, BACKUP_MODE);
    await fsyncPath(target);
    await fsyncPath(dirname(target));
    return target;
  }
}

/** One backup of an account file on disk. `old`: beside the file (before `.qwh/backups/`). */
export interface BackupEntry {
  path: string;
  name: string;
  old: boolean;
  size: number;
  mtime: Date;
}

/** Every backup of `path`: `.qwh/backups/<file>.qwh-bak-*` and the old `<file>.qwh-bak-*` beside it. */
export async function listBackups(path: string): Promise<BackupEntry[]> {
  const prefix = `${basename(path)}.qwh-bak-`;
  const out: BackupEntry[] = [];
  for (const [dir, old] of [
    [backupDir(path), false],
    [dirname(path), true],
  ] as const) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (e) {
      if (isErrno(e, 'ENOENT')) continue;
      throw e;
    }
    for (const name of names.filter((n) => n.startsWith(prefix))) {
      const p = join(dir, name);
      const st = await lstat(p);
      if (st.isFile()) out.push({ path: p, name, old, size: st.size, mtime: st.mtime });
    }
  }
  return out;
}

/** Deletes backups (paths from `listBackups`); one already gone is not an error. */
export async function removeBackups(paths: readonly string[]): Promise<void> {
  for (const p of paths) {
    try {
      await unlink(p);
    } catch (e) {
      if (!isErrno(e, 'ENOENT')) throw e;
    }
  }
  if (paths.length > 0) await fsyncPath(dirname(paths[0]!)).catch(() => {});
}

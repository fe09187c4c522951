import { constants } from 'node:fs';
import { chmod, copyFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncPath } from './atomic-write.js';
import { isErrno } from './errno.js';

/** The one backup naming rule: `<file>.qwh-bak-<UTC timestamp>`, then `-2`, `-3`… when taken. */
export function backupName(path: string, now: Date, n = 1): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${path}.qwh-bak-${stamp}${n === 1 ? '' : `-${n}`}`;
}

/**
 * Copies `path` to a new backup (never overwriting one: COPYFILE_EXCL, next suffix when the name
 * is taken), gives it `mode`, fsyncs it and its folder; returns its path. A partial copy is no
 * backup: it is removed before the system error is rethrown.
 */
export async function backupFile(path: string, now: Date, mode: number): Promise<string> {
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
    await chmod(target, mode);
    await fsyncPath(target);
    await fsyncPath(dirname(path));
    return target;
  }
}

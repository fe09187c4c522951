import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../ui/messages.js';

/** What is at a path before qwh writes there. */
export type PathState = 'absent' | 'file' | 'other';

/** Looks at a path without following a symlink: absent, a regular file, or something else. */
export async function pathState(path: string): Promise<PathState> {
  try {
    const st = await lstat(path);
    return st.isFile() ? 'file' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw e;
  }
}

/** A backup name that never overwrites: `<file>.qwh-bak-<UTC timestamp>` (plus a suffix if taken). */
function backupName(path: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${path}.qwh-bak-${stamp}`;
}

/**
 * Writes a new file, or replaces an existing regular file when `replace` is set. Never follows a
 * symlink or writes over a folder/device (exit 4). A new file is created exclusively (O_EXCL),
 * so a file that appeared since the caller looked is refused, not clobbered. A replaced file is
 * first copied to a backup (never overwritten), then swapped atomically: temp file in the same
 * folder, fsync, rename; its mode is kept. Returns the backup path, if any.
 */
export async function writeNewFile(
  path: string,
  text: string,
  opts: { replace: boolean; shown: string; now?: Date },
): Promise<{ backup?: string }> {
  const state = await pathState(path);
  if (state === 'other')
    throw new UserError(
      MESSAGES.init.notRegular(opts.shown),
      ExitCode.REFUSED,
      MESSAGES.init.notRegularHint,
    );
  if (state === 'absent' || !opts.replace) {
    if (state === 'file')
      throw new UserError(
        MESSAGES.init.exists(opts.shown),
        ExitCode.REFUSED,
        MESSAGES.init.existsHint,
      );
    let handle;
    try {
      handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST')
        throw new UserError(
          MESSAGES.init.exists(opts.shown),
          ExitCode.REFUSED,
          MESSAGES.init.existsHint,
        );
      throw writeError(opts.shown, e);
    }
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return {};
  }
  const st = await lstat(path);
  const backup = backupName(path, opts.now ?? new Date());
  // COPYFILE_EXCL: an existing backup (same second) is never overwritten; add a suffix instead.
  let backupPath = backup;
  try {
    await copyFile(path, backupPath, constants.COPYFILE_EXCL);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(opts.shown, e);
    backupPath = `${backup}-${randomBytes(3).toString('hex')}`;
    await copyFile(path, backupPath, constants.COPYFILE_EXCL);
  }
  const tmp = join(dirname(path), `.${basename(path)}.qwh-tmp-${randomBytes(4).toString('hex')}`);
  const handle = await open(
    tmp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
    st.mode & 0o777,
  );
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(tmp).catch(() => {});
    throw writeError(opts.shown, e);
  }
  await handle.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw writeError(opts.shown, e);
  }
  return { backup: backupPath };
}

function writeError(shown: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new UserError(MESSAGES.init.cannotWrite(shown, code), ExitCode.USAGE);
}

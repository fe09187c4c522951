import { errnoOf, isErrno } from './errno.js';
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { backupFile } from './backup.js';

/** What is at a path before qwh writes there. */
export type PathState = 'absent' | 'file' | 'other';

/** Looks at a path without following a symlink: absent, a regular file, or something else. */
export async function pathState(path: string): Promise<PathState> {
  try {
    const st = await lstat(path);
    return st.isFile() ? 'file' : 'other';
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return 'absent';
    throw e;
  }
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
  opts: { replace: boolean; shown: string; now?: Date; private?: boolean },
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
      handle = await open(
        path,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
        opts.private ? 0o600 : 0o644,
      );
    } catch (e) {
      if (isErrno(e, 'EEXIST'))
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
  try {
    const backup = await backupFile(path, opts.now ?? new Date());
    // Credentials in the new text narrow the mode to 0600; otherwise the file keeps its mode.
    await writeFileAtomic(path, text, { mode: opts.private ? 0o600 : st.mode & 0o777 });
    return { backup };
  } catch (e) {
    throw writeError(opts.shown, e);
  }
}

function writeError(shown: string, e: unknown): UserError {
  const code = errnoOf(e) ?? (e as Error).message;
  return new UserError(MESSAGES.init.cannotWrite(shown, code), ExitCode.USAGE);
}

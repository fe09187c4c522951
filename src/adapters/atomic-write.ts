import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, rename, unlink } from 'node:fs/promises';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { isErrno } from './errno.js';
import { kindOf } from './read-file.js';
import { basename, dirname, join } from 'node:path';

/** Flushes a file or folder to disk; a file system that cannot fsync a folder is accepted (rename stays atomic there). */
export async function fsyncPath(p: string): Promise<void> {
  let fh;
  try {
    fh = await open(p, 'r');
    await fh.sync();
  } catch {
    // Some file systems cannot fsync a folder; nothing more can be done there.
  } finally {
    await fh?.close();
  }
}

/** A temp name beside `path` (same folder, so the rename is atomic), unique per call. */
export function tempNameFor(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.qwh-tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

const TEMP_OF = /\.qwh-tmp-(\d+)-[0-9a-z]+$/;

function processGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // EPERM: it runs under another user, so it is alive.
    return isErrno(e, 'ESRCH');
  }
}

/**
 * Removes the temp files a killed qwh left in `dir` (a SIGKILL between the exclusive create and
 * the rename): only names `mine` accepts that end in qwh's own temp suffix, only regular files,
 * only when the process that wrote them is gone. Called under the account file's lock, so no
 * live qwh run of this file owns them. Returns the names removed.
 */
export async function removeStaleTemps(
  dir: string,
  mine: (name: string) => boolean,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_OF.exec(name);
    if (!m || !mine(name) || !processGone(Number(m[1]))) continue;
    const st = await lstat(join(dir, name)).catch(() => undefined);
    if (!st?.isFile()) continue;
    await unlink(join(dir, name)).then(
      () => removed.push(name),
      () => {},
    );
  }
  return removed;
}

/**
 * Refuses (exit 4) to replace anything but a regular file or nothing: a symlink (never written
 * through, never replaced), a FIFO, a device, a folder. Looked at with lstat (no-follow).
 */
export async function assertReplaceable(path: string, shown = path): Promise<void> {
  let st;
  try {
    st = await lstat(path);
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return;
    throw e;
  }
  if (st.isFile()) return;
  const kind = st.isSymbolicLink() ? 'symbolic link' : (kindOf(st) ?? 'special file');
  throw new UserError(MESSAGES.input.notReplaceable(shown, kind), ExitCode.REFUSED);
}

/**
 * The one way qwh replaces a file: temp file in the same folder (created exclusively), written,
 * given `mode` (the umask may have narrowed it), fsynced, renamed over, folder fsynced. A reader
 * sees the old bytes or the new, never a mix; on any failure the temp file is removed and the
 * system error is rethrown for the caller to word.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  opts: { mode?: number; shown?: string } = {},
): Promise<void> {
  const mode = opts.mode ?? 0o644;
  await assertReplaceable(path, opts.shown);
  const tmp = tempNameFor(path);
  try {
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.writeFile(content);
      await fh.chmod(mode);
      await fh.sync();
    } finally {
      await fh.close();
    }
    // Looked at again right before the rename: a link or FIFO planted meanwhile is not replaced.
    await assertReplaceable(path, opts.shown);
    await rename(tmp, path);
  } catch (e) {
    // Disk full, file-size limit, read-only folder: the file keeps its old bytes and no
    // half-written temp file is left beside it.
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fsyncPath(dirname(path));
}

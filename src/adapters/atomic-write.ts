import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
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

/**
 * The one way qwh replaces a file: temp file in the same folder (created exclusively), written,
 * given `mode` (the umask may have narrowed it), fsynced, renamed over, folder fsynced. A reader
 * sees the old bytes or the new, never a mix; on any failure the temp file is removed and the
 * system error is rethrown for the caller to word.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  opts: { mode?: number } = {},
): Promise<void> {
  const mode = opts.mode ?? 0o644;
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
    await rename(tmp, path);
  } catch (e) {
    // Disk full, file-size limit, read-only folder: the file keeps its old bytes and no
    // half-written temp file is left beside it.
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fsyncPath(dirname(path));
}

import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { isErrno } from './errno.js';

const M = MESSAGES.migrate.store;

/** Who holds the lock of an account file. */
export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/** How the lock is named in messages: the file it guards, and the lock's own relative path. */
export interface LockNames {
  /** The guarded file as the user named it. */
  shown: string;
  /** The lock file relative to the guarded file's folder. */
  rel: string;
  warn: (msg: string) => void;
}

/**
 * Takes the lock at `path`, created exclusively *with* its content (temp file + link, which fails
 * if the lock exists). A lock left by a dead process on this host is taken over with a warning;
 * a live one (or one of another host) refuses with exit 4 naming its holder. Returns the release
 * function; the lock is also removed when the process exits (a second Ctrl-C ends it at once).
 * System errors are rethrown as they are, for the caller to word.
 */
export async function acquireLock(
  path: string,
  command: string,
  names: LockNames,
): Promise<() => Promise<void>> {
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command,
  };
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    // 'wx': created here, never through a symlink planted at the name. Inside the try: a full
    // disk after the create leaves no temp file behind (the finally removes it).
    await writeFile(tmp, JSON.stringify(info) + '\n', { mode: 0o600, flag: 'wx' });
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(tmp, path);
        return releaseOnExit(path);
      } catch (e) {
        if (!isErrno(e, 'EEXIST')) throw e;
      }
      const holder = await readLock(path);
      if (holder && holder.host === info.host && !isAlive(holder.pid)) {
        // Only one process may take a stale lock over: the one holding the takeover guard, and
        // only while the lock still is the stale one it read (else two runs both held it).
        if (await takeOverStale(path, holder, () => names.warn(M.staleLock(names.rel, holder))))
          continue;
        // Another process is taking it over: look again shortly (it then holds a live lock).
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      throw new UserError(
        M.lockHeld(names.shown, holder),
        ExitCode.REFUSED,
        M.lockHeldHint(names.rel),
      );
    }
    throw new UserError(M.lockHeld(names.shown, undefined), ExitCode.REFUSED);
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

/** A takeover guard older than this was left by a killed process: it is removed. */
const GUARD_STALE_MS = 10_000;

/**
 * Removes the stale lock `holder` under the takeover guard (`<lock>.takeover`, created 'wx');
 * false when another process is taking over (or did: the lock is no longer the stale one).
 */
async function takeOverStale(path: string, holder: LockInfo, warn: () => void): Promise<boolean> {
  const guard = `${path}.takeover`;
  try {
    await writeFile(guard, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if (!isErrno(e, 'EEXIST')) throw e;
    const st = await stat(guard).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > GUARD_STALE_MS) await unlink(guard).catch(() => {});
    return false;
  }
  try {
    const now = await readLock(path);
    if (!now || now.pid !== holder.pid || now.startedAt !== holder.startedAt) return false;
    warn();
    await unlink(path).catch(() => {});
    return true;
  } finally {
    await unlink(guard).catch(() => {});
  }
}

/** The release function of a lock just taken; until it runs, process exit removes the lock too. */
function releaseOnExit(path: string): () => Promise<void> {
  // A second Ctrl-C ends the process at once: still leave no lock behind.
  const onExit = (): void => {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.once('exit', onExit);
  return async () => {
    process.removeListener('exit', onExit);
    await unlink(path).catch(() => {});
  };
}

/** The holder written in a lock file; undefined when it is unreadable or torn. */
export async function readLock(path: string): Promise<LockInfo | undefined> {
  try {
    const v = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string')
      return {
        pid: v.pid,
        host: v.host,
        startedAt: String(v.startedAt ?? '?'),
        command: String(v.command ?? '?'),
      };
  } catch {
    // unreadable or torn: treated as held by an unknown process
  }
  return undefined;
}

/** True when a process with this pid runs (EPERM: it runs, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return isErrno(e, 'EPERM');
  }
}

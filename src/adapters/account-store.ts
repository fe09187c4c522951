import { errnoOf, isErrno } from './errno.js';
import {
  access,
  constants,
  link,
  lstat,
  mkdir,
  open,
  readFile,
  stat,
  truncate,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { isUserError, UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { parseJournal, type JournalRecord } from '../core/migrate/journal.js';
import { MAX_ACCOUNT_FILE_BYTES } from '../core/input/limits.js';
import { MESSAGES } from '../messages/index.js';
import { readRegularFile } from './read-file.js';
import { fsyncPath, writeFileAtomic } from './atomic-write.js';
import { backupFile } from './backup.js';
import { sha256Hex } from '../core/hash.js';

const M = MESSAGES.migrate.store;

/** Who holds the lock of an account file. */
export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/** Largest journal read (a run writes a few hundred bytes per step). */
const MAX_JOURNAL_BYTES = 16 * 1024 * 1024;

/**
 * Everything that writes beside one account file: lock, backups, atomic replacement,
 * journal and secret files, all under `.qwh/` next to it (0700; a .gitignore keeps it out of git).
 */
export class AccountStore {
  readonly path: string;
  readonly dir: string;
  readonly qwhDir: string;
  readonly lockPath: string;
  readonly journalPath: string;
  /** How the journal ends: ready for a record, a whole record missing its newline, or a torn line to cut. */
  private journalTail: 'clean' | 'newline' | { cutAt: number } | undefined;
  private testPaused = false;

  /**
   * `testPauseAt` is a test-only hook (the CLI passes `QWH_TEST_PAUSE_AT`; unset in production it
   * does nothing): the run stops right after that point (`before-lock`, `locked`, or a journal
   * record: `begin`, `backup`, `secret-file`, `write:add-v2:intent`, `write:add-v2:done`, `verify`,
   * `write:disable-v1:intent`, `write:disable-v1:done`, `end`) until SIGUSR2, so the reliability
   * tests can SIGKILL or Ctrl-C a run at an exact step instead of racing it.
   */
  constructor(
    file: string,
    readonly shown: string,
    private readonly warn: (msg: string) => void = () => {},
    private readonly testPauseAt?: string,
  ) {
    this.path = resolve(file);
    this.dir = dirname(this.path);
    this.qwhDir = join(this.dir, '.qwh');
    const name = basename(this.path);
    this.lockPath = join(this.qwhDir, `${name}.lock`);
    this.journalPath = join(this.qwhDir, `journal-${name}.jsonl`);
  }

  /** A path relative to the account folder, for messages, journal and plan. */
  rel(p: string): string {
    return relative(this.dir, p).split(sep).join('/');
  }

  /** Creates `.qwh/` (0700) with a .gitignore, so journals and secrets never get committed. */
  async ensureQwhDir(): Promise<void> {
    await mkdir(this.qwhDir, { recursive: true, mode: 0o700 });
    try {
      await writeFile(
        join(this.qwhDir, '.gitignore'),
        '# written by qwh: journals, locks and secrets stay out of git\n*\n',
        { flag: 'wx', mode: 0o644 },
      );
    } catch (e) {
      if (!isErrno(e, 'EEXIST')) throw e;
    }
  }

  /**
   * Takes the lock (created atomically with its content: temp file + link, which fails if the
   * lock exists). A lock left by a dead process on this host is taken over with a warning; a
   * live one refuses with exit 4 naming its holder. Returns the release function.
   */
  async lock(command: string): Promise<() => Promise<void>> {
    await this.pausePoint('before-lock');
    try {
      await this.ensureQwhDir();
      // Backups and the atomic replacement need the folder itself: refuse now, before any step.
      await access(this.dir, constants.W_OK);
    } catch (e) {
      const code = errnoOf(e);
      if (typeof code !== 'string') throw e;
      throw new UserError(M.folderReadOnly(this.dir, code), ExitCode.REFUSED, M.ioFailedHint);
    }
    const release = await this.takeLock(command).catch((e: unknown) => {
      throw ioError(e, this.rel(this.lockPath));
    });
    await this.pausePoint('locked');
    return release;
  }

  private async takeLock(command: string): Promise<() => Promise<void>> {
    const info: LockInfo = {
      pid: process.pid,
      host: hostname(),
      startedAt: new Date().toISOString(),
      command,
    };
    const tmp = `${this.lockPath}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(info) + '\n', { mode: 0o600 });
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await link(tmp, this.lockPath);
          const release = async (): Promise<void> => {
            process.removeListener('exit', onExit);
            await unlink(this.lockPath).catch(() => {});
          };
          // A second Ctrl-C ends the process at once: still leave no lock behind.
          const onExit = (): void => {
            try {
              unlinkSync(this.lockPath);
            } catch {
              // already gone
            }
          };
          process.once('exit', onExit);
          return release;
        } catch (e) {
          if (!isErrno(e, 'EEXIST')) throw e;
        }
        const holder = await this.readLock();
        if (holder && holder.host === info.host && !isAlive(holder.pid)) {
          this.warn(M.staleLock(this.rel(this.lockPath), holder));
          await unlink(this.lockPath).catch(() => {});
          continue;
        }
        throw new UserError(
          M.lockHeld(this.shown, holder),
          ExitCode.REFUSED,
          M.lockHeldHint(this.rel(this.lockPath)),
        );
      }
      throw new UserError(M.lockHeld(this.shown, undefined), ExitCode.REFUSED);
    } finally {
      await unlink(tmp).catch(() => {});
    }
  }

  private async readLock(): Promise<LockInfo | undefined> {
    try {
      const v = JSON.parse(await readFile(this.lockPath, 'utf8')) as Partial<LockInfo>;
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

  /** Refuses symlinks and anything but a regular file (exit 4): qwh replaces the file itself. */
  async checkReplaceable(): Promise<{ mode: number }> {
    let st;
    try {
      st = await lstat(this.path);
    } catch {
      throw new UserError(MESSAGES.input.notFound(this.shown), ExitCode.USAGE);
    }
    if (st.isSymbolicLink())
      throw new UserError(M.symlink(this.shown), ExitCode.REFUSED, M.symlinkHint);
    if (!st.isFile()) throw new UserError(M.notRegular(this.shown), ExitCode.REFUSED);
    return { mode: st.mode & 0o7777 };
  }

  /** The file's current bytes and hash (after the symlink/regular-file check). */
  async readCurrent(): Promise<{ bytes: Buffer; sha256: string; mode: number }> {
    const { mode } = await this.checkReplaceable();
    const bytes = await readRegularFile(this.path, MAX_ACCOUNT_FILE_BYTES, this.shown);
    return { bytes, sha256: sha256Hex(bytes), mode };
  }

  /** Copies the file to `<file>.qwh-bak-<timestamp>` (never overwriting one), mode kept; returns its path. */
  async backup(now: Date): Promise<string> {
    const { mode } = await this.checkReplaceable();
    try {
      return await backupFile(this.path, now, mode);
    } catch (e) {
      throw ioError(e, this.shown);
    }
  }

  /**
   * Replaces the file atomically: temp file in the same folder, fsync, rename over, fsync the
   * folder. The file's mode is kept; a reader sees the old bytes or the new, never a mix.
   */
  async writeAtomic(content: string | Uint8Array): Promise<string> {
    const { mode } = await this.checkReplaceable();
    try {
      await writeFileAtomic(this.path, content, { mode });
    } catch (e) {
      throw ioError(e, this.shown);
    }
    return sha256Hex(content);
  }

  /** Absolute path of a file named relative to the account file; refuses paths leaving its folder. */
  resolveInside(rel: string): string {
    const p = resolve(this.dir, rel);
    if (!p.startsWith(this.dir + sep)) throw new UserError(M.outside(rel), ExitCode.REFUSED);
    return p;
  }

  /**
   * Writes a secret file (0600, folders 0700) unless it exists already, in which case it is
   * kept (a receiver may already use it). Returns what happened; never logs the value.
   */
  async writeSecretFile(rel: string, value: string): Promise<'created' | 'kept'> {
    const p = this.resolveInside(rel);
    const kept = async (): Promise<'kept'> => {
      const st = await lstat(p);
      if (!st.isFile()) throw new UserError(M.secretNotRegular(rel), ExitCode.REFUSED);
      if ((st.mode & 0o077) !== 0) this.warn(M.secretMode(rel, st.mode & 0o777));
      return 'kept';
    };
    // Written to a temp file, then linked into place (fails if the name exists): a killed run
    // or a full disk never leaves a half-written secret that a resumed run would then keep.
    const tmp = `${p}.qwh-tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      await this.ensureQwhDir();
      await mkdir(dirname(p), { recursive: true, mode: 0o700 });
      try {
        await lstat(p);
        return await kept();
      } catch (e) {
        if (isUserError(e) || !isErrno(e, 'ENOENT')) throw e;
      }
      const fh = await open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(value + '\n');
        await fh.chmod(0o600);
        await fh.sync();
      } finally {
        await fh.close();
      }
      try {
        await link(tmp, p);
      } catch (e) {
        if (isErrno(e, 'EEXIST')) return await kept();
        throw e;
      }
      await fsyncPath(dirname(p));
      return 'created';
    } catch (e) {
      throw ioError(e, rel);
    } finally {
      await unlink(tmp).catch(() => {});
    }
  }

  /** True when a file named relative to the account file exists. */
  async exists(rel: string): Promise<boolean> {
    try {
      await stat(this.resolveInside(rel));
      return true;
    } catch {
      return false;
    }
  }

  /** Every journal record; a torn last line (killed mid-write) is dropped. Exit 4 if corrupt. */
  async readJournal(): Promise<JournalRecord[]> {
    let bytes: Buffer;
    try {
      bytes = await readRegularFile(this.journalPath, MAX_JOURNAL_BYTES);
    } catch (e) {
      if (await this.exists(this.rel(this.journalPath))) throw e;
      return [];
    }
    const parsed = parseJournal(bytes.toString('utf8'));
    if (!parsed.ok)
      throw new UserError(
        M.journalCorrupt(this.rel(this.journalPath), parsed.line, parsed.message),
        ExitCode.REFUSED,
        M.journalCorruptHint,
      );
    this.journalTail = tailOf(bytes);
    return parsed.records;
  }

  /** Appends one record and fsyncs it before returning (write-ahead: the step follows). */
  async appendJournal(rec: JournalRecord): Promise<void> {
    try {
      await this.ensureQwhDir();
      if (this.journalTail === undefined) {
        try {
          this.journalTail = tailOf(await readFile(this.journalPath));
        } catch {
          this.journalTail = 'clean';
        }
      }
      // A torn last line (a run killed mid-append) never happened: its step had not begun. Cut it,
      // so it does not end up in the middle of the journal, where it would make every later read
      // refuse the journal as corrupt.
      const tail = this.journalTail;
      if (typeof tail === 'object') await truncate(this.journalPath, tail.cutAt);
      const fh = await open(this.journalPath, 'a', 0o600);
      try {
        await fh.writeFile((tail === 'newline' ? '\n' : '') + JSON.stringify(rec) + '\n');
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (e) {
      // Part of the line may be on disk: look at the tail again before the next append.
      this.journalTail = undefined;
      throw ioError(e, this.rel(this.journalPath));
    }
    this.journalTail = 'clean';
    await this.pausePoint(rec.t === 'write' ? `write:${rec.step}:${rec.phase}` : rec.t);
  }

  /** The test-only pause (see the constructor); the first time the point is reached only. */
  private async pausePoint(point: string): Promise<void> {
    if (this.testPauseAt !== point || this.testPaused) return;
    this.testPaused = true;
    await new Promise<void>((resolve) => {
      // A signal listener alone does not keep the process alive; this timer does.
      const keepAlive = setInterval(() => {}, 60_000);
      process.once('SIGUSR2', () => {
        clearInterval(keepAlive);
        resolve();
      });
      this.warn(M.testPaused(point));
    });
  }

  /** Reads a backup named in the journal (relative to the account folder). */
  async readBackup(rel: string): Promise<Buffer> {
    return readRegularFile(this.resolveInside(rel), MAX_ACCOUNT_FILE_BYTES, rel);
  }
}

/** How journal bytes end: cleanly, with a whole record missing its newline, or with a torn line. */
function tailOf(bytes: Buffer): 'clean' | 'newline' | { cutAt: number } {
  if (bytes.length === 0 || bytes[bytes.length - 1] === 0x0a) return 'clean';
  const cutAt = bytes.lastIndexOf(0x0a) + 1;
  const last = parseJournal(bytes.subarray(cutAt).toString('utf8'));
  return last.ok && last.records.length === 1 ? 'newline' : { cutAt };
}

/** A file-system failure as a user error naming what could not be written (no stack trace). */
function ioError(e: unknown, what: string): unknown {
  if (isUserError(e)) return e;
  const code = errnoOf(e);
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return e;
  return new UserError(M.ioFailed(what, code), ExitCode.REFUSED, M.ioFailedHint);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return isErrno(e, 'EPERM');
  }
}

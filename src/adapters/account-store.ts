import { errnoOf, isErrno } from './errno.js';
import {
  access,
  constants,
  link,
  lstat,
  mkdir,
  open,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { isUserError, UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { JournalRecord } from '../core/migrate/journal.js';
import { MAX_ACCOUNT_FILE_BYTES } from '../core/input/limits.js';
import { MESSAGES } from '../messages/index.js';
import { readRegularFile } from './read-file.js';
import { fsyncPath, removeStaleTemps, writeFileAtomic } from './atomic-write.js';
import { backupFile } from './backup.js';
import { sha256Hex } from '../core/hash.js';
import { JournalFile } from './journal-file.js';
import { acquireLock } from './lock-file.js';

export type { LockInfo } from './lock-file.js';

const M = MESSAGES.migrate.store;

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
  private readonly journal: JournalFile;

  constructor(
    file: string,
    readonly shown: string,
    private readonly warn: (msg: string) => void = () => {},
  ) {
    this.path = resolve(file);
    this.dir = dirname(this.path);
    this.qwhDir = join(this.dir, '.qwh');
    const name = basename(this.path);
    this.lockPath = join(this.qwhDir, `${name}.lock`);
    this.journalPath = join(this.qwhDir, `journal-${name}.jsonl`);
    this.journal = new JournalFile(this.journalPath, this.rel(this.journalPath));
  }

  /** A path relative to the account folder, for messages, journal and plan. */
  rel(p: string): string {
    return relative(this.dir, p).split(sep).join('/');
  }

  /** Creates `.qwh/` (0700) with a .gitignore, so journals and secrets never get committed. */
  async ensureQwhDir(): Promise<void> {
    await mkdir(this.qwhDir, { recursive: true, mode: 0o700 });
    await this.assertRealDir(this.qwhDir);
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
   * Takes the lock (see lock-file.ts), after making sure `.qwh/` exists and the folder is
   * writable. A live holder refuses with exit 4; a dead one on this host is taken over with a
   * warning. Returns the release function.
   */
  async lock(command: string): Promise<() => Promise<void>> {
    try {
      await this.ensureQwhDir();
      // Backups and the atomic replacement need the folder itself: refuse now, before any step.
      await access(this.dir, constants.W_OK);
    } catch (e) {
      const code = errnoOf(e);
      if (typeof code !== 'string') throw e;
      throw new UserError(M.folderReadOnly(this.dir, code), ExitCode.REFUSED, M.ioFailedHint);
    }
    const rel = this.rel(this.lockPath);
    const release = await acquireLock(this.lockPath, command, {
      ...{ shown: this.shown, rel, warn: this.warn },
    }).catch((e: unknown) => {
      throw ioError(e, rel);
    });
    await this.removeStaleTemps();
    return release;
  }

  /**
   * Under the lock: the temp files a killed run of this file left (the account file's, the
   * stages' and ledger's in `.qwh/`, and its secret files', which may hold a secret) go.
   */
  private async removeStaleTemps(): Promise<void> {
    const name = basename(this.path);
    const beside = (n: string): boolean => n.startsWith(`.${name}.qwh-tmp-`);
    await removeStaleTemps(this.dir, beside);
    await removeStaleTemps(this.qwhDir, (n) => n.startsWith('.') && n.includes(name));
    await removeStaleTemps(join(this.qwhDir, 'secrets', name), () => true);
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

  /** Copies the file to `.qwh/backups/<file>.qwh-bak-<timestamp>` (never overwriting one), 0600; returns its path. */
  async backup(now: Date): Promise<string> {
    await this.checkReplaceable();
    try {
      return await backupFile(this.path, now);
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
      // Never adopted silently: a file this run did not write fixes the secret Qualifio signs with.
      if (!(await this.createdByCurrentRun(rel))) this.warn(M.secretAdopted(rel));
      return 'kept';
    };
    // Written to a temp file, then linked into place (fails if the name exists): a killed run
    // or a full disk never leaves a half-written secret that a resumed run would then keep.
    const tmp = `${p}.qwh-tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      await this.ensureQwhDir();
      await mkdir(dirname(p), { recursive: true, mode: 0o700 });
      for (let d = dirname(p); d.startsWith(this.qwhDir); d = dirname(d))
        await this.assertRealDir(d);
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

  /** Refuses (exit 4) a symlink (or anything but a folder) where qwh keeps its own folders. */
  private async assertRealDir(d: string): Promise<void> {
    const st = await lstat(d);
    if (!st.isDirectory() || st.isSymbolicLink())
      throw new UserError(
        MESSAGES.input.notReplaceable(this.rel(d), st.isSymbolicLink() ? 'symbolic link' : 'file'),
        ExitCode.REFUSED,
      );
  }

  /** True when the journal's current (last begun) run recorded creating this secret file. */
  private async createdByCurrentRun(rel: string): Promise<boolean> {
    const records = await this.journal.read().catch(() => []);
    const begin = records.findLast((r) => r.t === 'begin');
    if (!begin) return false;
    return records.some(
      (r) =>
        r.t === 'secret-file' && r.run === begin.run && r.file === rel && r.state === 'created',
    );
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
    return this.journal.read();
  }

  /** Appends one record and fsyncs it before returning (write-ahead: the step follows). */
  async appendJournal(rec: JournalRecord): Promise<void> {
    try {
      await this.ensureQwhDir();
      await this.journal.append(rec);
    } catch (e) {
      throw ioError(e, this.rel(this.journalPath));
    }
  }

  /** Reads a backup named in the journal (relative to the account folder). */
  async readBackup(rel: string): Promise<Buffer> {
    return readRegularFile(this.resolveInside(rel), MAX_ACCOUNT_FILE_BYTES, rel);
  }
}

/** A file-system failure as a user error naming what could not be written (no stack trace). */
function ioError(e: unknown, what: string): unknown {
  if (isUserError(e)) return e;
  const code = errnoOf(e);
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return e;
  return new UserError(M.ioFailed(what, code), ExitCode.REFUSED, M.ioFailedHint);
}

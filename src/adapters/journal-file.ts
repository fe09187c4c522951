import { constants } from 'node:fs';
import { open, readFile, stat, truncate } from 'node:fs/promises';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { parseJournal, type JournalRecord } from '../core/migrate/journal.js';
import { MESSAGES } from '../messages/index.js';
import { readRegularFile } from './read-file.js';

const M = MESSAGES.migrate.store;
const APPEND_NOFOLLOW =
  constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

/** Largest journal read (a run writes a few hundred bytes per step). */
const MAX_JOURNAL_BYTES = 16 * 1024 * 1024;

/** How journal bytes end: ready for a record, a whole record missing its newline, or a torn line to cut. */
type Tail = 'clean' | 'newline' | { cutAt: number };

/**
 * A write-ahead journal file (JSON lines): each append is fsynced before it returns, and a torn
 * last line (a run killed mid-append) is dropped on read and cut before the next append.
 */
export class JournalFile {
  /** Unknown until the file is read or appended to (and again after a failed append). */
  private tail: Tail | undefined;

  /** `shown` names the journal in messages (relative to the account folder). */
  constructor(
    readonly path: string,
    private readonly shown: string,
  ) {}

  /** Every record; a missing journal is empty, a torn last line is dropped. Exit 4 if corrupt. */
  async read(): Promise<JournalRecord[]> {
    let bytes: Buffer;
    try {
      bytes = await readRegularFile(this.path, MAX_JOURNAL_BYTES);
    } catch (e) {
      if (await exists(this.path)) throw e;
      return [];
    }
    const parsed = parseJournal(bytes.toString('utf8'));
    if (!parsed.ok)
      throw new UserError(
        M.journalCorrupt(this.shown, parsed.line, parsed.message),
        ExitCode.REFUSED,
        M.journalCorruptHint,
      );
    this.tail = tailOf(bytes);
    return parsed.records;
  }

  /**
   * Appends one record and fsyncs it before returning (write-ahead: the step follows). System
   * errors are rethrown as they are, for the caller to word.
   */
  async append(rec: JournalRecord): Promise<void> {
    try {
      if (this.tail === undefined) {
        try {
          this.tail = tailOf(await readFile(this.path));
        } catch {
          this.tail = 'clean';
        }
      }
      // A torn last line (a run killed mid-append) never happened: its step had not begun. Cut it,
      // so it does not end up in the middle of the journal, where it would make every later read
      // refuse the journal as corrupt.
      const tail = this.tail;
      if (typeof tail === 'object') await truncate(this.path, tail.cutAt);
      // O_NOFOLLOW: a symlink planted at the journal's name is never appended through.
      const fh = await open(this.path, APPEND_NOFOLLOW, 0o600);
      try {
        await fh.writeFile((tail === 'newline' ? '\n' : '') + JSON.stringify(rec) + '\n');
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (e) {
      // Part of the line may be on disk: look at the tail again before the next append.
      this.tail = undefined;
      throw e;
    }
    this.tail = 'clean';
  }
}

/** How journal bytes end: cleanly, with a whole record missing its newline, or with a torn line. */
function tailOf(bytes: Buffer): Tail {
  if (bytes.length === 0 || bytes[bytes.length - 1] === 0x0a) return 'clean';
  const cutAt = bytes.lastIndexOf(0x0a) + 1;
  const last = parseJournal(bytes.subarray(cutAt).toString('utf8'));
  return last.ok && last.records.length === 1 ? 'newline' : { cutAt };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

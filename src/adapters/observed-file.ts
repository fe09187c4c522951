import { lstat, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { parseObserved, type ObservedDoc } from '../core/migrate/captures.js';
import { MESSAGES } from '../messages/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { errnoOf, isErrno } from './errno.js';
import { readRegularFile } from './read-file.js';

const M = MESSAGES.migrate.store;
const MAX_OBSERVED_BYTES = 64 * 1024 * 1024;

/**
 * `.qwh/observed-<file>.json` beside the account file: every delivery `qwh migrate observe` has
 * judged (identity, participation id, time, campaign and website labels, signature verdict), so
 * evidence accumulates over runs and a capture read twice counts once. Replaced atomically
 * (0600) like the stages file; it holds no body, header or secret.
 */
export class ObservedFile {
  readonly path: string;

  constructor(accountPath: string) {
    this.path = join(dirname(accountPath), '.qwh', `observed-${basename(accountPath)}.json`);
  }

  /** The ledger; none yet is an empty one. Exit 4 when the file is not a ledger. */
  async read(): Promise<ObservedDoc> {
    try {
      await lstat(this.path);
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return { version: 1, entries: [] };
    }
    const bytes = await readRegularFile(this.path, MAX_OBSERVED_BYTES, this.rel());
    const doc = parseObserved(bytes.toString('utf8'));
    if (!doc)
      throw new UserError(M.observedCorrupt(this.rel()), ExitCode.REFUSED, M.observedCorruptHint);
    return doc;
  }

  /** Replaces the ledger atomically. */
  async write(doc: ObservedDoc): Promise<void> {
    try {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.path, JSON.stringify(doc) + '\n', { mode: 0o600 });
    } catch (e) {
      const code = errnoOf(e);
      if (typeof code !== 'string') throw e;
      throw new UserError(M.ioFailed(this.rel(), code), ExitCode.REFUSED, M.ioFailedHint);
    }
  }

  /** The file as messages name it. */
  rel(): string {
    return `.qwh/${basename(this.path)}`;
  }
}

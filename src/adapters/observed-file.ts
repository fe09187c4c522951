import { basename, dirname, join } from 'node:path';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { parseObserved, type ObservedDoc } from '../core/migrate/captures.js';
import { MESSAGES } from '../messages/index.js';
import { readQwhDocument, writeQwhDocument } from './qwh-document.js';

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
    const rel = this.rel();
    const o = { maxBytes: MAX_OBSERVED_BYTES, rel, parse: parseObserved };
    return readQwhDocument(
      this.path,
      { ...o, empty: () => ({ version: 1, entries: [] }) },
      () => new UserError(M.observedCorrupt(rel), ExitCode.REFUSED, M.observedCorruptHint),
    );
  }

  /** Replaces the ledger atomically. */
  async write(doc: ObservedDoc): Promise<void> {
    await writeQwhDocument(this.path, this.rel(), JSON.stringify(doc) + '\n');
  }

  /** The file as messages name it. */
  rel(): string {
    return `.qwh/${basename(this.path)}`;
  }
}

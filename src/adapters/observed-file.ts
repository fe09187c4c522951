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

  /** `maxBytes`: what read accepts and write may write (tests make it small). */
  constructor(
    accountPath: string,
    private readonly maxBytes = MAX_OBSERVED_BYTES,
  ) {
    this.path = join(dirname(accountPath), '.qwh', `observed-${basename(accountPath)}.json`);
  }

  /** The ledger; none yet is an empty one. Exit 4 when the file is not a ledger. */
  async read(): Promise<ObservedDoc> {
    const rel = this.rel();
    const o = { maxBytes: this.maxBytes, rel, parse: parseObserved };
    return readQwhDocument(
      this.path,
      { ...o, empty: () => ({ version: 1, entries: [] }) },
      () => new UserError(M.observedCorrupt(rel), ExitCode.REFUSED, M.observedCorruptHint),
    );
  }

  /**
   * Replaces the ledger atomically. A ledger past the size read accepts is refused (exit 4) and
   * the old one kept: written, it would make every later observe refuse the evidence it holds.
   */
  async write(doc: ObservedDoc): Promise<void> {
    const text = JSON.stringify(doc) + '\n';
    if (Buffer.byteLength(text) > this.maxBytes)
      throw new UserError(
        M.observedTooBig(this.rel(), doc.entries.length, this.maxBytes),
        ExitCode.REFUSED,
        M.observedTooBigHint,
      );
    await writeQwhDocument(this.path, this.rel(), text);
  }

  /** The file as messages name it. */
  rel(): string {
    return `.qwh/${basename(this.path)}`;
  }
}

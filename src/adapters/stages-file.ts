import { basename, dirname, join } from 'node:path';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { JournalRecord } from '../core/migrate/journal.js';
import { settleStages, type UnbackedRun } from '../core/migrate/stage-settle.js';
import { parseStages, type StagesDoc } from '../core/migrate/stages.js';
import { MESSAGES } from '../messages/index.js';
import { readQwhDocument, writeQwhDocument } from './qwh-document.js';

const M = MESSAGES.migrate.store;
const MAX_STAGES_BYTES = 16 * 1024 * 1024;

/**
 * `.qwh/stages-<file>.json` beside the account file: the cut-over stage of each migrated
 * webhook. Replaced atomically (temp file, fsync, rename, folder fsync; 0600), so a kill leaves
 * the old document or the new one. It holds keys, stages, times, user names and counts: no secret.
 */
export class StagesFile {
  readonly path: string;

  constructor(
    accountPath: string,
    readonly shown: string,
    /** The journal and the account file's hash: read() then returns what the file backs. */
    private readonly backing?: () => Promise<{ records: JournalRecord[]; sha256: string }>,
  ) {
    this.path = join(dirname(accountPath), '.qwh', `stages-${basename(accountPath)}.json`);
  }

  /**
   * The document; none yet is an empty one. Exit 4 when it is not a stages document. With a
   * backing, transitions the account file does not back are left out (core/migrate/stage-settle.ts).
   */
  async read(): Promise<StagesDoc> {
    return (await this.readSettled()).doc;
  }

  /** The document as read() returns it, and the runs whose transitions it left out. */
  async readSettled(): Promise<{ doc: StagesDoc; dropped: UnbackedRun[] }> {
    const doc = await this.readRaw();
    if (!this.backing || doc.webhooks.length === 0) return { doc, dropped: [] };
    const b = await this.backing();
    return settleStages(doc, b.records, b.sha256);
  }

  private async readRaw(): Promise<StagesDoc> {
    const rel = this.rel();
    const o = { maxBytes: MAX_STAGES_BYTES, rel, parse: parseStages };
    return readQwhDocument(
      this.path,
      { ...o, empty: () => ({ version: 1 as const, file: this.shown, webhooks: [] }) },
      () => new UserError(M.stagesCorrupt(rel), ExitCode.REFUSED, M.stagesCorruptHint),
    );
  }

  /** Replaces the document atomically. */
  async write(doc: StagesDoc): Promise<void> {
    await writeQwhDocument(this.path, this.rel(), JSON.stringify(doc, null, 2) + '\n');
  }

  /** The file as messages name it (relative to the account folder). */
  rel(): string {
    return `.qwh/${basename(this.path)}`;
  }
}

import type { CommandHandler } from '../contracts/index.js';
import { resolve } from 'node:path';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { listBackups, removeBackups } from '../adapters/backup.js';
import { resolveAccountFile, storeFor } from '../adapters/migrate-files.js';
import { ExitCode } from '../core/exit-codes.js';
import { backupRows, pruneRows } from '../core/migrate/backups.js';
import { MIGRATE_BACKUPS_OPTIONS } from '../core/options/migrate.js';
import { resolveOptions } from '../core/options/resolve.js';
import { MESSAGES } from '../messages/index.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { createPrompter } from '../ui/prompts.js';
import { MIGRATE_BACKUPS_REPORTERS } from '../ui/reporters/migrate-backups.js';

const B = MESSAGES.migrate.backups;

/** `qwh migrate backups [file]`: the file's backups, newest first; `--prune` keeps the newest N. */
const backups: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const prompter = createPrompter(ctx);
  const cfg = await loadCommandConfig(ctx, flags);
  const o = resolveOptions(MIGRATE_BACKUPS_OPTIONS, { flags, args, env: ctx.env });
  const file = await resolveAccountFile(ctx, o.file, cfg, prompter);
  const store = storeFor(resolve(ctx.cwd, file), file, log);
  // Pruning takes the lock: a run never loses the backup it is taking or about to journal.
  const release = o.prune ? await store.lock('qwh migrate backups --prune') : async () => {};
  try {
    const listed = await listBackups(store.path);
    const files = listed.map((b) => ({ ...b, rel: store.rel(b.path) }));
    const rows = backupRows(files, await store.readJournal());
    const view = { file, rows, keep: o.keep, ...(o.prune ? { pruned: [] as typeof rows } : {}) };
    const doomed = o.prune ? pruneRows(rows, o.keep) : [];
    if (doomed.length > 0) {
      const ok =
        o.yes ||
        (await prompter.confirm(B.pruneConfirm(doomed.length, rows.length, o.keep), '--yes'));
      if (!ok) {
        log.info(MESSAGES.migrate.declined);
        return ExitCode.REFUSED;
      }
      await removeBackups(doomed.map((r) => resolve(store.dir, r.path)));
      view.pruned = doomed;
    }
    printResult(
      ctx,
      MIGRATE_BACKUPS_REPORTERS[o.json ? 'json' : 'human'](view, colorsFor(ctx.stdout)),
    );
    return ExitCode.OK;
  } finally {
    await release();
  }
};
export default backups;

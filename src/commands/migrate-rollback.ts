import type { CommandHandler } from '../contracts/index.js';
import { resolve } from 'node:path';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { isUserError, UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MIGRATE_ROLLBACK_OPTIONS } from '../core/options/migrate.js';
import { resolveOptions } from '../core/options/resolve.js';
import { rollbackMigration } from '../services/migrate.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { MESSAGES } from '../messages/index.js';
import { printResult } from '../ui/print.js';
import { createPrompter } from '../ui/prompts.js';
import { MIGRATE_REPORTERS } from '../ui/reporters/migrate.js';
import { loadForMigrate, resolveAccountFile, storeFor } from '../adapters/migrate-files.js';
import { buildDeps } from './migrate-deps.js';

const M = MESSAGES.migrate;

/** `qwh migrate rollback [file]`: restores the last run's backup byte for byte; lists back-office reverts. */
const rollback: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const prompter = createPrompter(ctx);
  const cfg = await loadCommandConfig(ctx, flags);
  const o = resolveOptions(MIGRATE_ROLLBACK_OPTIONS, { flags, args, env: ctx.env });
  const file = await resolveAccountFile(ctx, o.file, cfg, prompter);
  // The current file may be broken (that may be why you roll back): load it only to mask secrets.
  let format: 'json' | 'yaml' = /\.json$/i.test(file) ? 'json' : 'yaml';
  try {
    format = (await loadForMigrate(ctx, file, log)).format;
  } catch (e) {
    if (!isUserError(e)) throw e;
    log.warn(e.message);
  }
  const store = storeFor(resolve(ctx.cwd, file), file, log);
  // Rollback verifies nothing: the verification options are the defaults.
  const deps = await buildDeps(ctx, store, log, {});
  const out = await rollbackMigration(format, deps, {
    force: o.force,
    confirm: async (info) =>
      o.yes || (await prompter.confirm(M.rollbackConfirm(file, info.backup), '--yes')),
  });
  if ('nothing' in out)
    throw new UserError(M.rollbackNothing(file), ExitCode.USAGE, M.rollbackNothingHint);
  if ('declined' in out) {
    log.info(M.declined);
    return ExitCode.REFUSED;
  }
  const view = {
    file,
    info: out.info,
    safetyBackup: out.safetyBackup,
    restoredSha: out.restoredSha,
  };
  printResult(
    ctx,
    MIGRATE_REPORTERS[o.json ? 'json' : 'human'].rollback(view, colorsFor(ctx.stdout)),
  );
  return ExitCode.OK;
};
export default rollback;

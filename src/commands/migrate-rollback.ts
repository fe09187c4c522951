import type { CommandHandler } from '../contracts/index.js';
import { resolve } from 'node:path';
import { loadConfig } from '../adapters/config-loader.js';
import { isUserError, UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { rollbackMigration } from '../services/migrate.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { MESSAGES } from '../messages/index.js';
import { createPrompter } from '../ui/prompts.js';
import { renderRunbookText } from '../ui/reporters/migrate.js';
import { buildDeps, loadForMigrate, resolveAccountFile, storeFor } from './migrate-shared.js';

const M = MESSAGES.migrate;

/** `qwh migrate rollback [file]`: restores the last run's backup byte for byte; lists back-office reverts. */
const rollback: CommandHandler = async (ctx, [fileArg], opts) => {
  const log = createLogger(ctx);
  const c = colorsFor(ctx.stdout);
  const prompter = createPrompter(ctx);
  const cfg = await loadConfig(ctx.cwd, opts.config as string | undefined);
  const file = await resolveAccountFile(ctx, fileArg, cfg, prompter);
  // The current file may be broken (that may be why you roll back): load it only to mask secrets.
  let format: 'json' | 'yaml' = /\.json$/i.test(file) ? 'json' : 'yaml';
  try {
    format = (await loadForMigrate(ctx, file, log)).format;
  } catch (e) {
    if (!isUserError(e)) throw e;
    log.warn(e.message);
  }
  const store = storeFor(ctx, resolve(ctx.cwd, file), file, log);
  const deps = await buildDeps(ctx, store, log, opts);
  const out = await rollbackMigration(format, deps, {
    force: Boolean(opts.force),
    confirm: async (info) =>
      Boolean(opts.yes) || (await prompter.confirm(M.rollbackConfirm(file, info.backup), '--yes')),
  });
  if ('nothing' in out)
    throw new UserError(M.rollbackNothing(file), ExitCode.USAGE, M.rollbackNothingHint);
  if ('declined' in out) {
    log.info(M.declined);
    return ExitCode.REFUSED;
  }
  const { info } = out;
  if (opts.json) {
    ctx.stdout.write(
      JSON.stringify(
        {
          file,
          rolledBack: info.run,
          restoredFrom: info.backup,
          safetyBackup: out.safetyBackup,
          sha256: out.restoredSha,
          revert: info.revert,
          secretFilesLeft: info.secretFiles,
        },
        null,
        2,
      ) + '\n',
    );
    return ExitCode.OK;
  }
  const lines = [
    `${c.green('✔')} ${M.rolledBack(file, info.backup)}`,
    M.rollbackSafety(out.safetyBackup),
  ];
  if (info.revert.length > 0)
    lines.push(
      '',
      c.bold(M.revertTitle),
      renderRunbookText({ account: file, steps: info.revert }, c, false),
    );
  else lines.push(M.revertNone);
  if (info.secretFiles.length > 0) lines.push(M.secretFilesLeft(info.secretFiles));
  ctx.stdout.write(lines.join('\n') + '\n');
  return ExitCode.OK;
};
export default rollback;

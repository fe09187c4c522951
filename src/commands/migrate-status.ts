import type { CommandHandler } from '../contracts/index.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { resolveAccountFile, storeFor, stagesOf } from '../adapters/migrate-files.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { unfinishedRun } from '../core/migrate/journal.js';
import { statusRows } from '../core/migrate/stage-view.js';
import { MIGRATE_STATUS_OPTIONS } from '../core/options/migrate.js';
import { resolveOptions } from '../core/options/resolve.js';
import { MESSAGES } from '../messages/index.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { createPrompter } from '../ui/prompts.js';
import { MIGRATE_CUTOVER_REPORTERS } from '../ui/reporters/migrate-cutover.js';

const C = MESSAGES.migrate.cutover;

/** `qwh migrate status [file]`: per migrated webhook its stage, evidence and the one next command. */
const status: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const cfg = await loadCommandConfig(ctx, flags);
  const o = resolveOptions(MIGRATE_STATUS_OPTIONS, { flags, args, env: ctx.env });
  const file = await resolveAccountFile(ctx, o.file, cfg, createPrompter(ctx));
  const store = storeFor(file, file, log);
  const { doc, dropped } = await stagesOf(store).readSettled();
  for (const d of dropped) log.warn(C.unbacked(d.run, d.why, file));
  const open = unfinishedRun(await store.readJournal());
  if (open) log.warn(C.openRun(open.run, open.begin.command, file));
  if (doc.webhooks.length === 0)
    throw new UserError(C.noStages(file), ExitCode.USAGE, C.noStagesHint(file));
  const view = { file, rows: statusRows(doc, file) };
  printResult(
    ctx,
    MIGRATE_CUTOVER_REPORTERS[o.json ? 'json' : 'human'].status(view, colorsFor(ctx.stdout)),
  );
  return ExitCode.OK;
};
export default status;

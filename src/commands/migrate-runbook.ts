import type { CommandHandler } from '../contracts/index.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import {
  loadForMigrate,
  resolveAccountFile,
  storeFor,
  stagesOf,
} from '../adapters/migrate-files.js';
import { ExitCode } from '../core/exit-codes.js';
import { stageRunbook } from '../core/migrate/stage-view.js';
import { MIGRATE_RUNBOOK_OPTIONS } from '../core/options/migrate.js';
import { resolveOptions } from '../core/options/resolve.js';
import { selectWebhooks } from '../services/migrate-cutover.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { createPrompter } from '../ui/prompts.js';
import { MIGRATE_CUTOVER_REPORTERS } from '../ui/reporters/migrate-cutover.js';

/** `qwh migrate runbook [file]`: the back-office steps of each webhook's current stage, as a Markdown checklist. */
const runbook: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const cfg = await loadCommandConfig(ctx, flags);
  const o = resolveOptions(MIGRATE_RUNBOOK_OPTIONS, { flags, args, env: ctx.env });
  const file = await resolveAccountFile(ctx, o.file, cfg, createPrompter(ctx));
  const loaded = await loadForMigrate(ctx, file, log);
  const store = storeFor(loaded.path, file, log);
  const doc = await stagesOf(store).read();
  const webhooks = selectWebhooks(doc, file, o.webhook);
  const rb = stageRunbook(loaded.account, { ...doc, webhooks }, file);
  const view = { file, ...rb };
  printResult(ctx, MIGRATE_CUTOVER_REPORTERS[o.json ? 'json' : 'human'].runbook(view));
  return ExitCode.OK;
};
export default runbook;

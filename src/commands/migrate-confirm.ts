import type { CommandHandler } from '../contracts/index.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { loadForMigrate, resolveAccountFile, storeFor } from '../adapters/migrate-files.js';
import { ExitCode } from '../core/exit-codes.js';
import { resolveConfirmInput } from '../core/migrate/cutover-input.js';
import { nextCommand } from '../core/migrate/stage-view.js';
import { MIGRATE_CONFIRM_OPTIONS } from '../core/options/migrate.js';
import { resolveOptions } from '../core/options/resolve.js';
import { MESSAGES } from '../messages/index.js';
import { confirmStage } from '../services/migrate-cutover.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { createPrompter } from '../ui/prompts.js';
import { MIGRATE_CUTOVER_REPORTERS } from '../ui/reporters/migrate-cutover.js';
import { buildDeps } from './migrate-deps.js';

const C = MESSAGES.migrate.cutover;

/** `qwh migrate confirm [file] configured|v1-off|v1-deleted`: records a back-office step, gate by gate. */
const confirm: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const prompter = createPrompter(ctx);
  const cfg = await loadCommandConfig(ctx, flags);
  const o = resolveOptions(MIGRATE_CONFIRM_OPTIONS, {
    flags,
    args: resolveConfirmArgs(args),
    env: ctx.env,
  });
  const input = resolveConfirmInput(o);
  const file = await resolveAccountFile(ctx, o.file, cfg, prompter);
  const loaded = await loadForMigrate(ctx, file, log);
  const trust = { trustEnv: cfg.config.trust?.env };
  const deps = await buildDeps(ctx, storeFor(loaded.path, file, log), log, trust);
  const out = await confirmStage(
    input,
    deps,
    async (keys) =>
      o.yes || (await prompter.confirm(C.confirmAsk(input.step, keys), '--yes', ExitCode.REFUSED)),
  );
  if ('declined' in out) {
    log.info(MESSAGES.migrate.declined);
    return ExitCode.REFUSED;
  }
  const doc = await deps.stages.read();
  const keys = new Set(out.outcomes.map((x) => x.v1Key));
  const next = doc.webhooks.filter((w) => keys.has(w.v1Key)).map((w) => nextCommand(w, file));
  const view = {
    file,
    step: input.step,
    outcomes: out.outcomes,
    next,
    ...(out.fileChange ? { fileChange: out.fileChange } : {}),
  };
  printResult(
    ctx,
    MIGRATE_CUTOVER_REPORTERS[o.json ? 'json' : 'human'].confirm(view, colorsFor(ctx.stdout)),
  );
  return ExitCode.OK;
};

/** `confirm v1-off` (one argument, a step) reads as the step, the account file from config/default. */
function resolveConfirmArgs(args: ReadonlyArray<string | undefined>): Array<string | undefined> {
  const steps = ['configured', 'v1-off', 'v1-deleted'];
  return args.length >= 1 && args[1] === undefined && steps.includes(args[0] ?? '')
    ? [undefined, args[0]]
    : [...args];
}
export default confirm;

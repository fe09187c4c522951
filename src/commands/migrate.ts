import type { CommandHandler } from '../contracts/index.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { applyMigration, preflightPlan } from '../services/migrate.js';
import { prepareMigration } from '../services/migrate-prepare.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { createPrompter } from '../ui/prompts.js';
import { MIGRATE_REPORTERS, blockerLines, type MigrateEnd } from '../ui/reporters/migrate.js';
import * as shared from './migrate-deps.js';
import {
  askToApply,
  migrateInputOf,
  planView,
  runbookAfter,
  writeDryRunOutputs,
  writeRunbook,
} from './migrate-output.js';

const M = MESSAGES.migrate;

/** `qwh migrate [file]`: read → prepare (plan) → confirm → apply → report; exit codes in the spec. */
const migrate: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const prompter = createPrompter(ctx);
  const cfg = await loadCommandConfig(ctx, flags);
  const layers = { flags, args, env: ctx.env, config: cfg.config.migrate, configDir: cfg.dir };
  const input = await migrateInputOf(ctx, layers);
  const p = await prepareMigration(input, shared.prepareDepsFor(ctx, cfg, prompter, log));
  if (p.kind === 'none-picked') {
    log.info(M.pickNone);
    return ExitCode.OK;
  }
  const { plan, runbook } = p;
  const reporter = MIGRATE_REPORTERS[input.json ? 'json' : 'human'];
  const c = colorsFor(ctx.stdout);
  const view = planView(p, input);
  const trustEnv = [...(cfg.config.trust?.env ?? []), input.options.secretEnv];
  const verify = { verifyTimeout: input.verifyTimeout, caFile: input.caFile, trustEnv };
  const end = (e: MigrateEnd, rb = runbook): void =>
    printResult(ctx, reporter.end({ ...view, runbook: rb, end: e }, c));
  // What the real run reads before writing (CA file, --secret-env…), read now: a dry run too.
  const deps = await shared.buildDeps(ctx, p.store, log, verify);
  await preflightPlan(plan, p.source.account, deps);

  if (plan.changes === 0) {
    await writeRunbook(ctx, log, input.runbook, runbook);
    end({ kind: 'no-changes' });
    const adv = { ...verify, allowInsecure: input.options.allowInsecureHost };
    return input.dryRun ? ExitCode.OK : shared.advanceConfigured(ctx, p.store, p.source, log, adv);
  }
  const asking = !input.dryRun && !input.planOut && !input.yes && prompter.interactive;
  if (!asking || input.verbose || plan.blocked) printResult(ctx, reporter.plan(view, c));
  if (input.dryRun || input.planOut) {
    await writeDryRunOutputs(ctx, log, input, plan, runbook);
    end({ kind: 'stopped', ...(input.planOut ? { planOut: input.planOut } : {}) });
    return plan.blocked && input.failOnBlockers ? ExitCode.REFUSED : ExitCode.OK;
  }
  if (plan.blocked) {
    end({ kind: 'blocked' });
    throw new UserError(M.blocked(p.blockers), ExitCode.REFUSED, M.blockedHint, blockerLines(plan));
  }
  if (!input.yes && !(await askToApply(ctx, prompter, view, !asking || input.verbose))) {
    log.info(M.declined);
    return ExitCode.REFUSED;
  }
  const unregister = shared.finishStepOnInterrupt(ctx, log);
  const snapshot = shared.snapshotOfLoaded(p.source);
  const result = await applyMigration({ snapshot, plan }, deps).finally(unregister);
  const after = runbookAfter(result);
  await writeRunbook(ctx, log, input.runbook, after, { accountFile: p.file });
  end({ kind: 'applied', result }, after);
  return result.exitCode;
};
export default migrate;

import type { Logger, Prompter, RuntimeContext } from '../contracts/index.js';
import { checkedOutputs, writeOutputFile } from '../adapters/output-file.js';
import { resolveMigrateInput } from '../core/migrate/input.js';
import { MIGRATE_OPTIONS } from '../core/options/migrate.js';
import { resolveOptions, type OptionSources } from '../core/options/resolve.js';
import { isUserError } from '../core/errors.js';
import type { ApplyResult } from '../core/migrate/results.js';
import { buildRunbook, type Runbook } from '../core/migrate/runbook.js';
import { MESSAGES } from '../messages/index.js';
import type { AccountStore } from '../adapters/account-store.js';
import { ExitCode } from '../core/exit-codes.js';
import type { MigrateInput } from '../core/migrate/input.js';
import type { PreparedPlan } from '../services/migrate-prepare.js';
import { colorsFor } from '../ui/colors.js';
import { printResult } from '../ui/print.js';
import {
  MIGRATE_REPORTERS,
  renderPlanSummary,
  renderRunbookMarkdown,
  type MigrateView,
} from '../ui/reporters/migrate.js';
import { writePlanFile } from '../adapters/migrate-files.js';
import { appendStepSummary } from '../adapters/step-summary.js';
import type { Plan } from '../core/migrate/types.js';
import { renderPlanSummary as planStepSummary } from '../ui/reporters/step-summary.js';

// What the migrate commands say once a run ends: the back-office runbook, to the --runbook file.

const M = MESSAGES.migrate;

/** migrate's input, its output paths (--runbook, --plan-out) checked before anything happens. */
export async function migrateInputOf(ctx: RuntimeContext, layers: OptionSources) {
  const o = resolveOptions(MIGRATE_OPTIONS, layers);
  return resolveMigrateInput(await checkedOutputs(ctx, MIGRATE_OPTIONS, o));
}

/** The back-office runbook after a run: 1.0 off only where it really went off. */
export function runbookAfter(r: ApplyResult): Runbook {
  return buildRunbook(
    r.final.account,
    r.units.map((u) => ({ v1Key: u.v1Key, v2Key: u.v2Key, v1: u.v1 })),
  );
}

/**
 * Writes the --runbook file (Markdown, masked) and says so; nothing without --runbook. After an
 * effect (the file was changed) a failed write is a warning with the command that rewrites it,
 * never an input error: the run did what it said, only the copy of its runbook is missing.
 */
export async function writeRunbook(
  ctx: RuntimeContext,
  log: Logger,
  file: string | undefined,
  runbook: Runbook,
  after?: { accountFile: string },
): Promise<void> {
  if (!file) return;
  try {
    await writeOutputFile(ctx.cwd, file, renderRunbookMarkdown(runbook), ctx.redactor, 'text');
  } catch (e) {
    if (!after || !isUserError(e)) throw e;
    log.warn(M.runbookNotWritten(e.message, after.accountFile, file));
    return;
  }
  log.info(M.runbookWritten(file, runbook.steps.length));
}

/**
 * The confirm prompt of `qwh migrate`: after the summary (or the whole plan when `shown`), apply,
 * show the whole plan first, or cancel. Without a terminal: the usual confirm (needs --yes, exit 4).
 */
export async function askToApply(
  ctx: RuntimeContext,
  prompter: Prompter,
  view: Omit<MigrateView, 'end'>,
  shown: boolean,
): Promise<boolean> {
  const ask = M.confirm(view.plan.changes, view.file);
  const c = colorsFor(ctx.stdout);
  if (!prompter.interactive || shown) return prompter.confirm(ask, '--yes', ExitCode.REFUSED);
  printResult(ctx, renderPlanSummary(view, c));
  const Ch = M.confirmChoice;
  const choice = await prompter.select<'apply' | 'details' | 'cancel'>(
    ask,
    '--yes',
    [
      { name: Ch.apply, value: 'apply' },
      { name: Ch.details, value: 'details' },
      { name: Ch.cancel, value: 'cancel' },
    ],
    'cancel',
  );
  if (choice !== 'details') return choice === 'apply';
  printResult(ctx, MIGRATE_REPORTERS.human.plan(view, c));
  return prompter.confirm(ask, '--yes', ExitCode.REFUSED);
}

/** What the migrate reporters show of a prepared plan (the routing table with --dry-run/--verbose). */
export function planView(
  p: PreparedPlan<AccountStore>,
  input: MigrateInput,
): Omit<MigrateView, 'end'> {
  return {
    ...{ file: p.file, plan: p.plan, runbook: p.runbook, account: p.source.account.account },
    ...{ dryRun: input.dryRun, keptSecrets: p.keptSecrets },
    ...(input.dryRun || input.verbose ? { routes: p.routes } : {}),
    ...(p.preview ? { preview: p.preview } : {}),
    ...(input.runbook ? { runbookFile: input.runbook } : {}),
  };
}

/** What a dry run (or `--plan-out`) leaves: the runbook, the saved plan, the GitHub job summary. */
export async function writeDryRunOutputs(
  ctx: RuntimeContext,
  log: Logger,
  input: { runbook?: string | undefined; planOut?: string | undefined; dryRun: boolean },
  plan: Plan,
  runbook: Runbook,
): Promise<void> {
  await writeRunbook(ctx, log, input.runbook, runbook);
  if (input.planOut) await writePlanFile(ctx, log, input.planOut, plan);
  if (input.dryRun) await appendStepSummary(ctx, log, planStepSummary(plan));
}

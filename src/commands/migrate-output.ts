import type { Logger, RuntimeContext } from '../contracts/index.js';
import { writePlanFile } from '../adapters/migrate-files.js';
import { writeOutputFile } from '../adapters/output-file.js';
import { appendStepSummary } from '../adapters/step-summary.js';
import type { Plan } from '../core/migrate/types.js';
import type { ApplyResult } from '../core/migrate/results.js';
import { buildRunbook, type Runbook } from '../core/migrate/runbook.js';
import { MESSAGES } from '../messages/index.js';
import { renderRunbookMarkdown } from '../ui/reporters/migrate.js';
import { renderPlanSummary } from '../ui/reporters/step-summary.js';

// What the migrate commands say once a run ends: the back-office runbook, to the --runbook file.

const M = MESSAGES.migrate;

/** The back-office runbook after a run: 1.0 off only where it really went off. */
export function runbookAfter(r: ApplyResult): Runbook {
  return buildRunbook(
    r.final.account,
    r.units.map((u) => ({ v1Key: u.v1Key, v2Key: u.v2Key, v1: u.v1 })),
  );
}

/** Writes the --runbook file (Markdown, masked) and says so; nothing without --runbook. */
export async function writeRunbook(
  ctx: RuntimeContext,
  log: Logger,
  file: string | undefined,
  runbook: Runbook,
): Promise<void> {
  if (!file) return;
  await writeOutputFile(ctx.cwd, file, renderRunbookMarkdown(runbook), ctx.redactor);
  log.info(M.runbookWritten(file, runbook.steps.length));
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
  if (input.dryRun) await appendStepSummary(ctx, log, renderPlanSummary(plan));
}

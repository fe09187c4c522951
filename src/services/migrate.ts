import { isUserError, UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { runShas, unfinishedRun, type JournalRecord } from '../core/migrate/journal.js';
import { planMigration } from '../core/migrate/plan.js';
import type { Plan } from '../core/migrate/types.js';
import type { AccountSnapshot, ApplyResult } from '../core/migrate/results.js';
import { MESSAGES } from '../messages/index.js';
import type { MigrateDeps } from './migrate/deps.js';
import {
  addV2Step,
  beginRun,
  finishRun,
  preflight,
  recordPlannedStages,
  startRun,
} from './migrate/steps.js';
import { verifyStep } from './migrate/verify-step.js';

export { snapshotOf, type MigrateDeps, type MigrateStore, type Verifier } from './migrate/deps.js';
export { registerUrlSecrets } from '../core/migrate/url-secrets.js';
export { rollbackMigration } from './migrate/rollback.js';
export { preflightPlan } from './migrate/steps.js';

const M = MESSAGES.migrate;

/**
 * Applies a plan: checks the file is still the one planned, then under the lock and with a
 * backup and a write-ahead journal: writes the secret files and the 2.0 webhooks with their
 * rule twins (one atomic replacement), records their stage `planned`, and verifies each 2.0
 * webhook whose receiver can know the secret. 1.0 is never touched here: it is marked off only
 * by `confirm v1-off`. Between steps an interrupt stops cleanly (130).
 */
export async function applyMigration(
  input: { snapshot: AccountSnapshot; plan: Plan },
  deps: MigrateDeps,
): Promise<ApplyResult> {
  const release = await deps.store.lock('qwh migrate');
  try {
    const records = await deps.store.readJournal();
    const open = unfinishedRun(records);
    if (open)
      throw new UserError(
        M.unfinished(deps.store.shown, open.begin.at),
        ExitCode.PARTIAL,
        M.unfinishedHint(deps.store.shown),
      );
    const cur = await deps.store.readCurrent();
    if (cur.sha256 !== input.plan.sourceSha256)
      throw new UserError(
        M.changedSincePlan(deps.store.shown),
        ExitCode.REFUSED,
        M.changedSincePlanHint,
      );
    return await applyRun(input.snapshot, input.plan, deps, { sha: cur.sha256 });
  } finally {
    await release();
  }
}

/**
 * Finishes the unfinished run of the journal: the file must be in a state that run left
 * (else exit 4); the plan is made again from the file as it is now with that run's options
 * (planning is idempotent: what was written is adopted, not written twice), verifications
 * that passed are not sent again, and the run continues under its own id and backup.
 */
export async function resumeMigration(
  load: () => Promise<AccountSnapshot>,
  deps: MigrateDeps,
  opts: { abandon?: boolean } = {},
): Promise<{ result?: ApplyResult; plan?: Plan; abandoned?: string; nothing?: true }> {
  const release = await deps.store.lock('qwh migrate resume');
  try {
    const records = await deps.store.readJournal();
    const open = unfinishedRun(records);
    if (!open) return { nothing: true };
    if (opts.abandon || open.begin.command === 'confirm') {
      // A confirm run is not replanned: the same confirm, run again, finishes it (idempotent).
      if (!opts.abandon) deps.logger.warn(M.cutover.resumeConfirm);
      await deps.store.appendJournal({
        t: 'end',
        run: open.run,
        at: deps.now().toISOString(),
        outcome: 'abandoned',
      });
      return { abandoned: open.run };
    }
    const cur = await deps.store.readCurrent();
    if (!runShas(open.begin, open.records).includes(cur.sha256))
      throw new UserError(M.resumeChanged(deps.store.shown), ExitCode.REFUSED, M.resumeChangedHint);
    const snapshot = await load();
    const plan = planMigration(
      snapshot.account,
      { file: deps.store.shown, format: snapshot.format, sourceSha256: cur.sha256 },
      open.begin.options,
    );
    const result = await applyRun(snapshot, plan, deps, {
      sha: cur.sha256,
      resume: { run: open.run, records: open.records },
    });
    return { result, plan };
  } finally {
    await release();
  }
}

/**
 * The run itself, under the lock, as named steps over the run's journal: begin, add 2.0 (secret
 * files, webhooks and twins), stages `planned`, verify where the receiver knows the secret, end. A user error once the run has begun is
 * a partial run (exit 5: `resume` finishes it); an interrupt stays 130.
 */
async function applyRun(
  snapshot: AccountSnapshot,
  plan: Plan,
  deps: MigrateDeps,
  state: { sha: string; resume?: { run: string; records: JournalRecord[] } },
): Promise<ApplyResult> {
  const run = startRun(snapshot, plan, deps, state);
  await preflight(run);
  try {
    await beginRun(run);
    await addV2Step(run);
    await recordPlannedStages(run);
    await verifyStep(run);
    return await finishRun(run);
  } catch (e) {
    if (isUserError(e) && e.exitCode === ExitCode.INTERRUPTED) throw e;
    if (run.journal.has('begin') && isUserError(e))
      throw new UserError(
        e.message,
        ExitCode.PARTIAL,
        M.partialHint(run.deps.store.shown),
        e.details,
      );
    throw e;
  }
}

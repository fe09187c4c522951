import { UserError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { sha256Hex } from '../../core/hash.js';
import type { DocumentFormat } from '../../core/input/parse-document.js';
import {
  earlierChangingRun,
  lastChangingRun,
  type JournalRecord,
} from '../../core/migrate/journal.js';
import type { RollbackInfo } from '../../core/migrate/results.js';
import { buildRevertSteps, type RunbookStep } from '../../core/migrate/runbook.js';
import { MESSAGES } from '../../messages/index.js';
import { rollbackStages, type StagesDoc } from '../../core/migrate/stages.js';
import { snapshotOf, type MigrateDeps, type MigrateStore } from './deps.js';

const M = MESSAGES.migrate;

/** What rollback found to undo: the run, its backup's bytes, and what to say before restoring. */
interface RollbackTarget {
  last: NonNullable<ReturnType<typeof lastChangingRun>>;
  backupBytes: Buffer;
  info: RollbackInfo;
}

/**
 * Undoes the last run that changed the file: restores that run's backup byte for byte (after
 * a safety backup of the current bytes), and says what to revert in the back office. Refuses
 * (exit 4) when the file changed since that run, unless forced.
 */
export async function rollbackMigration(
  format: DocumentFormat,
  deps: MigrateDeps,
  opts: { force: boolean; confirm: (info: RollbackInfo) => Promise<boolean> },
): Promise<
  | { info: RollbackInfo; safetyBackup: string; restoredSha: string }
  | { nothing: true }
  | { declined: RollbackInfo }
> {
  const release = await deps.store.lock('qwh migrate rollback');
  try {
    const records = await deps.store.readJournal();
    const stages = await deps.stages.read();
    const target = await findRollbackTarget(records, format, deps.store, opts.force, stages);
    if (!target) return { nothing: true };
    if (!(await opts.confirm(target.info))) return { declined: target.info };
    const restored = await restoreBackup(target, deps);
    // The stages follow the file: what the rolled-back run recorded is dropped with it.
    await deps.stages.write(rollbackStages(await deps.stages.read(), target.last.run));
    return { info: target.info, ...restored };
  } finally {
    await release();
  }
}

/**
 * The run to undo and what undoing it means, checked: the file must be in a state that run left
 * (unless `force`), the backup must hold the bytes the journal recorded. Undefined: nothing to undo.
 */
export async function findRollbackTarget(
  records: readonly JournalRecord[],
  format: DocumentFormat,
  store: MigrateStore,
  force: boolean,
  stages?: StagesDoc,
): Promise<RollbackTarget | undefined> {
  const last = lastChangingRun(records);
  if (!last) return undefined;
  const cur = await store.readCurrent();
  const matches = last.finished ? cur.sha256 === last.lastSha : last.shas.includes(cur.sha256);
  if (!matches && !force)
    throw new UserError(
      M.rollbackChanged(store.shown, last.backup),
      ExitCode.REFUSED,
      M.rollbackChangedHint,
    );
  const backupBytes = await store.readBackup(last.backup);
  if (sha256Hex(backupBytes) !== last.backupSha)
    throw new UserError(M.backupChanged(last.backup), ExitCode.REFUSED);
  const info: RollbackInfo = {
    run: last.run,
    backup: last.backup,
    finished: last.finished,
    matches,
    ...revertByStage(revertSteps(backupBytes, cur.bytes, format), stages, last.run),
    secretFiles: records
      .filter((r) => r.run === last.run && r.t === 'secret-file' && r.state === 'created')
      .map((r) => (r.t === 'secret-file' ? r.file : '')),
  };
  const earlier = earlierChangingRun(records, last.run);
  if (earlier !== undefined) info.earlierRun = earlier;
  return { last, backupBytes, info };
}

/**
 * Back-office steps exist only for what the admin confirmed: a run whose webhooks are all still
 * `planned` changed nothing in Qualifio, so there is nothing to revert there (and it says so).
 */
function revertByStage(
  steps: RunbookStep[],
  stages: StagesDoc | undefined,
  run: string,
): Pick<RollbackInfo, 'revert' | 'note'> {
  const touched = (stages?.webhooks ?? []).filter((w) => w.history.some((t) => t.run === run));
  if (touched.length > 0 && touched.every((w) => w.stage === 'planned'))
    return { revert: [], note: MESSAGES.migrate.cutover.revertNothingConfirmed };
  return { revert: steps };
}

/** What to revert in the back office, from the backup's account to the current one (none if either does not parse). */
function revertSteps(backup: Buffer, current: Buffer, format: DocumentFormat): RunbookStep[] {
  try {
    const before = snapshotOf(backup.toString('utf8'), format);
    const after = snapshotOf(current.toString('utf8'), format);
    return buildRevertSteps(before.account, after.account);
  } catch {
    return [];
  }
}

/** Safety backup of the current bytes, the run's backup written back, and both journaled. */
export async function restoreBackup(
  target: RollbackTarget,
  deps: Pick<MigrateDeps, 'store' | 'now'>,
): Promise<{ safetyBackup: string; restoredSha: string }> {
  const { store, now } = deps;
  const { last } = target;
  const safety = store.rel(await store.backup(now()));
  const restoredSha = await store.writeAtomic(target.backupBytes);
  await store.appendJournal({
    t: 'rollback',
    run: last.run,
    at: now().toISOString(),
    backup: safety,
    restoredSha,
  });
  if (!last.finished)
    await store.appendJournal({
      t: 'end',
      run: last.run,
      at: now().toISOString(),
      outcome: 'rolled-back',
    });
  return { safetyBackup: safety, restoredSha };
}

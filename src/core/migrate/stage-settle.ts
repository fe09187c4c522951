import { lastChangingRun, type JournalRecord } from './journal.js';
import { rollbackStages, type StagesDoc } from './stages.js';

/** A stage transition the account file does not back (yet), and the run that recorded it. */
export interface UnbackedRun {
  run: string;
  why: 'rolled-back' | 'file-not-written';
}

/**
 * The stages as the account file backs them. A confirm records its stage first, then changes the
 * file (journaled), and a rollback restores the file first, then drops the stages: a kill between
 * leaves the stages file one step ahead of, or behind, the account file. This drops every
 * transition whose run the file does not show: runs rolled back, confirm runs that never wrote
 * the file (killed, abandoned), and the last changing run when the file is back at its backup
 * (a rollback killed after restoring). So `status` and every gate read one stage per webhook —
 * the old one or the new one — and the account file agrees with it. Pure.
 */
export function settleStages(
  doc: StagesDoc,
  records: readonly JournalRecord[],
  currentSha: string,
): { doc: StagesDoc; dropped: UnbackedRun[] } {
  const dropped: UnbackedRun[] = [];
  for (const r of records) if (r.t === 'rollback') dropped.push({ run: r.run, why: 'rolled-back' });
  // Written: journaled done, or killed between the rename and that record (the file has the bytes).
  const wrote = new Set(
    records
      .filter((r) => r.t === 'write' && (r.phase === 'done' || r.after === currentSha))
      .map((r) => r.run),
  );
  for (const r of records)
    if (r.t === 'begin' && r.command === 'confirm' && !wrote.has(r.run))
      dropped.push({ run: r.run, why: 'file-not-written' });
  const last = lastChangingRun(records);
  if (last && currentSha === last.backupSha && currentSha !== last.lastSha)
    dropped.push({ run: last.run, why: 'rolled-back' });
  let out = doc;
  const seen = new Set<string>();
  const effective: UnbackedRun[] = [];
  for (const d of dropped) {
    if (seen.has(d.run)) continue;
    seen.add(d.run);
    const next = rollbackStages(out, d.run);
    if (JSON.stringify(next) !== JSON.stringify(out)) effective.push(d);
    out = next;
  }
  return { doc: effective.length === 0 ? doc : out, dropped: effective };
}

import type { PlanOptions } from './types.js';

/** Outcome of a verification, as journaled (check ids only: never bodies, headers or secrets). */
export type VerifyVerdict = 'pass' | 'fail' | 'unreachable' | 'interrupted' | 'error';

/** How a run ended. */
export type RunOutcome =
  'complete' | 'not-verified' | 'verify-skipped' | 'kept-v1' | 'abandoned' | 'rolled-back';

/** One line of the write-ahead journal (JSON lines). Never holds a secret value. */
export type JournalRecord =
  | {
      t: 'begin';
      run: string;
      at: string;
      command: 'migrate' | 'resume' | 'confirm';
      file: string;
      sourceSha256: string;
      options: PlanOptions;
      planned: { create: string[]; twins: number; disable: string[] };
    }
  | { t: 'backup'; run: string; at: string; backup: string; sha256: string }
  | { t: 'secret-file'; run: string; at: string; file: string; state: 'created' | 'kept' }
  | {
      t: 'write';
      run: string;
      at: string;
      step: 'add-v2' | 'disable-v1' | 'delete-v1';
      phase: 'intent' | 'done';
      before: string;
      after: string;
    }
  | {
      t: 'verify';
      run: string;
      at: string;
      v1: string;
      v2: string;
      verdict: VerifyVerdict;
      failed: string[];
    }
  | { t: 'interrupted'; run: string; at: string; after: string }
  | { t: 'end'; run: string; at: string; outcome: RunOutcome }
  | { t: 'rollback'; run: string; at: string; backup: string; restoredSha: string };

export type JournalParse =
  | { ok: true; records: JournalRecord[]; tornTail: boolean }
  | { ok: false; line: number; message: string };

/**
 * Parses journal text. A torn last line (a killed write) is dropped; any other bad line makes
 * the journal unusable, since steps can no longer be trusted.
 */
export function parseJournal(text: string): JournalParse {
  const lines = text.split('\n');
  const records: JournalRecord[] = [];
  let tornTail = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const isLast = i === lines.length - 1;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      if (isLast) {
        tornTail = true;
        continue;
      }
      return { ok: false, line: i + 1, message: 'not a JSON record' };
    }
    if (
      !rec ||
      typeof rec !== 'object' ||
      typeof (rec as { t?: unknown }).t !== 'string' ||
      typeof (rec as { run?: unknown }).run !== 'string'
    ) {
      if (isLast) {
        tornTail = true;
        continue;
      }
      return { ok: false, line: i + 1, message: 'not a journal record' };
    }
    records.push(rec as JournalRecord);
  }
  return { ok: true, records, tornTail };
}

/** The records of one run, in order. */
export function runRecords(records: readonly JournalRecord[], run: string): JournalRecord[] {
  return records.filter((r) => r.run === run && r.t !== 'rollback');
}

/** The last run that began and never ended (killed, interrupted or failed part-way), if any. */
export function unfinishedRun(
  records: readonly JournalRecord[],
):
  | { run: string; begin: Extract<JournalRecord, { t: 'begin' }>; records: JournalRecord[] }
  | undefined {
  const ended = new Set(records.filter((r) => r.t === 'end').map((r) => r.run));
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r?.t === 'begin') {
      if (ended.has(r.run)) return undefined;
      return { run: r.run, begin: r, records: runRecords(records, r.run) };
    }
  }
  return undefined;
}

/** Every file hash a run may have left: its start, and what each write intended. */
export function runShas(begin: { sourceSha256: string }, recs: readonly JournalRecord[]): string[] {
  const shas = [begin.sourceSha256];
  for (const r of recs) if (r.t === 'write') shas.push(r.before, r.after);
  return [...new Set(shas)];
}

/** The last run that changed the file and was not rolled back: its backup and last known hash. */
export function lastChangingRun(records: readonly JournalRecord[]):
  | {
      run: string;
      backup: string;
      backupSha: string;
      lastSha: string;
      shas: string[];
      finished: boolean;
    }
  | undefined {
  const rolledBack = new Set(records.filter((r) => r.t === 'rollback').map((r) => r.run));
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (r?.t !== 'backup' || rolledBack.has(r.run)) continue;
    const recs = runRecords(records, r.run);
    const writes = recs.filter((x): x is Extract<JournalRecord, { t: 'write' }> => x.t === 'write');
    const done = writes.filter((w) => w.phase === 'done');
    const lastSha = done.length > 0 ? (done[done.length - 1]?.after ?? r.sha256) : r.sha256;
    const shas = [r.sha256, ...writes.map((w) => w.after)];
    return {
      run: r.run,
      backup: r.backup,
      backupSha: r.sha256,
      lastSha,
      shas: [...new Set(shas)],
      finished: recs.some((x) => x.t === 'end'),
    };
  }
  return undefined;
}

/**
 * The run that changed the file before `run` and is still not rolled back: what another
 * `qwh migrate rollback` would undo once `run` is undone. Undefined: none.
 */
export function earlierChangingRun(
  records: readonly JournalRecord[],
  run: string,
): string | undefined {
  const rolledBack = new Set(records.filter((r) => r.t === 'rollback').map((r) => r.run));
  rolledBack.add(run);
  return lastChangingRun(records.filter((r) => !(r.t === 'backup' && rolledBack.has(r.run))))?.run;
}

/** Verifications that passed in a run, by 2.0 key (resume does not send them again). */
export function passedInRun(recs: readonly JournalRecord[]): Set<string> {
  const out = new Set<string>();
  for (const r of recs) if (r.t === 'verify' && r.verdict === 'pass') out.add(r.v2);
  return out;
}

import type { JournalRecord } from '../../core/migrate/journal.js';
import type { MigrateStore } from './deps.js';

/** A journal record of type `T` as a step writes it: without the run id and time, added on record. */
export type JournalEntry<T extends JournalRecord['t'] = JournalRecord['t']> =
  T extends JournalRecord['t'] ? Omit<Extract<JournalRecord, { t: T }>, 'run' | 'at'> : never;

/** A record of type `T`. */
type RecordOf<T extends JournalRecord['t']> = Extract<JournalRecord, { t: T }>;

/** A run id: time-sortable and unique enough for one account file. */
export function newRunId(now: Date, randomHex: (n: number) => string): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomHex(3)}`;
}

/**
 * The journal of one run, as its steps see it: what this run journaled already (before a crash,
 * when resumed, and since), and the write-ahead ways to journal a step. Every record is fsynced
 * by the store before the call returns, so a step journaled here survives a kill.
 */
export class RunJournal {
  private readonly recs: JournalRecord[];

  /** `prior` holds the records an earlier process journaled for this run (resume). */
  constructor(
    private readonly store: Pick<MigrateStore, 'appendJournal'>,
    private readonly now: () => Date,
    readonly run: string,
    prior: readonly JournalRecord[] = [],
  ) {
    this.recs = prior.filter((r) => r.run === run);
  }

  /** The first record of type `t` this run journaled (optionally one `pred` accepts). */
  find<T extends JournalRecord['t']>(
    t: T,
    pred: (r: RecordOf<T>) => boolean = () => true,
  ): RecordOf<T> | undefined {
    return this.recs.find((r): r is RecordOf<T> => r.t === t && pred(r as RecordOf<T>));
  }

  /** True when this run journaled a record of type `t` (optionally one `pred` accepts). */
  has<T extends JournalRecord['t']>(t: T, pred?: (r: RecordOf<T>) => boolean): boolean {
    return this.find(t, pred) !== undefined;
  }

  /** Journals one record of this run, stamped with the run id and the time now. */
  async record(entry: JournalEntry): Promise<void> {
    const { t, ...rest } = entry;
    // Key order t, run, at, then the entry's own: the journal's bytes stay as they always were.
    const rec = { t, run: this.run, at: this.now().toISOString(), ...rest } as JournalRecord;
    await this.store.appendJournal(rec);
    this.recs.push(rec);
  }

  /**
   * A step done once per run: skipped (false) when this run journaled its record already, else
   * done and then journaled with what it returns (true). For steps whose record names their
   * result (the backup's name) or that have no effect but the record (the begin).
   */
  async once<T extends JournalRecord['t']>(
    t: T,
    act: () => Promise<JournalEntry<T>>,
  ): Promise<boolean> {
    if (this.has(t)) return false;
    await this.record(await act());
    return true;
  }

  /**
   * A write-ahead step: its intent is journaled (fsynced) before it is done, its completion
   * after. A kill in between leaves the intent only: resume then knows the effect may or may
   * not have happened, and checks the file.
   */
  async writeAhead<R>(intent: JournalEntry, act: () => Promise<R>, done: JournalEntry): Promise<R> {
    await this.record(intent);
    const out = await act();
    await this.record(done);
    return out;
  }
}

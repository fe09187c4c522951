import type { JournalRecord } from '../../src/core/migrate/journal.js';
import { UserError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { MESSAGES } from '../../src/messages/index.js';
import type { MigrateStore } from '../../src/services/migrate.js';

// A test-side decorator of the migrate store: wraps a real AccountStore (or any MigrateStore)
// and injects faults at named points, in-process. This is what replaced the shipped
// QWH_TEST_PAUSE_AT hook: product code has no test seam, the fault lives in the test.

/**
 * The fault points: `lock` (before the lock is taken), `locked` (just after), and each journal
 * record once it is fsynced: `begin`, `backup`, `secret-file`, `write:add-v2:intent`,
 * `write:add-v2:done`, `verify`, `interrupted`, `write:disable-v1:intent`,
 * `write:disable-v1:done`, `end`, `rollback`.
 */
export type FaultPoint =
  | 'lock'
  | 'locked'
  | Exclude<JournalRecord['t'], 'write'>
  | `write:${'add-v2' | 'disable-v1' | 'delete-v1'}:${'intent' | 'done'}`;

/** The fault point a journal record stands for. */
export function pointOf(rec: JournalRecord): FaultPoint {
  return rec.t === 'write' ? `write:${rec.step}:${rec.phase}` : rec.t;
}

/** Thrown by a crash fault: stands for a SIGKILL right after the point (nothing after it runs). */
export class SimulatedCrash extends Error {
  constructor(readonly point: FaultPoint) {
    super(`simulated crash after ${point}`);
  }
}

/** A run held at a point: `reached` resolves when it gets there, `resume()` lets it go on. */
export interface Pause {
  reached: Promise<void>;
  resume(): void;
}

/** The store operations a file-system fault can hit. */
export type FaultOp = 'writeAtomic' | 'writeSecretFile' | 'appendJournal' | 'backup';

interface Armed {
  point: FaultPoint;
  nth: number;
  act: () => Promise<void>;
}

/** A MigrateStore that forwards to `inner` and fires the faults armed on it. */
export class FaultStore implements MigrateStore {
  /** Every point reached, in order (a crash point included). */
  readonly points: FaultPoint[] = [];
  private readonly armed: Armed[] = [];
  private readonly failing = new Map<FaultOp, { code: string; nth: number; seen: number }>();

  constructor(readonly inner: MigrateStore) {}

  get shown(): string {
    return this.inner.shown;
  }

  /** After the `nth` time `point` is reached, throws SimulatedCrash (as a SIGKILL there). */
  crashAfter(point: FaultPoint, nth = 1): this {
    this.armed.push({
      point,
      nth,
      act: () => Promise.reject(new SimulatedCrash(point)),
    });
    return this;
  }

  /** Holds the run the `nth` time it reaches `point`, until `resume()`. */
  pauseAt(point: FaultPoint, nth = 1): Pause {
    let reached: () => void = () => {};
    let resume: () => void = () => {};
    const held = new Promise<void>((r) => (resume = r));
    const pause: Pause = { reached: new Promise<void>((r) => (reached = r)), resume };
    this.armed.push({
      point,
      nth,
      act: () => {
        reached();
        return held;
      },
    });
    return pause;
  }

  /**
   * The `nth` call of `op` fails as the real store words a system error with `code` (ENOSPC:
   * disk full) — before anything is written, as a failed atomic write leaves the old bytes.
   */
  failOn(op: FaultOp, code = 'ENOSPC', nth = 1): this {
    this.failing.set(op, { code, nth, seen: 0 });
    return this;
  }

  private async reach(point: FaultPoint): Promise<void> {
    this.points.push(point);
    const count = this.points.filter((p) => p === point).length;
    for (const a of this.armed) if (a.point === point && a.nth === count) await a.act();
  }

  private check(op: FaultOp, what: string): void {
    const f = this.failing.get(op);
    if (!f || ++f.seen !== f.nth) return;
    const M = MESSAGES.migrate.store;
    throw new UserError(M.ioFailed(what, f.code), ExitCode.REFUSED, M.ioFailedHint);
  }

  async lock(command: string): Promise<() => Promise<void>> {
    await this.reach('lock');
    const release = await this.inner.lock(command);
    try {
      await this.reach('locked');
    } catch (e) {
      await release();
      throw e;
    }
    return release;
  }

  readCurrent(): Promise<{ bytes: Buffer; sha256: string }> {
    return this.inner.readCurrent();
  }

  async backup(now: Date): Promise<string> {
    this.check('backup', this.shown);
    return this.inner.backup(now);
  }

  async writeAtomic(content: string | Uint8Array): Promise<string> {
    this.check('writeAtomic', this.shown);
    return this.inner.writeAtomic(content);
  }

  async writeSecretFile(rel: string, value: string): Promise<'created' | 'kept'> {
    this.check('writeSecretFile', rel);
    return this.inner.writeSecretFile(rel, value);
  }

  readJournal(): Promise<JournalRecord[]> {
    return this.inner.readJournal();
  }

  async appendJournal(rec: JournalRecord): Promise<void> {
    this.check('appendJournal', 'the journal');
    await this.inner.appendJournal(rec);
    await this.reach(pointOf(rec));
  }

  readBackup(rel: string): Promise<Buffer> {
    return this.inner.readBackup(rel);
  }

  rel(abs: string): string {
    return this.inner.rel(abs);
  }
}

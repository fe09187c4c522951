/** What the table needs of a request in flight. */
export interface InFlight {
  /** performance.now() at which it times out. */
  until: number;
  /** The caller's signal (Ctrl-C), if any. */
  cancel?: AbortSignal | undefined;
}

/**
 * The requests a sender has in flight, with their deadlines (both senders: http-sender.ts and
 * burst-sender.ts). One sweep timer serves them all — a timer or an AbortSignal per request cost a
 * 50 000-delivery burst more than its HMACs — run every quarter of the timeout (10–250 ms), so a
 * deadline fires at most that late; the timer stops when nothing is in flight and never keeps the
 * process alive. A caller's signal gets one listener per sender, not one per request.
 */
export class Flights<F extends InFlight> {
  private readonly live = new Set<F>();
  private readonly watched = new WeakSet<AbortSignal>();
  private readonly every: number;
  private sweeper: NodeJS.Timeout | undefined;

  /** `expire` and `abort` settle the request (and must take it out with `delete`). */
  constructor(
    timeoutMs: number,
    private readonly expire: (f: F) => void,
    private readonly abort: (f: F, signal: AbortSignal) => void,
  ) {
    this.every = Math.max(10, Math.min(250, Math.floor(timeoutMs / 4)));
  }

  add(f: F): void {
    this.live.add(f);
    this.sweeper ??= setInterval(() => this.sweep(), this.every).unref();
    if (f.cancel) this.watch(f.cancel);
  }

  delete(f: F): void {
    this.live.delete(f);
  }

  /** Stops the timer (the sender is closing). */
  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private sweep(): void {
    const now = performance.now();
    for (const f of this.live) if (now >= f.until) this.expire(f);
    if (this.live.size === 0) this.close();
  }

  private watch(cancel: AbortSignal): void {
    if (this.watched.has(cancel)) return;
    this.watched.add(cancel);
    cancel.addEventListener(
      'abort',
      () => {
        for (const f of this.live) if (f.cancel === cancel) this.abort(f, cancel);
      },
      { once: true },
    );
  }
}

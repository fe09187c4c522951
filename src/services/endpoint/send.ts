import type { Clock, Sender, SendRequest } from '../../contracts/index.js';
import type { Outcome } from '../../core/endpoint/checks.js';
import { targetSecrets, toOutcome, type OutcomeContext } from '../../core/endpoint/outcome.js';
import type { EndpointTarget } from '../../core/endpoint/report.js';
import type { Delivery } from '../../core/endpoint/suite-plan.js';

/** Runs at most `n` of the given functions at a time, the others waiting in call order. */
export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

/** Sends one planned delivery. */
export type SendDelivery = (d: Delivery) => Promise<Outcome>;

/**
 * The one way both runners send: POST the exact bytes to the target, time it on the injected
 * clock, and make the answer safe to show. The per-request deadline is the sender's; `signal`
 * (Ctrl-C) makes the send reject.
 */
export function deliverer(
  target: EndpointTarget,
  sender: Sender,
  clock: Clock,
  signal?: AbortSignal,
): SendDelivery {
  const ctx: OutcomeContext = { url: target.url, secrets: targetSecrets(target) };
  return async (d) => {
    const t0 = clock.now();
    const req: SendRequest = { url: target.url, headers: d.headers, body: d.bytes };
    if (signal) req.signal = signal;
    const r = await sender.send(req);
    return toOutcome(r, clock.now() - t0, ctx);
  };
}

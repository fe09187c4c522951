import type { Sender, SendResult } from '../contracts/index.js';
import { captureRecordOf } from '../core/migrate/captures.js';
import {
  forwardHeaders,
  forwardUrl,
  relayedStatus,
  relayFailureStatus,
  RELAY_MAX_ANSWER_BYTES,
  type RelayAnswer,
  type RelayHook,
} from '../core/endpoint/relay.js';
import { UserError } from '../core/errors.js';
import { MESSAGES } from '../messages/index.js';
import { assertAllowedTarget, createHttpSender } from './http-sender.js';
import { openSaveSink } from './save-sink.js';
import { errnoOf } from './errno.js';

const L = MESSAGES.listen;

export interface RelayOptions {
  /** The receiver behind the relay (no credentials in it: the sender's own headers go on). */
  forwardTo: string;
  /** Deadline of one forward (connect, headers, body); then the sender gets 504. */
  timeoutMs: number;
  /** Append every delivery here in the capture format (docs/migrate.md "Captures"). */
  savePath?: string;
  /** The version listen was told (absent: observe tells it from the body). */
  version?: 1 | 2;
  /** The auth header listen requires: its name is recorded, never its value. */
  authHeaderName?: string;
  /** An extra CA (PEM) to trust for the receiver behind, for a private CA. */
  ca?: Buffer;
  /** Tests inject a sender; default: the project's one (http-sender.ts). */
  sender?: Sender;
}

/** A running relay: the hook the receiver calls, how many deliveries it recorded, a flushing close. */
export interface Relay {
  hook: RelayHook;
  saved(): number;
  close(): Promise<void>;
}

const jsonError = (error: string): Buffer => Buffer.from(JSON.stringify({ ok: false, error }));

/** What the sender is answered for one send result. */
function answerOf(r: SendResult, ms: number): RelayAnswer {
  if (!r.ok) {
    const status = relayFailureStatus(r.failure);
    const forward = { failure: r.failure, message: r.message, ms };
    return { status, body: jsonError(L.relay.failed(r.message)), forward, contentType: JSON_TYPE };
  }
  const status = relayedStatus(r.status);
  if (status !== r.status)
    return {
      ...{ status, body: jsonError(L.relay.redirected(r.status)), contentType: JSON_TYPE },
      forward: { status: r.status, ms },
    };
  return {
    status,
    body: r.body,
    ...(r.contentType ? { contentType: r.contentType } : {}),
    forward: { status: r.status, ms },
  };
}
const JSON_TYPE = 'application/json';

/**
 * A verifying, recording relay (`qwh listen --forward-to URL`): every delivery the receiver has
 * judged is forwarded as it came (exact body bytes; headers but the hop-by-hop ones) through the
 * project's sender (deadline, no redirects, TLS verified, address policy), whatever the verdict:
 * the receiver behind must judge it itself. The sender gets the receiver's status and a bounded
 * body, or 502 (no answer, refused, redirect) / 504 (timeout) so Qualifio retries. Refuses a
 * link-local or metadata target (exit 4) before listening.
 */
export async function createRelay(opts: RelayOptions): Promise<Relay> {
  await assertAllowedTarget(opts.forwardTo);
  const sender =
    opts.sender ??
    createHttpSender({
      timeoutMs: opts.timeoutMs,
      maxResponseBytes: RELAY_MAX_ANSWER_BYTES,
      ...(opts.ca ? { ca: opts.ca } : {}),
    });
  const save = opts.savePath ? await openSaveSink(opts.savePath) : undefined;
  const inflight = new Set<Promise<unknown>>();
  let saved = 0;
  const forward: RelayHook = async (d) => {
    const t0 = performance.now();
    const request = { url: forwardUrl(opts.forwardTo, d.url), headers: forwardHeaders(d.headers) };
    const r = await sender.send({ ...request, body: d.body }).catch((e: unknown): SendResult => ({
      // A name that now resolves to a blocked address: refused for this delivery only.
      ...{ ok: false, failure: 'other', code: e instanceof UserError ? 'BLOCKED' : 'ERROR' },
      message: e instanceof Error ? e.message : String(e),
    }));
    const a = answerOf(r, Math.round(performance.now() - t0));
    if (save) {
      const rec = captureRecordOf({
        ...{ at: d.at, method: d.method, path: d.url, headers: d.headers, body: d.body },
        ...(opts.version ? { version: opts.version } : {}),
        ...(opts.authHeaderName && d.verdict.authMatched !== undefined
          ? { authHeader: { name: opts.authHeaderName, matched: d.verdict.authMatched } }
          : {}),
        status: a.status,
      });
      // Acknowledged only once stored: a full disk answers 503, so Qualifio retries.
      const stored = await save.append(JSON.stringify(rec) + '\n').then(
        () => undefined,
        (e: unknown) => errnoOf(e) ?? 'error',
      );
      if (stored !== undefined)
        return {
          ...{ status: 503, body: jsonError(L.reasons.notSaved(stored)), contentType: JSON_TYPE },
          forward: a.forward,
        };
      saved++;
    }
    return a;
  };
  return {
    hook: (d) => {
      const p = forward(d);
      inflight.add(p);
      return p.finally(() => inflight.delete(p));
    },
    saved: () => saved,
    async close() {
      await Promise.allSettled([...inflight]);
      if (save) await save.close();
      await sender.close();
    },
  };
}

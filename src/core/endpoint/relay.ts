/**
 * The pure half of `qwh listen --forward-to` (adapters/relay.ts sends): which headers go on,
 * where a delivery goes, what the sender is answered. No fs, no network.
 */
import type { FailureKind } from '../../contracts/index.js';
import { SIGNATURE_HEADER, V1_KEYS } from '../assumptions.js';

/**
 * Headers that belong to one hop (RFC 9110 §7.6.1) and are never forwarded, plus those the
 * sender recomputes for the bytes it sends (host, content-length) and `expect` (the relay has
 * the whole body already). `proxy-authorization` authenticates to the relay, not the receiver.
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
]);

/** Largest part of the receiver's answer the relay hands back to the sender. */
export const RELAY_MAX_ANSWER_BYTES = 8 * 1024;

/** Default deadline of one forward; Qualifio's own timeout is not published, so stay well short. */
export const RELAY_DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The headers to forward: every request header except the hop-by-hop ones and those the
 * `Connection` header names; names lower-case, repeated values joined with ", ". The signature,
 * the auth header and `X-Qwh-Test` go on untouched: the receiver must judge them itself.
 */
export function forwardHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s !== ''),
  );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase();
    if (v === undefined || HOP_BY_HOP_HEADERS.has(name) || named.has(name)) continue;
    out[name] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * Where a delivery to `requestUrl` (path and query as received) goes: the request's path under
 * the `--forward-to` URL's path, and both query strings (a 1.0 URL carries its token there).
 * `/` goes to the `--forward-to` URL itself.
 */
export function forwardUrl(forwardTo: string, requestUrl: string): string {
  const base = new URL(forwardTo);
  const q = requestUrl.indexOf('?');
  const path = q >= 0 ? requestUrl.slice(0, q) : requestUrl;
  const query = q >= 0 ? requestUrl.slice(q + 1) : '';
  const rest = path.replace(/^\/+/, '');
  if (rest !== '') base.pathname = `${base.pathname.replace(/\/+$/, '')}/${rest}`;
  const search = [base.search.replace(/^\?/, ''), query].filter((s) => s !== '').join('&');
  base.search = search === '' ? '' : `?${search}`;
  return base.toString();
}

/**
 * The webhook version of a delivery a relay sees (it may front both the 1.0 URL and the 2.0
 * host): signed → 2.0; a form body or a flat body with the 1.0 participation id → 1.0; else 2.0.
 */
export function versionOfDelivery(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: Uint8Array,
): 1 | 2 {
  if (headers[SIGNATURE_HEADER] !== undefined) return 2;
  if (String(headers['content-type'] ?? '').includes('x-www-form-urlencoded')) return 1;
  const text = Buffer.from(body.subarray(0, 64 * 1024)).toString('utf8');
  const t = text.trimStart();
  if (t !== '' && t[0] !== '{') return 1;
  return new RegExp(`"${V1_KEYS.participationId}"\\s*:`).test(text) ? 1 : 2;
}

/**
 * The status the sender gets when the receiver did not answer: 504 on a timeout, 502 otherwise,
 * so Qualifio counts the delivery as failed and retries it.
 */
export function relayFailureStatus(failure: FailureKind): 502 | 504 {
  return failure === 'timeout' ? 504 : 502;
}

/**
 * The status the sender gets for the receiver's answer: the receiver's own, except a redirect
 * (never followed: a 3xx is a failed delivery), which becomes 502.
 */
export function relayedStatus(receiverStatus: number): number {
  return receiverStatus >= 300 && receiverStatus < 400 ? 502 : receiverStatus;
}

/** A delivery handed to the relay hook by the receiver, with what the receiver judged of it. */
export interface RelayedDelivery {
  /** Arrival time. */
  at: Date;
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
  verdict: {
    status: number;
    result: 'accepted' | 'duplicate' | 'rejected';
    reason: string;
    /** Whether the request's auth header matched (absent: none is required). */
    authMatched?: boolean;
  };
}

/** What became of one forward: the receiver's status, or why there was none. */
export interface RelayedForward {
  status?: number;
  failure?: FailureKind;
  message?: string;
  ms: number;
}

/** What the relay answers the sender, and what became of the forward. */
export interface RelayAnswer {
  status: number;
  body: Buffer;
  contentType?: string;
  forward: RelayedForward;
}

/** The receiver's relay hook (adapters/relay.ts makes one). */
export type RelayHook = (d: RelayedDelivery) => Promise<RelayAnswer>;

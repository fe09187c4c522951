import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';
import { blockedAddressReason, blockedHostnameReason } from '../core/endpoint/address-policy.js';
import type { FailureKind } from '../core/endpoint/checks.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../ui/messages.js';

/** Largest part of a response body qwh reads; the rest is discarded with the connection. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** One HTTP request to send: always a POST of exact bytes. */
export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  signal?: AbortSignal;
}

/** What came back: a response (any status, redirects included and never followed) or a network failure. */
export type SendResult =
  | {
      ok: true;
      status: number;
      /** The Location header of a 3xx, as sent (callers mask it before showing it). */
      location?: string;
      body: Buffer;
      truncated: boolean;
    }
  | { ok: false; failure: FailureKind; code: string; message: string };

/** Sends deliveries; `close` releases its connections. */
export interface Sender {
  send(req: SendRequest): Promise<SendResult>;
  close(): Promise<void>;
}

export type LookupFn = typeof dnsLookup;

export interface SenderOptions {
  /** Overall deadline per request, and the connect/headers/body timeouts. */
  timeoutMs: number;
  /** Extra CA certificate(s), PEM, trusted on top of the system roots (--ca-file). */
  ca?: string | Buffer;
  /** Keep-alive connections per origin (burst concurrency). */
  connections?: number;
  maxResponseBytes?: number;
  /** DNS lookup to use (tests); default node:dns lookup. */
  lookup?: LookupFn;
}

const BLOCKED = 'EQWHBLOCKED';

class BlockedAddressError extends Error {
  readonly code = BLOCKED;
  constructor(
    readonly host: string,
    readonly ip: string,
    readonly why: string,
  ) {
    super(MESSAGES.endpoint.blockedResolved(host, ip, why));
  }
}

function refused(host: string, why: string, ip?: string): UserError {
  return new UserError(
    ip ? MESSAGES.endpoint.blockedResolved(host, ip, why) : MESSAGES.endpoint.blocked(host, why),
    ExitCode.REFUSED,
    MESSAGES.endpoint.blockedHint,
  );
}

/**
 * A DNS lookup that refuses link-local and metadata answers. The socket connects to the address
 * this returns, so a name cannot be re-resolved to a blocked address between check and connect.
 */
export function checkedLookup(base: LookupFn = dnsLookup): LookupFn {
  const fn = (
    hostname: string,
    options: unknown,
    callback: (
      err: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ): void => {
    const opts = (typeof options === 'object' && options !== null ? options : {}) as {
      all?: boolean;
    };
    base(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) return callback(err, opts.all ? [] : '', 0);
      const list = addresses;
      for (const a of list) {
        const why = blockedAddressReason(a.address);
        if (why) return callback(new BlockedAddressError(hostname, a.address, why), '', 0);
      }
      if (opts.all) return callback(null, list);
      const first = list[0];
      if (!first) {
        const e: NodeJS.ErrnoException = new Error(`no address for ${hostname}`);
        e.code = 'ENOTFOUND';
        return callback(e, '', 0);
      }
      callback(null, first.address, first.family);
    });
  };
  return fn as unknown as LookupFn;
}

/**
 * Refuses a target before anything is sent (exit 4): a metadata host name, a link-local literal,
 * or a name that resolves to one. A name that does not resolve is left to the send (exit 3).
 */
export async function assertAllowedTarget(
  url: string,
  lookup: LookupFn = dnsLookup,
): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const why = blockedHostnameReason(host);
  if (why) throw refused(host, why);
  await new Promise<void>((resolve, reject) => {
    checkedLookup(lookup)(host, { all: true }, (err: NodeJS.ErrnoException | null) => {
      if (err instanceof BlockedAddressError) reject(refused(host, err.why, err.ip));
      else resolve();
    });
  });
}

function errorChain(e: unknown): Array<Error & { code?: string }> {
  const out: Array<Error & { code?: string }> = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur instanceof Error; i++) {
    out.push(cur as Error & { code?: string });
    cur = (cur as { cause?: unknown }).cause;
  }
  if (cur !== undefined && out.length === 0 && typeof cur === 'object' && cur !== null) {
    out.push(cur as Error & { code?: string });
  }
  return out;
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|EPROTO$|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_)/;

/** Classifies a network error of undici/node into the few kinds a user acts on. */
export function classifyFailure(
  e: unknown,
  timedOut: boolean,
  timeoutMs: number,
): { failure: FailureKind; code: string; message: string } {
  const F = MESSAGES.endpoint.failure;
  const chain = errorChain(e);
  // DOMException codes are numbers; only the string codes of node and undici matter here.
  const codes = chain
    .map((x) => x.code)
    .filter((c): c is string => typeof c === 'string' && c !== '');
  const code = codes.find((c) => !c.startsWith('UND_ERR_')) ?? codes[0] ?? 'ERROR';
  const has = (...cs: string[]): boolean => codes.some((c) => cs.includes(c));
  if (
    timedOut ||
    has('UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT')
  )
    return {
      failure: 'timeout',
      code: timedOut ? 'DEADLINE' : code,
      message: F.timeout(timeoutMs),
    };
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ENODATA'))
    return { failure: 'dns', code, message: F.dns(code) };
  if (has('ECONNREFUSED')) return { failure: 'refused', code, message: F.refused };
  if (
    codes.some((c) => TLS_CODE.test(c)) ||
    chain.some((x) => /certificate|TLS|SSL/.test(x.message))
  )
    return { failure: 'tls', code, message: F.tls(code) };
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED'))
    return { failure: 'reset', code, message: F.reset };
  const first = chain[0];
  return { failure: 'other', code, message: F.other(first ? first.message : String(e)) };
}

/**
 * An undici sender with its own Agent: connect/headers/body timeouts and an overall deadline,
 * redirects returned (never followed), response bodies read up to a cap, TLS verification
 * always on (plus an optional extra CA), DNS answers checked against the address policy.
 * A blocked address throws a UserError with exit 4; every other network problem is a result.
 */
export function createHttpSender(opts: SenderOptions): Sender {
  const cap = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const ca = opts.ca ? [...rootCertificates, opts.ca.toString()] : undefined;
  const agent = new Agent({
    connections: opts.connections ?? 8,
    pipelining: 1,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
    connectTimeout: Math.min(opts.timeoutMs, 10_000),
    keepAliveTimeout: 4_000,
    connect: {
      rejectUnauthorized: true,
      lookup: checkedLookup(opts.lookup),
      ...(ca ? { ca } : {}),
    },
  });
  let checkedUrl: string | undefined;
  const inflight = new Map<AbortController, AbortSignal>();
  const watched = new WeakSet<AbortSignal>();
  return {
    async send(req) {
      // A burst sends to one URL tens of thousands of times: check its host name once.
      if (req.url !== checkedUrl) {
        const host = new URL(req.url).hostname.replace(/^\[|\]$/g, '');
        const why = blockedHostnameReason(host);
        if (why) throw refused(host, why);
        checkedUrl = req.url;
      }
      // One controller and one timer per request (AbortSignal.timeout/any cost a burst ~10 %).
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
      // The caller's signal (Ctrl-C) gets one listener per sender, not one per request.
      const cancel = req.signal;
      if (cancel?.aborted) controller.abort(cancel.reason);
      else if (cancel) {
        inflight.set(controller, cancel);
        if (!watched.has(cancel)) {
          watched.add(cancel);
          cancel.addEventListener(
            'abort',
            () => {
              for (const [c, s] of inflight) if (s === cancel) c.abort(cancel.reason);
            },
            { once: true },
          );
        }
      }
      const timedOut = (): boolean => controller.signal.aborted && !req.signal?.aborted;
      try {
        const res = await request(req.url, {
          method: 'POST',
          headers: req.headers,
          body: req.body,
          dispatcher: agent,
          signal: controller.signal,
        });
        const chunks: Buffer[] = [];
        let n = 0;
        let truncated = false;
        for await (const chunk of res.body) {
          const b = chunk as Buffer;
          if (n + b.length > cap) {
            chunks.push(b.subarray(0, cap - n));
            n = cap;
            truncated = true;
            break; // ends the for-await, which destroys the body and its connection
          }
          chunks.push(b);
          n += b.length;
        }
        const loc = res.headers.location;
        const location = Array.isArray(loc) ? loc[0] : loc;
        return {
          ok: true,
          status: res.statusCode,
          ...(location && res.statusCode >= 300 && res.statusCode < 400 ? { location } : {}),
          body: Buffer.concat(chunks),
          truncated,
        };
      } catch (e) {
        const blocked = errorChain(e).find((x) => x.code === BLOCKED);
        if (blocked instanceof BlockedAddressError)
          throw refused(blocked.host, blocked.why, blocked.ip);
        if (req.signal?.aborted) throw e;
        return { ok: false, ...classifyFailure(e, timedOut(), opts.timeoutMs) };
      } finally {
        clearTimeout(timer);
        inflight.delete(controller);
      }
    },
    async close() {
      await agent.close().catch(() => agent.destroy());
    },
  };
}

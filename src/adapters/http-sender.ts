import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';
import { blockedAddressReason, blockedHostnameReason } from '../core/endpoint/address-policy.js';
import type {
  FailureKind,
  Sender,
  SenderOptions as PortSenderOptions,
  SendResult,
} from '../contracts/index.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { Flights } from './flights.js';

/** Largest part of a response body qwh reads; the rest is discarded with the connection. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export type LookupFn = typeof dnsLookup;

export interface SenderOptions extends PortSenderOptions {
  /** DNS lookup to use (tests); default node:dns lookup. */
  lookup?: LookupFn;
  /** Method of every request (default POST); a GET sends no body (campaign feeds). */
  method?: 'POST' | 'GET';
}

export const BLOCKED = 'EQWHBLOCKED';

/** The error a send rejects with when the caller's signal (Ctrl-C) stops it. */
export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

export class BlockedAddressError extends Error {
  readonly code = BLOCKED;
  constructor(
    readonly host: string,
    readonly ip: string,
    readonly why: string,
  ) {
    super(MESSAGES.endpoint.blockedResolved(host, ip, why));
  }
}

/**
 * A URL split for sending, with its hostname unbracketed, or the refusal (exit 4) when the address
 * policy blocks that name before any lookup: one rule for both senders.
 */
export function sendTarget(raw: string): { url: URL; host: string } | UserError {
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const why = blockedHostnameReason(host);
  return why ? refused(host, why) : { url, host };
}

export function refused(host: string, why: string, ip?: string): UserError {
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
  const t = sendTarget(url);
  if (t instanceof UserError) throw t;
  const { host } = t;
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
  let target: { origin: string; path: string } | undefined;

  // In-flight requests and their deadlines (adapters/flights.ts).
  interface Flight {
    until: number;
    controller?: Dispatcher.DispatchController;
    /** Settles the caller's promise as a timeout, once. */
    expire: () => void;
    cancel?: AbortSignal;
    settle: (r: SendResult | Error) => void;
  }
  const flights = new Flights<Flight>(
    opts.timeoutMs,
    (f) => f.expire(),
    (f, cancel) => f.settle(abortError(cancel)),
  );

  return {
    send(req) {
      // A burst sends to one URL tens of thousands of times: check and split it once.
      if (req.url !== checkedUrl || !target) {
        const t = sendTarget(req.url);
        if (t instanceof UserError) return Promise.reject(t);
        const { url } = t;
        target = { origin: url.origin, path: `${url.pathname}${url.search}` };
        checkedUrl = req.url;
      }
      const cancel = req.signal;
      if (cancel?.aborted) return Promise.reject(abortError(cancel));
      const { origin, path } = target;
      return new Promise<SendResult>((resolve, reject) => {
        let settled = false;
        let timedOut = false;
        let status = 0;
        let location: string | undefined;
        let contentType: string | undefined;
        const chunks: Buffer[] = [];
        let n = 0;
        let truncated = false;
        const flight: Flight = {
          until: performance.now() + opts.timeoutMs,
          ...(cancel ? { cancel } : {}),
          settle: (r) => {
            if (settled) return;
            settled = true;
            flights.delete(flight);
            if (r instanceof Error) {
              flight.controller?.abort(r);
              reject(r);
            } else resolve(r);
          },
          expire: () => {
            timedOut = true;
            const e = new Error('deadline');
            flight.controller?.abort(e);
            flight.settle({ ok: false, ...classifyFailure(e, true, opts.timeoutMs) });
          },
        };
        flights.add(flight);
        const done = (): void =>
          flight.settle({
            ok: true,
            status,
            ...(location && status >= 300 && status < 400 ? { location } : {}),
            ...(contentType ? { contentType } : {}),
            body: Buffer.concat(chunks),
            truncated,
          });
        agent.dispatch(
          {
            origin,
            path,
            method: opts.method ?? 'POST',
            headers: req.headers,
            body: opts.method === 'GET' ? null : req.body,
          },
          {
            onRequestStart(controller) {
              flight.controller = controller;
              if (settled) controller.abort(new Error('deadline'));
            },
            onResponseStart(_controller, statusCode, headers) {
              status = statusCode;
              const loc = headers.location;
              location = Array.isArray(loc) ? loc[0] : loc;
              const type = headers['content-type'];
              contentType = Array.isArray(type) ? type[0] : type;
            },
            onResponseData(controller, chunk) {
              if (truncated) return;
              if (n + chunk.length > cap) {
                // Keep what fits and drop the connection: the rest is never read.
                chunks.push(chunk.subarray(0, cap - n));
                n = cap;
                truncated = true;
                done();
                controller.abort(new Error('response body over the read cap'));
                return;
              }
              chunks.push(chunk);
              n += chunk.length;
            },
            onResponseEnd() {
              done();
            },
            onResponseError(_controller, e) {
              if (settled) return;
              const blocked = errorChain(e).find((x) => x.code === BLOCKED);
              if (blocked instanceof BlockedAddressError) {
                flight.settle(refused(blocked.host, blocked.why, blocked.ip));
                return;
              }
              flight.settle({ ok: false, ...classifyFailure(e, timedOut, opts.timeoutMs) });
            },
          },
        );
      });
    },
    async close() {
      flights.close();
      await agent.close().catch(() => agent.destroy());
    },
  };
}

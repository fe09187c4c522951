import { errnoOf } from './errno.js';
import { timingSafeEqual } from 'node:crypto';
import { sha256Digest } from '../core/hash.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { capConnections } from './connection-cap.js';
import { openSaveSink } from './save-sink.js';
import { idField } from '../core/endpoint/payload-id.js';
import { checkStructure, PAYLOAD_LIMITS, withinStructure } from '../core/input/limits.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { looksFormEncoded, parseFormEncoded, ParticipationV1Schema } from '../core/payload/v1.js';
import { v2Problems } from '../core/payload/v2.js';
import { formatPath } from '../core/path.js';
import { SIGNATURE_HEADER } from '../core/assumptions.js';
import { verifyRotation, type SecretMatch } from '../core/signing.js';
import { versionOfDelivery, type RelayHook, type RelayedForward } from '../core/endpoint/relay.js';
import { MESSAGES } from '../messages/index.js';
import { captureRecordOf } from '../core/migrate/captures.js';
import { createIdMemory } from '../core/endpoint/dedupe.js';
import { decodeUtf8Body } from '../core/endpoint/decode.js';
import { validate as isV2Participation } from '../core/payload/v2-compiled.js';

/** Bound on the remembered ids' characters: 1.0 ids are any string a sender picks. */
export const DEFAULT_MAX_REMEMBERED_CHARS = 64 * 1024 * 1024;

/** Largest body the receiver accepts; larger ones get 413 without being read. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface ReceiverOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** HMAC secret; when absent signatures are not checked. */
  secret?: string;
  /** The secret before a rotation, accepted too (Qualifio may sign with it for 30 minutes). */
  previousSecret?: string;
  /** Expected auth header; when absent none is required. */
  authHeader?: { name: string; value: string };
  /** Payload model to validate against (default 2). */
  version?: 1 | 2;
  maxBodyBytes?: number;
  /** Time allowed for a client to send its headers, then its whole request (slowloris). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Put the body's SHA-256 in each event (default true; `listen` asks for it only with --json). */
  eventDigest?: boolean;
  /** Called once per request, after the answer is decided. */
  onEvent?: (e: DeliveryEvent) => void;
  /** Append each accepted (first-seen) delivery here as one NDJSON line. */
  savePath?: string;
  /** How many ids are remembered for deduplication (oldest forgotten first). */
  maxRememberedIds?: number;
  /** Open connections at most (default 2 000); at the cap the oldest idle one makes room. */
  maxConnections?: number;
  /** Bound on the remembered ids' total length in characters (default 64 Mi; oldest forgotten first). */
  maxRememberedChars?: number;
  /**
   * Relay mode (adapters/relay.ts): every fully read POST is judged as usual, then handed to
   * this hook, whose answer the sender gets (the hook records; `savePath` is then not used).
   */
  relay?: RelayHook;
}

/** What the receiver decided about one request (never carries a header value or a secret). */
export interface DeliveryEvent {
  event: 'delivery';
  at: string;
  method: string;
  path: string;
  status: number;
  result: 'accepted' | 'duplicate' | 'rejected';
  reason: string;
  id?: string;
  bytes: number;
  sha256?: string;
  /** The request carried `X-Qwh-Test: 1`. */
  test: boolean;
  /** Which secret the valid signature was made with (present when a secret is set and it matched). */
  secret?: SecretMatch;
  /**
   * Relay mode: what the receiver behind answered (`status`), or why it did not (`failure`,
   * then the sender got 502/504); `status` above is what the sender got, `result` the verdict.
   */
  forward?: RelayedForward;
  /**
   * Where an accepted 2.0 body differs from qwh's model in what is only qwh's reading of the
   * documentation (`path: problem`): reported, never refused.
   */
  warnings?: string[];
}

export interface ReceiverStats {
  received: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  saved: number;
}

/** A running receiver: its URL, live counters, and a close that flushes `savePath`. */
export interface Receiver {
  url: string;
  host: string;
  port: number;
  stats: ReceiverStats;
  close(): Promise<void>;
}

/** Compares two header values in constant time (hashing first hides the length too). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(sha256Digest(given), sha256Digest(expected));
}

/**
 * Starts a webhook receiver that verifies deliveries the way a careful one should: the raw body
 * bytes against the signature (constant time), the auth header (constant time), JSON, the payload
 * model, size (413 over the cap, without reading the rest), and dedupes on the participation id.
 * Answers 200 accepted / 200 duplicate / 401 auth or signature / 400 not a participation / 413.
 * A 2.0 body that breaks only qwh's reading of the model (not a documented fact) is accepted with
 * `warnings` naming each path.
 */
export async function startReceiver(opts: ReceiverOptions = {}): Promise<Receiver> {
  const R = MESSAGES.listen.reasons;
  const host = opts.host ?? '127.0.0.1';
  const max = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxIds = opts.maxRememberedIds ?? 1_000_000;
  const stats: ReceiverStats = { received: 0, accepted: 0, duplicates: 0, rejected: 0, saved: 0 };
  const seen = createIdMemory(maxIds, opts.maxRememberedChars ?? DEFAULT_MAX_REMEMBERED_CHARS);
  const save = opts.savePath ? await openSaveSink(opts.savePath) : undefined;
  // Ids whose delivery could not be stored: the sender's retry is new, not a duplicate.
  const unsaved = new Set<string>();
  const authName = opts.authHeader?.name.toLowerCase();
  const digest = opts.eventDigest ?? true;

  const count = (result: DeliveryEvent['result']): void => {
    if (result === 'accepted') stats.accepted++;
    else if (result === 'duplicate') stats.duplicates++;
    else stats.rejected++;
  };
  // The same text as `new Date().toISOString()`, made once a millisecond (under load many
  // deliveries share one).
  let isoMs = -1;
  let iso = '';
  const now = (): string => {
    const ms = Date.now();
    if (ms !== isoMs) {
      isoMs = ms;
      iso = new Date(ms).toISOString();
    }
    return iso;
  };
  const emit = (e: Omit<DeliveryEvent, 'event' | 'at'>): void => {
    count(e.result);
    opts.onEvent?.({ event: 'delivery', at: now(), ...e });
  };

  // Headers as a flat list: nothing to build or merge per answer. Same bytes as the object form.
  const answer = (res: ServerResponse, status: number, text: string, close = false): void => {
    const length = Buffer.byteLength(text);
    res.writeHead(
      status,
      close
        ? ['content-type', 'application/json', 'content-length', length, 'connection', 'close']
        : ['content-type', 'application/json', 'content-length', length],
    );
    res.end(text);
  };
  const errorBody = (reason: string): string => JSON.stringify({ ok: false, error: reason });

  /** Where a verdict goes: the sender's answer and the event (relay mode captures both). */
  type Sink = {
    answer: (res: ServerResponse, status: number, text: string) => void;
    emit: (e: DeliveryEvent) => void;
  };
  const direct: Sink = {
    answer: (res, status, text) => answer(res, status, text),
    emit: (e) => {
      count(e.result);
      opts.onEvent?.(e);
    },
  };

  /** Decides about a complete body; returns the event fields and answers the request. */
  const judge = (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    sink: Sink = direct,
  ): void => {
    const headers = req.headers;
    const version = opts.version ?? (opts.relay ? versionOfDelivery(headers, body) : 2);
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const method = req.method ?? '';
    const path = query < 0 ? url : url.slice(0, query);
    const sha256 = digest ? sha256Digest(body).toString('hex') : undefined;
    const test = headers['x-qwh-test'] === '1';
    let matched: SecretMatch | undefined = undefined; // set once the body is a participation
    // Built key by key, never by spreading (`{ ...base, status }` costs V8 microseconds an
    // object): the keys in the order listen has always printed them.
    const event = (
      status: number,
      result: DeliveryEvent['result'],
      reason: string,
      id: string | undefined,
      warnings?: string[],
    ): DeliveryEvent => {
      const e = { event: 'delivery', at: now(), method, path, bytes: body.length } as DeliveryEvent;
      if (sha256 !== undefined) e.sha256 = sha256;
      e.test = test;
      if (matched) e.secret = matched;
      e.status = status;
      e.result = result;
      e.reason = reason;
      if (id) e.id = id;
      if (warnings) e.warnings = warnings;
      return e;
    };
    const reject = (status: number, reason: string, id?: string): void => {
      sink.answer(res, status, errorBody(reason));
      sink.emit(event(status, 'rejected', reason, id));
    };
    if (opts.authHeader && authName) {
      const given = headers[authName];
      const value = Array.isArray(given) ? given[0] : given;
      if (value === undefined || value === '')
        return reject(401, R.authMissing(opts.authHeader.name));
      if (!sameSecret(value, opts.authHeader.value))
        return reject(401, R.authWrong(opts.authHeader.name));
    }
    // Found now, put in the event only once the body is judged a participation (as always).
    let signedWith: SecretMatch | undefined;
    if (opts.secret !== undefined) {
      const header = headers[SIGNATURE_HEADER];
      const value = Array.isArray(header) ? header[0] : header;
      const check = verifyRotation(opts.secret, opts.previousSecret, body, value);
      if (!check.ok) return reject(401, R.signature(check.reason, check.detail));
      signedWith = check.matched;
    }
    const text = decodeUtf8Body(body);
    if (text === undefined) return reject(400, R.notJson);
    let parsed: unknown;
    if (
      version === 1 &&
      (String(headers['content-type'] ?? '').includes('x-www-form-urlencoded') ||
        looksFormEncoded(text))
    ) {
      parsed = parseFormEncoded(text.trim());
    } else {
      try {
        parsed = JSON.parse(text);
      } catch {
        return reject(400, R.notJson);
      }
    }
    // Bounded before the model walks it or --save re-serialises it (a 100 000-level body would
    // overflow JSON.stringify's stack and take the receiver down).
    // The yes/no walk first; the one that words the problem only when it says no.
    const bad = withinStructure(parsed, PAYLOAD_LIMITS)
      ? undefined
      : checkStructure(parsed, PAYLOAD_LIMITS)[0];
    if (bad) return reject(400, R.structure(bad.message));
    let warnings: string[] | undefined;
    // The compiled model first (zod would find nothing in what it passes:
    // test/core/v2-compiled.test.ts); zod only to word what it does not.
    if (version === 2 && !isV2Participation(parsed)) {
      // Refuse only what breaks a documented fact; the rest is qwh's reading (a warning).
      const v = v2Problems(parsed);
      const p = v.doc[0];
      if (p) return reject(400, R.notParticipation(`${formatPath(p.path)}: ${p.message}`));
      if (v.assumed.length > 0)
        warnings = v.assumed.map((a) => R.modelWarning(formatPath(a.path), a.message));
    } else if (
      version === 1 &&
      (!ParticipationV1Schema.safeParse(parsed).success || Array.isArray(parsed))
    ) {
      return reject(400, R.notV1);
    }
    const rawId = (parsed as Record<string, unknown>)[idField(version)];
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : '';
    if (!id) return reject(400, R.noId);
    matched = signedWith;
    // JSON.stringify of `{ ok, id, duplicate }` written out: the same text.
    const idJson = JSON.stringify(id);
    if (seen.seenBefore(id) && !unsaved.delete(id)) {
      sink.answer(res, 200, `{"ok":true,"id":${idJson},"duplicate":true}`);
      sink.emit(event(200, 'duplicate', R.duplicate, id));
      return;
    }
    const accepted = (): void => {
      sink.answer(
        res,
        200,
        warnings
          ? JSON.stringify({ ok: true, id, duplicate: false, warnings })
          : `{"ok":true,"id":${idJson},"duplicate":false}`,
      );
      sink.emit(
        event(
          200,
          'accepted',
          warnings ? R.acceptedWithWarnings(warnings.length) : R.accepted,
          id,
          warnings,
        ),
      );
    };
    if (save && !opts.relay) {
      // One capture record a line (docs/migrate.md "Captures"): the exact bytes and headers,
      // the auth header's value left out (only whether it matched).
      const rec = captureRecordOf({
        at: new Date(),
        method: req.method ?? 'POST',
        path: req.url ?? '/',
        version,
        headers,
        ...(opts.authHeader ? { authHeader: { name: opts.authHeader.name, matched: true } } : {}),
        body,
        status: 200,
      });
      // Acknowledged only once stored: a full disk answers 503, so the sender retries.
      save.append(JSON.stringify(rec) + '\n').then(
        () => {
          stats.saved++;
          accepted();
        },
        (e: unknown) => {
          unsaved.add(id);
          reject(503, R.notSaved(errnoOf(e) ?? 'error'), id);
        },
      );
      return;
    }
    accepted();
  };

  /** Relay mode: judged (nothing answered), handed to the hook, answered as it says. */
  const relayed = async (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    hook: RelayHook,
  ): Promise<void> => {
    const at = new Date();
    let judged: DeliveryEvent | undefined;
    judge(req, res, body, { answer: () => {}, emit: (e) => void (judged = e) });
    const e = judged as DeliveryEvent;
    // The auth header is checked first: any other verdict means it matched.
    const authFailed = opts.authHeader
      ? [R.authMissing(opts.authHeader.name), R.authWrong(opts.authHeader.name)].includes(e.reason)
      : undefined;
    const verdict = {
      ...{ status: e.status, result: e.result, reason: e.reason },
      ...(authFailed !== undefined ? { authMatched: !authFailed } : {}),
    };
    const url = req.url ?? '/';
    const a = await hook({
      at,
      method: req.method ?? 'POST',
      url,
      headers: req.headers,
      body,
      verdict,
    });
    if (!res.headersSent && !res.destroyed) {
      const type = a.contentType ? { 'content-type': a.contentType } : {};
      res.writeHead(a.status, { ...type, 'content-length': a.body.length });
      res.end(a.body);
    }
    // Stamped when the forward is done, as before judging and forwarding were split.
    direct.emit({ ...e, at: now(), status: a.status, forward: a.forward });
  };

  const pathOf = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0] ?? '/';
  const tooLarge = (req: IncomingMessage, res: ServerResponse, bytes: number): void => {
    // Stop reading, answer, close: the excess is never buffered.
    req.pause();
    req.removeAllListeners('data');
    res.on('finish', () => setTimeout(() => req.socket.destroy(), 200).unref());
    answer(res, 413, errorBody(R.tooLarge(max)), true);
    emit({
      method: req.method ?? '',
      path: pathOf(req),
      bytes,
      status: 413,
      result: 'rejected',
      reason: R.tooLarge(max),
      test: req.headers['x-qwh-test'] === '1',
    });
  };
  const ignore = (): void => {
    // The client went away mid-body (or a timeout fired): nothing to answer.
  };
  // Assigned right below: the cap needs the server, the handler the cap.
  // eslint-disable-next-line prefer-const
  let track: ReturnType<typeof capConnections>;
  const server = createServer(
    {
      headersTimeout: opts.headersTimeoutMs ?? 10_000,
      requestTimeout: opts.requestTimeoutMs ?? 30_000,
      keepAliveTimeout: 5_000,
      // Node checks the two timeouts above on this interval; the default (30 s) is too lax.
      connectionsCheckingInterval: 1_000,
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => {
      track(req, res);
      stats.received++;
      const method = req.method ?? '';
      if (method === 'GET' || method === 'HEAD') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(MESSAGES.listen.index);
        stats.received--; // a health check is not a delivery
        return;
      }
      if (method !== 'POST') {
        res.setHeader('allow', 'POST, GET');
        answer(res, 405, errorBody(R.method), true);
        emit({
          method,
          path: pathOf(req),
          bytes: 0,
          status: 405,
          result: 'rejected',
          reason: R.method,
          test: false,
        });
        req.resume();
        return;
      }
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > max) return tooLarge(req, res, declared);
      const chunks: Buffer[] = [];
      let total = 0;
      let over = false;
      req.on('data', (chunk: Buffer) => {
        if (over) return;
        total += chunk.length;
        if (total > max) {
          over = true;
          tooLarge(req, res, total);
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        if (over) return;
        // A body that came in one piece is used as it is (node:http copies each piece out of
        // the socket's buffer already).
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
        if (opts.relay) void relayed(req, res, body, opts.relay);
        else judge(req, res, body);
      });
      req.on('error', ignore);
    },
  );
  track = capConnections(server, opts.maxConnections ?? 2_000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new UserError(
          MESSAGES.listen.cannotListen(host, opts.port ?? 0, e.code ?? e.message),
          ExitCode.USAGE,
          MESSAGES.listen.cannotListenHint,
        ),
      ),
    );
    server.listen(opts.port ?? 0, host, () => resolve());
  }).catch(async (e: unknown) => {
    if (save) await save.close(0);
    throw e;
  });
  server.on('clientError', (_err, socket) => {
    // Malformed request or header timeout: answer if possible, never crash.
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${addr.port}/`,
    host: addr.address,
    port: addr.port,
    stats,
    close() {
      closed ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 500).unref();
        });
        if (save) await save.close();
      })();
      return closed;
    },
  };
}

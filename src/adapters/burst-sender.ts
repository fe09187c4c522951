import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import { blockedHostnameReason } from '../core/endpoint/address-policy.js';
import type { Sender, SendResult } from '../contracts/index.js';
import {
  abortError,
  BlockedAddressError,
  checkedLookup,
  classifyFailure,
  MAX_RESPONSE_BYTES,
  refused,
  type SenderOptions,
} from './http-sender.js';

/**
 * The burst sender (issue 18 item 4): keep-alive HTTP/1.1 on node:net / node:tls, one request in
 * flight per connection (no pipelining), each request written once (head and body in one write),
 * a strict minimal response parser. Same contract as the undici sender (src/adapters/http-sender.ts):
 * TLS verification always on (plus --ca-file), SNI, the address policy checked at connect time,
 * redirects returned and never followed, bodies read up to a cap, a deadline per request. A
 * request whose connection resets or closes is a failed delivery: never sent a second time.
 */

/** A response head larger than this is refused (a protocol error, not a body). */
const MAX_HEAD_BYTES = 64 * 1024;
/** An idle connection older than this is dropped rather than reused (undici's keep-alive). */
const IDLE_MS = 4_000;
const CRLF2 = Buffer.from('\r\n\r\n', 'latin1');

interface Target {
  tls: boolean;
  host: string;
  port: number;
  /** `POST /path HTTP/1.1\r\nhost: …\r\n`, built once per URL. */
  prefix: string;
}

interface Flight {
  until: number;
  cancel?: AbortSignal;
  conn?: Conn;
  settle: (r: SendResult | Error) => void;
}

class ProtocolError extends Error {
  readonly code = 'EQWHPROTOCOL';
}

function failed(e: unknown, timedOut: boolean, timeoutMs: number): SendResult {
  return { ok: false, ...classifyFailure(e, timedOut, timeoutMs) };
}

function resetError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

/** One keep-alive connection and the parser of the response it is waiting for. */
class Conn {
  flight: Flight | undefined;
  idleSince = 0;
  closed = false;
  private buf: Buffer | undefined;
  private state: 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'eof' =
    'head';
  private status = 0;
  private location: string | undefined;
  private contentType: string | undefined;
  private keepAlive = true;
  private left = 0;
  private chunks: Buffer[] = [];
  private n = 0;

  constructor(
    readonly socket: Socket,
    private readonly cap: number,
    private readonly onFree: (c: Conn) => void,
    private readonly onGone: (c: Conn, e: Error) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => this.data(d));
    socket.on('error', (e) => this.gone(e));
    socket.on('close', () => this.gone(resetError('connection closed')));
    socket.on('end', () => {
      if (this.flight && this.state === 'eof') this.finish(false);
      else this.gone(resetError('connection closed by the server'));
    });
  }

  /** Starts a request: the parser is reset and the bytes are written once. */
  start(flight: Flight, bytes: Buffer): void {
    this.flight = flight;
    flight.conn = this;
    this.state = 'head';
    this.status = 0;
    this.location = undefined;
    this.contentType = undefined;
    this.keepAlive = true;
    this.chunks = [];
    this.n = 0;
    this.socket.write(bytes);
  }

  /** Drops the connection; the pool hears of it once, whoever ends it. */
  destroy(): void {
    this.gone(resetError('connection dropped'));
  }

  private gone(e: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.onGone(this, e);
  }

  private data(d: Buffer): void {
    if (!this.flight) {
      // Bytes nobody asked for: the connection is not in a known state any more.
      this.gone(new ProtocolError('unexpected bytes from the server'));
      return;
    }
    this.buf = this.buf ? Buffer.concat([this.buf, d]) : d;
    try {
      this.parse();
    } catch (e) {
      this.gone(e as Error);
    }
  }

  private parse(): void {
    for (;;) {
      const buf = this.buf;
      if (!buf || buf.length === 0 || !this.flight) return;
      if (this.state === 'head') {
        const end = buf.indexOf(CRLF2);
        if (end === -1) {
          if (buf.length > MAX_HEAD_BYTES) throw new ProtocolError('response head too large');
          return;
        }
        this.buf = buf.subarray(end + 4);
        this.head(buf.toString('latin1', 0, end));
        if (this.state === 'head') continue; // a 1xx was skipped
        if (this.state === 'length' && this.left === 0) return this.finish(this.keepAlive);
      } else if (this.state === 'length' || this.state === 'eof') {
        const take = this.state === 'eof' ? buf.length : Math.min(this.left, buf.length);
        this.buf = buf.subarray(take);
        if (this.body(buf.subarray(0, take))) return;
        this.left -= take;
        if (this.state === 'length' && this.left === 0) return this.finish(this.keepAlive);
      } else if (this.state === 'chunk-data') {
        const take = Math.min(this.left, buf.length);
        this.buf = buf.subarray(take);
        if (this.body(buf.subarray(0, take))) return;
        this.left -= take;
        if (this.left === 0) this.state = 'chunk-end';
      } else {
        const eol = buf.indexOf('\r\n');
        if (eol === -1) {
          if (buf.length > 1024) throw new ProtocolError('chunk line too long');
          return;
        }
        const line = buf.toString('latin1', 0, eol);
        this.buf = buf.subarray(eol + 2);
        if (this.state === 'chunk-end') {
          if (line !== '') throw new ProtocolError('chunk without its CRLF');
          this.state = 'chunk-size';
        } else if (this.state === 'trailer') {
          if (line === '') return this.finish(this.keepAlive);
        } else {
          const size = line.split(';', 1)[0]!.trim();
          if (!/^[0-9a-fA-F]{1,8}$/.test(size)) throw new ProtocolError('bad chunk size');
          this.left = Number.parseInt(size, 16);
          this.state = this.left === 0 ? 'trailer' : 'chunk-data';
        }
      }
    }
  }

  /** Parses a response head; sets the body state. */
  private head(text: string): void {
    const lines = text.split('\r\n');
    const m = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: .*)?$/.exec(lines[0] ?? '');
    if (!m) throw new ProtocolError('not an HTTP/1.x response');
    const status = Number(m[2]);
    if (status === 101) throw new ProtocolError('unexpected protocol switch');
    if (status < 200) return; // 100 Continue, 103 Early Hints: skipped, the real head follows
    let length: number | undefined;
    let chunked = false;
    let keepAlive = m[1] === '1';
    for (let i = 1; i < lines.length; i++) {
      const l = lines[i]!;
      const c = l.indexOf(':');
      if (c <= 0) throw new ProtocolError('malformed response header');
      const name = l.slice(0, c).toLowerCase();
      const value = l.slice(c + 1).trim();
      if (name === 'content-length') {
        if (!/^\d{1,15}$/.test(value)) throw new ProtocolError('bad content-length');
        const v = Number(value);
        if (length !== undefined && length !== v) throw new ProtocolError('two content-lengths');
        length = v;
      } else if (name === 'transfer-encoding') {
        if (value.toLowerCase() !== 'chunked') throw new ProtocolError('unsupported encoding');
        chunked = true;
      } else if (name === 'connection') {
        const v = value.toLowerCase();
        if (v.includes('close')) keepAlive = false;
        else if (v.includes('keep-alive')) keepAlive = true;
      } else if (name === 'location') this.location ??= value;
      else if (name === 'content-type') this.contentType ??= value;
    }
    if (chunked && length !== undefined) throw new ProtocolError('content-length with chunked');
    this.status = status;
    this.keepAlive = keepAlive;
    if (status === 204 || status === 304) {
      this.state = 'length';
      this.left = 0;
    } else if (chunked) this.state = 'chunk-size';
    else if (length !== undefined) {
      this.state = 'length';
      this.left = length;
    } else {
      // No framing: the body runs to the end of the connection.
      this.state = 'eof';
      this.keepAlive = false;
    }
  }

  /** Keeps body bytes up to the cap; true when the cap ended the response. */
  private body(b: Buffer): boolean {
    if (this.n + b.length > this.cap) {
      // Keep what fits and drop the connection: the rest is never read.
      this.chunks.push(b.subarray(0, this.cap - this.n));
      this.n = this.cap;
      this.finish(false, true);
      return true;
    }
    if (b.length > 0) this.chunks.push(b);
    this.n += b.length;
    return false;
  }

  private finish(reuse: boolean, truncated = false): void {
    const flight = this.flight;
    const status = this.status;
    const location = this.location;
    const contentType = this.contentType;
    const body = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.flight = undefined;
    this.chunks = [];
    if (this.buf && this.buf.length > 0) reuse = false; // bytes past the response: not ours
    this.buf = undefined;
    if (reuse) this.onFree(this);
    else this.destroy();
    flight?.settle({
      ok: true,
      status,
      ...(location && status >= 300 && status < 400 ? { location } : {}),
      ...(contentType ? { contentType } : {}),
      body,
      truncated,
    });
  }
}

/** A fixed pool of keep-alive connections (`connections`, default 8) to the burst's one origin. */
export function createBurstSender(opts: SenderOptions): Sender {
  const cap = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const ca = opts.ca ? [...rootCertificates, opts.ca.toString()] : undefined;
  const max = Math.max(1, opts.connections ?? 8);
  const lookup = checkedLookup(opts.lookup);
  const idle: Conn[] = [];
  const all = new Set<Conn>();
  const waiting: Array<{ flight: Flight; bytes: Buffer }> = [];
  const flights = new Set<Flight>();
  let checkedUrl: string | undefined;
  let target: Target | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  const sweepEvery = Math.max(10, Math.min(250, Math.floor(opts.timeoutMs / 4)));

  const expire = (f: Flight): void => {
    f.settle(failed(new Error('deadline'), true, opts.timeoutMs));
    f.conn?.destroy();
  };
  const sweep = (): void => {
    const now = performance.now();
    for (const f of flights) if (now >= f.until) expire(f);
    if (flights.size === 0 && sweeper) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  };
  const watched = new WeakSet<AbortSignal>();
  const watch = (cancel: AbortSignal): void => {
    if (watched.has(cancel)) return;
    watched.add(cancel);
    const stop = (): void => {
      for (const f of flights)
        if (f.cancel === cancel) {
          f.settle(abortError(cancel));
          f.conn?.destroy();
        }
    };
    cancel.addEventListener('abort', stop, { once: true });
  };

  const free = (c: Conn): void => {
    const next = waiting.shift();
    if (next) return c.start(next.flight, next.bytes);
    c.idleSince = performance.now();
    idle.push(c);
  };
  const gone = (c: Conn, e: Error): void => {
    all.delete(c);
    const i = idle.indexOf(c);
    if (i !== -1) idle.splice(i, 1);
    const f = c.flight;
    c.flight = undefined;
    if (f) {
      if (e instanceof BlockedAddressError) f.settle(refused(e.host, e.why, e.ip));
      else f.settle(failed(e, false, opts.timeoutMs));
    }
    // A slot came free: a waiting request gets a new connection.
    const next = waiting.shift();
    if (next) open(next.flight, next.bytes);
  };
  const open = (flight: Flight, bytes: Buffer): void => {
    const t = target!;
    const base = { host: t.host, port: t.port, lookup };
    const socket = t.tls
      ? tlsConnect({
          ...base,
          rejectUnauthorized: true,
          ALPNProtocols: ['http/1.1'],
          ...(isIP(t.host) ? {} : { servername: t.host }),
          ...(ca ? { ca } : {}),
        })
      : netConnect(base);
    const c = new Conn(socket, cap, free, gone);
    all.add(c);
    c.start(flight, bytes); // net buffers the write until the socket (and TLS) is up
  };
  const dispatch = (flight: Flight, bytes: Buffer): void => {
    const now = performance.now();
    while (idle.length > 0) {
      const c = idle.pop()!;
      if (!c.closed && now - c.idleSince < IDLE_MS) return c.start(flight, bytes);
      c.destroy();
    }
    if (all.size < max) open(flight, bytes);
    else waiting.push({ flight, bytes });
  };

  return {
    send(req) {
      if (req.url !== checkedUrl || !target) {
        const url = new URL(req.url);
        const host = url.hostname.replace(/^\[|\]$/g, '');
        const why = blockedHostnameReason(host);
        if (why) return Promise.reject(refused(host, why));
        const tls = url.protocol === 'https:';
        target = {
          tls,
          host,
          port: Number(url.port) || (tls ? 443 : 80),
          prefix: `POST ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n`,
        };
        checkedUrl = req.url;
      }
      const cancel = req.signal;
      if (cancel?.aborted) return Promise.reject(abortError(cancel));
      let head = target.prefix;
      for (const [k, v] of Object.entries(req.headers)) {
        const name = k.toLowerCase();
        if (name === 'host' || name === 'content-length' || name === 'transfer-encoding') continue;
        if (/[\r\n\0]/.test(k) || /[\r\n\0]/.test(v))
          return Promise.resolve(failed(new Error(`invalid header ${k}`), false, opts.timeoutMs));
        head += `${k}: ${v}\r\n`;
      }
      head += `content-length: ${req.body.length}\r\n\r\n`;
      const hl = Buffer.byteLength(head, 'latin1');
      const bytes = Buffer.allocUnsafe(hl + req.body.length);
      bytes.write(head, 0, hl, 'latin1');
      bytes.set(req.body, hl);
      return new Promise<SendResult>((resolve, reject) => {
        let settled = false;
        const flight: Flight = {
          until: performance.now() + opts.timeoutMs,
          ...(cancel ? { cancel } : {}),
          settle: (r) => {
            if (settled) return;
            settled = true;
            flights.delete(flight);
            const i = waiting.findIndex((w) => w.flight === flight);
            if (i !== -1) waiting.splice(i, 1);
            if (r instanceof Error) reject(r);
            else resolve(r);
          },
        };
        flights.add(flight);
        if (!sweeper) sweeper = setInterval(sweep, sweepEvery).unref();
        if (cancel) watch(cancel);
        dispatch(flight, bytes);
      });
    },
    close() {
      if (sweeper) clearInterval(sweeper);
      sweeper = undefined;
      for (const w of waiting.splice(0)) w.flight.settle(failed(resetError('closed'), false, 0));
      for (const c of all) c.destroy();
      all.clear();
      idle.length = 0;
      return Promise.resolve();
    },
  };
}

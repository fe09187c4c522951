import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import { UserError } from '../core/errors.js';
import { Flights } from './flights.js';
import type { Sender, SendResult } from '../contracts/index.js';
import {
  abortError,
  BlockedAddressError,
  checkedLookup,
  classifyFailure,
  MAX_RESPONSE_BYTES,
  refused,
  sendTarget,
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
/** The read buffer of a plain-TCP connection (one per connection, reused for every read). */
const READ_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n', 'latin1');
const EMPTY = Buffer.alloc(0);
const BAD_HEADER_CHAR = /[\r\n\0]/;

interface Target {
  tls: boolean;
  host: string;
  port: number;
  /** `POST /path HTTP/1.1\r\nhost: …\r\n`, built once per URL. */
  prefix: string;
}

/** One request: its bytes until a connection takes it, its deadline, and how it settles. */
class Flight {
  conn: Conn | undefined;
  private settled = false;
  constructor(
    /** The request head (latin1), built once in `send`. */
    readonly head: string,
    readonly body: Uint8Array,
    readonly until: number,
    readonly cancel: AbortSignal | undefined,
    private readonly resolve: (r: SendResult) => void,
    private readonly reject: (e: Error) => void,
    private readonly onSettled: (f: Flight) => void,
  ) {}

  settle(r: SendResult | Error): void {
    if (this.settled) return;
    this.settled = true;
    this.onSettled(this);
    if (r instanceof Error) this.reject(r);
    else this.resolve(r);
  }
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

const CR = 0x0d;
const LF = 0x0a;
const COLON = 0x3a;
const STATUS_PREFIX = Buffer.from('HTTP/1.', 'latin1');

/** Whether bytes [a, a + name.length) of `b` are `name` (lower-case ASCII) in any case. */
function nameIs(b: Buffer, a: number, end: number, name: string): boolean {
  if (end - a !== name.length) return false;
  for (let i = 0; i < name.length; i++) {
    let c = b[a + i]!;
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== name.charCodeAt(i)) return false;
  }
  return true;
}

/** One keep-alive connection and the parser of the response it is waiting for. */
class Conn {
  flight: Flight | undefined;
  idleSince = 0;
  closed = false;
  private buf: Buffer | undefined;
  /** The request bytes, reused from one request to the next once the kernel has taken them. */
  private out: Buffer | undefined;
  private state: 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'eof' =
    'head';
  private status = 0;
  private location: string | undefined;
  private contentType: string | undefined;
  private keepAlive = true;
  private left = 0;
  /** The body: one Buffer (the usual case) or several. */
  private first: Buffer | undefined;
  private more: Buffer[] | undefined;
  private n = 0;

  constructor(
    readonly socket: Socket,
    private readonly cap: number,
    private readonly onFree: (c: Conn) => void,
    private readonly onGone: (c: Conn, e: Error) => void,
    /** Reads arrive through `read` in the socket's one reused buffer (`onread`), not as 'data'. */
    private readonly borrowed = false,
  ) {
    socket.setNoDelay(true);
    if (!borrowed) socket.on('data', (d: Buffer) => this.data(d));
    socket.on('error', (e) => this.gone(e));
    socket.on('close', () => this.gone(resetError('connection closed')));
    socket.on('end', () => {
      if (this.flight && this.state === 'eof') this.finish(false);
      else this.gone(resetError('connection closed by the server'));
    });
  }

  /** Starts a request: the parser is reset and head and body are written once, in one buffer. */
  start(flight: Flight): void {
    this.flight = flight;
    flight.conn = this;
    this.state = 'head';
    this.status = 0;
    this.location = undefined;
    this.contentType = undefined;
    this.keepAlive = true;
    this.first = undefined;
    this.more = undefined;
    this.n = 0;
    // Latin-1 is one byte per character, so the head's length is its byte length.
    const size = flight.head.length + flight.body.length;
    let out = this.out;
    // Only a buffer the socket has finished writing is reused (a server may answer early).
    if (!out || out.length < size || this.socket.writableLength > 0)
      out = this.out = Buffer.allocUnsafeSlow(Math.max(size, 4096));
    out.write(flight.head, 0, 'latin1');
    out.set(flight.body, flight.head.length);
    this.socket.write(out.subarray(0, size));
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

  /** Bytes read into the socket's reused buffer: valid only during this call. */
  read(d: Buffer): void {
    this.data(d);
    // What is kept past this call must not be a view of the buffer the next read overwrites.
    if (this.buf && this.buf.length > 0 && this.buf.buffer === d.buffer)
      this.buf = Buffer.from(this.buf);
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
        this.head(buf, end);
        if (this.state === 'head') continue; // a 1xx was skipped
        if (this.state === 'length' && this.left === 0) return this.finish(this.keepAlive);
      } else if (this.state === 'length' || this.state === 'eof') {
        const take = this.state === 'eof' ? buf.length : Math.min(this.left, buf.length);
        this.buf = take === buf.length ? undefined : buf.subarray(take);
        if (this.body(take === buf.length ? buf : buf.subarray(0, take))) return;
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

  /**
   * Parses the response head in `b[0, end)` on its bytes (no string per line: this runs once a
   * request); sets the body state. As strict as `HTTP/1.[01] [1-9]dd( reason)?` on a status line
   * without bare CR/LF, and a colon after a non-empty name on every header line.
   */
  private head(b: Buffer, end: number): void {
    let eol = b.indexOf(CRLF, 0);
    if (eol === -1 || eol > end) eol = end;
    const minor = b[7];
    const d1 = b[9]!;
    const d2 = b[10]!;
    const d3 = b[11]!;
    const ok =
      eol >= 12 &&
      b.compare(STATUS_PREFIX, 0, 7, 0, 7) === 0 &&
      (minor === 0x30 || minor === 0x31) &&
      b[8] === 0x20 &&
      d1 >= 0x31 &&
      d1 <= 0x39 &&
      d2 >= 0x30 &&
      d2 <= 0x39 &&
      d3 >= 0x30 &&
      d3 <= 0x39 &&
      (eol === 12 || (b[12] === 0x20 && !hasCrOrLf(b, 13, eol)));
    if (!ok) throw new ProtocolError('not an HTTP/1.x response');
    const status = (d1 - 0x30) * 100 + (d2 - 0x30) * 10 + (d3 - 0x30);
    if (status === 101) throw new ProtocolError('unexpected protocol switch');
    if (status < 200) return; // 100 Continue, 103 Early Hints: skipped, the real head follows
    let length: number | undefined;
    let chunked = false;
    let keepAlive = minor === 0x31;
    let at = eol + 2;
    while (eol < end) {
      let next = b.indexOf(CRLF, at);
      if (next === -1 || next > end) next = end;
      let c = at;
      while (c < next && b[c] !== COLON) c++;
      if (c === next || c === at) throw new ProtocolError('malformed response header');
      const n = c - at;
      // Only the names this sender reads are looked at; any other header is skipped unread.
      if (n === 14 && nameIs(b, at, c, 'content-length')) {
        const value = b.toString('latin1', c + 1, next).trim();
        if (!/^\d{1,15}$/.test(value)) throw new ProtocolError('bad content-length');
        const v = Number(value);
        if (length !== undefined && length !== v) throw new ProtocolError('two content-lengths');
        length = v;
      } else if (n === 17 && nameIs(b, at, c, 'transfer-encoding')) {
        const value = b.toString('latin1', c + 1, next).trim();
        if (value.toLowerCase() !== 'chunked') throw new ProtocolError('unsupported encoding');
        chunked = true;
      } else if (n === 10 && nameIs(b, at, c, 'connection')) {
        const v = b
          .toString('latin1', c + 1, next)
          .trim()
          .toLowerCase();
        if (v.includes('close')) keepAlive = false;
        else if (v.includes('keep-alive')) keepAlive = true;
      } else if (n === 8 && nameIs(b, at, c, 'location'))
        this.location ??= b.toString('latin1', c + 1, next).trim();
      else if (n === 12 && nameIs(b, at, c, 'content-type'))
        this.contentType ??= b.toString('latin1', c + 1, next).trim();
      eol = next;
      at = next + 2;
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
      this.keep(b.subarray(0, this.cap - this.n));
      this.n = this.cap;
      this.finish(false, true);
      return true;
    }
    if (b.length > 0) this.keep(b);
    this.n += b.length;
    return false;
  }

  private keep(b: Buffer): void {
    if (this.borrowed) b = Buffer.from(b);
    if (!this.first) this.first = b;
    else (this.more ??= [this.first]).push(b);
  }

  private finish(reuse: boolean, truncated = false): void {
    const flight = this.flight;
    const status = this.status;
    const location = this.location;
    const contentType = this.contentType;
    const body = this.more ? Buffer.concat(this.more) : (this.first ?? EMPTY);
    this.flight = undefined;
    this.first = undefined;
    this.more = undefined;
    if (this.buf && this.buf.length > 0) reuse = false; // bytes past the response: not ours
    this.buf = undefined;
    if (reuse) this.onFree(this);
    else this.destroy();
    if (!flight) return;
    const r: Extract<SendResult, { ok: true }> = { ok: true, status, body, truncated };
    if (location && status >= 300 && status < 400) r.location = location;
    if (contentType) r.contentType = contentType;
    flight.settle(r);
  }
}

/** Whether bytes [a, b) hold a CR or an LF. */
function hasCrOrLf(buf: Buffer, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (buf[i] === CR || buf[i] === LF) return true;
  return false;
}

/** A fixed pool of keep-alive connections (`connections`, default 8) to the burst's one origin. */
export function createBurstSender(opts: SenderOptions): Sender {
  const cap = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const ca = opts.ca ? [...rootCertificates, opts.ca.toString()] : undefined;
  const max = Math.max(1, opts.connections ?? 8);
  const lookup = checkedLookup(opts.lookup);
  const idle: Conn[] = [];
  const all = new Set<Conn>();
  const waiting: Flight[] = [];
  let checkedUrl: string | undefined;
  let target: Target | undefined;
  const flights = new Flights<Flight>(
    opts.timeoutMs,
    (f) => {
      f.settle(failed(new Error('deadline'), true, opts.timeoutMs));
      f.conn?.destroy();
    },
    (f, cancel) => {
      f.settle(abortError(cancel));
      f.conn?.destroy();
    },
  );

  const settled = (f: Flight): void => {
    flights.delete(f);
    if (waiting.length > 0) {
      const i = waiting.indexOf(f);
      if (i !== -1) waiting.splice(i, 1);
    }
  };

  const free = (c: Conn): void => {
    const next = waiting.shift();
    if (next) return c.start(next);
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
    if (next) open(next);
  };
  const open = (flight: Flight): void => {
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
      : netConnect({
          ...base,
          // Reads go straight to the parser in one reused buffer, without a Buffer and a stream
          // 'data' event per read (measured ~2 us less client CPU per request). TLS reads
          // cannot do this and use 'data'.
          onread: {
            buffer: Buffer.allocUnsafe(READ_BYTES),
            callback: (n: number, b: Uint8Array) => {
              c.read(Buffer.from(b.buffer, b.byteOffset, n));
              return true;
            },
          },
        });
    const c: Conn = new Conn(socket, cap, free, gone, !t.tls);
    all.add(c);
    c.start(flight); // net buffers the write until the socket (and TLS) is up
  };
  const dispatch = (flight: Flight): void => {
    const now = performance.now();
    while (idle.length > 0) {
      const c = idle.pop()!;
      if (!c.closed && now - c.idleSince < IDLE_MS) return c.start(flight);
      c.destroy();
    }
    if (all.size < max) open(flight);
    else waiting.push(flight);
  };
  /** The header lines of `headers`, or undefined when one holds CR, LF or NUL. */
  const headerLines = (headers: Record<string, string>): string | undefined => {
    let lines = '';
    for (const k in headers) {
      const v = headers[k]!;
      const name = k.toLowerCase();
      if (name === 'host' || name === 'content-length' || name === 'transfer-encoding') continue;
      if (BAD_HEADER_CHAR.test(k) || BAD_HEADER_CHAR.test(v)) return undefined;
      lines += `${k}: ${v}\r\n`;
    }
    return lines;
  };

  return {
    send(req) {
      if (req.url !== checkedUrl || !target) {
        const t = sendTarget(req.url);
        if (t instanceof UserError) return Promise.reject(t);
        const { url, host } = t;
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
      const lines = headerLines(req.headers);
      if (lines === undefined) {
        const bad = Object.entries(req.headers).find(
          ([k, v]) => BAD_HEADER_CHAR.test(k) || BAD_HEADER_CHAR.test(v),
        );
        const e = new Error(`invalid header ${bad?.[0] ?? ''}`);
        return Promise.resolve(failed(e, false, opts.timeoutMs));
      }
      const head = `${target.prefix}${lines}content-length: ${req.body.length}\r\n\r\n`;
      const until = performance.now() + opts.timeoutMs;
      return new Promise<SendResult>((resolve, reject) => {
        const flight = new Flight(head, req.body, until, cancel, resolve, reject, settled);
        flights.add(flight);
        dispatch(flight);
      });
    },
    close() {
      flights.close();
      for (const w of waiting.splice(0)) w.settle(failed(resetError('closed'), false, 0));
      for (const c of all) c.destroy();
      all.clear();
      idle.length = 0;
      return Promise.resolve();
    },
  };
}

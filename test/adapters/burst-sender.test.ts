import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBurstSender } from '../../src/adapters/burst-sender.js';
import { createHttpSender, type LookupFn } from '../../src/adapters/http-sender.js';
import { startReceiver } from '../../src/adapters/local-receiver.js';
import type { Sender, SendResult } from '../../src/contracts/index.js';
import { isUserError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { runEndpointChecks } from '../../src/services/endpoint-checks.js';
import { silentLogger } from '../../src/ui/logger.js';

const tls = join(import.meta.dirname, '../../fixtures/tls');
const body = Buffer.from('{"id":"x"}');
const headers = { 'content-type': 'application/json' };
const open: Array<{ close(): unknown }> = [];

afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function listen<T extends Server | HttpServer>(srv: T): Promise<string> {
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  open.push({ close: () => new Promise((r) => srv.close(r)) });
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`;
}

/** A raw server that reads one request head and answers with `answer` (bytes, or a function). */
async function raw(answer: (s: Socket, n: number) => void): Promise<string> {
  const sockets = new Set<Socket>();
  let n = 0;
  const srv = createNetServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    let seen = Buffer.alloc(0);
    s.on('data', (d) => {
      seen = Buffer.concat([seen, d]);
      const end = seen.indexOf('\r\n\r\n');
      if (end === -1) return;
      const len = Number(/content-length: (\d+)/i.exec(seen.toString('latin1', 0, end))?.[1]);
      if (seen.length < end + 4 + len) return;
      seen = seen.subarray(end + 4 + len);
      answer(s, ++n);
    });
  });
  const url = await listen(srv);
  open.push({ close: () => sockets.forEach((s) => s.destroy()) });
  return url;
}

function sender(o: Partial<Parameters<typeof createBurstSender>[0]> = {}): Sender {
  const s = createBurstSender({ timeoutMs: 2000, connections: 2, ...o });
  open.push(s);
  return s;
}

function ok(r: SendResult): Extract<SendResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected a response, got ${r.failure} ${r.code}`);
  return r;
}

describe('burst sender', () => {
  it('reads content-length and chunked bodies and reuses one keep-alive connection', async () => {
    let connections = 0;
    const srv = createHttpServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (d: Buffer) => parts.push(d));
      req.on('end', () => {
        const got = Buffer.concat(parts).toString();
        if (req.url === '/hook?chunked') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('ab');
          res.write('cd');
          res.end(got);
        } else res.end(`len:${got}`);
      });
    });
    srv.on('connection', () => connections++);
    const url = await listen(srv);
    const s = sender({ connections: 1 });
    const a = ok(await s.send({ url, headers, body }));
    expect([a.status, a.body.toString(), a.truncated]).toEqual([200, 'len:{"id":"x"}', false]);
    const b = ok(await s.send({ url: `${url}?chunked`, headers, body }));
    expect([b.body.toString(), b.contentType]).toEqual(['abcd{"id":"x"}', 'text/plain']);
    for (let i = 0; i < 5; i++) ok(await s.send({ url, headers, body }));
    expect(connections).toBe(1);
  });

  it('a fixed pool: never more connections than --concurrency, requests queue for them', async () => {
    let connections = 0;
    const srv = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.end('ok'), 5));
    });
    srv.on('connection', () => connections++);
    const url = await listen(srv);
    const s = sender({ connections: 3 });
    const rs = await Promise.all(Array.from({ length: 30 }, () => s.send({ url, headers, body })));
    expect(rs.every((r) => r.ok && r.status === 200)).toBe(true);
    expect(connections).toBe(3);
  });

  it('Connection: close and unframed bodies end the connection; the next request opens one', async () => {
    const url = await raw((s, n) => {
      if (n === 1) s.end('HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 2\r\n\r\nhi');
      else s.end('HTTP/1.1 202 Accepted\r\n\r\nto the end');
    });
    const s = sender({ connections: 1 });
    expect(ok(await s.send({ url, headers, body })).body.toString()).toBe('hi');
    const b = ok(await s.send({ url, headers, body }));
    expect([b.status, b.body.toString()]).toEqual([202, 'to the end']);
    expect(ok(await s.send({ url, headers, body })).status).toBe(202);
  });

  it('skips 1xx heads and splits a response written a byte at a time', async () => {
    const url = await raw((s) => {
      const text =
        'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n' +
        '3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nx-trailer: 1\r\n\r\n';
      let i = 0;
      const drip = (): void => {
        if (i < text.length) s.write(text[i++]!, () => setImmediate(drip));
      };
      drip();
    });
    const r = ok(await sender().send({ url, headers, body }));
    expect([r.status, r.body.toString()]).toEqual([200, 'abcde']);
  });

  it('a reset mid-response is a failed delivery, sent once, and the next request reconnects', async () => {
    let requests = 0;
    const url = await raw((s, n) => {
      requests++;
      if (n === 1) {
        s.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial');
        setTimeout(() => s.resetAndDestroy(), 20);
      } else s.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
    });
    const s = sender({ connections: 1 });
    const r = await s.send({ url, headers, body });
    expect(r.ok ? 'response' : r.failure).toBe('reset');
    expect(requests).toBe(1);
    expect(ok(await s.send({ url, headers, body })).body.toString()).toBe('ok');
    expect(requests).toBe(2);
  });

  it('a slow or partial response hits the deadline as a timeout', async () => {
    const url = await raw((s, n) => {
      if (n === 1) s.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc');
    });
    const s = sender({ timeoutMs: 150, connections: 1 });
    const r = await s.send({ url, headers, body });
    expect(r.ok ? 'response' : [r.failure, r.code]).toEqual(['timeout', 'DEADLINE']);
    const silent = await s.send({ url, headers, body });
    expect(silent.ok ? 'response' : silent.failure).toBe('timeout');
  });

  it('reads at most the cap of an oversized body and drops the connection', async () => {
    let sent = 0;
    const url = await raw((s) => {
      s.write(`HTTP/1.1 200 OK\r\ncontent-length: ${100 * 1024 * 1024}\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = (): void => {
        while (sent < 100 * 1024 * 1024 && !s.destroyed) {
          sent += chunk.length;
          if (!s.write(chunk)) return void s.once('drain', pump);
        }
      };
      pump();
    });
    const r = ok(await sender().send({ url, headers, body }));
    expect([r.body.length, r.truncated]).toEqual([64 * 1024, true]);
    expect(sent).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses malformed framing: two content-lengths, content-length with chunked', async () => {
    const url = await raw((s, n) =>
      s.write(
        n === 1
          ? 'HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nab'
          : 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n',
      ),
    );
    const s = sender({ connections: 1 });
    for (let i = 0; i < 2; i++) {
      const r = await s.send({ url, headers, body });
      expect(r.ok).toBe(false);
    }
  });

  it('parses heads strictly on their bytes: status line, header names in any case', async () => {
    const cases: Array<[string, number | 'refused', string?]> = [
      ['HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok', 200],
      ['HTTP/1.1 200\r\nContent-LENGTH:  2 \r\n\r\nok', 200],
      ['HTTP/1.0 201 Created\r\nCONTENT-TYPE: text/x\r\ncontent-length: 0\r\n\r\n', 201, 'text/x'],
      ['HTTP/1.1 299 odd: reason\r\nx-colon:: y\r\ncontent-length: 0\r\n\r\n', 299],
      ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok', 'refused'],
      ['HTTP/1.1 200 OK\r\ncontent-length: 0x2\r\n\r\nok', 'refused'],
      ['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n', 'refused'],
      ['HTTP/1.2 200 OK\r\ncontent-length: 0\r\n\r\n', 'refused'],
      ['HTTP/2 200\r\ncontent-length: 0\r\n\r\n', 'refused'],
      ['HTTP/1.1 099 Low\r\ncontent-length: 0\r\n\r\n', 'refused'],
      ['HTTP/1.1 20 OK\r\ncontent-length: 0\r\n\r\n', 'refused'],
      ['HTTP/1.1 200OK\r\ncontent-length: 0\r\n\r\n', 'refused'],
      ['HTTP/1.1 200 O\rK\r\ncontent-length: 0\r\n\r\n', 'refused'],
      ['HTTP/1.1 200 O\nK\r\ncontent-length: 0\r\n\r\n', 'refused'],
      ['HTTP/1.1 101 Switching Protocols\r\nupgrade: x\r\n\r\n', 'refused'],
      ['HTTP/1.1 200 OK\r\nno-colon-here\r\ncontent-length: 0\r\n\r\n', 'refused'],
      ['HTTP/1.1 200 OK\r\n: no-name\r\ncontent-length: 0\r\n\r\n', 'refused'],
    ];
    const url = await raw((s, n) => s.write(cases[n - 1]![0]));
    for (const [, want, type] of cases) {
      const s = sender({ connections: 1 });
      const r = await s.send({ url, headers, body });
      if (want === 'refused') expect(r.ok).toBe(false);
      else {
        expect(ok(r).status).toBe(want);
        expect(ok(r).contentType).toBe(type);
      }
      await s.close();
    }
  });

  it('returns a redirect with its Location, never follows it', async () => {
    let hits = 0;
    const srv = createHttpServer((req, res) => {
      hits++;
      req.resume();
      res.writeHead(308, { location: '/elsewhere' });
      res.end();
    });
    const url = await listen(srv);
    const r = ok(await sender().send({ url, headers, body }));
    expect([r.status, r.location, hits]).toEqual([308, '/elsewhere', 1]);
  });

  it('refuses a metadata address, literal or resolved, with exit 4', async () => {
    const literal = await sender()
      .send({ url: 'http://169.254.169.254/latest', headers, body })
      .catch((e: unknown) => e);
    expect(isUserError(literal) && literal.exitCode).toBe(ExitCode.REFUSED);
    const lookup = ((_h: string, _o: unknown, cb: (e: null, a: unknown[]) => void) =>
      cb(null, [{ address: '169.254.169.254', family: 4 }])) as unknown as LookupFn;
    const resolved = await sender({ lookup })
      .send({ url: 'http://hooks.qwh-test.example/', headers, body })
      .catch((e: unknown) => e);
    expect(isUserError(resolved) && resolved.exitCode).toBe(ExitCode.REFUSED);
    expect((resolved as Error).message).toContain('169.254.169.254');
  });

  it('verifies TLS: the test CA via --ca-file is trusted, without it the send fails as tls', async () => {
    const [cert, key] = await Promise.all([
      readFile(join(tls, 'localhost-cert.pem')),
      readFile(join(tls, 'localhost-key.pem')),
    ]);
    const srv = createHttpsServer({ cert, key }, (req, res) => {
      req.resume();
      res.end('secure');
    });
    const url = (await listen(srv)).replace('http:', 'https:').replace('127.0.0.1', 'localhost');
    const lookup = ((_h: string, _o: unknown, cb: (e: null, a: unknown[]) => void) =>
      cb(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as LookupFn;
    const r = ok(await sender({ ca: cert, lookup }).send({ url, headers, body }));
    expect(r.body.toString()).toBe('secure');
    const bad = await sender({ lookup }).send({ url, headers, body });
    expect(bad.ok ? 'response' : bad.failure).toBe('tls');
  });

  it('parity: a burst against qwh listen verifies every signature with both senders', async () => {
    const suiteOnly = (): Sender => {
      throw new Error('a burst must be sent by createBurstSender');
    };
    for (const deps of [
      { createSender: suiteOnly, createBurstSender },
      { createSender: createHttpSender },
    ]) {
      const r = await startReceiver({ secret: 'parity-secret-1' });
      const report = await runEndpointChecks(
        {
          url: r.url,
          version: 2,
          secret: 'parity-secret-1',
          count: 300,
          concurrency: 8,
          timeoutMs: 5000,
          warnMs: 5000,
          seed: 3,
        },
        { ...deps, clock: performance, logger: silentLogger },
      );
      await r.close();
      expect(report.stats.statuses).toEqual({ '200': 300 });
      expect(r.stats).toMatchObject({ received: 300, accepted: 300, rejected: 0, duplicates: 0 });
    }
  });
});

import { connect } from 'node:net';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertAllowedTarget,
  createHttpSender,
  type LookupFn,
} from '../../src/adapters/http-sender.js';
import { startReceiver } from '../../src/adapters/local-receiver.js';
import { isUserError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { runEndpointChecks } from '../../src/services/endpoint-checks.js';
import type {
  EndpointPayload,
  EndpointReport,
  EndpointTarget,
} from '../../src/core/endpoint/report.js';
import { MESSAGES } from '../../src/messages/index.js';
import { silentLogger } from '../../src/ui/logger.js';
import { tempDir } from '../helpers/bin.js';

const clock = { now: () => performance.now() };

/** A DNS lookup that answers every name with one address (the real one is never asked). */
function fakeLookup(address: string, family: 4 | 6 = 4): LookupFn {
  const fn = (
    _h: string,
    _o: unknown,
    cb: (e: null, a: Array<{ address: string; family: number }>) => void,
  ) => cb(null, [{ address, family }]);
  return fn as unknown as LookupFn;
}

describe('runEndpointChecks with the real sender and receiver', () => {
  it('a name that resolves to a link-local address is refused with exit 4, before and during the send', async () => {
    const lookup = fakeLookup('169.254.169.254');
    const pre = await assertAllowedTarget('http://hooks.qwh-test.example/', lookup).catch(
      (e: unknown) => e,
    );
    expect(isUserError(pre) && pre.exitCode).toBe(ExitCode.REFUSED);
    expect((pre as Error).message).toContain('resolves to 169.254.169.254');
    const sender = createHttpSender({ timeoutMs: 2000, lookup });
    const during = await runEndpointChecks(
      { url: 'http://hooks.qwh-test.example/', version: 2, timeoutMs: 2000, warnMs: 5000 },
      { sender, clock, logger: silentLogger },
    ).catch((e: unknown) => e);
    await sender.close();
    expect(isUserError(during) && during.exitCode).toBe(ExitCode.REFUSED);
  });

  it('a name that resolves to loopback is allowed (local receivers in CI)', async () => {
    const r = await startReceiver({ secret: 'svc-secret-1' });
    const url = r.url.replace('127.0.0.1', 'receiver.qwh-test.example');
    const report = await runEndpointChecks(
      { url, version: 2, secret: 'svc-secret-1', timeoutMs: 5000, warnMs: 5000, seed: 9 },
      {
        createSender: (o) => createHttpSender({ ...o, lookup: fakeLookup('127.0.0.1') }),
        clock,
        logger: silentLogger,
      },
    );
    await r.close();
    expect(report.verdict).toBe('pass');
    expect(report.counts).toEqual({ pass: 8, fail: 0, warn: 0, skip: 3 });
  });

  it('burst with user payloads re-ids each delivery and signs what it sends', async () => {
    const t = await tempDir();
    const save = join(t.dir, 'saved.ndjson');
    const r = await startReceiver({ secret: 'svc-secret-2', savePath: save });
    const sample = await readFile(
      join(import.meta.dirname, '../../fixtures/payloads/v2/sample-seed-7.json'),
    );
    const payloads: EndpointPayload[] = [
      { bytes: sample, contentType: 'application/json', source: 'a.json', state: 'complete' },
    ];
    const progress: number[] = [];
    const report = await runEndpointChecks(
      {
        url: r.url,
        version: 2,
        secret: 'svc-secret-2',
        payloads,
        count: 50,
        concurrency: 5,
        timeoutMs: 5000,
        warnMs: 5000,
        seed: 1,
      },
      {
        createSender: createHttpSender,
        clock,
        logger: silentLogger,
        progress: (p) => progress.push(p.done),
      },
    );
    await r.close();
    expect(report.stats.statuses).toEqual({ '200': 50 });
    expect(progress.at(-1)).toBe(50);
    const ids = (await readFile(save, 'utf8'))
      .trim()
      .split('\n')
      // --save writes capture records (docs/migrate.md "Captures"): the body is base64.
      .map((l) => (JSON.parse(l) as { body: string }).body)
      .map((b) => (JSON.parse(Buffer.from(b, 'base64').toString('utf8')) as { id: string }).id);
    expect(new Set(ids).size).toBe(50);
    await t.cleanup();
  });
});

describe('http sender', () => {
  it('reads at most 64 KiB of a response and never follows a redirect', async () => {
    let served = 0;
    const srv = createServer((req, res) => {
      req.resume();
      if (req.url === '/redirect') {
        res.writeHead(308, { location: '/big' });
        res.end();
        return;
      }
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = (): void => {
        // Up to 100 MiB: the sender must stop long before.
        while (served < 100 * 1024 * 1024) {
          served += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    const sender = createHttpSender({ timeoutMs: 5000 });
    const big = await sender.send({ url: `${base}/big`, headers: {}, body: Buffer.from('{}') });
    const redirect = await sender.send({
      url: `${base}/redirect`,
      headers: {},
      body: Buffer.from('{}'),
    });
    await sender.close();
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
    expect(big.ok && big.truncated && big.body.length).toBe(64 * 1024);
    expect(served).toBeLessThan(100 * 1024 * 1024);
    expect(redirect.ok && [redirect.status, redirect.location]).toEqual([308, '/big']);
  });
});

describe('local receiver hardening', () => {
  it('closes a connection that never finishes its headers, and keeps serving others', async () => {
    const r = await startReceiver({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const sock = connect(r.port, '127.0.0.1');
    sock.write('POST / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const closed = new Promise<string>((resolve) => {
      let data = '';
      sock.on('data', (b: Buffer) => (data += b.toString()));
      sock.on('close', () => resolve(data));
    });
    const health = await new Promise<number>((resolve) =>
      httpRequest(r.url, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).end(),
    );
    expect(health).toBe(200);
    const answer = await closed;
    expect(
      answer === '' || answer.startsWith('HTTP/1.1 408') || answer.startsWith('HTTP/1.1 400'),
    ).toBe(true);
    await r.close();
  });

  it('a chunked body over 1 MiB gets 413 and the connection is closed, without reading it all', async () => {
    const r = await startReceiver();
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        r.url,
        { method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        // Keep sending up to 64 MiB; the receiver must answer long before that.
        while (sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(r.stats.rejected).toBe(1);
    await r.close();
  });
});

// Check-suite grading in-process: real loopback receivers that misbehave, the real sender, and
// short injected deadlines instead of the CLI's defaults. The spawned bin keeps only the exit
// code contracts (test/e2e/endpoint.test.ts, test/reliability/endpoint-faults.test.ts).
describe('check-suite grading against misbehaving receivers (in-process)', () => {
  const E = MESSAGES.endpoint;
  const SECRET = 'whsec-inproc-Secret-0042';
  const AUTH = 'Bearer inproc-auth-token-7731';
  const full = { secret: SECRET, authHeader: { name: 'Authorization', value: AUTH } };
  const status = (r: EndpointReport, id: string): string | undefined =>
    r.checks.find((c) => c.id === id)?.status;
  const reason = (r: EndpointReport, id: string): string =>
    r.checks.find((c) => c.id === id)?.reason ?? '';

  async function server(
    handler: (req: IncomingMessage, res: ServerResponse) => void,
    keepAliveTimeout?: number,
  ): Promise<{ url: string; close: () => Promise<void> }> {
    const srv = createServer(handler);
    if (keepAliveTimeout !== undefined) srv.keepAliveTimeout = keepAliveTimeout;
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    return {
      url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`,
      close: () =>
        new Promise((r) => {
          srv.closeAllConnections();
          srv.close(() => r());
        }),
    };
  }

  async function check(
    url: string,
    t: Partial<EndpointTarget> = {},
    withSecrets = true,
  ): Promise<EndpointReport> {
    const report = await runEndpointChecks(
      {
        url,
        version: 2,
        timeoutMs: 2000,
        warnMs: 5000,
        seed: 4,
        ...(withSecrets ? full : {}),
        ...t,
      },
      { createSender: createHttpSender, clock, logger: silentLogger },
    );
    const text = JSON.stringify(report);
    for (const s of [SECRET, AUTH, 'inproc-auth-token-7731']) expect(text).not.toContain(s);
    return report;
  }

  it('500 to everything: accepts FAIL (server error), forged FAIL (5xx is retried)', async () => {
    const s = await server((req, res) => {
      req.resume();
      res.statusCode = 500;
      res.end('boom');
    });
    const r = await check(s.url);
    await s.close();
    expect(r.verdict).toBe('fail');
    expect(reason(r, 'accepts-complete')).toBe(E.serverError(500, E.complete));
    expect(reason(r, 'rejects-wrong-secret')).toBe(E.forgedServerError(500));
    expect(status(r, 'no-redirect')).toBe('pass');
    expect(r.stats.statuses).toEqual({ '500': 8 }); // the duplicate's repeat is not sent
  });

  it('redirects: never followed; no-redirect FAIL, accepts FAIL, the Location token masked', async () => {
    let hits = 0;
    const s = await server((req, res) => {
      hits++;
      req.resume();
      res.writeHead(302, { location: '/elsewhere?token=leak-me-123' });
      res.end();
    });
    const r = await check(s.url);
    await s.close();
    expect(r.verdict).toBe('fail');
    expect(status(r, 'no-redirect')).toBe('fail');
    expect(reason(r, 'accepts-complete')).toContain('302');
    expect(reason(r, 'accepts-complete')).toContain('never follows');
    expect(status(r, 'rejects-wrong-secret')).toBe('fail');
    expect(hits).toBe(r.stats.deliveries); // nothing was followed
    expect(JSON.stringify(r)).not.toContain('leak-me-123');
  });

  it('hangs past the deadline: no answer at all, unreachable, latency SKIP', async () => {
    const s = await server(() => {
      // never answers
    });
    const r = await check(s.url, { timeoutMs: 300 });
    await s.close();
    expect(r.verdict).toBe('unreachable');
    expect(reason(r, 'accepts-complete')).toBe(E.noResponse(E.failure.timeout(300)));
    expect(status(r, 'latency')).toBe('skip');
  });

  it('trickles the body forever (a byte every 50 ms): the overall deadline fires', async () => {
    const timers = new Set<NodeJS.Timeout>();
    const s = await server((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200);
        const t = setInterval(() => res.write(' '), 50);
        timers.add(t);
        res.on('close', () => clearInterval(t));
      });
    });
    const r = await check(s.url, { checks: ['accepts-complete'], timeoutMs: 400 });
    for (const t of timers) clearInterval(t);
    await s.close();
    expect(r.verdict).toBe('unreachable');
    expect(reason(r, 'accepts-complete')).toBe(E.noResponse(E.failure.timeout(400)));
  });

  it('resets the connection: unreachable, "connection reset"', async () => {
    const s = await server((req) => req.socket.destroy());
    const r = await check(s.url);
    await s.close();
    expect(r.verdict).toBe('unreachable');
    expect(reason(r, 'accepts-complete')).toBe(E.noResponse(E.failure.reset));
  });

  it('answers 200 slowly: accepted within the deadline, latency WARN, verdict pass', async () => {
    const s = await server((req, res) => {
      req.resume();
      const timer = setTimeout(() => res.end('late'), 150);
      res.on('close', () => clearTimeout(timer));
    });
    // No secret or auth header here: this receiver checks nothing, only its speed is judged.
    const r = await check(s.url, { warnMs: 100, concurrency: 16 }, false);
    await s.close();
    expect(status(r, 'accepts-complete')).toBe('pass');
    expect(status(r, 'duplicate-delivery')).toBe('pass');
    expect(status(r, 'latency')).toBe('warn');
    expect(reason(r, 'latency')).toMatch(/^p95 \d+(\.\d)? ms is over 100 ms/);
    expect(r.verdict).toBe('pass');
  });

  it('sends a 100 MB response: qwh reads 64 KiB and drops the connection; the check passes', async () => {
    let written = 0;
    let aborted = 0;
    let closed: () => void = () => {};
    const responseClosed = new Promise<void>((r) => (closed = r));
    const s = await server((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = (): void => {
          while (written < 100 * 1024 * 1024) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => {
          if (!res.writableFinished) aborted++;
          closed();
        });
        pump();
      });
    });
    const r = await check(s.url, { checks: ['accepts-complete'], timeoutMs: 5000 });
    await responseClosed; // the sender is closed once the run ends, which drops the connection
    await s.close();
    expect(r.verdict).toBe('pass');
    expect(status(r, 'accepts-complete')).toBe('pass');
    // qwh stopped reading: the server could not push the 100 MB (socket buffers hold a few MB).
    expect(aborted).toBe(1);
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });

  it('closes keep-alive connections right after each answer: a burst still gets every delivery through', async () => {
    const s = await server((req, res) => {
      req.resume();
      req.on('end', () => {
        res.end('{"ok":true}');
        // Drop the socket without "Connection: close", as a proxy with a short idle timeout does.
        res.on('finish', () => setTimeout(() => req.socket.destroy(), 5));
      });
    }, 1);
    const r = await check(s.url, { count: 60, concurrency: 4, timeoutMs: 3000 });
    await s.close();
    expect(r.stats.statuses).toEqual({ '200': 60 });
    expect(status(r, 'burst')).toBe('pass');
    expect(r.verdict).toBe('pass');
  });
});

describe('JUnit time: measured per check with the injected clock (#16)', () => {
  it('every check that sent something has durationMs from the clock; JUnit carries it as time', async () => {
    const { renderEndpointJunit } = await import('../../src/ui/reporters/endpoint-junit.js');
    const r = await startReceiver({});
    // A clock that advances 250 ms per reading: durations are exact multiples, not wall time.
    let t = 0;
    const stepping = { now: () => (t += 250) };
    try {
      const report = await runEndpointChecks(
        { url: r.url, version: 2, timeoutMs: 2000, warnMs: 5000, seed: 4 },
        { createSender: createHttpSender, clock: stepping, logger: silentLogger },
      );
      const sent = report.checks.find((c) => c.id === 'accepts-complete')!;
      expect(sent.durationMs).toBeGreaterThan(0);
      expect(sent.durationMs! % 250).toBe(0);
      const xml = renderEndpointJunit(report);
      expect(xml).toContain(
        `name="accepts-complete" time="${(sent.durationMs! / 1000).toFixed(3)}"`,
      );
      expect(xml).not.toMatch(/name="accepts-complete" time="0(\.000)?"/);
    } finally {
      await r.close();
    }
  });
});

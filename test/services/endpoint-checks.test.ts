import { connect } from 'node:net';
import { createServer, request as httpRequest } from 'node:http';
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
import type { EndpointPayload } from '../../src/core/endpoint/report.js';
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
    expect(report.counts).toEqual({ pass: 8, fail: 0, warn: 0, skip: 2 });
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
      .map((l) => (JSON.parse(l) as { id: string }).id);
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

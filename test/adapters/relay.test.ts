import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type DeliveryEvent } from '../../src/adapters/local-receiver.js';
import { createRelay } from '../../src/adapters/relay.js';
import { parseCapture } from '../../src/core/migrate/captures.js';
import { generateSample } from '../../src/core/sample/generate.js';
import { signBody } from '../../src/core/signing.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qwh-relay-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** A receiver behind the relay that answers as told (or never). */
async function backend(
  answer: (res: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const tls = join(import.meta.dirname, '../../fixtures/tls');

describe('the relay in process (receiver + adapters/relay.ts)', () => {
  it('forwards to an HTTPS receiver of a private CA given with --ca-file; without it, 502 (tls)', async () => {
    const [cert, key] = await Promise.all([
      readFile(join(tls, 'localhost-cert.pem')),
      readFile(join(tls, 'localhost-key.pem')),
    ]);
    const srv = createHttpsServer({ cert, key }, (req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(201).end());
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const url = `https://localhost:${(srv.address() as AddressInfo).port}/hook`;
    const body = JSON.stringify(generateSample(5).v2);
    const through = async (ca?: Buffer) => {
      const relay = await createRelay({ forwardTo: url, timeoutMs: 3_000, ...(ca ? { ca } : {}) });
      const events: DeliveryEvent[] = [];
      const r = await startReceiver({ relay: relay.hook, onEvent: (e) => events.push(e) });
      const res = await fetch(r.url, { method: 'POST', body });
      await r.close();
      await relay.close();
      return { status: res.status, failure: events[0]?.forward?.failure };
    };
    try {
      expect(await through(cert)).toEqual({ status: 201, failure: undefined });
      expect(await through()).toEqual({ status: 502, failure: 'tls' });
    } finally {
      srv.closeAllConnections();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });

  it('a receiver that does not answer in --forward-timeout gives 504, recorded with that status', async () => {
    const slow = await backend(() => {}); // never answers
    const save = join(dir, 'c.ndjson');
    const relay = await createRelay({ forwardTo: slow.url, timeoutMs: 300, savePath: save });
    const events: DeliveryEvent[] = [];
    const r = await startReceiver({ relay: relay.hook, onEvent: (e) => events.push(e) });
    const body = JSON.stringify(generateSample(3).v2);
    const res = await fetch(r.url, { method: 'POST', body });
    await r.close();
    await relay.close();
    await slow.close();
    expect(res.status).toBe(504);
    expect(events[0]?.forward?.failure).toBe('timeout');
    const line = (await readFile(save, 'utf8')).trim();
    const d = parseCapture(Buffer.from(line), 'c.ndjson:1');
    expect(typeof d).not.toBe('string');
    expect(JSON.parse(line)).toMatchObject({ status: 504 });
    expect(relay.saved()).toBe(1);
  });

  it('the sender gets the receiver status and a bounded body (8 KiB), its content type too', async () => {
    const big = await backend((res) => {
      res.writeHead(418, { 'content-type': 'text/plain' });
      res.end('x'.repeat(100_000));
    });
    const relay = await createRelay({ forwardTo: big.url, timeoutMs: 2000 });
    const r = await startReceiver({ relay: relay.hook });
    const res = await fetch(r.url, { method: 'POST', body: '{"id":"x"}' });
    const text = await res.text();
    await r.close();
    await relay.close();
    await big.close();
    expect(res.status).toBe(418);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(text.length).toBe(8 * 1024);
  });

  it('the receiver accepts a delivery signed with the previous secret and says so', async () => {
    const events: DeliveryEvent[] = [];
    const r = await startReceiver({
      secret: 'new-1',
      previousSecret: 'old-1',
      onEvent: (e) => events.push(e),
    });
    const body = JSON.stringify(generateSample(5).v2);
    const old = await fetch(r.url, {
      method: 'POST',
      body,
      headers: { 'x-qualifio-signature': signBody('old-1', Buffer.from(body)) },
    });
    const other = await fetch(r.url, {
      method: 'POST',
      body: JSON.stringify(generateSample(6).v2),
      headers: { 'x-qualifio-signature': signBody('neither', Buffer.from(body)) },
    });
    await r.close();
    expect(old.status).toBe(200);
    expect(events[0]).toMatchObject({ result: 'accepted', secret: 'previous' });
    expect(other.status).toBe(401);
  });
});

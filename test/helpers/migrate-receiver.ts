import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/core/signing.js';

/** How a test receiver answers: properly, always 500, or never (a slow receiver). */
export type ReceiverMode = 'ok' | 'error500' | 'hang';

/** One route of the test receiver: where its secret lives and which credentials it wants. */
export interface Route {
  /** Path of the secret file, read at each request (qwh writes it during apply). */
  secretFile: () => string;
  authorization?: string;
  token?: string;
}

export interface TestReceiver {
  port: number;
  mode: ReceiverMode;
  /** Requests received, by path. */
  hits: Map<string, number>;
  /** Resolves when the first request arrives (for "kill while verification waits"). */
  firstRequest: Promise<void>;
  close(): Promise<void>;
}

/**
 * A receiver that behaves like a careful 2.0 endpoint: 401 without the right auth header, token
 * or signature (checked with src/core/signing.ts against the secret file qwh wrote), else 200.
 */
export async function startTestReceiver(routes: Record<string, Route>): Promise<TestReceiver> {
  const hits = new Map<string, number>();
  let signalFirst: () => void = () => {};
  const firstRequest = new Promise<void>((r) => (signalFirst = r));
  const state: TestReceiver = {
    port: 0,
    mode: 'ok',
    hits,
    firstRequest,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
      signalFirst();
      if (state.mode === 'hang') return; // never answers
      if (state.mode === 'error500') {
        res.writeHead(500).end('boom');
        return;
      }
      const route = routes[url.pathname];
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      if (route.authorization && req.headers.authorization !== route.authorization) {
        res.writeHead(401).end('auth');
        return;
      }
      if (route.token && url.searchParams.get('token') !== route.token) {
        res.writeHead(401).end('token');
        return;
      }
      let secret: string;
      try {
        secret = readFileSync(route.secretFile(), 'utf8').replace(/\n$/, '');
      } catch {
        res.writeHead(500).end('no secret yet');
        return;
      }
      const sig = req.headers['x-qualifio-signature'];
      const check = verifySignature(
        secret,
        Buffer.concat(chunks),
        typeof sig === 'string' ? sig : undefined,
      );
      if (!check.ok) {
        res.writeHead(401).end('signature');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.port = (server.address() as AddressInfo).port;
  state.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}

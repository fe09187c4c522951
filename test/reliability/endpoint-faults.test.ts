import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { runQwh, tempDir, type RunResult } from '../helpers/bin.js';

// `qwh test-endpoint` against receivers that misbehave at the socket level. Cases proven
// elsewhere are named in docs/reliability.md (refused, hangs before headers, 3xx, 5xx, TLS with
// an untrusted certificate: test/e2e/endpoint.test.ts). The grading of the other hostile
// receivers (trickled body, 100 MB response, keep-alive dropped after each answer) runs
// in-process: test/services/endpoint-checks.test.ts. The bin keeps exit 3, 1 and 4 here.

const E = MESSAGES.endpoint;
const SECRET = 'whsec-reliab-sending-5521';
const env = { QWH_R_SECRET: SECRET };
const SPY = join(import.meta.dirname, 'support/net-spy.mjs');

interface Report {
  verdict: string;
  checks: Array<{ id: string; status: string; reason: string }>;
  stats: { deliveries: number; statuses: Record<string, number> };
}
const reason = (r: Report, id: string): string => r.checks.find((c) => c.id === id)?.reason ?? '';
const status = (r: Report, id: string): string | undefined =>
  r.checks.find((c) => c.id === id)?.status;

async function server(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: { keepAliveTimeout?: number } = {},
): Promise<{ url: string; srv: Server; close: () => Promise<void> }> {
  const srv = createServer(handler);
  if (options.keepAliveTimeout !== undefined) srv.keepAliveTimeout = options.keepAliveTimeout;
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`,
    srv,
    close: () =>
      new Promise((r) => {
        srv.closeAllConnections();
        srv.close(() => r());
      }),
  };
}

async function run(url: string, extra: string[]): Promise<RunResult & { doc: Report }> {
  const r = await runQwh(
    ['test-endpoint', url, '--secret-env', 'QWH_R_SECRET', '--json', ...extra],
    {
      env,
    },
  );
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const t of [r.stdout, r.stderr]) expect(t).not.toContain(SECRET);
  return { ...r, doc: JSON.parse(r.stdout) as Report };
}

const readBody = (req: IncomingMessage, then: () => void): void => {
  req.resume();
  req.on('end', then);
};

describe('qwh test-endpoint against hostile receivers', () => {
  it('resets the connection mid-response (headers and half a body): "connection reset", exit 3', async () => {
    const s = await server((req, res) =>
      readBody(req, () => {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('{"ok":tr');
        setTimeout(() => res.socket?.destroy(), 20);
      }),
    );
    const r = await run(s.url, ['--checks', 'accepts-complete', '--timeout', '1500']);
    await s.close();
    expect(r.code).toBe(3);
    expect(reason(r.doc, 'accepts-complete')).toBe(E.noResponse(E.failure.reset));
  });

  it('answers 4xx to everything: valid deliveries FAIL (rejected), forged ones PASS, exit 1', async () => {
    const s = await server((req, res) => readBody(req, () => res.writeHead(400).end('no')));
    const r = await run(s.url, [
      '--checks',
      'accepts-complete,rejects-wrong-secret,rejects-tampered-body',
      '--timeout',
      '1500',
    ]);
    await s.close();
    expect(r.code).toBe(1);
    expect(status(r.doc, 'accepts-complete')).toBe('fail');
    expect(reason(r.doc, 'accepts-complete')).toContain('400');
    expect(status(r.doc, 'rejects-wrong-secret')).toBe('pass');
    expect(status(r.doc, 'rejects-tampered-body')).toBe('pass');
  });
});

describe('qwh test-endpoint never sends to a metadata address', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    t = await tempDir();
  });
  afterAll(async () => t.cleanup());

  /** A TCP listener that counts connections: proof that nothing reached it. */
  async function trap(): Promise<{ port: number; hits: () => number; close: () => Promise<void> }> {
    let hits = 0;
    const sockets = new Set<Socket>();
    const srv = createNetServer((sock) => {
      hits++;
      sockets.add(sock);
      sock.destroy();
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    return {
      port: (srv.address() as AddressInfo).port,
      hits: () => hits,
      close: () => new Promise((r) => srv.close(() => r())),
    };
  }

  it('the IP literal 169.254.169.254: refused (exit 4) before any connection is attempted', async () => {
    const log = join(t.dir, 'net-literal.log');
    const r = await runQwh(['test-endpoint', 'http://169.254.169.254/latest/meta-data/'], {
      env: { NODE_OPTIONS: `--import=${SPY}`, QWH_TEST_NET_LOG: log },
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      E.blocked('169.254.169.254', 'a link-local address (169.254.0.0/16, cloud metadata)'),
    );
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  });

  it('a name resolving to 169.254.169.254 (and to a live local port): refused (exit 4), nothing connects', async () => {
    const tr = await trap();
    const log = join(t.dir, 'net-name.log');
    const r = await runQwh(['test-endpoint', `http://hooks.rebind.test:${tr.port}/hook`], {
      env: {
        NODE_OPTIONS: `--import=${SPY}`,
        QWH_TEST_NET_LOG: log,
        QWH_TEST_FAKE_DNS: JSON.stringify({
          'hooks.rebind.test': ['127.0.0.1', '169.254.169.254'],
        }),
      },
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      'refusing to send to hooks.rebind.test: it resolves to 169.254.169.254',
    );
    expect(tr.hits()).toBe(0);
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
    // Control: the same spy and trap do see a connection when the name is harmless.
    const ok = await runQwh(
      ['test-endpoint', `http://hooks.rebind.test:${tr.port}/hook`, '--checks', 'accepts-complete'],
      {
        env: {
          NODE_OPTIONS: `--import=${SPY}`,
          QWH_TEST_NET_LOG: log,
          QWH_TEST_FAKE_DNS: JSON.stringify({ 'hooks.rebind.test': ['127.0.0.1'] }),
        },
      },
    );
    await tr.close();
    expect(ok.code).toBe(3); // the trap hangs up: reset, but it was reached
    expect(tr.hits()).toBeGreaterThan(0);
    expect(readFileSync(log, 'utf8')).toContain(String(tr.port));
  });
});

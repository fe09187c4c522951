import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startReceiver } from '../../src/adapters/local-receiver.js';
import { generateSample } from '../../src/core/sample/generate.js';

// #17 item 11: connections that sent nothing used to fill listen's connection cap and lock every
// sender out until they timed out (2 000 idle connections: 10 s). At the cap, the oldest idle
// connection now makes room. The headers timeout is set far beyond the test's own timeout, so
// only eviction can let the delivery through.

function openIdle(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', () => {});
    s.once('error', reject);
  });
}

describe('idle connections at the cap', () => {
  it('a delivery gets through after the cap is filled with connections that send nothing', async () => {
    // The default cap (2 000), as `qwh listen` runs.
    const r = await startReceiver({ headersTimeoutMs: 120_000, requestTimeoutMs: 120_000 });
    const idle: Socket[] = [];
    try {
      for (let i = 0; i < 2_000; i++) idle.push(await openIdle(r.port));
      const res = await fetch(r.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(generateSample(7).v2),
      });
      expect(res.status).toBe(200);
    } finally {
      for (const s of idle) s.destroy();
      await r.close();
    }
  }, 30_000);

  it('busy connections are never evicted; one whose answer went out is', async () => {
    // Answers held back by a relay hook keep their connections busy.
    const release: Array<() => void> = [];
    const r = await startReceiver({
      maxConnections: 2,
      relay: () =>
        new Promise((resolve) =>
          release.push(() =>
            resolve({ status: 200, body: Buffer.from('ok'), forward: { status: 200, ms: 0 } }),
          ),
        ),
    });
    const send = (): Promise<string> =>
      new Promise((resolve) => {
        const s = connect(r.port, '127.0.0.1', () =>
          s.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}'),
        );
        let got = '';
        s.on('data', (d) => {
          got += String(d);
          if (got.endsWith('ok')) resolve(got.split(' ')[1] ?? '');
        });
        s.on('error', () => resolve('reset'));
        s.on('close', () => resolve(got ? (got.split(' ')[1] ?? '') : 'closed'));
      });
    try {
      const first = send();
      const second = send();
      while (release.length < 2) await new Promise((ok) => setTimeout(ok, 10));
      // Both connections wait on their answers: a third sender is the one dropped.
      expect(await send()).toBe('closed');
      release.shift()?.();
      expect(await first).toBe('200');
      // The first connection is idle now (kept alive): it makes room for the next sender.
      const fourth = send();
      while (release.length < 2) await new Promise((ok) => setTimeout(ok, 10));
      release.splice(0).forEach((go) => go());
      expect(await second).toBe('200');
      expect(await fourth).toBe('200');
    } finally {
      release.splice(0).forEach((go) => go());
      await r.close();
    }
  }, 30_000);
});

import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../src/core/sample/generate.js';
import { signBody } from '../../src/core/signing.js';
import { MESSAGES } from '../../src/messages/index.js';
import { tempDir } from '../helpers/bin.js';
import { post, savedIds, spawnListen, type Answer, type Listening } from '../helpers/listen.js';

// `qwh listen` under hostile clients. Each case proves the receiver keeps serving: a valid,
// signed delivery is accepted while the bad clients are still attached.

const R = MESSAGES.listen.reasons;
const SECRET = 'whsec-reliab-listen-8810';

let seed = 100;
/** A valid, signed 2.0 delivery with a fresh participation id. */
function deliver(
  url: string,
  body = Buffer.from(JSON.stringify(generateSample(seed++).v2)),
): Promise<Answer> {
  return post(url, body, {
    'content-type': 'application/json',
    'x-qualifio-signature': signBody(SECRET, body),
  });
}

/** Raw sockets that send part of a request, then a byte now and then (slowloris). */
function slowClients(
  url: string,
  n: number,
  start: string,
): { sockets: Socket[]; stop: () => void } {
  const { port } = new URL(url);
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i++) {
    const s = connect(Number(port), '127.0.0.1', () => s.write(start));
    s.on('error', () => {});
    sockets.push(s);
  }
  const drip = setInterval(() => {
    for (const s of sockets) if (!s.destroyed) s.write('a');
  }, 300);
  return {
    sockets,
    stop: () => {
      clearInterval(drip);
      for (const s of sockets) s.destroy();
    },
  };
}

describe('qwh listen under hostile clients', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  let l: Listening;
  const save = (): string => join(t.dir, 'saved.ndjson');
  beforeAll(async () => {
    t = await tempDir();
    l = await spawnListen(['--secret-env', 'QWH_R_SECRET', '--save', save()], {
      QWH_R_SECRET: SECRET,
    });
  });
  afterAll(async () => {
    await l.stop();
    await t.cleanup();
  });

  it('slowloris: 50 clients dripping headers and 50 dripping a body; a valid delivery is still accepted', async () => {
    const headers = slowClients(l.url, 50, 'POST / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const bodies = slowClients(
      l.url,
      50,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a":"',
    );
    try {
      await new Promise((r) => setTimeout(r, 700)); // they are attached and dripping
      const ok = await deliver(l.url);
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body)).toMatchObject({ ok: true, duplicate: false });
      expect([...headers.sockets, ...bodies.sockets].filter((s) => !s.destroyed)).toHaveLength(100);
    } finally {
      headers.stop();
      bodies.stop();
    }
  });

  it('a 50 MB body: 413 after at most 1 MiB, never buffered (the sender cannot push it all); others still served', async () => {
    const { port } = new URL(l.url);
    const sock = connect(Number(port), '127.0.0.1');
    sock.on('error', () => {});
    let answer = '';
    sock.on('data', (b: Buffer) => (answer += b.toString()));
    const closed = new Promise<void>((r) => sock.on('close', () => r()));
    sock.write(
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const frame = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    ]);
    let sent = 0;
    await new Promise<void>((resolve) => {
      const pump = (): void => {
        while (sent < 50 * 1024 * 1024 && !sock.destroyed) {
          sent += chunk.length;
          if (!sock.write(frame)) return void sock.once('drain', pump);
        }
        resolve();
      };
      sock.on('close', () => resolve());
      pump();
    });
    const ok = await deliver(l.url); // served while the big upload is attached or just cut
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain(R.tooLarge(1024 * 1024));
    expect(sock.bytesWritten).toBeLessThan(50 * 1024 * 1024);
    expect(ok.status).toBe(200);
  });

  it('malformed JSON, invalid UTF-8, 100 000 levels, a UTF-16 body: 400 each, the receiver unharmed', async () => {
    const sign = (b: Buffer): Record<string, string> => ({
      'content-type': 'application/json',
      'x-qualifio-signature': signBody(SECRET, b),
    });
    const cases: Array<[Buffer, string]> = [
      [Buffer.from('{"id": "A", '), R.notJson],
      [Buffer.from([0x7b, 0x22, 0x69, 0xff, 0xfe, 0x22, 0x7d]), R.notJson],
      [
        Buffer.from('{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}'),
        R.structure('nesting deeper than 64 levels'),
      ],
      [Buffer.from('\ufeff{"a":1}', 'utf16le'), R.notJson],
    ];
    for (const [body, why] of cases) {
      const a = await post(l.url, body, sign(body));
      expect(a.status, why).toBe(400);
      expect(JSON.parse(a.body)).toEqual({ ok: false, error: why });
    }
    expect((await deliver(l.url)).status).toBe(200);
  });

  it('1 000 concurrent connections held open: a valid delivery is still accepted', async () => {
    const { port } = new URL(l.url);
    const sockets = await Promise.all(
      Array.from(
        { length: 1000 },
        () =>
          new Promise<Socket>((resolve, reject) => {
            const s = connect(Number(port), '127.0.0.1', () => resolve(s));
            s.on('error', reject);
          }),
      ),
    );
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(l.url)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(sockets.filter((s) => !s.destroyed)).toHaveLength(1000);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });

  it('duplicate ids: a replay is answered 200 "duplicate" and saved once', async () => {
    const body = Buffer.from(JSON.stringify(generateSample(9_999).v2));
    const first = await deliver(l.url, body);
    const replays = await Promise.all([1, 2, 3].map(() => deliver(l.url, body)));
    expect(JSON.parse(first.body)).toMatchObject({ ok: true, duplicate: false });
    for (const r of replays)
      expect(JSON.parse(r.body)).toMatchObject({ ok: true, duplicate: true });
    const id = generateSample(9_999).v2.id;
    const stopped = await l.stop();
    expect(stopped.code).toBe(0);
    const saved = savedIds(readFileSync(save(), 'utf8'));
    expect(saved.filter((x) => x === id)).toHaveLength(1);
    expect(saved).toHaveLength(new Set(saved).size);
    for (const text of [stopped.stdout, stopped.stderr, readFileSync(save(), 'utf8')])
      expect(text).not.toContain(SECRET);
  });
});

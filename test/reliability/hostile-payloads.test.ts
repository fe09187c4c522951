import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../src/adapters/local-receiver.js';
import { generateSample } from '../../src/core/sample/generate.js';
import { runQwh, tempDir } from '../helpers/bin.js';
import { HOSTILE_PAYLOADS, withTail } from '../helpers/hostile-payloads.js';

// The spawned contract of hostile PAYLOADS: `qwh diff-payload` and `qwh test-endpoint --payload`
// print one `error:` line naming the file, no stack trace, exit 2, and test-endpoint sends
// nothing. Every hostile case through both readers is proved in-process:
// test/adapters/hostile-payloads.test.ts. Here too, each case as a `qwh listen` body
// (in-process receiver on a real socket).

const deep = HOSTILE_PAYLOADS.find((c) => c.name === 'deep nesting (100 000 levels)')!;

/** stderr as the user sees it: one `error:` line, then hints only. */
function expectOneLineError(stderr: string, first: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(first);
  expect(lines.filter((l) => l.startsWith('error: '))).toHaveLength(1);
  expect(lines.slice(1).every((l) => l.startsWith('hint: '))).toBe(true);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('hostile payloads, spawned: diff-payload and test-endpoint --payload', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  let srv: Server;
  let url: string;
  const received: Buffer[] = [];
  beforeAll(async () => {
    t = await tempDir();
    await writeFile(join(t.dir, 'v1.json'), JSON.stringify(generateSample(5).v1));
    await writeFile(join(t.dir, 'deep.json'), deep.make());
    srv = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(Buffer.concat(chunks));
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
    await t.cleanup();
  });

  it('diff-payload: 100 000 levels of nesting is exit 2, one line naming the file', async () => {
    const r = await runQwh(['diff-payload', 'v1.json', 'deep.json', '--format', 'json'], {
      cwd: t.dir,
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, /^error: deep\.json: nesting deeper than 64 levels$/);
  });

  it('test-endpoint --payload: the same file is exit 2, one line, and nothing is sent', async () => {
    const r = await runQwh(
      ['test-endpoint', url, '--payload', 'deep.json', '--checks', 'accepts-complete'],
      { cwd: t.dir },
    );
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /^error: deep\.json: .*nesting deeper than 64 levels/);
    expect(received).toEqual([]);
  });
});

describe('hostile payloads as qwh listen bodies (in-process receiver)', () => {
  it('every case: the right answer, and Object.prototype untouched', async () => {
    const r = await startReceiver({ port: 0 });
    try {
      for (const c of HOSTILE_PAYLOADS) {
        let body = Buffer.from(c.make());
        // Over the 1 MiB cap the answer is 413 (proven in listen-faults); judge the content here
        // (a quarter of a million array items: the same item bound, inside the body cap).
        if (c.name === 'more keys than the bound')
          body = Buffer.from(withTail(`"x":[${Array(250_000).fill(0).join(',')}]`));
        expect(body.length, c.name).toBeLessThanOrEqual(1024 * 1024);
        const res = await fetch(r.url, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        });
        await res.text();
        expect(res.status, c.name).toBe(c.listen);
      }
    } finally {
      await r.close();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

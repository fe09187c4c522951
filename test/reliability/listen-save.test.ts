import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../src/core/sample/generate.js';
import { signBody } from '../../src/core/signing.js';
import { BIN, runQwh, tempDir } from '../helpers/bin.js';
import { post, savedIds } from '../helpers/listen.js';

// Issue 17 #8: `listen --save` on a full disk answered 200 for deliveries it never stored (then
// crashed), and `--save FIFO` hung at start and ignored SIGTERM. A delivery is acknowledged only
// once stored (503 otherwise, so the sender retries); a FIFO, device or folder is refused (exit 2).

const SECRET = 'whsec-reliab-save-55120';
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('qwh-save-')));
afterAll(() => cleanup());

function deliver(url: string, seed: number, pad = 0): Promise<{ status: number; body: string }> {
  const v2 = generateSample(seed).v2 as Record<string, unknown>;
  const body = Buffer.from(JSON.stringify(pad ? { ...v2, pad: 'x'.repeat(pad) } : v2));
  return post(url, body, {
    'content-type': 'application/json',
    'x-qualifio-signature': signBody(SECRET, body),
  });
}

/** `listen --save FILE` under a 64 KiB file-size limit (SIGXFSZ ignored: writes fail with EFBIG). */
function limitedListen(save: string, extra: string[] = []) {
  const child = spawn(
    'bash',
    [
      '-c',
      `trap '' XFSZ; ulimit -f 64; exec "$@"`,
      'qwh',
      process.execPath,
      BIN,
      'listen',
      '--json',
      '--save',
      save,
      '--secret-env',
      'S',
      ...extra,
    ],
    {
      env: { ...process.env, CI: '', NO_COLOR: '1', S: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((r) =>
    child.on('close', (code) => r({ code, stdout, stderr })),
  );
  const url = new Promise<string>((resolve) =>
    child.stdout.on('data', (b: Buffer) => {
      const first = stdout === '';
      stdout += b.toString();
      if (first) resolve((JSON.parse(stdout.split('\n')[0]!) as { url: string }).url);
    }),
  );
  const failed = exited.then((r) => {
    throw new Error(`listen exited ${r.code} before it was ready: ${r.stderr}`);
  });
  return { url: Promise.race([url, failed]), exited, kill: (s: NodeJS.Signals) => child.kill(s) };
}

describe('listen --save: a delivery is acknowledged only once stored', () => {
  it('disk full (file-size limit): 503 for what could not be stored, never 200; the retry is not taken for a duplicate; a later delivery that fits is stored; SIGTERM ends it', async () => {
    const save = join(dir, 'full.ndjson');
    const l = limitedListen(save);
    const url = await l.url;
    const small = await deliver(url, 1);
    expect(small.status, small.body).toBe(200);
    const big = await deliver(url, 2, 80_000);
    expect(big.status, big.body).toBe(503);
    expect(big.body).toContain('EFBIG');
    // the same participation again (the sender's retry): not a duplicate 200, still 503
    const retry = await deliver(url, 2, 80_000);
    expect(retry.status, retry.body).toBe(503);
    const after = await deliver(url, 3);
    expect(after.status, after.body).toBe(200);
    l.kill('SIGTERM');
    const r = await l.exited;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // exactly what was acknowledged, whole lines only
    const ids = savedIds(readFileSync(save, 'utf8'));
    expect(ids).toHaveLength(2);
    expect(statSync(save).mode & 0o777).toBe(0o600);
  });

  it("the relay (--forward-to) too: 503 for what it could not store, never the target's 200", async () => {
    const target = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('{"ok":true}'));
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const port = (target.address() as AddressInfo).port;
    try {
      const save = join(dir, 'relay.ndjson');
      const l = limitedListen(save, [...['--forward-to', `http://127.0.0.1:${port}/`]]);
      const url = await l.url;
      expect((await deliver(url, 11)).status).toBe(200);
      const big = await deliver(url, 12, 80_000);
      expect(big.status, big.body).toBe(503);
      expect(big.body).toContain('EFBIG');
      l.kill('SIGINT');
      const r = await l.exited;
      expect(r.code, r.stderr).toBe(0);
      expect(savedIds(readFileSync(save, 'utf8'))).toHaveLength(1);
    } finally {
      target.close();
    }
  });

  it.each([
    ['a FIFO', 'fifo'],
    ['a folder', 'dir'],
    ['a character device', '/dev/null'],
  ])('--save at %s is refused at start (exit 2), never hangs', async (_name, kind) => {
    let target = kind;
    if (kind === 'fifo') {
      target = join(dir, 'pipe');
      const mk = spawn('mkfifo', [target]);
      await new Promise((r) => mk.on('close', r));
    } else if (kind === 'dir') {
      target = join(dir, 'folder');
      mkdirSync(target);
    }
    const r = await runQwh(['listen', '--save', target, '--secret-env', 'S'], {
      env: { S: SECRET },
      timeoutMs: 15_000,
    });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--save ${target}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

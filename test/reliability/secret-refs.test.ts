import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQwh, tempDir } from '../helpers/bin.js';

// The exfiltration case of issue 17: an account file from someone else names secret files
// outside its folder (absolute, `..`, a symlink leading out) and an arbitrary environment
// variable, with every host on a loopback server that records what it receives. Under every
// command that sends (test-endpoint --account/--webhook, migrate's verification) the server
// receives nothing secret; check warns; each refusal names the file, the field and how to allow.

const FILE_SECRET = 'outside-file-secret-7b3c9d1e';
const ENV_SECRET = 'ci-token-secret-4f2a8e6b';
const env = { CI_TOKEN_XYZ: ENV_SECRET };

interface Recorded {
  headers: string;
  body: string;
}

let dir: string;
let cleanup: () => Promise<void>;
let srv: Server;
let base: string;
const received: Recorded[] = [];
let acct: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('qwh-secret-refs-'));
  srv = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: JSON.stringify(req.rawHeaders),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  await mkdir(join(dir, 'home'));
  await mkdir(join(dir, 'acct'));
  const outside = join(dir, 'home', 'credentials');
  await writeFile(outside, FILE_SECRET + '\n');
  await symlink(outside, join(dir, 'acct', 'link.secret'));
  acct = join(dir, 'acct', 'qualifio-account.json');
  // The account-level 2.0 webhook has the 1.0 host: migrate adopts it and verifies it.
  const v2 = (key: string, website: number | null, extra: object): object => ({
    key,
    version: 2,
    scope: website === null ? 'account' : { website },
    name: key,
    host: website === null ? `${base}/v1` : `${base}/${key}`,
    ...extra,
  });
  await writeFile(
    acct,
    JSON.stringify({
      version: 1,
      account: { id: 1, name: 'Someone else' },
      webhooks: [
        { key: 'old', version: 1, scope: 'account', url: `${base}/v1` },
        v2('env', null, { authHeader: { name: 'Authorization', value: { env: 'CI_TOKEN_XYZ' } } }),
        v2('abs', 1, { authHeader: { name: 'X-Auth', value: { file: outside } } }),
        v2('up', 2, { secret: { file: '../home/credentials' } }),
        v2('link', 3, { secret: { file: 'link.secret' } }),
      ],
      pushRules: [{ level: 'default', destination: 'old' }],
    }),
  );
});

afterAll(async () => {
  srv.closeAllConnections();
  await new Promise<void>((r) => srv.close(() => r()));
  await cleanup();
});

const leaked = (): Recorded[] =>
  received.filter((r) =>
    [FILE_SECRET, ENV_SECRET].some(
      (s) =>
        r.headers.includes(s) ||
        r.body.includes(s) ||
        r.headers.includes(Buffer.from(s).toString('base64')),
    ),
  );

describe('secret references of an untrusted account file', () => {
  it.each([
    ['env', 'webhooks[1].authHeader.value', '{ env: CI_TOKEN_XYZ }', 'trust.env'],
    ['abs', 'webhooks[2].authHeader.value', 'is an absolute path', '--auth-header-file'],
    ['up', 'webhooks[3].secret', 'leaves the account folder', '--secret-file'],
    ['link', 'webhooks[4].secret', 'symlink leading out', '--secret-file'],
  ])(
    'test-endpoint --account --webhook %s: exit 4 naming %s, nothing sent',
    async (key, path, why, hint) => {
      const before = received.length;
      const r = await runQwh(['test-endpoint', '--account', acct, '--webhook', key], {
        cwd: dir,
        env,
      });
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toContain(`› ${path}: `);
      expect(r.stderr).toContain(why);
      expect(r.stderr).toContain(hint);
      expect(r.stderr).toContain(acct);
      expect(r.stderr).not.toContain(' at ');
      expect(received.length).toBe(before);
      expect(r.stdout + r.stderr).not.toContain(FILE_SECRET);
      expect(r.stdout + r.stderr).not.toContain(ENV_SECRET);
    },
  );

  it('migrate: verification of the adopted webhook is refused before the run begins (exit 4), file unchanged', async () => {
    const before = received.length;
    const bytes = await readFile(acct);
    const r = await runQwh(['migrate', acct, '--yes', '--allow-insecure-host'], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(4);
    expect(await readFile(acct)).toEqual(bytes);
    expect(r.stderr).toContain('webhooks[1].authHeader.value: { env: CI_TOKEN_XYZ }');
    expect(r.stderr).toContain('trust.env');
    expect(received.length).toBe(before);
    expect(r.stdout + r.stderr).not.toContain(ENV_SECRET);
  });

  it('check warns of every reference qwh would refuse, and reads none', async () => {
    const r = await runQwh(['check', acct], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const all = r.stdout + r.stderr;
    for (const p of [
      'webhooks[1].authHeader.value',
      'webhooks[2].authHeader.value',
      'webhooks[3].secret',
    ])
      expect(all).toContain(p);
    expect(all).not.toContain(FILE_SECRET);
    expect(all).not.toContain(ENV_SECRET);
  });

  it('the server received nothing secret under any of them', () => {
    expect(leaked()).toEqual([]);
  });

  it('allowed in the user own config (trust.env), the value is sent, its source and host shown first', async () => {
    const cfg = join(dir, 'qwh.config.json');
    await writeFile(cfg, JSON.stringify({ trust: { env: ['CI_TOKEN_XYZ'] } }));
    const before = received.length;
    const r = await runQwh(
      [
        'test-endpoint',
        '--account',
        acct,
        '--webhook',
        'env',
        '--config',
        cfg,
        '--checks',
        'accepts-complete',
      ],
      { cwd: dir, env },
    );
    expect(r.stderr).toContain(
      `secret webhooks[1].authHeader.value: { env: CI_TOKEN_XYZ } → sent as the auth header to ${base}/v1`,
    );
    expect(received.length).toBeGreaterThan(before);
    expect(received.at(-1)?.headers).toContain(ENV_SECRET);
    received.length = before; // the control is not a leak
  });
});

import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITE_CHECK_IDS } from '../../src/core/endpoint/checks.js';
import { MESSAGES } from '../../src/messages/index.js';
import { runQwh, tempDir, type RunResult } from '../helpers/bin.js';
import { spawn } from 'node:child_process';
import { BIN } from '../helpers/bin.js';
import { savedIds, spawnListen } from '../helpers/listen.js';
import { findAll, parseXml } from '../helpers/xml.js';

const SECRET = 'whsec-e2e-Secret-0042';
const AUTH = 'Bearer e2e-auth-token-7731';
const AUTH_B64 = Buffer.from(AUTH).toString('base64');
const env = {
  ...{ QWH_E2E_SECRET: SECRET, QWH_E2E_AUTH: AUTH, QWH_E2E_OTHER: 'another-secret-9981' },
  QWH_E2E_PREV: 'the-previous-secret-4410',
};
/** A rotation in progress: the previous secret is accepted too (accepts-both-secrets runs). */
const rotating = ['--previous-secret-env', 'QWH_E2E_PREV'];
const withSecretAndAuth = [
  '--secret-env',
  'QWH_E2E_SECRET',
  '--auth-header-name',
  'Authorization',
  '--auth-header-env',
  'QWH_E2E_AUTH',
];

interface JsonReport {
  verdict: string;
  checks: Array<{ id: string; status: string; reason: string; details: Record<string, unknown> }>;
  stats: { deliveries: number; statuses: Record<string, number>; latencyMs: unknown };
  counts: Record<string, number>;
}

const status = (r: JsonReport, id: string): string | undefined =>
  r.checks.find((c) => c.id === id)?.status;
const reason = (r: JsonReport, id: string): string =>
  r.checks.find((c) => c.id === id)?.reason ?? '';

/** Every byte a run printed must be free of the secret and the auth value (and their encodings). */
function expectNoSecrets(...texts: string[]): void {
  for (const t of texts) {
    for (const s of [
      SECRET,
      env.QWH_E2E_PREV,
      AUTH,
      'e2e-auth-token-7731',
      AUTH_B64,
      encodeURIComponent(SECRET),
    ])
      expect(t).not.toContain(s);
  }
}

async function server(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; close: () => Promise<void>; srv: Server }> {
  const srv = createServer(handler);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    srv,
    close: () =>
      new Promise((r) => {
        srv.closeAllConnections();
        srv.close(() => r());
      }),
  };
}

describe('qwh test-endpoint against qwh listen', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    t = await tempDir();
  });
  afterAll(async () => t.cleanup());

  it('same secret and auth: every check PASS, exit 0; another secret: accepts-complete FAIL, exit 1', async () => {
    const save = join(t.dir, 'suite.ndjson');
    const l = await spawnListen([...withSecretAndAuth, ...rotating, '--save', save], env);
    const ok = await runQwh(['test-endpoint', l.url, ...withSecretAndAuth, ...rotating, '--json'], {
      env,
    });
    const bad = await runQwh(
      [
        'test-endpoint',
        l.url,
        '--secret-env',
        'QWH_E2E_OTHER',
        '--auth-header-name',
        'Authorization',
        '--auth-header-env',
        'QWH_E2E_AUTH',
      ],
      { env },
    );
    const stopped = await l.stop('SIGINT'); // Ctrl-C: clean stop, exit 0, --save flushed
    expect(ok.code, ok.stderr).toBe(0);
    const doc = JSON.parse(ok.stdout) as JsonReport;
    expect(doc.verdict).toBe('pass');
    expect(doc.checks.map((c) => c.id)).toEqual([...SUITE_CHECK_IDS]);
    for (const c of doc.checks) expect(c.status, `${c.id}: ${c.reason}`).toBe('pass');

    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL\s+accepts-complete\s+refused a correctly signed/);
    expect(bad.stdout).toMatch(/PASS\s+rejects-wrong-secret/);
    // The failed signature check explains itself: bytes, sha256, the header (partly), causes.
    expect(bad.stdout).toMatch(/signed the exact \d+ bytes it sent \(sha256 [0-9a-f]{64}\)/);
    expect(bad.stdout).toMatch(/X-Qualifio-Signature: sha256=[0-9a-f]{12}…/);
    expect(bad.stdout).toContain('re-serialises the body');

    expect(stopped.code).toBe(0);
    const events = stopped.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string });
    expect(events[0]).toMatchObject({ event: 'ready' });
    expect(events.at(-1)).toMatchObject({ event: 'stopped' });
    const saved = await readFile(save, 'utf8');
    // The valid complete, incomplete, duplicate-check and both rotation participations were
    // saved once each.
    expect(saved.trim().split('\n')).toHaveLength(5);
    expectNoSecrets(
      ok.stdout,
      ok.stderr,
      bad.stdout,
      bad.stderr,
      stopped.stdout,
      stopped.stderr,
      saved,
    );
  });

  it('a burst of 2000 at concurrency 32: all 2xx, and listen --save recorded 2000 distinct ids', async () => {
    const save = join(t.dir, 'burst.ndjson');
    const l = await spawnListen([...withSecretAndAuth, '--save', save], env);
    const r = await runQwh(
      [
        'test-endpoint',
        l.url,
        ...withSecretAndAuth,
        '--count',
        '2000',
        '--concurrency',
        '32',
        '--seed',
        '11',
        '--json',
      ],
      { env },
    );
    const stopped = await l.stop();
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as JsonReport;
    expect(doc.stats.deliveries).toBe(2000);
    expect(doc.stats.statuses).toEqual({ '200': 2000 });
    expect(doc.checks.map((c) => [c.id, c.status])).toEqual([
      ['burst', 'pass'],
      ['no-redirect', 'pass'],
      ['latency', 'pass'],
    ]);
    expect(stopped.code).toBe(0);
    const lines = (await readFile(save, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2000);
    expect(new Set(savedIds(lines.join('\n'))).size).toBe(2000);
    expect(stopped.stdout).toContain('"saved":2000');
    expectNoSecrets(r.stdout, r.stderr, stopped.stderr, lines.join('\n'));
  });

  it('--reporter junit --out: valid XML, one testcase per check; the table still on stdout', async () => {
    const l = await spawnListen(['--secret-env', 'QWH_E2E_SECRET'], env);
    const out = join(t.dir, 'report.xml');
    const r = await runQwh(
      [
        'test-endpoint',
        l.url,
        '--secret-env',
        'QWH_E2E_OTHER',
        '--reporter',
        'junit',
        '--out',
        out,
      ],
      { env },
    );
    await l.stop();
    expect(r.code).toBe(1);
    const xml = await readFile(out, 'utf8');
    const root = parseXml(xml);
    const cases = findAll(root, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual([...SUITE_CHECK_IDS]);
    const failed = cases.filter((c) => c.children.some((x) => x.name === 'failure'));
    expect(failed.map((c) => c.attrs.name)).toContain('accepts-complete');
    const skipped = cases.filter((c) => c.children.some((x) => x.name === 'skipped'));
    expect(skipped.map((c) => c.attrs.name)).toEqual([
      'accepts-both-secrets',
      'rejects-missing-auth',
      'rejects-wrong-auth',
    ]);
    expect(findAll(root, 'testsuite')[0]!.attrs.failures).toBe(String(failed.length));
    expect(r.stdout).toContain('accepts-complete');
    expect(r.stderr).toContain(MESSAGES.endpoint.reportWritten(out, 'junit'));
    expectNoSecrets(xml, r.stdout, r.stderr);
  });

  it('config file and --account/--webhook give URL, secret and auth header (one-line CI)', async () => {
    const l = await spawnListen(withSecretAndAuth, env);
    const cfgDir = join(t.dir, 'cfg');
    await mkdir(join(cfgDir, 'secrets'), { recursive: true });
    await writeFile(join(cfgDir, 'secrets/hook.secret'), `${SECRET}\n`);
    await writeFile(
      join(cfgDir, 'qwh.config.json'),
      JSON.stringify({
        account: 'account.yaml',
        testEndpoint: {
          url: l.url,
          secret: { file: 'secrets/hook.secret' },
          authHeader: { name: 'Authorization', value: { env: 'QWH_E2E_AUTH' } },
          checks: ['accepts-complete', 'rejects-wrong-secret', 'rejects-wrong-auth'],
        },
      }),
    );
    await writeFile(
      join(cfgDir, 'account.yaml'),
      [
        'version: 1',
        'account: { id: 1, name: E2E }',
        'webhooks:',
        '  - key: main-v2',
        '    version: 2',
        '    scope: account',
        '    name: E2E hook',
        `    host: ${l.url}`,
        '    authHeader: { name: Authorization, value: { env: QWH_E2E_AUTH } }',
        '    secret: { file: secrets/hook.secret }',
      ].join('\n') + '\n',
    );
    const fromConfig = await runQwh(['test-endpoint', '--json'], { env, cwd: cfgDir });
    const fromAccount = await runQwh(['test-endpoint', '--webhook', 'main-v2', '--json'], {
      env: { ...env, QWH_CHECKS: 'accepts-complete,rejects-missing-signature' },
      cwd: join(cfgDir, 'secrets'),
    });
    const missing = await runQwh(['test-endpoint', '--webhook', 'nope'], { env, cwd: cfgDir });
    await l.stop();
    expect(fromConfig.code, fromConfig.stderr).toBe(0);
    const a = JSON.parse(fromConfig.stdout) as JsonReport;
    expect(a.checks.filter((c) => c.status === 'pass').map((c) => c.id)).toEqual([
      'accepts-complete',
      'rejects-wrong-secret',
      'rejects-wrong-auth',
    ]);
    expect(a.checks.filter((c) => c.status !== 'pass').every((c) => c.status === 'skip')).toBe(
      true,
    );
    expect(fromAccount.code, fromAccount.stderr).toBe(0);
    const b = JSON.parse(fromAccount.stdout) as JsonReport;
    expect(status(b, 'accepts-complete')).toBe('pass');
    expect(status(b, 'rejects-missing-signature')).toBe('pass');
    expect(status(b, 'rejects-wrong-auth')).toBe('skip');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no webhook with key "nope"');
    expectNoSecrets(fromConfig.stdout, fromConfig.stderr, fromAccount.stdout, fromAccount.stderr);
  });

  it('without a secret or auth header, those checks are WARN (no green without security) and the report says why', async () => {
    const l = await spawnListen([], env);
    const r = await runQwh(['test-endpoint', l.url, '--json', '--seed', '3'], { env });
    await l.stop();
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as JsonReport;
    for (const id of [
      'rejects-tampered-body',
      'rejects-wrong-secret',
      'rejects-missing-signature',
    ]) {
      expect(status(doc, id)).toBe('warn');
      expect(reason(doc, id)).toBe(MESSAGES.endpoint.skipNoSecret);
    }
    expect(reason(doc, 'rejects-missing-auth')).toBe(MESSAGES.endpoint.skipNoAuth);
    expect(status(doc, 'accepts-complete')).toBe('pass');
  });

  it('--strict (or testEndpoint.strict) makes those warnings a failure: exit 1', async () => {
    const l = await spawnListen([], env);
    const r = await runQwh(['test-endpoint', l.url, '--json', '--strict', '--seed', '3'], { env });
    await l.stop();
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as JsonReport;
    expect(status(doc, 'rejects-wrong-secret')).toBe('fail');
    expect(reason(doc, 'rejects-wrong-secret')).toBe(
      MESSAGES.endpoint.strictFail('warn', MESSAGES.endpoint.skipNoSecret),
    );
  });

  it('the published-example fixture (indented, upload without value, no website.id): listen 2xx, --payload without model warning', async () => {
    const l = await spawnListen(['--secret-env', 'QWH_E2E_SECRET'], {
      ...env,
      QWH_E2E_SECRET: 'fx-secret',
    });
    const fixture = join(
      import.meta.dirname,
      '../../fixtures/payloads/v2/published-example-shape.json',
    );
    const r = await runQwh(
      ['test-endpoint', l.url, '--payload', fixture, '--secret-env', 'QWH_E2E_SECRET', '--json'],
      { env: { ...env, QWH_E2E_SECRET: 'fx-secret' } },
    );
    const stopped = await l.stop();
    expect(r.stderr).not.toContain("does not match qwh's 2.0 model");
    const doc = JSON.parse(r.stdout) as JsonReport;
    expect(status(doc, 'accepts-complete')).toBe('pass');
    expect(stopped.stdout).not.toContain('model warning');
  });
});

// Grading of broken receivers runs in-process (test/services/endpoint-checks.test.ts, "check-suite
// grading against misbehaving receivers"); the bin keeps the exit-code contracts: 1 on a failed
// check, 3 when nothing answers.
describe('qwh test-endpoint against broken receivers', () => {
  const run = async (
    url: string,
    extra: string[] = [],
  ): Promise<RunResult & { doc: JsonReport }> => {
    const r = await runQwh(['test-endpoint', url, ...withSecretAndAuth, '--json', ...extra], {
      env,
    });
    expectNoSecrets(r.stdout, r.stderr);
    return { ...r, doc: JSON.parse(r.stdout) as JsonReport };
  };

  it('accepts everything: accepts-* PASS, every rejects-* FAIL, exit 1', async () => {
    const s = await server((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    const r = await run(s.url);
    await s.close();
    expect(r.code).toBe(1);
    expect(status(r.doc, 'accepts-complete')).toBe('pass');
    expect(status(r.doc, 'duplicate-delivery')).toBe('pass');
    for (const id of SUITE_CHECK_IDS.filter((x) => x.startsWith('rejects-')))
      expect(status(r.doc, id), id).toBe('fail');
    expect(reason(r.doc, 'rejects-tampered-body')).toBe(MESSAGES.endpoint.acceptedTampered(200));
    expect(reason(r.doc, 'rejects-wrong-auth')).toBe(
      MESSAGES.endpoint.acceptedWrongAuth('Authorization', 200),
    );
    expect(r.doc.verdict).toBe('fail');
  });

  it('nothing listening: connection refused, exit 3 with the human report', async () => {
    const s = await server(() => {});
    const url = s.url;
    await s.close();
    const r = await runQwh(['test-endpoint', url], { env });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(MESSAGES.endpoint.failure.refused);
    expect(r.stdout).toContain(MESSAGES.endpoint.unreachable(url));
  });
});

describe('qwh test-endpoint input and safety', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'metadata.google.internal'],
    ['http://[fe80::1]/', 'fe80::1'],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe'],
    ['http://0xa9fea9fe/', '169.254.169.254'],
  ])('refuses %s with exit 4, sending nothing', async (url, host) => {
    const r = await runQwh(['test-endpoint', url, '--timeout', '1000']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`refusing to send to ${host}`);
    expect(r.stdout).toBe('');
  });

  it('bad input is exit 2 with one line: no URL, bad URL, unknown check, half an auth header', async () => {
    const cases: Array<[string[], string]> = [
      [[], MESSAGES.endpoint.needUrl],
      [['ftp://x.example/'], 'not an http(s) URL'],
      [['http://127.0.0.1:9/', '--checks', 'accepts-complete,bogus'], 'unknown check bogus'],
      [
        ['http://127.0.0.1:9/', '--auth-header-name', 'X-Token'],
        MESSAGES.endpoint.authNameWithoutValue,
      ],
      [['http://127.0.0.1:9/', '--timeout', 'soon'], '--timeout must be a whole number'],
      [['http://127.0.0.1:9/', '--secret', 'x'], "unknown option '--secret'"],
    ];
    const { dir, cleanup } = await tempDir();
    try {
      for (const [args, text] of cases) {
        const r = await runQwh(['test-endpoint', ...args], { cwd: dir });
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toContain(text);
      }
    } finally {
      await cleanup();
    }
  });

  it('--payload sends the captured bytes as they are; a non-JSON payload is exit 2', async () => {
    const { dir, cleanup } = await tempDir();
    const got: Buffer[] = [];
    const s = await server((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push(Buffer.concat(chunks));
        res.end();
      });
    });
    try {
      const body = readFileSync(
        join(import.meta.dirname, '../../fixtures/payloads/v2/sample-seed-7.json'),
      );
      await writeFile(join(dir, 'capture.json'), body);
      await writeFile(join(dir, 'broken.json'), '{"id": ');
      const r = await runQwh(
        [
          'test-endpoint',
          s.url,
          '--payload',
          'capture.json',
          '--checks',
          'accepts-complete',
          '--json',
        ],
        { cwd: dir },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(got).toHaveLength(1);
      expect(got[0]!.equals(body)).toBe(true); // pretty-printed, trailing newline: exact bytes
      const bad = await runQwh(['test-endpoint', s.url, '--payload', 'broken.json'], { cwd: dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('broken.json: not valid JSON');
    } finally {
      await s.close();
      await cleanup();
    }
  });

  it('TLS is always verified: a private CA fails (exit 3) until --ca-file trusts it', async () => {
    const tls = join(import.meta.dirname, '../../fixtures/tls');
    const srv = createHttpsServer(
      {
        cert: readFileSync(join(tls, 'localhost-cert.pem')),
        key: readFileSync(join(tls, 'localhost-key.pem')),
      },
      (req, res) => {
        req.resume();
        req.on('end', () => res.end());
      },
    );
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `https://localhost:${(srv.address() as AddressInfo).port}/hook`;
    const untrusted = await runQwh(['test-endpoint', url, '--checks', 'accepts-complete']);
    const trusted = await runQwh([
      'test-endpoint',
      url,
      '--checks',
      'accepts-complete',
      '--ca-file',
      join(tls, 'localhost-cert.pem'),
    ]);
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
    expect(untrusted.code).toBe(3);
    expect(untrusted.stdout).toContain('TLS failed');
    expect(trusted.code, trusted.stdout).toBe(0);
  });

  it('test deliveries carry User-Agent qwh/<version>, X-Qwh-Test: 1 and a JSON content type', async () => {
    const headers: Array<Record<string, string | string[] | undefined>> = [];
    const s = await server((req, res) => {
      headers.push(req.headers);
      req.resume();
      req.on('end', () => res.end());
    });
    const r = await runQwh(['test-endpoint', s.url, '--checks', 'accepts-complete']);
    await s.close();
    const pkg = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(r.code).toBe(0);
    expect(headers[0]).toMatchObject({
      'user-agent': `qwh/${pkg.version}`,
      'x-qwh-test': '1',
      'content-type': 'application/json',
    });
  });
});

describe('qwh listen', () => {
  const post = (
    url: string,
    body: Buffer | string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('answers 400 / 413 / 405 and keeps serving; SIGTERM exits 0', async () => {
    const l = await spawnListen([]);
    const notJson = await post(l.url, 'hello', { 'content-type': 'application/json' });
    const notParticipation = await post(l.url, '{"id":"x"}');
    const big = await post(l.url, Buffer.alloc(2 * 1024 * 1024, 0x20)).catch(() => ({
      status: 413,
      body: 'closed',
    }));
    const put = await new Promise<number>((resolve) => {
      const req = httpRequest(l.url, { method: 'PUT' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.end('x');
    });
    const sample = readFileSync(
      join(import.meta.dirname, '../../fixtures/payloads/v2/sample-seed-7.json'),
    );
    const first = await post(l.url, sample);
    const again = await post(l.url, sample);
    const stopped = await l.stop();
    expect(notJson.status).toBe(400);
    expect(notParticipation.status).toBe(400);
    expect(notParticipation.body).toContain('not a 2.0 participation');
    expect(big.status).toBe(413);
    expect(put).toBe(405);
    expect(first.status).toBe(200);
    expect(JSON.parse(again.body)).toMatchObject({ ok: true, duplicate: true });
    expect(stopped.code).toBe(0);
    const events = stopped.stdout
      .trim()
      .split('\n')
      .map((x) => JSON.parse(x) as Record<string, unknown>);
    expect(events.filter((e) => e.event === 'delivery').map((e) => e.status)).toEqual([
      400, 400, 413, 405, 200, 200,
    ]);
    expect(events.at(-1)).toMatchObject({
      event: 'stopped',
      accepted: 1,
      duplicates: 1,
      rejected: 4,
    });
    expect(stopped.stderr).toMatch(/qwh listen: ready at http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('keeps serving (and saving) when the reader of --json goes away, like `| head -1`', async () => {
    const { dir, cleanup } = await tempDir();
    const save = join(dir, 's.ndjson');
    const child = spawn(process.execPath, [BIN, 'listen', '--json', '--save', save], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const url = await new Promise<string>((resolve) => {
      child.stdout.once('data', (b: Buffer) => {
        resolve((JSON.parse(b.toString().split('\n')[0]!) as { url: string }).url);
        child.stdout.destroy(); // the reader is gone
      });
    });
    const sample = readFileSync(
      join(import.meta.dirname, '../../fixtures/payloads/v2/sample-seed-7.json'),
    );
    const a = await post(url, sample);
    const b = await post(url, sample.toString().replace('7E57', '7E58'));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await readFile(save, 'utf8')).trim().split('\n')).toHaveLength(2);
    await cleanup();
  });
});

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpSender } from '../../src/adapters/http-sender.js';
import type { Logger } from '../../src/contracts/index.js';
import { validateAccount } from '../../src/core/account/validate.js';
import type { AccountFile } from '../../src/core/account/schema.js';
import { splitCredentials } from '../../src/core/endpoint/target-url.js';
import { Redactor } from '../../src/core/redact.js';
import { backOfficeView } from '../../src/core/simulate/back-office.js';
import { simulatedParticipations } from '../../src/core/simulate/participations.js';
import { verifySignature } from '../../src/core/signing.js';
import { runSimulate } from '../../src/services/simulate.js';

// runSimulate against a real loopback server: what arrives is what routing says, signed with
// the file's secret, with its auth header; 1.0 URL credentials travel as Basic auth, not in the
// URL; the secret is read once per webhook; non-2xx and refused connections are counted.

const SECRET = 'svc-simulate-secret';
const silent: Logger = { info() {}, success() {}, warn() {}, error() {}, hint() {}, debug() {} };

interface Hit {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}
let hits: Hit[];
let port: number;
let close: () => Promise<void>;

beforeEach(async () => {
  hits = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(req.url?.startsWith('/broken') ? 500 : 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  close = () => new Promise<void>((r) => server.close(() => r()));
});
afterEach(async () => close());

function account(v2Path = '/v2'): AccountFile {
  const v = validateAccount({
    version: 1,
    account: { id: 1, name: 'Acme' },
    websites: [{ id: 1234, name: 'Acme News' }],
    campaigns: [{ id: 99888, name: 'Winter contest', websiteId: 1234 }],
    webhooks: [
      {
        key: 'main',
        version: 1,
        scope: 'account',
        url: `http://acme:pw-secret-1@127.0.0.1:${port}/v1?token=t1`,
      },
      {
        key: 'main-v2',
        version: 2,
        scope: 'account',
        name: 'Main',
        host: `http://127.0.0.1:${port}${v2Path}`,
        authHeader: { name: 'X-Api-Token', value: { env: 'AUTH' } },
        secret: { env: 'SECRET' },
      },
    ],
    pushRules: [
      { level: 'default', destination: 'main' },
      { level: 'default', destination: 'main-v2' },
    ],
  });
  if (!v.ok) throw new Error(v.problems[0]?.message);
  return v.account;
}

async function run(a: AccountFile, n: number, dryRun = false) {
  const reads: string[] = [];
  const sender = createHttpSender({ timeoutMs: 5000 });
  const masker = new Redactor();
  try {
    const res = await runSimulate(
      {
        view: backOfficeView(a, { version: 1, file: 'a.yaml', webhooks: [] }, [], 'a.yaml'),
        participations: simulatedParticipations(a, n, 9),
        seed: 9,
        dryRun,
      },
      {
        sender,
        resolveSecret: async (ref) => {
          const name = typeof ref === 'object' && 'env' in ref ? ref.env : '?';
          reads.push(name);
          return name === 'SECRET' ? SECRET : 'auth-value-1';
        },
        splitUrl: (u) => splitCredentials(u, masker),
        logger: silent,
        signal: new AbortController().signal,
      },
    );
    return { res, reads, masker };
  } finally {
    await sender.close();
  }
}

describe('runSimulate', () => {
  it('delivers what routing says: 1.0 flat with Basic auth, 2.0 signed with the auth header; each secret read once', async () => {
    const { res, reads, masker } = await run(account(), 12);
    // The 1.0 password was registered for masking when its URL was split.
    expect(masker.mask('pw-secret-1')).not.toContain('pw-secret-1');
    const v1 = hits.filter((h) => h.path.startsWith('/v1'));
    const v2 = hits.filter((h) => h.path.startsWith('/v2'));
    expect(res.webhooks.find((w) => w.key === 'main')).toMatchObject({
      sent: v1.length,
      ok: v1.length,
    });
    expect(res.webhooks.find((w) => w.key === 'main-v2')).toMatchObject({
      sent: v2.length,
      ok: v2.length,
    });
    expect(v1.length).toBeGreaterThan(0);
    expect(v2.length).toBeGreaterThanOrEqual(v1.length);
    for (const h of v1) {
      expect(h.path).toBe('/v1?token=t1');
      expect(h.headers.authorization).toBe(
        `Basic ${Buffer.from('acme:pw-secret-1').toString('base64')}`,
      );
      expect(JSON.parse(h.body.toString())).toHaveProperty('participation_id');
      expect(h.headers['x-qwh-test']).toBeUndefined();
    }
    for (const h of v2) {
      expect(verifySignature(SECRET, h.body, h.headers['x-qualifio-signature'] as string).ok).toBe(
        true,
      );
      expect(h.headers['x-api-token']).toBe('auth-value-1');
      expect(h.headers['x-qwh-simulate']).toBeDefined();
      expect(h.body.toString()).toContain('\n    "id"');
    }
    expect(reads.sort()).toEqual(['AUTH', 'SECRET']);
    // Default rules push identified campaigns only; incomplete ones reach no webhook that takes them.
    expect(res.notPushed).toBeGreaterThanOrEqual(res.anonymous);
    expect(res.notPushed).toBeLessThanOrEqual(res.anonymous + res.incomplete);
  });

  it('--dry-run sends nothing; a non-2xx answer and a refused connection are counted apart', async () => {
    const dry = await run(account(), 6, true);
    expect(hits).toEqual([]);
    expect(dry.res.webhooks.every((w) => w.sent > 0 && w.ok === 0)).toBe(true);
    const broken = await run(account('/broken'), 6);
    expect(broken.res.failed).toBe(broken.res.webhooks.find((w) => w.key === 'main-v2')?.sent);
    expect(broken.res.webhooks.find((w) => w.key === 'main-v2')?.answers).toMatchObject({
      '500': broken.res.failed,
    });
    await close();
    close = async () => {};
    const down = await run(account(), 3);
    expect(down.res.unreachable).toBe(down.res.webhooks.reduce((n, w) => n + w.sent, 0));
  });
});

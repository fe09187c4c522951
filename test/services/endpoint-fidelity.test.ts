import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHttpSender } from '../../src/adapters/http-sender.js';
import { startReceiver } from '../../src/adapters/local-receiver.js';
import type { Logger, SendRequest, Sender } from '../../src/contracts/index.js';
import type { EndpointReport, EndpointTarget } from '../../src/core/endpoint/report.js';
import { ExitCode, exitCodeOfVerdict } from '../../src/core/exit-codes.js';
import { signBody } from '../../src/core/signing.js';
import { MESSAGES } from '../../src/messages/index.js';
import { runEndpointChecks } from '../../src/services/endpoint-checks.js';
import { silentLogger } from '../../src/ui/logger.js';

const M = MESSAGES.endpoint;
const clock = { now: () => performance.now() };
const SECRET = 'fidelity-secret-1';

const target = (url: string, extra: Partial<EndpointTarget> = {}): EndpointTarget => ({
  url,
  version: 2,
  timeoutMs: 5000,
  warnMs: 5000,
  ...extra,
});

const status = (r: EndpointReport, id: string): string | undefined =>
  r.checks.find((c) => c.id === id)?.status;
const reason = (r: EndpointReport, id: string): string | undefined =>
  r.checks.find((c) => c.id === id)?.reason;

/**
 * The most common receiver bug: the HMAC is computed over `JSON.stringify(JSON.parse(body))`
 * instead of the raw bytes. Otherwise careful (refuses bad signatures, dedupes with a 2xx).
 */
async function reserialisingReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let again: string;
      try {
        again = JSON.stringify(JSON.parse(raw));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const ok = req.headers['x-qualifio-signature'] === signBody(SECRET, Buffer.from(again));
      res.writeHead(ok ? 200 : 401).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A sender that answers 200 to everything and keeps every body sent. */
function recordingSender(bodies: Buffer[]): Sender {
  return {
    send: (req: SendRequest) => {
      bodies.push(Buffer.from(req.body));
      return Promise.resolve({ ok: true, status: 200, body: Buffer.alloc(0), truncated: false });
    },
    close: () => Promise.resolve(),
  };
}

describe('deliveries that catch a receiver hashing a re-serialised body', () => {
  it('a JSON.stringify(JSON.parse(body)) receiver fails (exit 1) with the re-serialisation verdict', async () => {
    const r = await reserialisingReceiver();
    const report = await runEndpointChecks(target(r.url, { secret: SECRET }), {
      createSender: createHttpSender,
      clock,
      logger: silentLogger,
    });
    await r.close();
    expect(status(report, 'accepts-complete')).toBe('pass');
    expect(status(report, 'accepts-incomplete')).toBe('fail');
    expect(reason(report, 'accepts-incomplete')).toBe(M.reserialised(401));
    expect(reason(report, 'duplicate-delivery')).toBe(M.reserialised(401));
    expect(report.verdict).toBe('fail');
    expect(exitCodeOfVerdict(report.verdict)).toBe(ExitCode.PROBLEMS);
  });

  it('--sample complete still sends one reformatted body (the duplicate) and names the bug', async () => {
    const r = await reserialisingReceiver();
    const report = await runEndpointChecks(
      target(r.url, { secret: SECRET, sample: 'complete', seed: 11 }),
      { createSender: createHttpSender, clock, logger: silentLogger },
    );
    await r.close();
    expect(reason(report, 'duplicate-delivery')).toBe(M.reserialised(401));
    expect(report.verdict).toBe('fail');
  });

  it('a raw-bytes receiver (qwh listen) passes every check, the rotation one included', async () => {
    const r = await startReceiver({
      secret: SECRET,
      previousSecret: 'the-old-secret-1',
      authHeader: { name: 'X-Token', value: 't0k' },
    });
    const report = await runEndpointChecks(
      target(r.url, {
        ...{ secret: SECRET, previousSecret: 'the-old-secret-1' },
        authHeader: { name: 'X-Token', value: 't0k' },
      }),
      { createSender: createHttpSender, clock, logger: silentLogger },
    );
    await r.close();
    expect(report.verdict).toBe('pass');
    expect(report.counts).toEqual({ pass: 11, fail: 0, warn: 0, skip: 0 });
  });

  it('accepts-both-secrets fails against a receiver that knows only the new secret, saying so', async () => {
    const r = await startReceiver({ secret: SECRET });
    const report = await runEndpointChecks(
      target(r.url, { secret: SECRET, previousSecret: 'the-old-secret-1' }),
      { createSender: createHttpSender, clock, logger: silentLogger },
    );
    await r.close();
    expect(status(report, 'accepts-both-secrets')).toBe('fail');
    expect(reason(report, 'accepts-both-secrets')).toContain(M.nOf(1, 2));
    expect(status(report, 'accepts-complete')).toBe('pass');
    expect(report.verdict).toBe('fail');
  });

  it('a receiver refusing every signed body is not called a re-serialiser', async () => {
    const r = await startReceiver({ secret: 'another-secret' });
    const report = await runEndpointChecks(target(r.url, { secret: SECRET, seed: 3 }), {
      createSender: createHttpSender,
      clock,
      logger: silentLogger,
    });
    await r.close();
    expect(report.verdict).toBe('fail');
    expect(report.checks.some((c) => c.reason === M.reserialised(401))).toBe(false);
  });
});

describe('real randomness, injected', () => {
  it('20 runs without --seed (default random) never share a participation id', async () => {
    const seen = new Map<string, number>();
    const seeds = new Set<number>();
    for (let run = 0; run < 20; run++) {
      const bodies: Buffer[] = [];
      const report = await runEndpointChecks(target('http://127.0.0.1:9/'), {
        sender: recordingSender(bodies),
        clock,
        logger: silentLogger,
      });
      seeds.add(report.seed);
      const ids = new Set(bodies.map((b) => (JSON.parse(b.toString()) as { id: string }).id));
      for (const id of ids) {
        expect(seen.get(id), `run ${run} reuses ${id}`).toBeUndefined();
        seen.set(id, run);
      }
    }
    expect(seeds.size).toBe(20);
  });

  it('the seed comes from the injected random and is logged so the run can be replayed', async () => {
    const infos: string[] = [];
    const logger: Logger = { ...silentLogger, info: (m: string) => void infos.push(m) };
    const report = await runEndpointChecks(target('http://127.0.0.1:9/'), {
      sender: recordingSender([]),
      clock,
      logger,
      random: { hex: (n) => 'ab'.repeat(n) },
    });
    expect(report.seed).toBe(0xabababab);
    expect(infos).toContain(M.seedChosen(0xabababab));
  });

  it('wrong-secret and wrong-auth values come from the injected random', async () => {
    const bodies: Buffer[] = [];
    const headers: Array<Record<string, string>> = [];
    const sender: Sender = {
      send: (req) => {
        headers.push(req.headers);
        return recordingSender(bodies).send(req);
      },
      close: () => Promise.resolve(),
    };
    await runEndpointChecks(
      target('http://127.0.0.1:9/', {
        seed: 1,
        secret: SECRET,
        authHeader: { name: 'Authorization', value: 'Bearer good' },
      }),
      { sender, clock, logger: silentLogger, random: { hex: (n) => 'cd'.repeat(n) } },
    );
    expect(headers.map((h) => h.authorization)).toContain(`Bearer qwh-wrong-${'cd'.repeat(12)}`);
    const forged = headers.filter(
      (h, i) =>
        h['x-qualifio-signature'] === signBody(`qwh-other-secret-${'cd'.repeat(16)}`, bodies[i]!),
    );
    expect(forged).toHaveLength(1);
  });
});

describe('no green without security', () => {
  it('with neither secret nor auth header the security checks are WARN (run still passes)', async () => {
    const r = await startReceiver({});
    const report = await runEndpointChecks(target(r.url, { seed: 5 }), {
      createSender: createHttpSender,
      clock,
      logger: silentLogger,
    });
    await r.close();
    for (const id of ['rejects-tampered-body', 'rejects-wrong-secret', 'rejects-missing-signature'])
      expect([status(report, id), reason(report, id)]).toEqual(['warn', M.skipNoSecret]);
    expect(status(report, 'rejects-missing-auth')).toBe('warn');
    expect(report.verdict).toBe('pass');
  });

  it('with a secret only, the auth checks stay SKIP (one guard is configured)', async () => {
    const r = await startReceiver({ secret: SECRET });
    const report = await runEndpointChecks(target(r.url, { seed: 5, secret: SECRET }), {
      createSender: createHttpSender,
      clock,
      logger: silentLogger,
    });
    await r.close();
    expect(status(report, 'rejects-missing-auth')).toBe('skip');
    expect(report.verdict).toBe('pass');
  });

  it('--strict: any skipped or warned check is a failure (exit 1), saying why', async () => {
    const r = await startReceiver({ secret: SECRET });
    const report = await runEndpointChecks(
      target(r.url, { seed: 5, secret: SECRET, strict: true }),
      { createSender: createHttpSender, clock, logger: silentLogger },
    );
    const unguarded = await runEndpointChecks(target(r.url, { seed: 50, strict: true }), {
      createSender: createHttpSender,
      clock,
      logger: silentLogger,
    });
    await r.close();
    expect(status(report, 'rejects-missing-auth')).toBe('fail');
    expect(reason(report, 'rejects-missing-auth')).toBe(M.strictFail('skip', M.skipNoAuth));
    // No previous secret is no rotation, not a gap: that skip stays a skip.
    expect(report.checks.filter((c) => c.status === 'skip').map((c) => c.id)).toEqual([
      'accepts-both-secrets',
    ]);
    expect(report.counts.warn).toBe(0);
    expect(exitCodeOfVerdict(report.verdict)).toBe(ExitCode.PROBLEMS);
    expect(reason(unguarded, 'rejects-wrong-secret')).toBe(M.strictFail('warn', M.skipNoSecret));
    expect(unguarded.verdict).toBe('fail');
  });
});

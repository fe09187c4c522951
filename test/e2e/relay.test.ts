import { readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../src/core/migrate/captures.js';
import { signBody } from '../../src/core/signing.js';
import { MESSAGES } from '../../src/messages/index.js';
import { runQwh } from '../helpers/bin.js';
import { basicOf, cutoverFolder } from '../helpers/cutover.js';
import { spawnListen } from '../helpers/listen.js';

// `qwh listen --forward-to URL` in front of a receiver for the dual run, spawned: deliveries
// reach the receiver byte for byte with their headers, the sender gets the receiver's status and
// body, a receiver that is down gives 502 (recorded), and the capture file verifies with
// `qwh migrate observe`, a delivery signed with the previous secret included (rotation).

const PASS = 's3cr3t-relay-pass';
const BASIC = basicOf(PASS);
const SECRET = 'relay-secret-new-5c1e9f2a';
const OLD = 'relay-secret-old-77ab01d3';
const ENV = { QWH_R_SECRET: SECRET, QWH_R_OLD: OLD, USER: 'ann' };
const FILE = 'qualifio-account.yaml';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The receiver behind the relay: keeps every request as it arrived, answers 202 with a body. */
async function startBackend(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{"queued":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** POSTs exact bytes with the given headers (node:http, so a Connection header can be set). */
function post(
  url: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          body: text,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const v1Body = (id: string): Buffer =>
  Buffer.from(
    JSON.stringify({
      participation_id: id.toLowerCase(),
      campaign_id: '99888',
      campaign_title: 'Winter contest',
      website_id: '1235',
      website_name: 'Acme Sport',
    }),
  );
/** A 2.0 body indented like Qualifio's example: a re-serialising relay would break its signature. */
const v2Body = (id: string): Buffer =>
  Buffer.from(
    JSON.stringify(
      {
        id,
        state: 'COMPLETED',
        campaign: { id: 99888, name: 'Winter contest', channel: { website: { id: 1235 } } },
      },
      null,
      4,
    ) + '\n',
  );

let dir: string;
let cleanup: () => Promise<void>;
const qwh = (args: string[]) => runQwh(args, { cwd: dir, env: ENV });

beforeEach(async () => {
  ({ dir, cleanup } = await cutoverFolder('qwh-relay-', {
    file: FILE,
    secret: SECRET,
    account: { pass: PASS, enabledLine: true },
  }));
});
afterEach(async () => cleanup());

describe('qwh listen --forward-to: the dual-run relay (e2e)', () => {
  it('forwards byte for byte with the headers, answers with the receiver status, and its capture verifies with observe (previous secret too)', async () => {
    const apply = await qwh([
      ...['migrate', '--yes', '--allow-insecure-host', '--secret-env', 'QWH_R_SECRET'],
    ]);
    expect(apply.code, apply.stderr).toBe(0);
    expect((await qwh(['migrate', 'confirm', 'configured', '--yes'])).code).toBe(0);

    const backend = await startBackend();
    const save = join(dir, 'dual-run.ndjson');
    const relay = await spawnListen(
      [
        ...['--secret-env', 'QWH_R_SECRET', '--previous-secret-env', 'QWH_R_OLD'],
        ...['--forward-to', `${backend.url}/hooks`, '--save', save],
      ],
      ENV,
      dir,
    );
    const P1 = 'AAAA0001-0000-4000-8000-000000000001';
    const P2 = 'AAAA0002-0000-4000-8000-000000000002';
    const sent: Array<{ path: string; body: Buffer; headers: Record<string, string> }> = [
      // 1.0 deliveries carry their credentials in the URL (query token) and as Basic auth.
      { path: 'v1?token=t0k-1', body: v1Body(P1), headers: { authorization: BASIC } },
      {
        path: 'v2',
        body: v2Body(P1),
        headers: { 'x-qualifio-signature': signBody(SECRET, v2Body(P1)), authorization: BASIC },
      },
      // Signed with the secret before the rotation: Qualifio may do so for 30 minutes.
      {
        path: 'v2',
        body: v2Body(P2),
        headers: { 'x-qualifio-signature': signBody(OLD, v2Body(P2)), authorization: BASIC },
      },
      { path: 'v1?token=t0k-1', body: v1Body(P2), headers: { authorization: BASIC } },
    ];
    const answers = [];
    for (const s of sent)
      answers.push(
        await post(`${relay.url}${s.path}`, s.body, {
          'content-type': 'application/json',
          'x-request-id': 'r-1',
          'x-hop': 'only for the relay',
          connection: 'keep-alive, x-hop',
          ...s.headers,
        }),
      );
    const stopped = await relay.stop();
    await backend.close();
    expect(stopped.code, stopped.stderr).toBe(0);

    // The sender got what the receiver answered.
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202]);
    expect(answers[0]).toMatchObject({ type: 'application/json', body: '{"queued":true}' });
    // The receiver got the exact bytes, under --forward-to's path, with the query string.
    expect(backend.seen.map((s) => s.url)).toEqual([
      '/hooks/v1?token=t0k-1',
      '/hooks/v2',
      '/hooks/v2',
      '/hooks/v1?token=t0k-1',
    ]);
    backend.seen.forEach((s, i) => expect(s.body.equals(sent[i]!.body), `body ${i}`).toBe(true));
    const h = backend.seen[1]!.headers;
    expect(h['x-qualifio-signature']).toBe(signBody(SECRET, v2Body(P1)));
    expect(h.authorization).toBe(BASIC);
    expect(h['x-request-id']).toBe('r-1');
    expect(h['content-type']).toBe('application/json');
    expect(h['x-hop']).toBeUndefined(); // named by Connection: hop-by-hop
    expect(backend.seen[2]!.headers['x-qualifio-signature']).toBe(signBody(OLD, v2Body(P2)));

    // listen reported which secret matched, and what the receiver answered.
    const events = stopped.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => e.event === 'delivery');
    expect(events.map((e) => e.secret)).toEqual([undefined, 'current', 'previous', undefined]);
    expect(events.map((e) => (e.forward as { status: number }).status)).toEqual([
      202, 202, 202, 202,
    ]);

    // Both versions recorded, 1.0 included, the query token and auth value left out.
    const text = readFileSync(save, 'utf8');
    const recs = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as CaptureRecord);
    expect(recs.map((r) => [r.path, r.status])).toEqual([
      ['/v1', 202],
      ['/v2', 202],
      ['/v2', 202],
      ['/v1', 202],
    ]);
    expect(Buffer.from(recs[2]!.body, 'base64').equals(v2Body(P2))).toBe(true);
    for (const s of ['t0k-1', BASIC.slice(6), SECRET, OLD]) expect(text).not.toContain(s);

    // observe verifies the capture; the delivery signed before the rotation needs the old secret.
    const obs = await qwh([
      ...['migrate', 'observe', '--captures', save, '--json'],
      ...['--previous-secret-env', 'QWH_R_OLD'],
    ]);
    expect(obs.code, obs.stderr).toBe(0);
    const ev = (
      JSON.parse(obs.stdout) as { webhooks: Array<{ evidence: Record<string, unknown> }> }
    ).webhooks[0]!.evidence;
    expect(ev).toMatchObject({ verified: 2, verifiedWithPrevious: 1, badSignature: 0, lost: [] });
    const human = await qwh([
      ...['migrate', 'observe', '--captures', save, '--previous-secret-env', 'QWH_R_OLD'],
    ]);
    expect(human.stdout).toContain(MESSAGES.migrate.cutover.verifiedWithPrevious(1));
    // Control: without the previous secret, that delivery does not verify. observe keeps each
    // delivery's verdict in its ledger (evidence accumulates), so the control starts afresh.
    rmSync(join(dir, '.qwh', `observed-${FILE}.json`), { force: true });
    const without = await qwh(['migrate', 'observe', '--captures', save, '--json']);
    const ev2 = (
      JSON.parse(without.stdout) as { webhooks: Array<{ evidence: Record<string, unknown> }> }
    ).webhooks[0]!.evidence;
    expect(ev2).toMatchObject({ verified: 1, badSignature: 1 });
    for (const r of [obs, human, without])
      for (const s of [SECRET, OLD, PASS]) expect(r.stdout + r.stderr).not.toContain(s);
  });

  it('forwards an invalid delivery too (the receiver judges it), and a receiver that is down gives 502, recorded', async () => {
    const closed = await startBackend();
    const downUrl = closed.url;
    await closed.close();
    const save = join(dir, 'down.ndjson');
    const relay = await spawnListen(
      ['--secret-env', 'QWH_R_SECRET', '--forward-to', downUrl, '--save', save],
      ENV,
      dir,
    );
    const body = v2Body('BBBB0001-0000-4000-8000-000000000001');
    const a = await post(relay.url, body, {
      'content-type': 'application/json',
      'x-qualifio-signature': signBody(SECRET, body),
    });
    const stopped = await relay.stop();
    expect(a.status).toBe(502);
    expect(JSON.parse(a.body)).toMatchObject({ ok: false });
    expect(stopped.code).toBe(0);
    const rec = JSON.parse(readFileSync(save, 'utf8').trim()) as CaptureRecord;
    expect(rec.status).toBe(502);
    expect(Buffer.from(rec.body, 'base64').equals(body)).toBe(true);
    const ev = JSON.parse(stopped.stdout.trim().split('\n')[1]!) as Record<string, unknown>;
    expect(ev).toMatchObject({ status: 502, result: 'accepted', forward: { failure: 'refused' } });

    // A wrongly signed delivery is still forwarded: the verdict is recorded, the receiver decides.
    const backend = await startBackend();
    const relay2 = await spawnListen(
      ['--secret-env', 'QWH_R_SECRET', '--forward-to', backend.url],
      ENV,
      dir,
    );
    const forged = await post(relay2.url, body, {
      'content-type': 'application/json',
      'x-qualifio-signature': signBody('not-the-secret', body),
    });
    const s2 = await relay2.stop();
    await backend.close();
    expect(forged.status).toBe(202);
    expect(backend.seen).toHaveLength(1);
    const ev2 = JSON.parse(s2.stdout.trim().split('\n')[1]!) as Record<string, unknown>;
    expect(ev2).toMatchObject({ status: 202, result: 'rejected', forward: { status: 202 } });
    expect(String(ev2.reason)).toContain('bad signature');
  });

  it('verify reports a signature made with the previous secret; --help of listen shows --forward-to and the exit codes', async () => {
    const body = v2Body('CCCC0001-0000-4000-8000-000000000001');
    await writeFile(join(dir, 'body.json'), body);
    const sig = signBody(OLD, body);
    const args = ['verify', 'body.json', '--secret-env', 'QWH_R_SECRET', '--signature', sig];
    const json = await qwh([...args, '--previous-secret-env', 'QWH_R_OLD', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, secret: 'previous' });
    const human = await qwh([...args, '--previous-secret-env', 'QWH_R_OLD']);
    expect(human.stdout).toContain(MESSAGES.secrets.matched('previous'));
    expect((await qwh(args)).code).toBe(1); // the current secret alone refuses it
    const current = await qwh([
      ...['verify', 'body.json', '--secret-env', 'QWH_R_SECRET', '--json'],
      ...['--previous-secret-env', 'QWH_R_OLD', '--signature', signBody(SECRET, body)],
    ]);
    expect(JSON.parse(current.stdout)).toMatchObject({ ok: true, secret: 'current' });
    // A previous secret alone is refused: it would accept what the new one no longer signs.
    const alone = await qwh(['listen', '--previous-secret-env', 'QWH_R_OLD']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain(MESSAGES.secrets.previousWithoutCurrent);
    const help = await qwh(['listen', '--help']);
    expect(help.stdout).toContain('--forward-to http://127.0.0.1:3000/hooks');
    expect(help.stdout).toMatch(/Exit codes: 0 .*\n.*4 refused --forward-to/);
  });
});

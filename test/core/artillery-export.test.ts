import { writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER } from '../../src/core/assumptions.js';
import { buildArtilleryExport, processorNameOf } from '../../src/core/endpoint/artillery-export.js';
import type { TestEndpointInput } from '../../src/core/endpoint/input.js';
import { ParticipationV2Schema } from '../../src/core/payload/v2.js';
import { verifySignature } from '../../src/core/signing.js';
import { isUserError } from '../../src/core/errors.js';
import { tempDir } from '../helpers/bin.js';

// `qwh test-endpoint URL --export artillery FILE` (issue 18 item 6). Artillery is not a
// dependency: the generated processor is loaded as Artillery loads it (require) and its
// beforeRequest hook driven against a loopback receiver that verifies every signature; the
// scenario's structure is checked as YAML. A full `artillery run` lives in bench/.

const SECRET = 'export-secret-Zq8u2';
const TOKEN = 'Bearer export-token-x81';
type Hook = (
  req: Record<string, unknown>,
  ctx: object,
  ee: object,
  done: (e?: Error) => void,
) => void;

function input(over: Partial<TestEndpointInput> = {}): TestEndpointInput {
  return {
    url: 'http://127.0.0.1:9/hooks/q?site=7',
    version: 2,
    secret: { ref: { env: 'QWH_EXPORT_SECRET' }, base: 'cwd' },
    authHeader: { name: 'Authorization', value: { ref: { env: 'QWH_EXPORT_TOKEN' }, base: 'cwd' } },
    timeoutMs: 15_000,
    warnMs: 5_000,
    reporter: 'human',
    count: 5_000,
    ...over,
  };
}

/** Loads a processor text the way Artillery does (CommonJS require of a file). */
async function loadProcessor(
  dir: string,
  name: string,
  text: string,
): Promise<{ signDelivery: Hook }> {
  const file = join(dir, name);
  await writeFile(file, text);
  return createRequire(import.meta.url)(file) as { signDelivery: Hook };
}

function drive(hook: Hook): Promise<Record<string, unknown>> {
  const req: Record<string, unknown> = {
    url: '/hooks/q?site=7',
    json: { stale: true },
    headers: {},
  };
  return new Promise((res, rej) => hook(req, {}, {}, (e) => (e ? rej(e) : res(req))));
}

describe('--export artillery: the processor signs every request like qwh', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  let srv: Server;
  let port = 0;
  const verdicts: Array<{ ok: boolean; id: string; auth: string | undefined; parsed: boolean }> =
    [];
  beforeAll(async () => {
    t = await tempDir();
    srv = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const sig = req.headers[SIGNATURE_HEADER] as string | undefined;
        const value: unknown = JSON.parse(body.toString('utf8'));
        verdicts.push({
          ok: verifySignature(SECRET, body, sig).ok,
          id: (value as { id: string }).id,
          auth: req.headers.authorization,
          parsed: ParticipationV2Schema.safeParse(value).success,
        });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    port = (srv.address() as AddressInfo).port;
  });
  afterAll(async () => {
    delete process.env.QWH_EXPORT_SECRET;
    delete process.env.QWH_EXPORT_TOKEN;
    await new Promise((r) => srv.close(r));
    await t.cleanup();
  });

  it('writes no secret, and every one of 300 hooked requests verifies at a loopback receiver', async () => {
    const x = buildArtilleryExport(input(), 'burst.yml', { version: '9.9.9', seed: 3 });
    expect(x.processorName).toBe('burst.processor.cjs');
    expect(x.env).toEqual(['QWH_EXPORT_SECRET', 'QWH_EXPORT_TOKEN']);
    for (const text of [x.scenario, x.processor]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
    }
    process.env.QWH_EXPORT_SECRET = SECRET;
    process.env.QWH_EXPORT_TOKEN = TOKEN;
    const { signDelivery } = await loadProcessor(t.dir, 'a.processor.cjs', x.processor);
    const lengths = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const req = await drive(signDelivery);
      expect(req.json).toBeUndefined();
      const body = req.body as Buffer;
      lengths.add(body.length);
      await new Promise<void>((res, rej) => {
        const r = request(
          {
            host: '127.0.0.1',
            port,
            path: req.url as string,
            method: 'POST',
            headers: req.headers as Record<string, string>,
          },
          (resp) => resp.resume().on('end', res),
        );
        r.on('error', rej);
        r.end(body);
      });
    }
    expect(verdicts).toHaveLength(300);
    expect(verdicts.every((v) => v.ok)).toBe(true);
    expect(verdicts.every((v) => v.parsed)).toBe(true);
    expect(verdicts.every((v) => v.auth === TOKEN)).toBe(true);
    expect(new Set(verdicts.map((v) => v.id)).size).toBe(300);
    expect(
      verdicts.every((v) =>
        /^7E57[0-9A-F]{4}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/.test(v.id),
      ),
    ).toBe(true);
    // Compact bodies of the generated participations, like burst mode's (not one fixed body).
    expect(lengths.size).toBeGreaterThan(1);
  });

  it('fails the request, naming the variable, when the secret is not in the environment', async () => {
    const x = buildArtilleryExport(
      input({ secret: { ref: { env: 'QWH_EXPORT_UNSET' }, base: 'cwd' } }),
      'b.yml',
      { version: '1', seed: 1 },
    );
    const { signDelivery } = await loadProcessor(t.dir, 'b.processor.cjs', x.processor);
    await expect(drive(signDelivery)).rejects.toThrow(/QWH_EXPORT_UNSET/);
  });

  it('signs 1.0 bodies too (the participation id rewritten in place)', async () => {
    process.env.QWH_EXPORT_SECRET = SECRET;
    const x = buildArtilleryExport(input({ version: 1 }), 'c.yaml', { version: '1', seed: 5 });
    const { signDelivery } = await loadProcessor(t.dir, 'c.processor.cjs', x.processor);
    const a = await drive(signDelivery);
    const b = await drive(signDelivery);
    for (const r of [a, b])
      expect(
        verifySignature(
          SECRET,
          r.body as Buffer,
          (r.headers as Record<string, string>)[SIGNATURE_HEADER],
        ).ok,
      ).toBe(true);
    const id = (r: Record<string, unknown>) =>
      (JSON.parse((r.body as Buffer).toString()) as Record<string, string>).participation_id;
    expect(id(a)).not.toBe(id(b));
  });
});

describe('--export artillery: the scenario', () => {
  it('targets the origin, posts the path and query through the hook, no redirects, TLS verified', () => {
    const x = buildArtilleryExport(
      input({ url: 'https://hooks.example:8443/q/in?site=7', count: 1234 }),
      'out/load.yml',
      { version: '0.1.0', seed: 1 },
    );
    const doc = parse(x.scenario) as {
      config: {
        target: string;
        processor: string;
        phases: Array<{ duration: number; arrivalCount: number }>;
        http: { timeout: number };
        tls: { rejectUnauthorized: boolean };
      };
      scenarios: Array<{
        flow: Array<{ post: { url: string; beforeRequest: string; followRedirect: boolean } }>;
      }>;
    };
    expect(doc.config.target).toBe('https://hooks.example:8443');
    expect(doc.config.processor).toBe('./load.processor.cjs');
    expect(doc.config.phases).toHaveLength(1);
    expect(doc.config.phases[0]!.arrivalCount).toBe(1234);
    expect(doc.config.http.timeout).toBe(15);
    expect(doc.config.tls.rejectUnauthorized).toBe(true);
    expect(doc.scenarios).toHaveLength(1);
    expect(doc.scenarios[0]!.flow).toEqual([
      { post: { url: '/q/in?site=7', followRedirect: false, beforeRequest: 'signDelivery' } },
    ]);
  });

  it('refuses what it would have to write down or copy: a secret file or literal, URL credentials, --payload', () => {
    const refused = (over: Partial<TestEndpointInput>): string => {
      try {
        buildArtilleryExport(input(over), 'x.yml', { version: '1', seed: 1 });
      } catch (e) {
        if (isUserError(e)) return e.message;
        throw e;
      }
      return 'accepted';
    };
    expect(refused({ secret: { ref: { file: 's.txt' }, base: 'cwd' } })).toMatch(/--secret-env/);
    expect(refused({ secret: { ref: 'literal-secret', base: 'config' } })).toMatch(/--secret-env/);
    expect(refused({ url: 'https://u:p@h.example/q' })).toMatch(/credentials/);
    expect(refused({ url: 'https://h.example/q?token=abc' })).toMatch(/credentials/);
    expect(refused({ payload: 'captures/' })).toMatch(/--payload/);
    expect(processorNameOf('a/b/run.YAML')).toBe('run.processor.cjs');
  });
});

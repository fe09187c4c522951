import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQwh, tempDir } from '../helpers/bin.js';
import { spawnListen } from '../helpers/listen.js';

// The spawned contract of `qwh test-endpoint URL --export artillery FILE` (issue 18 item 6):
// exit 0, two files (scenario + processor), nothing sent, no secret in any file or output; the
// written processor's hook, driven as Artillery drives it, is accepted by the built
// `qwh listen` (signature, 2.0 model, dedupe on id) for every request. Bad usage: exit 2.

const SECRET = 'e2e-export-secret-Hq71';
type Hook = (req: Record<string, unknown>, c: object, e: object, d: (x?: Error) => void) => void;

describe('qwh test-endpoint --export artillery, spawned', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    t = await tempDir();
  });
  afterAll(async () => {
    delete process.env.QWH_E2E_SECRET;
    await t.cleanup();
  });

  it('writes the scenario and processor, no secret anywhere, and qwh listen accepts every hooked request', async () => {
    const listen = await spawnListen(['--secret-env', 'QWH_E2E_SECRET'], {
      QWH_E2E_SECRET: SECRET,
    });
    try {
      const r = await runQwh(
        ['test-endpoint', listen.url, '--secret-env', 'QWH_E2E_SECRET', '--count', '50'].concat([
          '--export',
          'artillery',
          'load.yml',
        ]),
        { cwd: t.dir, env: { QWH_E2E_SECRET: SECRET } },
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/load\.yml/);
      const scenario = await readFile(join(t.dir, 'load.yml'), 'utf8');
      const processor = await readFile(join(t.dir, 'load.processor.cjs'), 'utf8');
      for (const text of [scenario, processor, r.stdout, r.stderr])
        expect(text).not.toContain(SECRET);
      const doc = parse(scenario) as {
        config: { target: string; phases: Array<{ arrivalCount: number }> };
        scenarios: Array<{ flow: Array<{ post: { url: string } }> }>;
      };
      const u = new URL(listen.url);
      expect(doc.config.target).toBe(u.origin);
      expect(doc.config.phases[0]!.arrivalCount).toBe(50);
      process.env.QWH_E2E_SECRET = SECRET;
      const hook = (
        createRequire(import.meta.url)(join(t.dir, 'load.processor.cjs')) as {
          signDelivery: Hook;
        }
      ).signDelivery;
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) {
        const req: Record<string, unknown> = {
          url: doc.scenarios[0]!.flow[0]!.post.url,
          headers: {},
        };
        await new Promise<void>((res, rej) => hook(req, {}, {}, (e) => (e ? rej(e) : res())));
        statuses.push(
          await new Promise<number>((res, rej) => {
            const q = request(
              {
                host: u.hostname,
                port: u.port,
                path: req.url as string,
                method: 'POST',
                headers: req.headers as Record<string, string>,
              },
              (resp) => resp.resume().on('end', () => res(resp.statusCode ?? 0)),
            );
            q.on('error', rej);
            q.end(req.body as Buffer);
          }),
        );
      }
      expect(statuses).toEqual(Array.from({ length: 50 }, () => 200));
    } finally {
      const out = await listen.stop();
      const events = out.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => JSON.parse(l) as { result?: string });
      expect(events.filter((e) => e.result === 'accepted')).toHaveLength(50);
    }
  });

  it('exit 2 with the usage line for a missing file, and for a secret file', async () => {
    const a = await runQwh(['test-endpoint', 'http://127.0.0.1:9/', '--export', 'artillery'], {
      cwd: t.dir,
    });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--export artillery FILE/);
    const b = await runQwh(
      [
        'test-endpoint',
        'http://127.0.0.1:9/',
        '--secret-file',
        's.txt',
        '--export',
        'artillery',
        'x.yml',
      ],
      { cwd: t.dir },
    );
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--secret-env/);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runQwh, tempDir } from '../helpers/bin.js';

// #16 bug 1: an output path that cannot be written fails before the command does anything
// (never "cannot read (ENOENT)", exit 2, after the account file was changed); a missing folder
// is created.

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  await copyFile(join(FIXTURES, 'accounts/acme.yaml'), join(dir, 'acme.yaml'));
  await writeFile(join(dir, 'blocker'), 'a regular file, not a folder\n');
});
afterEach(() => cleanup());

describe('output paths are checked before any effect', () => {
  it('migrate --runbook under a file: exit 2 "cannot write", the account file untouched, no backup', async () => {
    const before = readFileSync(join(dir, 'acme.yaml'));
    const r = await runQwh(['migrate', 'acme.yaml', '--yes', '--runbook', 'blocker/rb.md'], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('blocker/rb.md: cannot write');
    expect(r.stderr).not.toContain('cannot read');
    expect(readFileSync(join(dir, 'acme.yaml'))).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['acme.yaml', 'blocker']);
  });

  it('migrate --plan-out and --runbook into missing folders: created', async () => {
    const r = await runQwh(
      ['migrate', 'acme.yaml', '--plan-out', 'out/plan.json', '--runbook', 'docs/a/rb.md'],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out/plan.json'), 'utf8'))).toHaveProperty('changes');
    expect(readFileSync(join(dir, 'docs/a/rb.md'), 'utf8')).toContain(
      '## 1. Configure Webhook 2.0',
    );
  });

  describe('test-endpoint --out', () => {
    let server: Server;
    let hits = 0;
    let url: string;
    beforeEach(async () => {
      hits = 0;
      server = createServer((req, res) => {
        hits++;
        req.resume();
        req.on('end', () => res.writeHead(401).end());
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    });
    afterEach(() => new Promise<void>((r) => server.close(() => r())));

    it('into a path under a file: exit 2 before a single delivery is sent', async () => {
      const r = await runQwh(
        ['test-endpoint', url, '--reporter', 'junit', '--out', 'blocker/j.xml'],
        { cwd: dir },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('blocker/j.xml: cannot write');
      expect(hits).toBe(0);
    });

    it('into a folder that does not exist yet: the folder is created, the report written', async () => {
      await mkdir(join(dir, 'reports'));
      const r = await runQwh(
        ['test-endpoint', url, '--reporter', 'junit', '--out', 'reports/ci/j.xml'],
        { cwd: dir },
      );
      expect(r.code, r.stderr).toBe(1);
      expect(readFileSync(join(dir, 'reports/ci/j.xml'), 'utf8')).toContain('<testsuite');
      expect(hits).toBeGreaterThan(0);
    });
  });

  it('diff-payload --emit-schema to a folder path: exit before reading the captures', async () => {
    await mkdir(join(dir, 'schema.json'));
    const r = await runQwh(
      [
        'diff-payload',
        join(FIXTURES, 'payloads/v1'),
        join(FIXTURES, 'payloads/v2'),
        '--emit-schema',
        'schema.json',
      ],
      { cwd: dir },
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('schema.json');
    expect(existsSync(join(dir, 'schema.json'))).toBe(true);
  });
});

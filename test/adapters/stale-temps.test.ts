import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../../src/adapters/account-store.js';

// #17 item 11: temp files a SIGKILL left (between the exclusive create and the rename) are
// removed under the next run's lock — only qwh's own names, of this file, of a dead writer.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qwh-temps-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A pid that surely belongs to no running process: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('stale temp files of a killed run', () => {
  it('are removed when the lock is taken; others are kept', async () => {
    const dead = deadPid();
    await writeFile(join(dir, 'acme.yaml'), 'version: 1\n');
    await mkdir(join(dir, '.qwh/secrets/acme.yaml'), { recursive: true });
    const gone = [
      `.acme.yaml.qwh-tmp-${dead}-deadbeef`,
      `.qwh/.stages-acme.yaml.json.qwh-tmp-${dead}-0badf00d`,
      `.qwh/secrets/acme.yaml/main-v2.secret.qwh-tmp-${dead}-k3y9zz`,
    ];
    const kept = [
      `.acme.yaml.qwh-tmp-${process.pid}-cafebabe`, // a live writer: this process
      `.other.yaml.qwh-tmp-${dead}-deadbeef`, // another account file's
      'acme.yaml.notes', // not a temp name
    ];
    for (const f of [...gone, ...kept]) await writeFile(join(dir, f), 'x');
    const store = new AccountStore(join(dir, 'acme.yaml'), 'acme.yaml');
    const release = await store.lock('test');
    await release();
    for (const f of gone) expect(existsSync(join(dir, f)), f).toBe(false);
    for (const f of kept) expect(existsSync(join(dir, f)), f).toBe(true);
  });
});

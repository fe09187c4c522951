import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQwh, tempDir } from '../helpers/bin.js';

// #17 item 11: an account file init writes with URL credentials in it is 0600, like a secret file.

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const base = ['init', '--from-flags', '--account-id', '1', '--account-name', 'A'];

describe.skipIf(process.platform === 'win32')('init file mode', () => {
  it('credentials in a 1.0 URL (from the environment): the file is 0600', async () => {
    const r = await runQwh([...base, '--v1-url-env', 'QWH_V1', '--out', 'a.yaml'], {
      cwd: dir,
      env: { QWH_V1: 'https://acme:s3cr3t-pass-x@hooks.example/q' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(join(dir, 'a.yaml')).mode & 0o777).toBe(0o600);
  });
  it('no credentials: an ordinary 0644 file (umask permitting)', async () => {
    const r = await runQwh([...base, '--v1-url', 'https://hooks.example/q', '--out', 'b.yaml'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(join(dir, 'b.yaml')).mode & 0o077).toBe(0o644 & 0o077 & ~process.umask());
  });
});

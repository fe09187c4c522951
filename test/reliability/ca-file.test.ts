import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runQwh, tempDir } from '../helpers/bin.js';

// Issue 17 #11: a garbage `--ca-file` (not PEM) was accepted without a word. It is refused with
// exit 2 naming the file, before anything is sent; a real PEM certificate is still accepted.

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('qwh-ca-')));
afterAll(() => cleanup());

const ACCOUNT = JSON.stringify({
  version: 1,
  account: { id: 1, name: 'A' },
  webhooks: [{ key: 'main', version: 1, scope: 'account', url: 'https://hooks.example.invalid/q' }],
  pushRules: [{ level: 'default', destination: 'main' }],
});

describe.each([
  ['garbage text', 'not a certificate\n'],
  [
    'a PEM block that does not parse',
    '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
  ],
])('--ca-file holding %s', (_name, text) => {
  it('test-endpoint and migrate: exit 2 naming the file', async () => {
    writeFileSync(join(dir, 'bad.pem'), text);
    writeFileSync(join(dir, 'a.json'), ACCOUNT);
    const runs = [
      await runQwh(['test-endpoint', 'https://hooks.example.invalid/', '--ca-file', 'bad.pem'], {
        cwd: dir,
      }),
      await runQwh(['migrate', 'a.json', '--dry-run', '--ca-file', 'bad.pem'], { cwd: dir }),
    ];
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('--ca-file bad.pem: not a PEM certificate file');
    }
  });
});

it('a real PEM certificate is accepted (migrate --dry-run exit 0)', async () => {
  writeFileSync(join(dir, 'a.json'), ACCOUNT);
  const r = await runQwh(
    ['migrate', 'a.json', '--dry-run', '--ca-file', join(FIXTURES, 'tls/localhost-cert.pem')],
    { cwd: dir },
  );
  expect(r.code, r.stderr).toBe(0);
});

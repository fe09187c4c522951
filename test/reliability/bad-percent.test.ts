import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQwh, tempDir } from '../helpers/bin.js';

// Issue 17 #8: bad percent-encoding in a URL (`%E0%A4%A`, `p%zz`), which the WHATWG parser
// accepts as it is, crashed check, migrate, test-endpoint and init with exit 70 (decodeURI
// threw); then it was accepted as written. A URL qwh cannot decode is a URL it can neither mask
// nor send faithfully: every command refuses it with exit 2 naming the field (or flag, or env
// variable) and the part of the URL, and writes nothing.

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('qwh-percent-')));
afterAll(() => cleanup());

const CASES: Array<[part: string, url: string]> = [
  ['password', 'https://user:p%zz@hooks.example.invalid/q'],
  ['user name', 'https://u%E0%A4%A:longpassword1234@hooks.example.invalid/q'],
  ['path', 'https://hooks.example.invalid/q%E0%A4%A'],
  ['query', 'https://hooks.example.invalid/q?page=t%zz'],
];

const account = (url: string): string =>
  JSON.stringify({
    version: 1,
    account: { id: 1, name: 'A' },
    webhooks: [{ key: 'main', version: 1, scope: 'account', url }],
    pushRules: [{ level: 'default', destination: 'main' }],
  });

const clean = (r: { code: number | null; stderr: string }, where: string, part: string): void => {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(where);
  expect(r.stderr).toContain(`bad percent-encoding in the URL's ${part}`);
  expect(r.stderr).not.toMatch(/URIError|\n\s+at /);
};

describe.each(CASES)('a URL with bad percent-encoding in the %s', (part, url) => {
  it('check, migrate, test-endpoint (--account, argument, env) and init: exit 2 naming the field; nothing written', async () => {
    const i = CASES.findIndex(([p]) => p === part);
    const file = join(dir, `a${i}.json`);
    const bytes = account(url);
    writeFileSync(file, bytes);
    const field = `a${i}.json › webhooks[0].url`;
    clean(await runQwh(['check', file], { cwd: dir }), field, part);
    clean(await runQwh(['migrate', file, '--dry-run'], { cwd: dir }), field, part);
    clean(await runQwh(['migrate', file, '--yes'], { cwd: dir }), field, part);
    expect(existsSync(join(dir, '.qwh'))).toBe(false);
    clean(
      await runQwh(['test-endpoint', '--account', file, '--webhook', 'main', '--timeout', '2000'], {
        cwd: dir,
      }),
      field,
      part,
    );
    if (part === 'path' || part === 'query') {
      // an argument may not hold credentials, so only the credential-free URLs are given there
      clean(
        await runQwh(['test-endpoint', url, '--timeout', '2000'], { cwd: dir }),
        'error:',
        part,
      );
    }
    clean(
      await runQwh(['test-endpoint', '--timeout', '2000'], {
        cwd: dir,
        env: { QWH_ENDPOINT_URL: url },
      }),
      'error:',
      part,
    );
    const out = join(dir, `i${i}.yaml`);
    const init = await runQwh(
      [
        ...['init', '--from-flags', '--account-id', '1', '--account-name', 'A'],
        ...['--v1-url-env', 'U', '--rule', 'default:main', '--out', out],
      ],
      { cwd: dir, env: { U: url } },
    );
    clean(init, 'U:', part);
    expect(existsSync(out)).toBe(false);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQwh, tempDir } from '../helpers/bin.js';

// Issue 17 #8: bad percent-encoding in a URL (`%E0%A4%A`, `p%zz`), which the URL parser accepts,
// crashed check, migrate, test-endpoint and init with exit 70 (decodeURI threw). Never exit 70.

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('qwh-percent-')));
afterAll(() => cleanup());

const URLS = [
  'https://u:p%zz@hooks.example.invalid/q%E0%A4%A?token=t%zz',
  'https://hooks.example.invalid/%E0%A4%A',
];

const account = (url: string): string =>
  JSON.stringify({
    version: 1,
    account: { id: 1, name: 'A' },
    webhooks: [{ key: 'main', version: 1, scope: 'account', url }],
    pushRules: [{ level: 'default', destination: 'main' }],
  });

describe.each(URLS)('a URL with bad percent-encoding: %s', (url) => {
  it('check, migrate --dry-run, test-endpoint, init: no exit 70, no stack', async () => {
    const file = join(dir, 'a.json');
    writeFileSync(file, account(url));
    const runs = [
      await runQwh(['check', file], { cwd: dir }),
      await runQwh(['migrate', file, '--dry-run'], { cwd: dir }),
      await runQwh(['test-endpoint', '--account', file, '--webhook', 'main', '--timeout', '2000'], {
        cwd: dir,
      }),
      await runQwh(
        [
          ...['init', '--from-flags', '--account-id', '1', '--account-name', 'A'],
          ...['--v1-url-env', 'U', '--rule', 'default:main'],
          ...['--out', join(dir, `i${URLS.indexOf(url)}.yaml`)],
        ],
        { cwd: dir, env: { U: url } },
      ),
    ];
    expect(runs[0]?.code, runs[0]?.stderr).toBe(0); // check: a valid file
    expect(runs[3]?.code, runs[3]?.stderr).toBe(0); // init: written
    for (const r of runs) {
      expect(r.code, r.stderr).not.toBe(70);
      expect(r.code).not.toBeNull();
      expect(r.stderr).not.toMatch(/URIError|\n\s+at /);
    }
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, tempDir } from '../helpers/bin.js';

// #17 item 11: a full disk while taking the lock left the lock's temp file in .qwh/. The file
// size limit (ulimit -f 0, SIGXFSZ ignored) makes the lock's first write fail as a full disk does.

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  copyFileSync(join(FIXTURES, 'accounts/acme.yaml'), join(dir, 'acme.yaml'));
  mkdirSync(join(dir, '.qwh'), { mode: 0o700 });
  writeFileSync(join(dir, '.qwh/.gitignore'), '*\n');
});
afterEach(() => cleanup());

describe('a full disk while locking', () => {
  it('fails without leaving a temp file, the account file untouched', () => {
    const before = readFileSync(join(dir, 'acme.yaml'));
    const again = spawnSync(
      'bash',
      [
        '-c',
        `trap '' XFSZ; ulimit -f 0; exec "$@"`,
        'qwh',
        process.execPath,
        BIN,
        'migrate',
        'acme.yaml',
        '--yes',
      ],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1' } },
    );
    expect(again.status).not.toBe(0);
    expect(again.status).not.toBe(70);
    expect(readdirSync(join(dir, '.qwh')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(join(dir, 'acme.yaml'))).toEqual(before);
  });
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretFromFile } from '../../src/adapters/secrets.js';
import { Redactor } from '../../src/core/redact.js';
import { MESSAGES } from '../../src/messages/index.js';
import { tempDir } from '../helpers/bin.js';

// Issue 17 #11: a secret file that reports size 0 (/proc/version) or grows after stat was cut at
// the stat size (/proc/version gave the key "L"); a binary secret file was decoded lossily.
// In-process: the real reader on real files.

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('qwh-secret-files-')));
afterAll(() => cleanup());

const src = () => ({ env: {}, baseDir: dir, redactor: new Redactor() });

describe('secret files', () => {
  it.skipIf(!existsSync('/proc/version'))(
    'a file that reports size 0 (/proc/version) is read to EOF, not cut at the stat size',
    async () => {
      const expected = readFileSync('/proc/version', 'utf8').replace(/\r?\n$/, '');
      expect(expected.length).toBeGreaterThan(8);
      expect(await secretFromFile('/proc/version', src())).toBe(expected);
    },
  );

  it.each([
    ['a NUL byte', Buffer.from('abcdefgh\0ijklmnop')],
    ['invalid UTF-8', Buffer.from([0x61, 0x62, 0xff, 0xfe, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68])],
  ])('a secret file holding %s is refused (exit 2), never decoded lossily', async (_n, bytes) => {
    const file = join(dir, 'bin.key');
    writeFileSync(file, bytes);
    await expect(secretFromFile(file, src())).rejects.toMatchObject({
      message: MESSAGES.secrets.fileBinary(file),
      exitCode: 2,
    });
  });
});

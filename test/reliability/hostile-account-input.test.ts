import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAccount } from '../../src/core/account/validate.js';
import { decodeUtf8 } from '../../src/core/input/decode.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { runQwh, tempDir } from '../helpers/bin.js';

// Hostile account and config files: each must be a clear one-line error (exit 2), in bounded
// time and memory, with no stack trace and no prototype pollution.
const cases: Array<[string, () => Buffer | string, RegExp]> = [
  [
    'deep nesting (100 000 levels, JSON)',
    () => '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}',
    /nesting deeper than/,
  ],
  [
    'deep nesting (100 000 levels, YAML flow)',
    () => 'a: ' + '['.repeat(100_000) + ']'.repeat(100_000),
    /nesting|call stack|YAML/i,
  ],
  [
    '1 million keys',
    () =>
      '{' + Array.from({ length: 1_000_000 }, (_, i) => `"${i.toString(36)}":0`).join(',') + '}',
    /limit|keys/,
  ],
  [
    '__proto__ key',
    () => '{"version":1,"__proto__":{"polluted":true}}',
    /"__proto__" is not allowed/,
  ],
  [
    'constructor.prototype keys',
    () => 'version: 1\nconstructor:\n  prototype:\n    polluted: true\n',
    /"constructor" is not allowed/,
  ],
  ['duplicate keys (JSON)', () => '{"version":1,"version":2}', /version: duplicate key/],
  ['duplicate keys (YAML)', () => 'version: 1\nversion: 2\n', /unique|duplicate/i],
  [
    'number beyond 2^53',
    () => '{"version":1,"account":{"id":9007199254740993,"name":"x"},"webhooks":[]}',
    /number too large/,
  ],
  [
    'invalid UTF-8',
    () => Buffer.from([0x76, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
    /invalid UTF-8 at byte 3/,
  ],
  [
    'UTF-16 file',
    () =>
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('version: 1\n', 'utf16le').swap16()]),
    /UTF-16/,
  ],
  [
    'YAML alias bomb',
    () =>
      [
        'a: &a [x,x,x,x,x,x,x,x,x,x]',
        ...'bcdefgh'.split('').map(
          (k, i) =>
            `${k}: &${k} [${Array(10)
              .fill('*' + 'abcdefgh'[i])
              .join(',')}]`,
        ),
      ].join('\n'),
    /alias/,
  ],
  [
    'binary garbage',
    () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    /invalid UTF-8|cannot|must be/,
  ],
  ['empty file', () => '', /the file is empty/],
  ['whitespace only', () => '  \n\n', /the file is empty/],
  ['a string, not an object', () => '"hello"', /must be an object/],
];

describe('hostile account files: clear error, exit 2, no stack, nothing polluted', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    t = await tempDir();
  });
  afterAll(async () => t.cleanup());

  it.each(cases)('%s', async (name, make, message) => {
    const ext = /YAML|alias|constructor/.test(name) ? 'yaml' : 'json';
    const file = join(t.dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.${ext}`);
    await writeFile(file, make());
    const r = await runQwh(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error: ')).length).toBeGreaterThan(0);
  });

  it.each(cases)('%s: in-process parse leaves Object.prototype clean', (_name, make) => {
    const raw = make();
    try {
      const text = typeof raw === 'string' ? raw : decodeUtf8(raw, 'f');
      const parsed = parseDocumentText(
        text,
        text.trimStart().startsWith('{') ? 'json' : 'yaml',
        ACCOUNT_FILE_LIMITS,
      );
      if (parsed.ok) validateAccount(parsed.value);
    } catch {
      // decode errors are fine here: the point is what parsing leaves behind
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a directory, /dev/zero, a FIFO and a dangling symlink given as a file', async () => {
    const fifo = join(t.dir, 'fifo.yaml');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [fifo]);
    await mkdir(join(t.dir, 'd.yaml'));
    await symlink(join(t.dir, 'missing.yaml'), join(t.dir, 'dangling.yaml'));
    for (const [p, msg] of [
      [join(t.dir, 'd.yaml'), /is a directory/],
      ['/dev/zero', /is a character device/],
      [fifo, /named pipe/],
      [join(t.dir, 'dangling.yaml'), /no such file/],
    ] as const) {
      const r = await runQwh(['check', p]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });

  it('a BOM is accepted', async () => {
    const file = join(t.dir, 'bom.json');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(JSON.stringify({ version: 1, account: { id: 1, name: 'A' }, webhooks: [] })),
      ]),
    );
    const r = await runQwh(['check', file]);
    expect(r.code).toBe(0);
  });
});

describe('hostile config files', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    t = await tempDir();
  });
  afterAll(async () => t.cleanup());

  it.each([
    [
      '__proto__ key',
      'qwh.config.json',
      '{"account":"a.json","__proto__":{"polluted":1}}',
      /"__proto__" is not allowed/,
    ],
    [
      'duplicate key',
      'qwh.config.json',
      '{"account":"a.json","account":"b.json"}',
      /duplicate key/,
    ],
    [
      '50 000 levels of YAML',
      'qwh.config.yaml',
      'account: ' + '['.repeat(50_000) + ']'.repeat(50_000),
      /nesting|call stack|YAML/i,
    ],
    ['invalid UTF-8', '.qwhrc.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xc0, 0x80]), /invalid UTF-8/],
    [
      'bad URL',
      '.qwhrc.json',
      '{"testEndpoint":{"url":"notaurl"}}',
      /\.qwhrc\.json › testEndpoint\.url: Invalid URL/,
    ],
    [
      'unknown key in package.json#qwh',
      'package.json',
      '{"name":"x","qwh":{"acount":"a.json"}}',
      /package\.json#qwh › acount: unknown key/,
    ],
    [
      'a literal secret',
      'qwh.config.yaml',
      'testEndpoint:\n  secret: plain-text-secret\n',
      /never the secret itself/,
    ],
    [
      '100 000 levels of JSON',
      'qwh.config.json',
      '{"account":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}',
      /nesting deeper than 32 levels/,
    ],
    [
      '1 million keys',
      'qwh.config.json',
      '{' + Array.from({ length: 1_000_000 }, (_, i) => `"${i.toString(36)}":0`).join(',') + '}',
      /limit|keys/,
    ],
    [
      'constructor.prototype keys',
      '.qwhrc.yaml',
      'constructor:\n  prototype:\n    polluted: true\n',
      /"constructor" is not allowed/,
    ],
    [
      'a number beyond 2^53',
      'qwh.config.json',
      '{"testEndpoint":{"seed":9007199254740993}}',
      /testEndpoint\.seed: number too large/,
    ],
    [
      'a UTF-16 file',
      'qwh.config.yaml',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('account: a.yaml\n', 'utf16le')]),
      /UTF-16/,
    ],
    [
      'a YAML alias bomb',
      'qwh.config.yaml',
      'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n',
      /too many YAML alias expansions/,
    ],
    [
      'binary garbage',
      'qwh.config.yaml',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      /invalid UTF-8/,
    ],
    ['an empty file (read as no config)', 'qwh.config.yaml', '', /x\.yaml: no such file/],
  ] as const)('%s (%s)', async (_label, name, content, message) => {
    const dir = join(t.dir, `c${Math.random().toString(36).slice(2)}`);
    await mkdir(dir);
    await writeFile(join(dir, name), content);
    const r = await runQwh(['check', 'x.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a BOM is accepted (the config is read: its account path is used)', async () => {
    const dir = join(t.dir, 'bom');
    await mkdir(dir);
    await writeFile(
      join(dir, 'qwh.config.json'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('{"account":"from-config.yaml"}'),
      ]),
    );
    const r = await runQwh(['check'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('from-config.yaml: no such file');
  });

  it('a FIFO or a folder where a config file is searched, /dev/zero or a folder given to --config: exit 2, no hang', async () => {
    const { execFileSync } = await import('node:child_process');
    const fifoDir = join(t.dir, 'fifo');
    await mkdir(fifoDir);
    execFileSync('mkfifo', [join(fifoDir, '.qwhrc.json')]);
    const folderDir = join(t.dir, 'folder');
    await mkdir(join(folderDir, 'qwh.config.yaml'), { recursive: true });
    for (const [cwd, args, msg] of [
      [fifoDir, [], /\.qwhrc\.json: is a named pipe \(FIFO\), not a regular file/],
      [folderDir, [], /qwh\.config\.yaml: is a directory, not a regular file/],
      [t.dir, ['--config', '/dev/zero'], /\/dev\/zero: is a character device/],
      [t.dir, ['--config', folderDir], /is a directory, not a regular file/],
    ] as const) {
      const r = await runQwh(['check', 'x.yaml', ...args], { cwd, timeoutMs: 15_000 });
      expect(r.signal).toBeNull();
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

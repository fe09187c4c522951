import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAccountFile } from '../../src/adapters/account-file.js';
import { loadConfig } from '../../src/adapters/config-loader.js';
import { InvalidFileError } from '../../src/core/errors.js';
import { ACCOUNT_FILE_LIMITS, type StructureLimits } from '../../src/core/input/limits.js';
import type { Problem } from '../../src/core/path.js';
import { tempDir } from '../helpers/bin.js';
import { expectOneLineRefusal, refusal } from '../helpers/refusal.js';

// Hostile account and config files, in-process through the loaders every command reads them
// with (loadAccountFile: check, migrate, test-endpoint --account; loadConfig: every command):
// each is refused as one `error:` line per problem naming the file and the path (exit 2), with
// exactly the problem listed, and leaves Object.prototype clean. Bounds are proved with injected
// limits, not million-key documents. The spawned contract (the bin prints it, exits 2, does not
// hang) and YAML deeper than the yaml library's recursion: test/reliability/hostile-account-input.
// test.ts — that one stays spawned because V8 aborts the whole process (a fatal "RegExpCompiler
// Allocation failed", not an exception) on about the third such stack overflow in one process,
// which would take the test worker down.

/** What loading must end with: these problems of the file, or this decoding error. */
type Expected = { problems: Problem[] } | { decode: string };

interface AccountCase {
  name: string;
  file: string;
  make: () => Buffer | string;
  /** What `qwh check` prints, as the spawned test asserted it. */
  message: RegExp;
  expected: Expected;
  /** Smaller bounds than the shipped ones, to prove a bound without a document that big. */
  limits?: StructureLimits;
}

const SMALL_KEYS: StructureLimits = { ...ACCOUNT_FILE_LIMITS, maxKeys: 1_000 };

const accountCases: AccountCase[] = [
  {
    name: 'deep nesting (100 000 levels, JSON)',
    file: 'deep.json',
    make: () => '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}',
    message: /deep\.json:1:37: nesting deeper than 32 levels/,
    expected: {
      problems: [{ path: [], message: 'nesting deeper than 32 levels', line: 1, column: 37 }],
    },
  },
  {
    name: 'deep nesting (40 levels, YAML flow): past the depth bound',
    file: 'deep40.yaml',
    make: () => 'a: ' + '['.repeat(40) + ']'.repeat(40),
    message: /deep40\.yaml › a(\[0\]){31}: nesting deeper than 32 levels/,
    expected: {
      problems: [
        { path: ['a', ...Array<number>(31).fill(0)], message: 'nesting deeper than 32 levels' },
      ],
    },
  },
  {
    name: 'more keys than the bound (1 001 keys, bound injected at 1 000)',
    file: 'keys.json',
    make: () =>
      '{' + Array.from({ length: 1_001 }, (_, i) => `"${i.toString(36)}":0`).join(',') + '}',
    message: /keys\.json › \(root\): more than 1000 keys and items in total/,
    expected: { problems: [{ path: [], message: 'more than 1000 keys and items in total' }] },
    limits: SMALL_KEYS,
  },
  {
    name: '__proto__ key',
    file: 'proto.json',
    make: () => '{"version":1,"__proto__":{"polluted":true}}',
    message: /proto\.json › __proto__: key "__proto__" is not allowed/,
    expected: { problems: [{ path: ['__proto__'], message: 'key "__proto__" is not allowed' }] },
  },
  {
    name: 'constructor.prototype keys',
    file: 'ctor.yaml',
    make: () => 'version: 1\nconstructor:\n  prototype:\n    polluted: true\n',
    message: /ctor\.yaml › constructor: key "constructor" is not allowed/,
    expected: {
      problems: [{ path: ['constructor'], message: 'key "constructor" is not allowed' }],
    },
  },
  {
    name: 'duplicate keys (JSON)',
    file: 'dup.json',
    make: () => '{"version":1,"version":2}',
    message: /dup\.json › version: duplicate key/,
    expected: { problems: [{ path: ['version'], message: 'duplicate key' }] },
  },
  {
    name: 'duplicate keys (YAML)',
    file: 'dup.yaml',
    make: () => 'version: 1\nversion: 2\n',
    message: /dup\.yaml:2:1: Map keys must be unique/,
    expected: { problems: [{ path: [], message: 'Map keys must be unique', line: 2, column: 1 }] },
  },
  {
    name: 'number beyond 2^53',
    file: 'big.json',
    make: () => '{"version":1,"account":{"id":9007199254740993,"name":"x"},"webhooks":[]}',
    message: /big\.json › account\.id: number too large/,
    expected: {
      problems: [
        {
          path: ['account', 'id'],
          message: 'number too large (beyond 2^53, cannot be an exact id)',
        },
      ],
    },
  },
  {
    name: 'invalid UTF-8',
    file: 'utf8.json',
    make: () => Buffer.from([0x76, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
    message: /utf8\.json: invalid UTF-8 at byte 3/,
    expected: { decode: 'utf8.json: invalid UTF-8 at byte 3' },
  },
  {
    name: 'UTF-16 file',
    file: 'utf16.yaml',
    make: () =>
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('version: 1\n', 'utf16le').swap16()]),
    message: /utf16\.yaml: is UTF-16/,
    expected: { decode: 'utf16.yaml: is UTF-16 text; qwh reads UTF-8' },
  },
  {
    name: 'YAML alias bomb',
    file: 'alias.yaml',
    make: () =>
      [
        'a: &a [x,x,x,x,x,x,x,x,x,x]',
        ...'bcdefgh'.split('').map(
          (k, i) =>
            `${k}: &${k} [${Array(10)
              .fill('*' + 'abcdefgh'[i])
              .join(',')}]`,
        ),
      ].join('\n'),
    message: /alias\.yaml › \(root\): too many YAML alias expansions \(limit 100\)/,
    expected: { problems: [{ path: [], message: 'too many YAML alias expansions (limit 100)' }] },
  },
  {
    name: 'binary garbage',
    file: 'garbage.json',
    make: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    message: /garbage\.json: invalid UTF-8 at byte 1/,
    expected: { decode: 'garbage.json: invalid UTF-8 at byte 1' },
  },
  {
    name: 'empty file',
    file: 'empty.json',
    make: () => '',
    message: /empty\.json › \(root\): the file is empty/,
    expected: { problems: [{ path: [], message: 'the file is empty' }] },
  },
  {
    name: 'whitespace only',
    file: 'blank.yaml',
    make: () => '  \n\n',
    message: /blank\.yaml › \(root\): the file is empty/,
    expected: { problems: [{ path: [], message: 'the file is empty' }] },
  },
  {
    name: 'a string, not an object',
    file: 'string.json',
    make: () => '"hello"',
    message: /string\.json › \(root\): must be an object/,
    expected: { problems: [{ path: [], message: 'must be an object, got a string' }] },
  },
];

describe('hostile account files, in-process: exact problem, one line each, exit 2, nothing polluted', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    t = await tempDir();
  });
  afterAll(async () => t.cleanup());
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each(accountCases)('$name', async (c) => {
    await writeFile(join(t.dir, c.file), c.make());
    const r = await refusal(loadAccountFile(c.file, t.dir, c.limits));
    expectOneLineRefusal(r, c.message);
    if ('decode' in c.expected) {
      expect(r.error).not.toBeInstanceOf(InvalidFileError);
      expect(r.error.message).toBe(c.expected.decode);
    } else {
      expect(r.error).toBeInstanceOf(InvalidFileError);
      expect((r.error as InvalidFileError).problems).toEqual(c.expected.problems);
    }
    // The prototype is checked after every case (afterEach), including this one.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a directory, /dev/zero, a FIFO and a dangling symlink given as a file: exit 2, no hang', async () => {
    const fifo = join(t.dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    await mkdir(join(t.dir, 'd.yaml'));
    await symlink(join(t.dir, 'missing.yaml'), join(t.dir, 'dangling.yaml'));
    for (const [p, msg] of [
      [join(t.dir, 'd.yaml'), /d\.yaml: is a directory/],
      ['/dev/zero', /\/dev\/zero: is a character device/],
      [fifo, /fifo\.yaml: is a named pipe/],
      [join(t.dir, 'dangling.yaml'), /dangling\.yaml: no such file/],
    ] as const)
      expectOneLineRefusal(await refusal(loadAccountFile(p, t.dir)), msg);
  });

  it('a BOM is accepted', async () => {
    await writeFile(
      join(t.dir, 'bom.json'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(JSON.stringify({ version: 1, account: { id: 1, name: 'A' }, webhooks: [] })),
      ]),
    );
    const loaded = await loadAccountFile('bom.json', t.dir);
    expect(loaded.account.account).toEqual({ id: 1, name: 'A' });
    expect(loaded.text.startsWith('{')).toBe(true);
  });
});

interface ConfigCase {
  label: string;
  name: string;
  content: string | Buffer;
  message: RegExp;
  /** The problems of the InvalidFileError; undefined for a decoding error (a plain UserError). */
  problems?: Problem[];
  /** Other problems may follow (the schema's own bounds, worded by zod). */
  andMore?: true;
  limits?: StructureLimits;
}

const configCases: ConfigCase[] = [
  {
    label: '__proto__ key',
    name: 'qwh.config.json',
    content: '{"account":"a.json","__proto__":{"polluted":1}}',
    message: /qwh\.config\.json › __proto__: key "__proto__" is not allowed/,
    problems: [{ path: ['__proto__'], message: 'key "__proto__" is not allowed' }],
  },
  {
    label: 'duplicate key',
    name: 'qwh.config.json',
    content: '{"account":"a.json","account":"b.json"}',
    message: /qwh\.config\.json › account: duplicate key/,
    problems: [{ path: ['account'], message: 'duplicate key' }],
  },
  {
    label: 'invalid UTF-8',
    name: '.qwhrc.yaml',
    content: Buffer.from([0x61, 0x3a, 0x20, 0xc0, 0x80]),
    message: /^error: \.qwhrc\.yaml: invalid UTF-8 at byte 3$/m,
  },
  {
    label: 'bad URL',
    name: '.qwhrc.json',
    content: '{"testEndpoint":{"url":"notaurl"}}',
    message: /\.qwhrc\.json › testEndpoint\.url: Invalid URL/,
    problems: [{ path: ['testEndpoint', 'url'], message: 'Invalid URL' }],
  },
  {
    label: 'unknown key in package.json#qwh',
    name: 'package.json',
    content: '{"name":"x","qwh":{"acount":"a.json"}}',
    message: /package\.json#qwh › acount: unknown key/,
    problems: [{ path: ['acount'], message: 'unknown key' }],
  },
  {
    label: 'a literal secret',
    name: 'qwh.config.yaml',
    content: 'testEndpoint:\n  secret: plain-text-secret\n',
    message: /qwh\.config\.yaml › testEndpoint\.secret: .*never the secret itself/,
    problems: [
      {
        path: ['testEndpoint', 'secret'],
        message: 'must be { env: NAME } or { file: PATH } (never the secret itself)',
      },
    ],
  },
  {
    label: '100 000 levels of JSON',
    name: 'qwh.config.json',
    content: '{"account":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}',
    message: /qwh\.config\.json:1:\d+: nesting deeper than 32 levels/,
    problems: [{ path: [], message: 'nesting deeper than 32 levels', line: 1, column: 43 }],
  },
  {
    label: 'more keys than the bound (1 001, bound injected at 1 000)',
    name: 'qwh.config.json',
    content: '{' + Array.from({ length: 1_001 }, (_, i) => `"${i.toString(36)}":0`).join(',') + '}',
    message: /qwh\.config\.json › \(root\): more than 1000 keys and items in total/,
    problems: [{ path: [], message: 'more than 1000 keys and items in total' }],
    limits: { ...ACCOUNT_FILE_LIMITS, maxKeys: 1_000 },
  },
  {
    label: 'constructor.prototype keys',
    name: '.qwhrc.yaml',
    content: 'constructor:\n  prototype:\n    polluted: true\n',
    message: /\.qwhrc\.yaml › constructor: key "constructor" is not allowed/,
    problems: [{ path: ['constructor'], message: 'key "constructor" is not allowed' }],
  },
  {
    label: 'a number beyond 2^53',
    name: 'qwh.config.json',
    content: '{"testEndpoint":{"seed":9007199254740993}}',
    message: /qwh\.config\.json › testEndpoint\.seed: number too large/,
    problems: [
      {
        path: ['testEndpoint', 'seed'],
        message: 'number too large (beyond 2^53, cannot be an exact id)',
      },
    ],
    andMore: true,
  },
  {
    label: 'a UTF-16 file',
    name: 'qwh.config.yaml',
    content: Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('account: a.yaml\n', 'utf16le'),
    ]),
    message: /^error: qwh\.config\.yaml: is UTF-16/m,
  },
  {
    label: 'a YAML alias bomb',
    name: 'qwh.config.yaml',
    content:
      'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n',
    message: /qwh\.config\.yaml › \(root\): too many YAML alias expansions/,
    problems: [{ path: [], message: 'too many YAML alias expansions (limit 100)' }],
  },
  {
    label: 'binary garbage',
    name: 'qwh.config.yaml',
    content: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    message: /^error: qwh\.config\.yaml: invalid UTF-8 at byte 1$/m,
  },
];

describe('hostile config files, in-process: exact problem, one line each, exit 2, nothing polluted', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  let n = 0;
  const folder = async (): Promise<string> => {
    const dir = join(t.dir, `c${++n}`);
    await mkdir(dir);
    return dir;
  };
  beforeAll(async () => {
    t = await tempDir();
  });
  afterAll(async () => t.cleanup());
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each(configCases)('$label ($name)', async (c) => {
    const dir = await folder();
    await writeFile(join(dir, c.name), c.content);
    const r = await refusal(loadConfig(dir, undefined, c.limits));
    expectOneLineRefusal(r, c.message);
    if (c.problems) {
      expect(r.error).toBeInstanceOf(InvalidFileError);
      const got = (r.error as InvalidFileError).problems;
      expect(c.andMore ? got.slice(0, c.problems.length) : got).toEqual(c.problems);
    } else expect(r.error).not.toBeInstanceOf(InvalidFileError);
  });

  it('an empty file is read as no config', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'qwh.config.yaml'), '');
    expect(await loadConfig(dir)).toEqual({ config: {}, dir });
  });

  it('a BOM is accepted (the config is read: its account path is there)', async () => {
    const dir = await folder();
    await writeFile(
      join(dir, 'qwh.config.json'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('{"account":"from-config.yaml"}'),
      ]),
    );
    const loaded = await loadConfig(dir);
    expect(loaded.config.account).toBe('from-config.yaml');
    expect(loaded.path).toBe(join(dir, 'qwh.config.json'));
  });

  it('a FIFO or a folder where a config file is searched, /dev/zero or a folder given as the config: exit 2, no hang', async () => {
    const fifoDir = await folder();
    execFileSync('mkfifo', [join(fifoDir, '.qwhrc.json')]);
    const folderDir = await folder();
    await mkdir(join(folderDir, 'qwh.config.yaml'));
    for (const [cwd, explicit, msg] of [
      [fifoDir, undefined, /\.qwhrc\.json: is a named pipe \(FIFO\), not a regular file/],
      [folderDir, undefined, /qwh\.config\.yaml: is a directory, not a regular file/],
      [t.dir, '/dev/zero', /\/dev\/zero: is a character device/],
      [t.dir, folderDir, /is a directory, not a regular file/],
    ] as const)
      expectOneLineRefusal(await refusal(loadConfig(cwd, explicit)), msg);
  });
});

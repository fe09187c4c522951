import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParticipationV2Schema } from '../../src/core/payload/v2.js';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES, runQwh, tempDir } from '../helpers/bin.js';

describe('qwh frame', () => {
  it('--help lists every command and the exit codes', async () => {
    const r = await runQwh(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['check', 'sample', 'sign', 'verify'])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stdout).toContain('Exit codes:');
    expect(r.stdout).toContain('130');
  });
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(FIXTURES, '../package.json'), 'utf8')) as {
      version: string;
    };
    const r = await runQwh(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
  it('an unknown flag is a usage error (exit 2) with a hint', async () => {
    const r = await runQwh(['sample', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
    expect(r.stderr).toContain('qwh sample --help');
  });
  it('an unknown command is a usage error', async () => {
    const r = await runQwh(['frobnicate']);
    expect(r.code).toBe(2);
  });
});

describe('qwh sample', () => {
  it('prints the same bytes for the same seed, valid against the 2.0 model', async () => {
    const a = await runQwh(['sample', '--version', '2', '--seed', '7']);
    const b = await runQwh(['sample', '--version', '2', '--seed', '7']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(ParticipationV2Schema.safeParse(JSON.parse(a.stdout)).success).toBe(true);
    expect(a.stdout).toBe(readFileSync(join(FIXTURES, 'payloads/v2/sample-seed-7.json'), 'utf8'));
  });
  it('--version 1 prints the flat payload of the same participation', async () => {
    const v2 = JSON.parse((await runQwh(['sample', '--seed', '7'])).stdout) as { id: string };
    const r = await runQwh(['sample', '--version', '1', '--seed', '7']);
    expect(r.code).toBe(0);
    const v1 = JSON.parse(r.stdout) as Record<string, string>;
    expect(v1.participation_id).toBe(v2.id);
  });
  it('--count prints NDJSON with distinct ids', async () => {
    const r = await runQwh(['sample', '--count', '5', '--seed', '1']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(5);
  });
  it('refuses a 1.0 incomplete sample and a bad number', async () => {
    const r = await runQwh(['sample', '--version', '1', '--state', 'incomplete']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(MESSAGES.sample.v1Incomplete);
    const n = await runQwh(['sample', '--seed', 'abc']);
    expect(n.code).toBe(2);
    expect(n.stderr).toContain('--seed must be a whole number');
  });
});

describe('qwh sign / verify', () => {
  const { vectors } = JSON.parse(readFileSync(join(FIXTURES, 'signing/vectors.json'), 'utf8')) as {
    vectors: Array<{ name: string; secret: string; expected: string }>;
  };
  it.each(vectors.map((v) => [v.name, v] as const))('sign matches vector %s', async (name, v) => {
    const r = await runQwh(
      ['sign', '--secret-env', 'QWH_T_SECRET', join(FIXTURES, `signing/${name}.body`)],
      { env: { QWH_T_SECRET: v.secret } },
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(v.expected);
  });
  it('sign reads stdin and a secret file', async () => {
    const t = await tempDir();
    try {
      await writeFile(join(t.dir, 's.secret'), 'whsec-test-0001\n');
      const r = await runQwh(['sign', '--secret-file', join(t.dir, 's.secret'), '-'], {
        input: readFileSync(join(FIXTURES, 'signing/ascii-compact.body')),
      });
      expect(r.stdout.trim()).toBe(vectors.find((v) => v.name === 'ascii-compact')!.expected);
    } finally {
      await t.cleanup();
    }
  });
  it('verify exits 0 on a match and 1 with the reason on a mismatch', async () => {
    const v = vectors.find((x) => x.name === 'non-ascii-body')!;
    const body = join(FIXTURES, 'signing/non-ascii-body.body');
    const env = { QWH_T_SECRET: v.secret };
    const ok = await runQwh(
      ['verify', '--secret-env', 'QWH_T_SECRET', '--signature', v.expected, body],
      { env },
    );
    expect(ok.code).toBe(0);
    const bad = await runQwh(
      [
        'verify',
        '--secret-env',
        'QWH_T_SECRET',
        '--signature',
        v.expected,
        join(FIXTURES, 'signing/empty-body.body'),
      ],
      { env },
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('signature mismatch');
    expect(bad.stdout).toContain('re-serialised');
    const enc = await runQwh(
      ['verify', '--secret-env', 'QWH_T_SECRET', '--signature', 'sha256=q83vEjRWeJA=', body],
      { env },
    );
    expect(enc.code).toBe(1);
    expect(enc.stdout).toContain('wrong-encoding');
    for (const r of [ok, bad, enc]) expect(r.stdout + r.stderr).not.toContain(v.secret);
  });
  it('refuses to run without a secret source, and never takes the secret as an argument', async () => {
    const r = await runQwh(['sign', join(FIXTURES, 'signing/empty-body.body')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--secret-env');
    const s = await runQwh(['sign', '--secret', 'x']);
    expect(s.code).toBe(2);
  });
});

describe('qwh check', () => {
  it('prints what a valid file holds: webhooks by scope and version, rules by level', async () => {
    const r = await runQwh(['check', join(FIXTURES, 'accounts/acme.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Webhooks (2 × 1.0, 0 × 2.0)');
    expect(r.stdout).toContain('website 1234 (Acme News)');
    expect(r.stdout).toContain('hubspot');
    expect(r.stdout).toContain(MESSAGES.check.exclusion);
    expect(r.stdout).not.toContain('s3cr3t-pass');
    expect(r.stdout).not.toContain('tok-news-123456');
  });
  it('--json prints one JSON document', async () => {
    const r = await runQwh(['check', '--json', join(FIXTURES, 'accounts/acme.yaml')]);
    const doc = JSON.parse(r.stdout) as {
      valid: boolean;
      counts: { webhooksV1: number; rules: number };
    };
    expect(doc.valid).toBe(true);
    expect(doc.counts).toMatchObject({ webhooksV1: 2, rules: 5 });
  });

  const invalid = readdirSync(join(FIXTURES, 'accounts')).filter((f) => f.startsWith('invalid-'));
  it('has at least ten invalid fixtures', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(10);
  });
  it.each(invalid)('%s: exit 2, one line per problem naming file and path, no stack', async (f) => {
    const shown = `fixtures/accounts/${f}`;
    const r = await runQwh(['check', shown]);
    expect(r.code).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(errors.length).toBeGreaterThan(0);
    for (const l of errors)
      expect(l).toMatch(new RegExp(`^error: ${shown.replace(/[.]/g, '\\.')}( › |:\\d+:\\d+: )`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it.each([
    ['invalid-bad-url.yaml', 'webhooks[1].host: Invalid URL'],
    ['invalid-duplicate-scope.yaml', 'webhooks[1].scope: a second webhook 1.0 at scope account'],
    ['invalid-missing-target.yaml', 'pushRules[0].target: required at level website'],
    ['invalid-unknown-key.yaml', 'colour: unknown key'],
    ['invalid-wrong-type.yaml', 'webhooks[0].enabled: must be a boolean, got a string'],
    ['invalid-bad-yaml.yaml', 'invalid-bad-yaml.yaml:3:1:'],
    ['invalid-empty.yaml', 'the file is empty'],
    ['invalid-not-object.yaml', '(root): must be an object, got an array'],
    ['invalid-proto-key.json', '__proto__: key "__proto__" is not allowed'],
    ['invalid-bad-json.json', 'invalid-bad-json.json:4:17:'],
    ['invalid-alias-bomb.yaml', 'too many YAML alias expansions'],
    ['invalid-huge-number.json', 'account.id: number too large'],
  ])('%s says %s', async (f, text) => {
    const r = await runQwh(['check', `fixtures/accounts/${f}`]);
    expect(r.stderr).toContain(text);
  });

  describe('files that are not account files', () => {
    let t: { dir: string; cleanup: () => Promise<void> };
    beforeAll(async () => {
      t = await tempDir();
    });
    afterAll(async () => t.cleanup());

    it('a 50 MB file is refused before reading, exit 2', async () => {
      const big = join(t.dir, 'big.yaml');
      await writeFile(big, Buffer.alloc(50 * 1024 * 1024, 0x61));
      const r = await runQwh(['check', big]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/over the \d+-byte limit/);
    });
    it('a directory, /dev/zero and a missing file are clear errors', async () => {
      for (const [p, text] of [
        [t.dir, 'is a directory'],
        ['/dev/zero', 'is a character device'],
        [join(t.dir, 'nope.yaml'), 'no such file'],
      ] as const) {
        const r = await runQwh(['check', p]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(text);
      }
    });
    it('UTF-16 and invalid UTF-8 files name the problem', async () => {
      await writeFile(
        join(t.dir, 'u16.yaml'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('version: 1', 'utf16le')]),
      );
      await writeFile(join(t.dir, 'bad.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28]));
      expect((await runQwh(['check', join(t.dir, 'u16.yaml')])).stderr).toContain('UTF-16');
      expect((await runQwh(['check', join(t.dir, 'bad.yaml')])).stderr).toContain(
        'invalid UTF-8 at byte 3',
      );
    });
    it('finds the account file from the config, then the default name', async () => {
      const cfgDir = join(t.dir, 'cfg');
      await import('node:fs/promises').then((fs) => fs.mkdir(cfgDir));
      await writeFile(
        join(cfgDir, 'qwh.config.json'),
        JSON.stringify({ account: 'accounts/a.json' }),
      );
      await import('node:fs/promises').then((fs) => fs.mkdir(join(cfgDir, 'accounts')));
      await writeFile(
        join(cfgDir, 'accounts/a.json'),
        readFileSync(join(FIXTURES, 'accounts/minimal.json')),
      );
      expect((await runQwh(['check'], { cwd: cfgDir })).code).toBe(0);
      const bad = join(t.dir, 'badcfg');
      await import('node:fs/promises').then((fs) => fs.mkdir(bad));
      await writeFile(join(bad, '.qwhrc.yaml'), 'acount: x\n');
      const r = await runQwh(['check'], { cwd: bad });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('.qwhrc.yaml › acount: unknown key');
      const none = join(t.dir, 'empty');
      await import('node:fs/promises').then((fs) => fs.mkdir(none));
      const n = await runQwh(['check'], { cwd: none });
      expect(n.code).toBe(2);
      expect(n.stderr).toContain('qwh init');
    });
  });
});

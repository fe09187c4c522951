import { writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQwh, tempDir } from '../helpers/bin.js';
import { RAW_CONTROL } from '../helpers/controls.js';
import { spawnListen } from '../helpers/listen.js';

// Issue 16 bug 2 + issue 17 #4, #9, #10, issue 16 bug 15: what qwh prints and where it may send.
// Each block fails on the main before the masking redesign (substring masking of every secret,
// raw control characters, two address policies, URL credentials accepted as an argument).

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('qwh-secout-')));
afterAll(() => cleanup());

const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

// eslint-disable-next-line no-control-regex -- qwh's own colours, the only escapes allowed
const OWN_STYLES = /\u001b\[(?:1|2|22|31|32|33|36|39)m/g;

describe('short secrets are masked where they occur, never inside ids, keys or qwh text (#16 bug 2)', () => {
  it('test-endpoint --json and junit with the secret `secret` and the auth value `pass`: ids and counts intact, secrets masked in snippets, a warning', async () => {
    const env = { QS: 'secret', QA: 'pass' };
    const l = await spawnListen(
      ['--secret-env', 'QS', '--auth-header-name', 'X-Key', '--auth-header-env', 'QA'],
      env,
    );
    try {
      const flags = [
        '--secret-env',
        'QS',
        '--auth-header-name',
        'X-Key',
        '--auth-header-env',
        'QA',
      ];
      const json = await runQwh(['test-endpoint', l.url, ...flags, '--json'], { cwd: dir, env });
      expect(json.code, json.stderr).toBe(0);
      const report = JSON.parse(json.stdout) as { counts: Record<string, number> };
      expect(Object.keys(report.counts)).toContain('pass');
      expect(json.stdout).toContain('"rejects-wrong-secret"');
      expect(json.stdout).not.toContain('rejects-wrong-••••');
      expect(json.stderr).toMatch(/warning: environment variable QS is a common word/);
      expect(json.stderr).toMatch(/warning: environment variable QA is a common word/);
      const junit = await runQwh(['test-endpoint', l.url, ...flags, '--reporter', 'junit'], {
        cwd: dir,
        env,
      });
      expect(junit.stdout).toContain('rejects-wrong-secret');
      expect(junit.stdout).not.toContain('••••');
    } finally {
      await l.stop();
    }
  });

  it('a receiver echoing the short secrets (plain, base64, JSON-escaped): masked in the snippet', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(
          `bad key ${String(req.headers['x-key'])} / ${Buffer.from('k3y-9!').toString('base64')} / "\\u006b3y-9!"`,
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const env = { QA: 'k3y-9!' };
      const r = await runQwh(
        ['test-endpoint', url, '--auth-header-name', 'X-Key', '--auth-header-env', 'QA', '--json'],
        { cwd: dir, env },
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('bad key ••••');
      for (const leak of ['k3y-9!', Buffer.from('k3y-9!').toString('base64'), '\\\\u006b3y'])
        expect(r.stdout + r.stderr).not.toContain(leak);
    } finally {
      server.close();
    }
  });

  it('a 1–3 character secret is refused (exit 2), before anything is sent', async () => {
    const r = await runQwh(['test-endpoint', 'http://127.0.0.1:9/', '--secret-env', 'QS'], {
      cwd: dir,
      env: { QS: 'ab' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: environment variable QS holds a secret of 1–3 characters/);
    expect(r.stderr).toMatch(/hint: .*openssl rand/);
  });

  it('a URL password `webhook`: the runbook and the plan keep the words "webhook 2.0"; the password is masked in URLs', async () => {
    const file = write(
      'wh.json',
      JSON.stringify({
        version: 1,
        account: { id: 1, name: 'Acme Media' },
        webhooks: [
          {
            key: 'main',
            version: 1,
            scope: 'account',
            url: 'https://acme:webhook@hooks.example.com/q',
          },
        ],
        pushRules: [{ level: 'default', destination: 'main' }],
      }),
    );
    const r = await runQwh(['migrate', file, '--dry-run', '--runbook', 'wh-runbook.md'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const runbook = readFileSync(join(dir, 'wh-runbook.md'), 'utf8');
    expect(runbook).toContain('Acme Media webhook 2.0');
    expect(r.stdout).toContain('Acme Media webhook 2.0');
    for (const text of [runbook, r.stdout, r.stderr]) expect(text).not.toContain(':webhook@');
    expect(r.stderr).toMatch(/warning: the URL password of main is a common word/);
  });
});

describe('literal secrets in the migrate diff are masked, escaped forms too (#17 item 4)', () => {
  // 9 and 10 characters: below the last-line scan's length, so only masking at the source helps.
  const SECRET = 'shh-lit-41';
  const AUTH = 'lit-auth-9';
  const json = `{
  "version": 1,
  "account": { "id": 1, "name": "Acme" },
  "websites": [{ "id": 7, "name": "Site" }],
  "webhooks": [
    { "key": "main", "version": 1, "scope": "account", "url": "https://hooks.example.com/q" },
    { "key": "other", "name": "Other", "version": 2, "scope": { "website": 7 }, "host": "https://hooks.example.com/v2",
      "secret": "\\u0073hh-\\u006Cit-41", "authHeader": { "name": "X-K", "value": "lit-\\u0061uth-9" } }
  ],
  "pushRules": [{ "level": "default", "destination": "main" }, { "level": "website", "target": 7, "campaignMode": "both", "destination": "other" }]
}
`;
  const yaml = `version: 1
account: { id: 1, name: Acme }
websites: [{ id: 7, name: Site }]
webhooks:
  - key: other
    name: Other
    version: 2
    scope: { website: 7 }
    host: https://hooks.example.com/v2
    secret: "\\x73hh-lit-41"
    authHeader: { name: X-K, value: 'lit-auth-9' }
  - { key: main, version: 1, scope: account, url: "https://hooks.example.com/q" }
pushRules:
  - { level: default, destination: main }
  - { level: website, target: 7, campaignMode: both, destination: other }
`;
  const leaks = ['hh-lit-41', 'hh-\\u006Cit', 'uth-9'];

  it.each([
    ['JSON with \\u-escapes', 'lit.json', json],
    ['YAML double-quoted \\x escape and single-quoted', 'lit.yaml', yaml],
  ])('%s: dry run (human, --json) and apply print no literal secret', async (_, name, text) => {
    const file = write(name, text);
    const runs = [
      await runQwh(['migrate', file, '--dry-run'], { cwd: dir }),
      await runQwh(['migrate', file, '--dry-run', '--json'], { cwd: dir }),
    ];
    expect(runs[0]?.stdout).toMatch(/(secret|value)"?: ['"]••••['"]/);
    runs.push(await runQwh(['migrate', file, '--yes', '--skip-verify'], { cwd: dir }));
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      for (const leak of leaks) expect(r.stdout + r.stderr, leak).not.toContain(leak);
      expect(r.stdout).toContain('••••');
    }
    // Apply wrote the file: its secrets are still there (that is the 2.0 configuration).
    const after = readFileSync(file, 'utf8');
    expect(after.includes(SECRET) || after.includes('\\x73hh')).toBe(true);
    expect(after.includes(AUTH) || after.includes('\\u0061uth')).toBe(true);
  });
});

describe('terminal escape injection: control characters in untrusted names are shown, not obeyed (#17 item 9)', () => {
  const NAME = 'Acme\u001b]0;pwned\u0007\u001b[2J\r\u009b31m\u202eevil\u2066';
  const account = JSON.stringify({
    version: 1,
    account: { id: 1, name: NAME },
    websites: [{ id: 7, name: `Site\u001b[8mhidden\u001b[1A` }],
    webhooks: [
      { key: 'main', version: 1, scope: 'account', url: 'https://hooks.example.com/q' },
      {
        key: 'site',
        version: 1,
        scope: { website: 7 },
        url: 'https://hooks.example.com/s',
      },
    ],
    pushRules: [
      { level: 'default', destination: 'main' },
      { level: 'website', target: 7, campaignMode: 'both', destination: 'site' },
    ],
  });

  it.each([
    ['no colour', {}],
    ['FORCE_COLOR=1', { FORCE_COLOR: '1' }],
  ])(
    'check and migrate --dry-run (%s): no raw control character but qwh’s own colours',
    async (_, env) => {
      const file = write('esc.json', account);
      for (const args of [
        ['check', file],
        ['migrate', file, '--dry-run'],
        ['migrate', file, '--dry-run', '--runbook', 'esc-runbook.md'],
      ]) {
        const r = await runQwh(args, { cwd: dir, env });
        expect(r.code, r.stderr).toBe(0);
        for (const text of [r.stdout, r.stderr]) {
          expect(text.replace(OWN_STYLES, '')).not.toMatch(RAW_CONTROL);
        }
        if (args[0] === 'migrate') expect(r.stdout).toContain('Acme\\u001b]0;pwned\\u0007');
      }
    },
  );

  it('--json stays exact: the parsed name is the name, byte for byte', async () => {
    const file = write('esc.json', account);
    const r = await runQwh(['migrate', file, '--dry-run', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain(NAME.slice(0, 4));
    const names: string[] = [];
    JSON.parse(r.stdout, (k, v: unknown) => {
      if (typeof v === 'string' && v.startsWith('Acme')) names.push(v);
      return v;
    });
    expect(names).toContain(NAME);
  });
});

describe('one address policy for planner, check and sender (#17 item 10)', () => {
  const HOSTS = [
    'metadata.goog',
    '192.0.0.192',
    '[::169.254.169.254]',
    '[64:ff9b::a9fe:a9fe]',
    '[::ffff:169.254.169.254]',
    '[fd00:ec2::254]',
    '100.100.100.200',
    'metadata.azure.internal',
  ];
  const codes = (doc: unknown): unknown[] => {
    const out: unknown[] = [];
    JSON.parse(JSON.stringify(doc), (k, v: unknown) => {
      if (v && typeof v === 'object' && 'code' in v) out.push(v);
      return v;
    });
    return out;
  };

  it.each(HOSTS)(
    '%s: a plan blocker even with --allow-insecure-host, a check warning, a send refusal',
    async (host) => {
      const url = `https://${host}/hook`;
      const file = write(
        `addr-${HOSTS.indexOf(host)}.json`,
        JSON.stringify({
          version: 1,
          account: { id: 1, name: 'A' },
          webhooks: [{ key: 'main', version: 1, scope: 'account', url }],
          pushRules: [{ level: 'default', destination: 'main' }],
        }),
      );
      const plan = await runQwh(['migrate', file, '--dry-run', '--json', '--allow-insecure-host'], {
        cwd: dir,
      });
      expect(codes(JSON.parse(plan.stdout))).toContainEqual(
        expect.objectContaining({ code: 'link-local-host', severity: 'blocker' }),
      );
      const check = await runQwh(['check', file], { cwd: dir });
      expect(check.code, check.stderr).toBe(0);
      expect(check.stdout + check.stderr).toMatch(
        /webhooks\[0\]\.url: the host is .*qwh never sends there/,
      );
      const send = await runQwh(['test-endpoint', url, '--timeout', '2000'], { cwd: dir });
      expect(send.code, send.stderr).toBe(4);
    },
  );
});

describe('test-endpoint refuses credentials in an argument, as init does (#16 bug 15)', () => {
  it('http://user:pass@… as the argument: exit 2, the hint, nothing sent; the same URL from QWH_ENDPOINT_URL is used', async () => {
    let hits = 0;
    const server = createServer((req, res) => {
      hits++;
      req.resume();
      req.on('end', () => res.writeHead(200).end('{}'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://u:s3cret-pw-42@127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const r = await runQwh(['test-endpoint', url], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /error: the URL holds credentials .*arguments are visible to every process/,
      );
      expect(r.stderr).toMatch(/hint: .*--auth-header-env NAME .*QWH_ENDPOINT_URL/);
      expect(r.stderr).not.toContain('s3cret-pw-42');
      expect(hits).toBe(0);
      const fromEnv = await runQwh(['test-endpoint'], { cwd: dir, env: { QWH_ENDPOINT_URL: url } });
      expect(fromEnv.code, fromEnv.stderr).not.toBe(2);
      expect(hits).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });
});

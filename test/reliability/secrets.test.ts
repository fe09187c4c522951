import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQwh, tempDir, type RunResult } from '../helpers/bin.js';
import { spawnListen } from '../helpers/listen.js';
import { startTestReceiver, type TestReceiver } from '../helpers/migrate-receiver.js';
import { leakForms } from '../helpers/proc.js';
import { captureRecordOf } from '../../src/core/migrate/captures.js';
import { signBody } from '../../src/core/signing.js';

// Every command runs with known secret values; then every byte qwh wrote is searched for them,
// plain, URL-encoded and base64: stdout, stderr, plan, journal, runbook, reports, listen --save,
// init's output, and the NAMES of every file it created. The only places a secret may be are
// the ones it must be: the account file (a 1.0 URL carries its password and token; that is the
// 1.0 configuration), its backups, and the 0600 secret files under .qwh/secrets/.

const HMAC = 'whsec-LEAK-hmac-31337';
const PREV = 'whsec-LEAK-previous-5151';
const AUTH_TOKEN = 'LEAK-auth-4242';
const AUTH = `Bearer ${AUTH_TOKEN}`;
const USER = 'acme';
const PASS = 'LEAK-pass-7777';
const TOKEN = 'LEAK-token-8888';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
const env = {
  QWH_S_SECRET: HMAC,
  QWH_S_PREV: PREV,
  QWH_S_AUTH: AUTH,
  QWH_S_V1_URL: '',
  QWH_ENDPOINT_URL: undefined as string | undefined,
  // Every command that writes a GitHub job summary appends to this file (scanned with the rest).
  GITHUB_STEP_SUMMARY: undefined as string | undefined,
};
const FORMS = [HMAC, PREV, AUTH, AUTH_TOKEN, PASS, TOKEN, BASIC, BASIC.slice(6)].flatMap(leakForms);

/** Files that legitimately hold a secret: the account files, their backups, the secret files. */
const allowed = (rel: string): boolean =>
  /^(\.qwh\/backups\/)?(acc|acc-v2|init-out)\.yaml(\.qwh-bak-.*)?$/.test(rel) ||
  rel.startsWith('.qwh/secrets/');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

describe('no secret in anything qwh writes, for every command', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  let receiver: TestReceiver;
  const outputs: Array<[string, string]> = [];
  const keep = (label: string, r: RunResult): RunResult => {
    outputs.push([`${label} stdout`, r.stdout], [`${label} stderr`, r.stderr]);
    expect(r.stderr, label).not.toMatch(/\n\s+at /);
    return r;
  };
  const qwh = (label: string, args: string[], extra: Record<string, string> = {}) =>
    runQwh(args, { cwd: t.dir, env: { ...env, ...extra } }).then((r) => keep(label, r));

  beforeAll(async () => {
    t = await tempDir('qwh-secrets-');
    env.GITHUB_STEP_SUMMARY = join(t.dir, 'step-summary.md');
    await writeFile(join(t.dir, 'hmac.secret'), `${HMAC}\n`);
    receiver = await startTestReceiver({
      '/main': { secretFile: () => join(t.dir, 'hmac.secret'), authorization: BASIC, token: TOKEN },
    });
  });
  afterAll(async () => {
    await receiver.close();
    await t.cleanup();
  });

  it('init, check, migrate (dry run, plan, apply, resume, rollback): no secret outside the account file and 0600 secret files', async () => {
    const v1 = `http://${USER}:${PASS}@127.0.0.1:${receiver.port}/main?token=${TOKEN}`;
    const init = await qwh(
      'init',
      [
        'init',
        '--from-flags',
        '--account-id',
        '4321',
        '--account-name',
        'Acme',
        '--v1-url-env',
        'QWH_S_V1_URL',
        '--rule',
        'default:main',
        '--rule',
        'campaign:99887:main',
        '--out',
        'acc.yaml',
        '--schema',
        'none',
        '--json',
      ],
      { QWH_S_V1_URL: v1 },
    );
    expect(init.code).toBe(0);
    await qwh(
      'init again (--force)',
      [
        'init',
        '--from-flags',
        '--account-id',
        '4321',
        '--account-name',
        'Acme',
        '--v1-url-env',
        'QWH_S_V1_URL',
        '--rule',
        'default:main',
        '--out',
        'init-out.yaml',
      ],
      { QWH_S_V1_URL: v1 },
    );
    expect((await qwh('check', ['check', 'acc.yaml'])).code).toBe(0);
    expect((await qwh('check --json', ['check', 'acc.yaml', '--json'])).code).toBe(0);
    for (const reporter of ['junit', 'github'])
      expect(
        (await qwh(`check ${reporter}`, ['check', 'acc.yaml', '--reporter', reporter])).code,
      ).toBe(0);
    const common = ['acc.yaml', '--allow-insecure-host', '--secret-env', 'QWH_S_SECRET'];
    expect((await qwh('dry run', ['migrate', ...common, '--dry-run', '--json'])).code).toBe(0);
    expect((await qwh('dry run human', ['migrate', ...common, '--dry-run'])).code).toBe(0);
    expect((await qwh('plan-out', ['migrate', ...common, '--plan-out', 'plan.json'])).code).toBe(0);
    const apply = await qwh('apply', [
      'migrate',
      'acc.yaml',
      '--plan',
      'plan.json',
      '--yes',
      '--verify-timeout',
      '3000',
      '--runbook',
      'runbook.md',
    ]);
    expect(apply.code).toBe(0);
    expect((await qwh('resume (nothing)', ['migrate', 'resume', 'acc.yaml', '--json'])).code).toBe(
      0,
    );
    expect((await qwh('zero changes', ['migrate', ...common, '--yes', '--json'])).code).toBe(0);
    // The staged cut-over: status, runbook, confirm, observe's report, a refused gate.
    expect((await qwh('status', ['migrate', 'status', 'acc.yaml'])).code).toBe(0);
    expect((await qwh('backups', ['migrate', 'backups', 'acc.yaml'])).code).toBe(0);
    expect((await qwh('status --json', ['migrate', 'status', 'acc.yaml', '--json'])).code).toBe(0);
    expect((await qwh('runbook', ['migrate', 'runbook', 'acc.yaml'])).code).toBe(0);
    const conf = ['migrate', 'confirm', 'acc.yaml', 'configured', '--yes'];
    expect((await qwh('confirm configured', conf)).code).toBe(0);
    const body = JSON.stringify({ id: 'CAFE0001-0000-4000-8000-000000000001', state: 'COMPLETED' });
    const capture = captureRecordOf({
      at: new Date(Date.now() + 1000),
      method: 'POST',
      path: '/main',
      version: 2,
      headers: { 'x-qualifio-signature': signBody(HMAC, Buffer.from(body)), authorization: BASIC },
      authHeader: { name: 'Authorization', matched: true },
      body: Buffer.from(body),
    });
    await writeFile(join(t.dir, 'cap.ndjson'), JSON.stringify(capture) + '\n');
    const observe = ['migrate', 'observe', 'acc.yaml', '--captures', 'cap.ndjson'];
    expect((await qwh('observe', observe)).code).toBe(0);
    expect((await qwh('observe --json', [...observe, '--json'])).code).toBe(0);
    // qwh simulate reads the file's auth header and secret (and the 1.0 URL's credentials) and
    // sends them: none may reach its output, nor observe's ledger (.qwh/observed-*.json).
    const sim = ['simulate', 'acc.yaml', '--participations', '6', '--seed', '3'];
    expect([0, 1]).toContain((await qwh('simulate', sim)).code);
    expect([0, 1]).toContain((await qwh('simulate --json', [...sim, '--json'])).code);
    expect((await qwh('simulate --dry-run', [...sim, '--dry-run'])).code).toBe(0);
    expect((await qwh('observe after simulate', observe)).code).toBe(0);
    const refused = await qwh('confirm v1-off', [
      'migrate',
      'confirm',
      'acc.yaml',
      'v1-off',
      '--yes',
    ]);
    expect(refused.code).toBe(4);
    expect((await qwh('rollback', ['migrate', 'rollback', 'acc.yaml', '--yes'])).code).toBe(0);
    expect(
      (
        await qwh('rollback --json', [
          'migrate',
          'rollback',
          'acc.yaml',
          '--yes',
          '--json',
          '--force',
        ])
      ).code,
    ).toBe(2);
  });

  it('test-endpoint (every reporter, --out files, URL credentials, --account) and listen --save: no secret', async () => {
    const l = await spawnListen(
      [
        '--secret-env',
        'QWH_S_SECRET',
        '--auth-header-name',
        'Authorization',
        '--auth-header-env',
        'QWH_S_AUTH',
        '--save',
        join(t.dir, 'saved.ndjson'),
      ],
      { QWH_S_SECRET: HMAC, QWH_S_AUTH: AUTH },
    );
    const flags = [
      '--secret-env',
      'QWH_S_SECRET',
      '--auth-header-name',
      'Authorization',
      '--auth-header-env',
      'QWH_S_AUTH',
    ];
    // A token URL is never an argument (refused, issue 16 bug 15): from the environment.
    const url = `${l.url}?token=${TOKEN}`;
    env.QWH_ENDPOINT_URL = url;
    expect((await qwh('te human', ['test-endpoint', ...flags])).code).toBe(0);
    expect((await qwh('te json', ['test-endpoint', ...flags, '--json'])).code).toBe(0);
    expect(
      (
        await qwh('te junit', [
          'test-endpoint',
          ...flags,
          '--reporter',
          'junit',
          '--out',
          'report.xml',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await qwh('te json out', [
          'test-endpoint',
          ...flags,
          '--reporter',
          'json',
          '--out',
          'report.json',
        ])
      ).code,
    ).toBe(0);
    expect((await qwh('te github', ['test-endpoint', ...flags, '--reporter', 'github'])).code).toBe(
      0,
    );
    // Wrong secret: the failure explanation (bytes, SHA-256, header start) must not leak either.
    expect(
      (
        await qwh(
          'te wrong',
          [
            'test-endpoint',
            '--secret-env',
            'QWH_S_OTHER',
            '--auth-header-name',
            'Authorization',
            '--auth-header-env',
            'QWH_S_AUTH',
            '--json',
          ],
          { QWH_S_OTHER: 'other-secret-123456' },
        )
      ).code,
    ).toBe(1);
    // URL credentials (never an argument: from the environment), sent as Basic auth.
    const creds = l.url.replace('http://', `http://${USER}:${PASS}@`) + `?token=${TOKEN}`;
    expect(
      (
        await qwh('te creds', ['test-endpoint', '--secret-env', 'QWH_S_SECRET', '--json'], {
          QWH_ENDPOINT_URL: creds,
        })
      ).code,
    ).toBe(1);
    await writeFile(
      join(t.dir, 'acc-v2.yaml'),
      `version: 1
account: { id: 1, name: A }
webhooks:
  - key: v2
    version: 2
    scope: account
    name: A
    host: ${url}
    authHeader: { name: Authorization, value: { env: QWH_S_AUTH } }
    secret: { file: hmac.secret }
`,
    );
    // The account file names an env variable: refused (exit 4, its output scanned too) until the
    // user's own config allows it (trust.env; docs/reliability.md "Secret references").
    const te = ['test-endpoint', '--account', 'acc-v2.yaml', '--webhook', 'v2'];
    env.QWH_ENDPOINT_URL = undefined; // the URL from the account file
    expect((await qwh('te account refused', te)).code).toBe(4);
    await writeFile(join(t.dir, 'trust.json'), JSON.stringify({ trust: { env: ['QWH_S_AUTH'] } }));
    expect((await qwh('te account', [...te, '--config', 'trust.json'])).code).toBe(0);
    env.QWH_ENDPOINT_URL = url;
    expect((await qwh('te burst', ['test-endpoint', ...flags, '--count', '20'])).code).toBe(0);
    // The Artillery export: a scenario and its processor, which read the secret from the env.
    const exp = ['test-endpoint', ...flags, '--export', 'artillery', 'burst.yml'];
    // (Without the URL's token: --export refuses to write a credential into the scenario.)
    expect((await qwh('te export', exp, { QWH_ENDPOINT_URL: l.url })).code).toBe(0);
    env.QWH_ENDPOINT_URL = undefined;
    const stopped = await l.stop();
    outputs.push(['listen stdout', stopped.stdout], ['listen stderr', stopped.stderr]);
    expect(stopped.code).toBe(0);
  });

  it('listen --forward-to (the relay, --save) and --previous-secret-env/-file on listen, verify, test-endpoint: no secret', async () => {
    await writeFile(join(t.dir, 'prev.secret'), `${PREV}\n`);
    const guard = ['--auth-header-name', 'Authorization', '--auth-header-env', 'QWH_S_AUTH'];
    const behind = await spawnListen(
      [
        '--secret-env',
        'QWH_S_SECRET',
        '--previous-secret-file',
        join(t.dir, 'prev.secret'),
        ...guard,
      ],
      env as Record<string, string>,
    );
    const relay = await spawnListen(
      [
        ...['--secret-env', 'QWH_S_SECRET', '--previous-secret-env', 'QWH_S_PREV', ...guard],
        ...['--forward-to', behind.url, '--save', join(t.dir, 'relay.ndjson')],
      ],
      env as Record<string, string>,
    );
    const flags = ['--secret-env', 'QWH_S_SECRET', '--previous-secret-env', 'QWH_S_PREV', ...guard];
    const url = `${relay.url}?token=${TOKEN}`;
    // A token in an argument is refused (#16 bug 15): the URL comes from the environment.
    const te = await qwh('te relay', ['test-endpoint', ...flags, '--json'], {
      QWH_ENDPOINT_URL: url,
    });
    expect(te.code, te.stderr).toBe(0);
    expect(
      (JSON.parse(te.stdout) as { checks: Array<{ id: string; status: string }> }).checks.find(
        (c) => c.id === 'accepts-both-secrets',
      )?.status,
    ).toBe('pass');
    await qwh('te relay human', ['test-endpoint', ...flags], { QWH_ENDPOINT_URL: url });
    // Through a receiver that does not know the previous secret: a failure, its report scanned.
    const te2 = await qwh(
      'te prev wrong',
      [
        ...['test-endpoint', behind.url, '--secret-env', 'QWH_S_SECRET'],
        ...['--previous-secret-env', 'QWH_S_OTHER', ...guard, '--json'],
      ],
      { QWH_S_OTHER: 'whsec-LEAK-other-6262' },
    );
    expect(te2.code).toBe(1);
    const body = join(t.dir, 'prev-body.json');
    await writeFile(body, '{"id":"1"}');
    const sig = signBody(PREV, Buffer.from('{"id":"1"}'));
    const v = ['verify', 'prev-body.json', '--secret-env', 'QWH_S_SECRET', '--signature', sig];
    expect((await qwh('verify prev', [...v, '--previous-secret-env', 'QWH_S_PREV'])).code).toBe(0);
    await qwh('verify prev json', [...v, '--previous-secret-file', 'prev.secret', '--json']);
    await qwh('listen help', ['listen', '--help']);
    for (const l of [relay, behind]) {
      const stopped = await l.stop();
      outputs.push(['relay stdout', stopped.stdout], ['relay stderr', stopped.stderr]);
      expect(stopped.code).toBe(0);
    }
  });

  it('sign, verify, sample, diff-payload, completion, --help: no secret', async () => {
    const body = join(t.dir, 'body.json');
    await writeFile(body, (await qwh('sample', ['sample', '--seed', '3'])).stdout);
    const sig = (
      await qwh('sign', ['sign', 'body.json', '--secret-env', 'QWH_S_SECRET'])
    ).stdout.trim();
    await qwh('sign --json', ['sign', 'body.json', '--secret-file', 'hmac.secret', '--json']);
    expect(
      (
        await qwh('verify ok', [
          'verify',
          'body.json',
          '--secret-env',
          'QWH_S_SECRET',
          '--signature',
          sig,
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await qwh('verify bad', [
          'verify',
          'body.json',
          '--secret-env',
          'QWH_S_SECRET',
          '--signature',
          'sha256=00',
        ])
      ).code,
    ).toBe(1);
    await qwh('verify bad json', [
      'verify',
      'body.json',
      '--secret-env',
      'QWH_S_SECRET',
      '--signature',
      'sha256=00',
      '--json',
    ]);
    await mkdir(join(t.dir, 'caps'), { recursive: true });
    await qwh('diff', ['diff-payload', '--format', 'json']);
    await qwh('diff md', ['diff-payload', '--format', 'markdown']);
    // listen --save captures (signed with the secret, sent with the auth header) into diff-payload
    // and the generated adapter, schema and types; the adapter run on them; CI reporters.
    const caps = ['diff-payload', 'saved.ndjson', 'saved.ndjson'];
    const emits = ['--emit-schema', 'schema.json', '--emit-types', 'types.ts'];
    await qwh('diff emit', [...caps, '--emit-adapter', 'js', '--out', 'adapter.js', ...emits]);
    await qwh('diff emit python', [...caps, '--emit-adapter', 'python']);
    for (const reporter of ['junit', 'github'])
      await qwh(`diff ${reporter}`, [...caps, '--reporter', reporter]);
    await qwh('adapter test', ['adapter', 'test', 'adapter.js', 'relay.ndjson', 'relay.ndjson']);
    await qwh('completion', ['completion', 'bash']);
    await qwh('help', ['migrate', '--help']);
  });

  it('every output and every file qwh wrote is free of every secret form (files: by content and by name)', () => {
    for (const [label, text] of outputs)
      for (const s of FORMS) expect(text.includes(s), `${label} contains ${s}`).toBe(false);
    const files = filesUnder(t.dir).map((p) => relative(t.dir, p));
    expect(files).toEqual(
      expect.arrayContaining([
        'plan.json',
        'runbook.md',
        'report.xml',
        'report.json',
        'saved.ndjson',
        'relay.ndjson',
        `.qwh/journal-acc.yaml.jsonl`,
        `.qwh/stages-acc.yaml.json`,
        'cap.ndjson',
        'step-summary.md',
        '.qwh/observed-acc.yaml.json',
        'burst.yml',
        'burst.processor.cjs',
        'adapter.js',
        'schema.json',
        'types.ts',
      ]),
    );
    expect(files.some((f) => f.startsWith('.qwh/backups/acc.yaml.qwh-bak-'))).toBe(true);
    for (const rel of files) {
      for (const s of FORMS) expect(rel.includes(s), `file name ${rel}`).toBe(false);
      if (allowed(rel) || ['hmac.secret', 'prev.secret', 'body.json'].includes(rel)) continue;
      const text = readFileSync(join(t.dir, rel), 'utf8');
      for (const s of FORMS) expect(text.includes(s), `${rel} contains ${s}`).toBe(false);
    }
    // Controls: the secrets were really in play (so the searches above could have failed).
    expect(readFileSync(join(t.dir, 'acc.yaml'), 'utf8')).toContain(`${USER}:${PASS}@`);
    expect(readFileSync(join(t.dir, 'acc.yaml'), 'utf8')).toContain(`token=${TOKEN}`);
    expect(readFileSync(join(t.dir, '.qwh/secrets/acc.yaml/main-v2.auth'), 'utf8')).toBe(
      `${BASIC}\n`,
    );
    expect(
      readFileSync(join(t.dir, 'saved.ndjson'), 'utf8').trim().split('\n').length,
    ).toBeGreaterThan(20);
    expect(receiver.hits.get('/main')).toBeGreaterThan(0);
    // The relay recorded what passed through it (the test-endpoint suites, both versions' lines).
    expect(
      readFileSync(join(t.dir, 'relay.ndjson'), 'utf8').trim().split('\n').length,
    ).toBeGreaterThan(15);
    for (const rel of files.filter((f) => f.startsWith('.qwh/secrets/')))
      expect(statSync(join(t.dir, rel)).mode & 0o777, rel).toBe(0o600);
  });
});

// Issue 16 bug 2: the last-line scan of every output masks only unambiguous secrets (12+
// characters, not a common word), so short secrets must be masked where they occur. The same
// scan, with secrets below that length: every output of check, migrate (dry run, --json, plan,
// runbook, apply) and test-endpoint (every reporter, --account) is searched for each form.
describe('short secrets (under the last-line scan length): masked at the source in every output', () => {
  const SPASS = 'pw-sh0rt1';
  const STOKEN = 'tk-sh0rt2';
  const SHMAC = 'hm-sh0rt3';
  const SBASIC = Buffer.from(`${USER}:${SPASS}`).toString('base64');
  const SFORMS = [SPASS, STOKEN, SHMAC, SBASIC].flatMap(leakForms);

  it('check, migrate, test-endpoint: no short secret in any output or file qwh wrote', async () => {
    const t = await tempDir('qwh-short-secrets-');
    const receiver = await startTestReceiver({
      '/main': {
        secretFile: () => join(t.dir, 'h.secret'),
        authorization: `Basic ${SBASIC}`,
        token: STOKEN,
      },
    });
    try {
      await writeFile(join(t.dir, 'h.secret'), `${SHMAC}\n`);
      const v1 = `http://${USER}:${SPASS}@127.0.0.1:${receiver.port}/main?token=${STOKEN}`;
      await writeFile(
        join(t.dir, 'acc.json'),
        JSON.stringify({
          version: 1,
          account: { id: 1, name: 'Acme' },
          webhooks: [{ key: 'main', version: 1, scope: 'account', url: v1 }],
          pushRules: [{ level: 'default', destination: 'main' }],
        }),
      );
      const e = { QS: SHMAC, GITHUB_STEP_SUMMARY: join(t.dir, 'summary.md') };
      const runs: RunResult[] = [];
      const run = async (args: string[]): Promise<RunResult> => {
        const r = await runQwh(args, { cwd: t.dir, env: e });
        runs.push(r);
        return r;
      };
      const m = ['migrate', 'acc.json', '--allow-insecure-host', '--secret-env', 'QS'];
      expect((await run(['check', 'acc.json'])).code).toBe(0);
      expect((await run(['check', 'acc.json', '--json'])).code).toBe(0);
      expect((await run([...m, '--dry-run'])).code).toBe(0);
      expect((await run([...m, '--dry-run', '--json'])).code).toBe(0);
      expect((await run([...m, '--plan-out', 'plan.json', '--runbook', 'rb.md'])).code).toBe(0);
      const te = ['test-endpoint', '--account', 'acc.json', '--webhook', 'main'];
      await run(te);
      await run([...te, '--json']);
      await run([...te, '--reporter', 'junit', '--out', 'te.xml']);
      await run([...te, '--reporter', 'github']);
      const apply = await run([...m, '--yes']);
      expect(apply.code, apply.stderr).toBe(0);
      const written = filesUnder(t.dir)
        .map((f) => relative(t.dir, f))
        .filter(
          (f) =>
            !/^((\.qwh\/backups\/)?acc\.json(\.qwh-bak-.*)?|h\.secret)$/.test(f) &&
            !f.startsWith('.qwh/secrets/'),
        );
      expect(written).toEqual(
        expect.arrayContaining(['plan.json', 'rb.md', 'te.xml', 'summary.md']),
      );
      const texts = [
        ...runs.flatMap((r, i) => [
          [`run ${i} stdout`, r.stdout],
          [`run ${i} stderr`, r.stderr],
        ]),
        ...written.map((f) => [f, `${f}\n${readFileSync(join(t.dir, f), 'utf8')}`]),
      ];
      for (const [label, text] of texts)
        for (const form of SFORMS) expect(text, `${label} holds ${form}`).not.toContain(form);
      expect(receiver.hits.get('/main')).toBeGreaterThan(0);
    } finally {
      await receiver.close();
      await t.cleanup();
    }
  });
});

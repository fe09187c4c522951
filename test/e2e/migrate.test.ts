import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/migrate/types.js';
import { MESSAGES } from '../../src/messages/index.js';
import { BIN, runQwh, tempDir, type RunResult } from '../helpers/bin.js';
import { startTestReceiver, type TestReceiver } from '../helpers/migrate-receiver.js';

const M = MESSAGES.migrate;
const USER = 'acme';
const PASS = 's3cr3t-pass-9f2e';
const TOKEN = 'tok-news-7c1d55aa';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
const FILE = 'qualifio-account.yaml';
const SECRETS = '.qwh/secrets/qualifio-account.yaml';

function accountYaml(port: number): string {
  return `# Acme: two webhooks 1.0 (account + website), five push rules
version: 1
account: { id: 4321, name: Acme Media }
websites:
  - { id: 1234, name: Acme News }
masterForms:
  - { id: 77, name: Newsletter form }
campaigns:
  - { id: 99887, name: Summer quiz, websiteId: 1234 }
  - { id: 99888, name: Winter contest, websiteId: 1234 }
webhooks:
  - key: main
    version: 1
    scope: account
    url: http://${USER}:${PASS}@127.0.0.1:${port}/main
    enabled: true   # the CRM import
  - key: news
    version: 1
    scope: { website: 1234 }
    url: http://127.0.0.1:${port}/news?token=${TOKEN}
pushRules:
  - { level: default, destination: main }
  - { level: website, target: 1234, campaignMode: both, destination: news }
  - { level: masterForm, target: 77, destination: main }
  - { level: campaign, target: 99888, destination: main }
  - { level: campaign, target: 99887, destination: null }   # exclusion
`;
}

interface Env {
  dir: string;
  file: string;
  original: Buffer;
  receiver: TestReceiver;
  cleanup: () => Promise<void>;
}

async function setup(): Promise<Env> {
  const t = await tempDir('qwh-migrate-');
  const receiver = await startTestReceiver({
    '/main': { secretFile: () => join(t.dir, SECRETS, 'main-v2.secret'), authorization: BASIC },
    '/news': { secretFile: () => join(t.dir, SECRETS, 'news-v2.secret'), token: TOKEN },
  });
  const file = join(t.dir, FILE);
  await writeFile(file, accountYaml(receiver.port));
  await chmod(file, 0o640);
  return {
    dir: t.dir,
    file,
    original: readFileSync(file),
    receiver,
    cleanup: async () => {
      await receiver.close();
      await t.cleanup();
    },
  };
}

const migrate = (env: Env, args: string[], extra: { env?: Record<string, string> } = {}) =>
  runQwh(['migrate', ...args], { cwd: env.dir, ...extra });

interface Doc {
  webhooks: Array<Record<string, unknown>>;
  pushRules: Array<Record<string, unknown>>;
}
const readDoc = (env: Env): Doc => parse(readFileSync(env.file, 'utf8')) as Doc;
const backups = (env: Env): string[] =>
  (existsSync(join(env.dir, '.qwh', 'backups'))
    ? readdirSync(join(env.dir, '.qwh', 'backups'))
    : []
  )
    .filter((f) => f.startsWith(`${FILE}.qwh-bak-`))
    .map((f) => `.qwh/backups/${f}`);

/** Every secret value of the run: URL credentials and the secret files qwh wrote. */
function secretsOf(env: Env): string[] {
  const out = [PASS, TOKEN, BASIC, BASIC.slice('Basic '.length)];
  for (const f of ['main-v2.secret', 'main-v2.auth', 'news-v2.secret']) {
    const p = join(env.dir, SECRETS, f);
    if (existsSync(p)) out.push(readFileSync(p, 'utf8').trim());
  }
  return out;
}

function expectNoSecrets(env: Env, texts: string[]): void {
  const secrets = secretsOf(env);
  for (const text of texts) for (const s of secrets) expect(text).not.toContain(s);
}

function journalText(env: Env): string {
  const p = join(env.dir, '.qwh', `journal-${FILE}.jsonl`);
  return existsSync(p) ? readFileSync(p, 'utf8') : '';
}

const APPLY = ['--yes', '--allow-insecure-host', '--verify-timeout', '3000'];
const E2E_SECRET = 'e2e-known-secret-5d41402abc4b2a76';
const E2E_ENV = { QWH_E2E_SECRET: E2E_SECRET };
const SECRET_ENV = ['--secret-env', 'QWH_E2E_SECRET'];

/** The receivers' secret, one they had before the run (as with --secret-env). */
async function knownSecret(env: Env): Promise<void> {
  const fs = await import('node:fs/promises');
  await fs.mkdir(join(env.dir, SECRETS), { recursive: true });
  for (const f of ['main-v2.secret', 'news-v2.secret'])
    await fs.writeFile(join(env.dir, SECRETS, f), `${E2E_SECRET}\n`, { mode: 0o600 });
}

describe('qwh migrate (e2e, real files, loopback receivers)', () => {
  let env: Env;
  beforeEach(async () => {
    env = await setup();
  });
  afterEach(async () => env.cleanup());

  it('--dry-run --json: the plan, field by field; nothing written', async () => {
    const before = readdirSync(env.dir).sort();
    const r = await migrate(env, ['--dry-run', '--json', '--allow-insecure-host']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      changes: number;
      plan: Plan;
      diff: { apply: string; afterVerification: string };
      runbook: { steps: Array<{ title: string; items: Array<{ label: string; value: string }> }> };
    };
    const { plan } = doc;
    expect(plan.planVersion).toBe(1);
    expect(plan.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.units.map((u) => [u.v1.key, u.v2Key, u.mode])).toEqual([
      ['main', 'main-v2', 'create'],
      ['news', 'news-v2', 'create'],
    ]);
    const [main, news] = plan.units;
    expect(main?.create).toEqual({
      key: 'main-v2',
      name: 'Acme Media webhook 2.0',
      scope: 'account',
      host: `http://127.0.0.1:${env.receiver.port}/main`,
      dropQueryParams: [],
      incompleteParticipations: false,
      authHeader: {
        name: 'Authorization',
        value: { file: `${SECRETS}/main-v2.auth` },
        scheme: 'Basic',
      },
      secret: { file: `${SECRETS}/main-v2.secret` },
    });
    expect(main?.twins.map((t) => t.rule)).toEqual([
      { level: 'default', destination: 'main-v2' },
      { level: 'masterForm', target: 77, destination: 'main-v2' },
      { level: 'campaign', target: 99888, destination: 'main-v2' },
    ]);
    expect(main?.twins.map((t) => t.of)).toEqual([0, 2, 3]);
    expect(main?.disableV1).toBe(false); // 1.0 goes off only at `confirm v1-off`
    expect(main?.verify).toBe(true);
    expect(news?.create?.host).toBe(`http://127.0.0.1:${env.receiver.port}/news?token=••••`);
    expect(news?.create?.scope).toEqual({ website: 1234 });
    expect(news?.create?.authHeader).toBeUndefined();
    expect(news?.twins.map((t) => t.rule)).toEqual([
      { level: 'website', target: 1234, campaignMode: 'both', destination: 'news-v2' },
    ]);
    expect(plan.counts).toEqual({ webhooks: 2, ruleTwins: 4, disables: 0, secretFiles: 3 });
    expect(doc.changes).toBe(6);
    expect(plan.needsHuman.map((n) => [n.webhook, n.code, n.severity]).sort()).toEqual(
      [
        ['main', 'insecure-host', 'todo'],
        ['main', 'private-host', 'todo'],
        ['news', 'insecure-host', 'todo'],
        ['news', 'private-host', 'todo'],
        ['news', 'query-token', 'todo'],
      ].sort(),
    );
    expect(plan.blocked).toBe(false);
    expect(doc.diff.apply).toContain('+  - key: main-v2');
    expect(doc.diff.apply).toContain(
      '+  - { level: masterForm, target: 77, destination: main-v2 }',
    );
    expect(doc.diff.afterVerification).toBe(''); // the plan never turns 1.0 off
    expect(doc.runbook.steps.map((s) => s.title)).toEqual([
      M.runbook.configureTitle('account'),
      M.runbook.configureTitle('website 1234 (Acme News)'),
      M.runbook.rulesTitle,
      M.runbook.keepOnTitle,
    ]);
    expect(readdirSync(env.dir).sort()).toEqual(before);
    expect(readFileSync(env.file)).toEqual(env.original);
    expectNoSecrets(env, [r.stdout, r.stderr]);
  });

  it('apply writes 2.0 (1.0 stays on) and verifies nothing before the hand-off; confirm configured, then a re-run verifies; "0 changes" bytes', async () => {
    const r = await migrate(env, [...APPLY, '--runbook', 'runbook.md']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const doc = readDoc(env);
    const v2 = doc.webhooks.filter((w) => w.version === 2);
    expect(v2).toEqual([
      {
        key: 'main-v2',
        version: 2,
        scope: 'account',
        name: 'Acme Media webhook 2.0',
        host: `http://127.0.0.1:${env.receiver.port}/main`,
        incompleteParticipations: false,
        authHeader: { name: 'Authorization', value: { file: `${SECRETS}/main-v2.auth` } },
        secret: { file: `${SECRETS}/main-v2.secret` },
        enabled: true,
      },
      {
        key: 'news-v2',
        version: 2,
        scope: { website: 1234 },
        name: 'Acme News webhook 2.0',
        host: `http://127.0.0.1:${env.receiver.port}/news?token=${TOKEN}`,
        incompleteParticipations: false,
        secret: { file: `${SECRETS}/news-v2.secret` },
        enabled: true,
      },
    ]);
    expect(
      doc.webhooks.filter((w) => w.version === 1).map((w) => [w.key, w.enabled ?? true]),
    ).toEqual([
      ['main', true],
      ['news', true],
    ]);
    expect(doc.pushRules).toEqual([
      { level: 'default', destination: 'main' },
      { level: 'default', destination: 'main-v2' },
      { level: 'website', target: 1234, campaignMode: 'both', destination: 'news' },
      { level: 'website', target: 1234, campaignMode: 'both', destination: 'news-v2' },
      { level: 'masterForm', target: 77, destination: 'main' },
      { level: 'masterForm', target: 77, destination: 'main-v2' },
      { level: 'campaign', target: 99888, destination: 'main' },
      { level: 'campaign', target: 99888, destination: 'main-v2' },
      { level: 'campaign', target: 99887, destination: null },
    ]);
    const text = readFileSync(env.file, 'utf8');
    expect(text).toContain('# Acme: two webhooks 1.0'); // comments kept
    expect(text).toContain('destination: null }   # exclusion'); // spacing kept
    expect(statSync(env.file).mode & 0o777).toBe(0o640);
    // Backup: the original bytes; secret files 0600 with the right content.
    const baks = backups(env);
    expect(baks).toHaveLength(1);
    expect(readFileSync(join(env.dir, baks[0]!))).toEqual(env.original);
    for (const f of ['main-v2.secret', 'main-v2.auth', 'news-v2.secret'])
      expect(statSync(join(env.dir, SECRETS, f)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(env.dir, SECRETS, 'main-v2.secret'), 'utf8')).toMatch(
      /^[0-9a-f]{64}\n$/,
    );
    expect(readFileSync(join(env.dir, SECRETS, 'main-v2.auth'), 'utf8')).toBe(`${BASIC}\n`);
    expect(existsSync(join(env.dir, SECRETS, 'news-v2.auth'))).toBe(false);
    // A secret qwh made a moment ago is not tested: the receiver cannot know it yet.
    expect(env.receiver.hits.get('/main') ?? 0).toBe(0);
    expect(existsSync(join(env.dir, '.qwh', `${FILE}.lock`))).toBe(false);
    const runbook = readFileSync(join(env.dir, 'runbook.md'), 'utf8');
    expect(runbook).toContain('Settings › Integrations & partners › Webhook 2.0 › Configure');
    expect(runbook).toContain(M.runbook.keepOnTitle);
    expect(runbook).not.toContain(M.runbook.turnOffTitle);
    expect(r.stdout).toContain(M.handOffTitle);
    expect(r.stdout.indexOf(M.handOffTitle)).toBeLessThan(r.stdout.indexOf(M.resultTitle));
    expect(r.stdout).toContain(M.handOffFile(`${SECRETS}/main-v2.secret`));
    expect(r.stdout).toContain(M.v1On('main'));
    expectNoSecrets(env, [r.stdout, r.stderr, journalText(env), runbook]);

    const bytes = readFileSync(env.file);
    const again = await migrate(env, APPLY);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(M.zeroChanges(FILE));
    expect(readFileSync(env.file)).toEqual(bytes);
    expect(backups(env)).toHaveLength(1);
    expect(env.receiver.hits.get('/main') ?? 0).toBe(0);

    const conf = await runQwh(['migrate', 'confirm', 'configured', '--yes'], { cwd: env.dir });
    expect(conf.code).toBe(0);
    const verified = await migrate(env, APPLY);
    expect(verified.code).toBe(0);
    expect(env.receiver.hits.get('/main')).toBeGreaterThan(0);
    expect(env.receiver.hits.get('/news')).toBeGreaterThan(0);
    expect(readFileSync(env.file)).toEqual(bytes);
    const st = await runQwh(['migrate', 'status', '--json'], { cwd: env.dir });
    const rows = (JSON.parse(st.stdout) as { webhooks: Array<{ v1Key: string; stage: string }> })
      .webhooks;
    expect(rows.map((w) => [w.v1Key, w.stage])).toEqual([
      ['main', 'receiver-ready'],
      ['news', 'receiver-ready'],
    ]);
  });

  it('a receiver answering 500: 2.0 written, 1.0 still on, exit 1; fixed later, a re-run verifies (1.0 stays on)', async () => {
    env.receiver.mode = 'error500';
    expect((await migrate(env, APPLY)).code).toBe(0);
    expect(
      (await runQwh(['migrate', 'confirm', 'configured', '--yes'], { cwd: env.dir })).code,
    ).toBe(0);
    const r = await migrate(env, APPLY);
    expect(r.code).toBe(1);
    // The file has everything: the re-run only verifies (its spinner lines on stderr).
    expect(r.stderr).toMatch(/main-v2: not verified \(fail: accepts-complete/);
    let doc = readDoc(env);
    expect(doc.webhooks.filter((w) => w.version === 2)).toHaveLength(2);
    const v1On = (d: Doc) =>
      d.webhooks.filter((w) => w.version === 1).map((w) => w.enabled ?? true);
    expect(v1On(doc)).toEqual([true, true]);
    env.receiver.mode = 'ok';
    const fixed = await migrate(env, [...APPLY, '--json']);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain(M.verified('main-v2'));
    doc = readDoc(env);
    expect(doc.webhooks.filter((w) => w.version === 2)).toHaveLength(2);
    expect(doc.pushRules).toHaveLength(9);
    expect(v1On(doc)).toEqual([true, true]); // only `confirm v1-off` marks 1.0 off
    expectNoSecrets(env, [r.stdout, r.stderr, fixed.stdout, fixed.stderr, journalText(env)]);
  });

  it('SIGKILL while verification waits: old or new bytes; a plain run exits 5; resume completes without duplicates', async () => {
    env.receiver.mode = 'hang';
    // The receivers know the secret already (--secret-env): apply verifies at once.
    await knownSecret(env);
    const child = spawn(
      process.execPath,
      [BIN, 'migrate', ...APPLY.slice(0, 2), ...SECRET_ENV, '--verify-timeout', '60000'],
      {
        cwd: env.dir,
        env: { ...process.env, ...E2E_ENV, CI: '', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<void>((r) => child.on('close', () => r()));
    await env.receiver.firstRequest;
    child.kill('SIGKILL');
    await exited;
    const written = readFileSync(env.file, 'utf8');
    expect([env.original.toString('utf8'), written]).toContain(written);
    expect(written === env.original.toString('utf8') || written.includes('key: main-v2')).toBe(
      true,
    );
    expect(parse(written)).toBeTruthy(); // never partial

    const plain = await migrate(env, [...APPLY, ...SECRET_ENV], { env: E2E_ENV });
    expect(plain.code).toBe(5);
    expect(plain.stderr).toContain('qwh migrate resume');

    env.receiver.mode = 'ok';
    const resumed = await runQwh(['migrate', 'resume', '--verify-timeout', '3000'], {
      cwd: env.dir,
      env: E2E_ENV,
    });
    expect(resumed.code).toBe(0);
    const doc = readDoc(env);
    expect(doc.webhooks.map((w) => w.key)).toEqual(['main', 'main-v2', 'news', 'news-v2']);
    expect(doc.pushRules).toHaveLength(9);
    expect(doc.webhooks.filter((w) => w.version === 1).map((w) => w.enabled ?? true)).toEqual([
      true,
      true,
    ]);
    expect(backups(env)).toHaveLength(1);
    expect(readFileSync(join(env.dir, backups(env)[0]!))).toEqual(env.original);
    const again = await migrate(env, [...APPLY, ...SECRET_ENV], { env: E2E_ENV });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(M.zeroChanges(FILE));
    expectNoSecrets(env, [plain.stderr, resumed.stdout, resumed.stderr, journalText(env)]);
  });

  it('Ctrl-C (SIGINT) while verifying: the step ends, the lock is released, exit 130; resume finishes', async () => {
    env.receiver.mode = 'hang';
    // The receivers know the secret already (--secret-env): apply verifies at once.
    await knownSecret(env);
    const child = spawn(
      process.execPath,
      [BIN, 'migrate', ...APPLY.slice(0, 2), ...SECRET_ENV, '--verify-timeout', '60000'],
      {
        cwd: env.dir,
        env: { ...process.env, ...E2E_ENV, CI: '', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    await env.receiver.firstRequest;
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('qwh migrate resume');
    expect(existsSync(join(env.dir, '.qwh', `${FILE}.lock`))).toBe(false);
    const doc = readDoc(env);
    expect(doc.webhooks.filter((w) => w.version === 1).map((w) => w.enabled ?? true)).toEqual([
      true,
      true,
    ]);
    expect(journalText(env)).toContain('"t":"interrupted"');
    env.receiver.mode = 'ok';
    const resumed = await runQwh(['migrate', 'resume', '--json'], { cwd: env.dir, env: E2E_ENV });
    expect(resumed.code).toBe(0);
    expect((JSON.parse(resumed.stdout) as { result: { outcome: string } }).result.outcome).toBe(
      'complete',
    );
    expect(readDoc(env).webhooks.map((w) => [w.key, w.enabled ?? true])).toEqual([
      ['main', true],
      ['main-v2', true],
      ['news', true],
      ['news-v2', true],
    ]);
    expectNoSecrets(env, [stderr, resumed.stdout, resumed.stderr]);
  });

  it('rollback restores the original bytes exactly and says what to revert in the back office', async () => {
    expect((await migrate(env, APPLY)).code).toBe(0);
    const r = await runQwh(['migrate', 'rollback', '--yes'], { cwd: env.dir });
    expect(r.code).toBe(0);
    expect(readFileSync(env.file)).toEqual(env.original);
    // Nothing was confirmed in the back office (stage planned): nothing to revert there.
    expect(r.stdout).toContain(M.cutover.revertNothingConfirmed);
    expect(r.stdout).not.toContain(M.runbook.revertEnableTitle);
    expect(statSync(env.file).mode & 0o777).toBe(0o640);
    const none = await runQwh(['migrate', 'rollback', '--yes'], { cwd: env.dir });
    expect(none.code).toBe(2);
    expectNoSecrets(env, [r.stdout, r.stderr]);
  });

  it('refuses with exit 4 and writes nothing: no TTY without --yes, a stale plan, a held lock, a blocker', async () => {
    const noYes = await migrate(env, ['--allow-insecure-host']);
    expect(noYes.code).toBe(4);
    expect(noYes.stderr).toContain('--yes');
    expect(readFileSync(env.file)).toEqual(env.original);

    const planOut = await migrate(env, ['--allow-insecure-host', '--plan-out', 'plan.json']);
    expect(planOut.code).toBe(0);
    const planText = await readFile(join(env.dir, 'plan.json'), 'utf8');
    await writeFile(env.file, env.original.toString('utf8') + '# edited\n');
    const stale = await migrate(env, ['--plan', 'plan.json', '--yes']);
    expect(stale.code).toBe(4);
    expect(stale.stderr).toContain('changed since the plan');
    await writeFile(env.file, env.original);

    const lockDir = join(env.dir, '.qwh');
    await import('node:fs/promises').then((fs) => fs.mkdir(lockDir, { recursive: true }));
    await writeFile(
      join(lockDir, `${FILE}.lock`),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        startedAt: 'now',
        command: 'qwh migrate',
      }),
    );
    const locked = await migrate(env, APPLY);
    expect(locked.code).toBe(4);
    expect(locked.stderr).toContain(`pid ${process.pid}`);
    expect(readFileSync(env.file)).toEqual(env.original);

    // A lock left by a dead process is taken over (with a warning).
    await writeFile(
      join(lockDir, `${FILE}.lock`),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: hostname(),
        startedAt: 'then',
        command: 'qwh migrate',
      }),
    );
    const blocked = await migrate(env, ['--yes']);
    expect(blocked.code).toBe(4); // http:// and loopback hosts without --allow-insecure-host
    expect(blocked.stdout).toContain('blocker');
    expect(blocked.stderr).toContain(M.blocked(4));
    expect(readFileSync(env.file)).toEqual(env.original);

    const applied = await migrate(env, [
      '--plan',
      'plan.json',
      '--yes',
      '--verify-timeout',
      '3000',
    ]);
    expect(applied.stderr).toContain('taking over the lock');
    expect(applied.code).toBe(0);
    expect(readDoc(env).webhooks).toHaveLength(4);
    expectNoSecrets(env, [noYes.stderr, planText, stale.stderr, locked.stderr, applied.stdout]);
  });
});

describe('qwh migrate: input problems', () => {
  it('an invalid account file exits 2 naming file and path; nothing written', async () => {
    const t = await tempDir();
    try {
      await writeFile(
        join(t.dir, FILE),
        'version: 1\naccount: { id: 1, name: A }\nwebhooks: [{ key: a, version: 1, scope: account, url: nope }]\n',
      );
      const r: RunResult = await runQwh(['migrate', '--yes'], { cwd: t.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${FILE} › webhooks[0].url: Invalid URL`);
      expect(readdirSync(t.dir)).toEqual([FILE]);
    } finally {
      await t.cleanup();
    }
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, chmod, mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { runQwh, tempDir } from '../helpers/bin.js';
import { startTestReceiver, type TestReceiver } from '../helpers/migrate-receiver.js';
import { leakForms, spawnQwh } from '../helpers/proc.js';

// Faults during `qwh migrate`, each as a real process against real files and loopback
// receivers. A run is stopped at an exact step with QWH_TEST_PAUSE_AT (a test-only hook of the
// account store: after that journal record is fsynced the run waits for SIGUSR2), then killed,
// interrupted or raced. Every case checks: the file holds old or new bytes (never partial),
// resume finishes without a duplicate webhook or rule, rollback restores the original bytes,
// and no secret appears in anything qwh printed or journaled.

const M = MESSAGES.migrate;
const USER = 'acme';
const PASS = 'Pw-9f2e-reliab';
const TOKEN = 'tok-7c1d55aa-reliab';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
const FILE = 'qualifio-account.yaml';
const SECRETS = '.qwh/secrets/qualifio-account';
const APPLY = ['migrate', '--yes', '--allow-insecure-host', '--verify-timeout', '3000'];

const accountYaml = (port: number, padding = 0): string =>
  `# Acme: two webhooks 1.0 (account + website), four push rules
version: 1
account: { id: 4321, name: Acme Media }
websites:
  - { id: 1234, name: Acme News }
webhooks:
  - key: main
    version: 1
    scope: account
    url: http://${USER}:${PASS}@127.0.0.1:${port}/main
  - key: news
    version: 1
    scope: { website: 1234 }
    url: http://127.0.0.1:${port}/news?token=${TOKEN}
pushRules:
  - { level: default, destination: main }
  - { level: website, target: 1234, campaignMode: both, destination: news }
  - { level: campaign, target: 99888, destination: main }
  - { level: campaign, target: 99887, destination: null }   # exclusion
${'# padding to size the file for the file-size limit test ..........\n'.repeat(padding)}`;

interface Env {
  dir: string;
  file: string;
  original: Buffer;
  receiver: TestReceiver;
  cleanup: () => Promise<void>;
}

async function setup(padding = 0): Promise<Env> {
  const t = await tempDir('qwh-faults-');
  const receiver = await startTestReceiver({
    '/main': { secretFile: () => join(t.dir, SECRETS, 'main-v2.secret'), authorization: BASIC },
    '/news': { secretFile: () => join(t.dir, SECRETS, 'news-v2.secret'), token: TOKEN },
  });
  const file = join(t.dir, FILE);
  await writeFile(file, accountYaml(receiver.port, padding));
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

interface Doc {
  webhooks: Array<{ key: string; version: number; enabled?: boolean }>;
  pushRules: Array<Record<string, unknown>>;
}
const doc = (env: Env): Doc => parse(readFileSync(env.file, 'utf8')) as Doc;
const journalPath = (env: Env): string => join(env.dir, '.qwh', `journal-${FILE}.jsonl`);
const journal = (env: Env): string =>
  existsSync(journalPath(env)) ? readFileSync(journalPath(env), 'utf8') : '';
const lastRecord = (env: Env): Record<string, unknown> =>
  JSON.parse(journal(env).trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
const backups = (env: Env): string[] =>
  readdirSync(env.dir).filter((f) => f.startsWith(`${FILE}.qwh-bak-`));
const strays = (env: Env): string[] => readdirSync(env.dir).filter((f) => f.includes('qwh-tmp'));
const lockExists = (env: Env): boolean => existsSync(join(env.dir, '.qwh', `${FILE}.lock`));

/** The three states a run may leave the file in: as it was, 2.0 added, 1.0 turned off. */
function stateOf(env: Env): 'old' | 'new' | 'final' {
  const bytes = readFileSync(env.file);
  if (bytes.equals(env.original)) return 'old';
  const d = doc(env); // parses: never partial
  expect(d.webhooks.map((w) => w.key)).toEqual(['main', 'main-v2', 'news', 'news-v2']);
  return d.webhooks.some((w) => w.version === 1 && w.enabled === false) ? 'final' : 'new';
}

/** The migrated file: each 2.0 webhook and rule twin exactly once, 1.0 off. */
function expectMigratedOnce(env: Env): void {
  const d = doc(env);
  expect(d.webhooks.map((w) => [w.key, w.enabled ?? true])).toEqual([
    ['main', false],
    ['main-v2', true],
    ['news', false],
    ['news-v2', true],
  ]);
  const rules = d.pushRules.map((r) => JSON.stringify(r));
  expect(rules).toHaveLength(7); // 4 rules + 3 twins (the exclusion gets none)
  expect(new Set(rules).size).toBe(rules.length);
}

/** Every secret of the run (URL credentials and the secret files qwh wrote), in every form. */
function secretsOf(env: Env): string[] {
  const values = [PASS, TOKEN, BASIC, BASIC.slice('Basic '.length)];
  for (const f of ['main-v2.secret', 'main-v2.auth', 'news-v2.secret']) {
    const p = join(env.dir, SECRETS, f);
    if (existsSync(p)) values.push(readFileSync(p, 'utf8').trim());
  }
  return values.flatMap(leakForms);
}

function expectNoSecrets(env: Env, texts: string[]): void {
  const all = [...texts, journal(env), ...readdirSync(env.dir)];
  for (const s of secretsOf(env)) for (const t of all) expect(t).not.toContain(s);
}

/** Resume, then rollback: the run finishes exactly once, then the original bytes come back. */
async function resumeThenRollback(env: Env, seen: string[]): Promise<void> {
  const plain = await runQwh(APPLY, { cwd: env.dir });
  expect(plain.code).toBe(5);
  expect(plain.stderr).toContain('qwh migrate resume');
  const resumed = await runQwh(['migrate', 'resume', '--verify-timeout', '3000'], {
    cwd: env.dir,
  });
  expect(resumed.stderr).not.toMatch(/\n\s+at /);
  expect(resumed.code).toBe(0);
  expectMigratedOnce(env);
  expect(backups(env)).toHaveLength(1);
  expect(readFileSync(join(env.dir, backups(env)[0]!))).toEqual(env.original);
  expect(lockExists(env)).toBe(false);
  const again = await runQwh(APPLY, { cwd: env.dir });
  expect(again.code).toBe(0);
  expect(again.stdout).toContain(M.zeroChanges(FILE));
  const rolled = await runQwh(['migrate', 'rollback', '--yes'], { cwd: env.dir });
  expect(rolled.code).toBe(0);
  expect(readFileSync(env.file)).toEqual(env.original);
  expectNoSecrets(env, [...seen, plain.stderr, resumed.stdout, resumed.stderr, rolled.stdout]);
}

describe('migrate: SIGKILL at each step of apply, then resume and rollback', () => {
  let env: Env;
  beforeEach(async () => {
    env = await setup();
  });
  afterEach(async () => env.cleanup());

  it.each([
    ['after the backup', 'backup', 'old'],
    ['after a secret file is written', 'secret-file', 'old'],
    ['after the write is journaled, before the rename', 'write:add-v2:intent', 'old'],
    ['after the file write', 'write:add-v2:done', 'new'],
    ['during verification (one webhook verified, one not)', 'verify', 'new'],
    ['during disable (intent journaled, before the rename)', 'write:disable-v1:intent', 'new'],
    ['after disable, before the run is journaled as ended', 'write:disable-v1:done', 'final'],
  ] as const)(
    '%s: the file is old or new bytes; resume finishes once; rollback restores',
    async (_label, point, state) => {
      const run = spawnQwh(APPLY, { cwd: env.dir, env: { QWH_TEST_PAUSE_AT: point } });
      await run.waitForStderr(M.store.testPaused(point));
      const rec = lastRecord(env);
      expect(point.startsWith('write:') ? `write:${rec.step}:${rec.phase}` : rec.t).toBe(point);
      run.child.kill('SIGKILL');
      const killed = await run.exited;
      expect(killed.signal).toBe('SIGKILL');
      expect(stateOf(env)).toBe(state);
      expect(strays(env)).toEqual([]);
      await resumeThenRollback(env, [killed.stdout, killed.stderr]);
    },
  );

  it('rollback straight after a kill (no resume) restores the original bytes; a new run then works', async () => {
    const point = 'write:add-v2:done';
    const run = spawnQwh(APPLY, { cwd: env.dir, env: { QWH_TEST_PAUSE_AT: point } });
    await run.waitForStderr(M.store.testPaused(point));
    run.child.kill('SIGKILL');
    await run.exited;
    const rolled = await runQwh(['migrate', 'rollback', '--yes'], { cwd: env.dir });
    expect(rolled.code).toBe(0);
    expect(readFileSync(env.file)).toEqual(env.original);
    const fresh = await runQwh(APPLY, { cwd: env.dir });
    expect(fresh.code).toBe(0);
    expectMigratedOnce(env);
    expectNoSecrets(env, [rolled.stdout, rolled.stderr, fresh.stdout, fresh.stderr]);
  });

  it('a torn last journal line (killed mid-append) is dropped: resume finishes, the journal stays readable, rollback works', async () => {
    const point = 'write:add-v2:done';
    const run = spawnQwh(APPLY, { cwd: env.dir, env: { QWH_TEST_PAUSE_AT: point } });
    await run.waitForStderr(M.store.testPaused(point));
    run.child.kill('SIGKILL');
    await run.exited;
    await appendFile(journalPath(env), '{"t":"verify","run":"2026'); // no newline: torn
    const resumed = await runQwh(['migrate', 'resume', '--verify-timeout', '3000'], {
      cwd: env.dir,
    });
    expect(resumed.code).toBe(0);
    expectMigratedOnce(env);
    // The torn line is cut (its step never began), never left in the middle of the journal.
    for (const line of journal(env).trim().split('\n'))
      expect(() => JSON.parse(line)).not.toThrow();
    const rolled = await runQwh(['migrate', 'rollback', '--yes'], { cwd: env.dir });
    expect(rolled.code).toBe(0);
    expect(readFileSync(env.file)).toEqual(env.original);
  });

  it('a corrupt line in the middle of the journal: refused (exit 4) naming the line, file untouched', async () => {
    await mkdir(join(env.dir, '.qwh'), { recursive: true });
    await writeFile(
      journalPath(env),
      '{"t":"end","run":"a","at":"x","outcome":"complete"}\nnot json\n{"t":"end","run":"b","at":"x","outcome":"complete"}\n',
    );
    const r = await runQwh(APPLY, { cwd: env.dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      M.store.journalCorrupt(`.qwh/journal-${FILE}.jsonl`, 2, 'not a JSON record'),
    );
    expect(readFileSync(env.file)).toEqual(env.original);
    expect(backups(env)).toEqual([]);
  });
});

describe('migrate: concurrent runs, locks, interrupts and edits', () => {
  let env: Env;
  beforeEach(async () => {
    env = await setup();
  });
  afterEach(async () => env.cleanup());

  it('two concurrent runs: the second exits 4 naming the holder; the first completes', async () => {
    const first = spawnQwh(APPLY, { cwd: env.dir, env: { QWH_TEST_PAUSE_AT: 'locked' } });
    await first.waitForStderr(M.store.testPaused('locked'));
    const second = await runQwh(APPLY, { cwd: env.dir });
    expect(second.code).toBe(4);
    expect(second.stderr).toContain(`is locked by "qwh migrate" (pid ${first.pid}`);
    expect(readFileSync(env.file)).toEqual(env.original);
    first.child.kill('SIGUSR2');
    const done = await first.exited;
    expect(done.code).toBe(0);
    expectMigratedOnce(env);
    expect(lockExists(env)).toBe(false);
    expectNoSecrets(env, [second.stderr, done.stdout, done.stderr]);
  });

  it('a stale lock from a killed process is taken over with a warning', async () => {
    const dead = spawnQwh(APPLY, { cwd: env.dir, env: { QWH_TEST_PAUSE_AT: 'locked' } });
    await dead.waitForStderr(M.store.testPaused('locked'));
    dead.child.kill('SIGKILL');
    await dead.exited;
    expect(lockExists(env)).toBe(true);
    const r = await runQwh(APPLY, { cwd: env.dir });
    expect(r.stderr).toContain('taking over the lock');
    expect(r.stderr).toContain(`pid ${dead.pid}`);
    expect(r.code).toBe(0);
    expectMigratedOnce(env);
    expect(lockExists(env)).toBe(false);
  });

  it('SIGINT between steps: exit 130, the stop journaled, the lock released; resume and rollback work', async () => {
    const point = 'write:add-v2:done';
    const run = spawnQwh(APPLY, { cwd: env.dir, env: { QWH_TEST_PAUSE_AT: point } });
    await run.waitForStderr(M.store.testPaused(point));
    run.child.kill('SIGINT');
    await run.waitForStderr(M.finishingStep);
    run.child.kill('SIGUSR2');
    const r = await run.exited;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(M.interruptedAfter('add-v2'));
    expect(r.stderr).toContain('qwh migrate resume');
    expect(lockExists(env)).toBe(false);
    expect(lastRecord(env)).toMatchObject({ t: 'interrupted', after: 'add-v2' });
    expect(stateOf(env)).toBe('new');
    await resumeThenRollback(env, [r.stdout, r.stderr]);
  });

  it('the file edited between plan and apply: exit 4, the edit kept, nothing written', async () => {
    const run = spawnQwh(APPLY, { cwd: env.dir, env: { QWH_TEST_PAUSE_AT: 'before-lock' } });
    await run.waitForStderr(M.store.testPaused('before-lock'));
    const edited = env.original.toString('utf8') + '# edited by a colleague\n';
    await writeFile(env.file, edited);
    run.child.kill('SIGUSR2');
    const r = await run.exited;
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(M.changedSincePlan(FILE));
    expect(readFileSync(env.file, 'utf8')).toBe(edited);
    expect(backups(env)).toEqual([]);
    expect(journal(env)).toBe('');
    expect(lockExists(env)).toBe(false);
  });
});

describe('migrate: file-system faults', () => {
  it('disk full (file-size limit): a clean error naming the file, old bytes kept, no temp file; resume and rollback work', async () => {
    // ulimit -f 2 (2 KiB): the ~1.5 KiB backup and the journal fit, the migrated file does not.
    const env = await setup(12);
    try {
      expect(env.original.length).toBeGreaterThan(1200);
      expect(env.original.length).toBeLessThan(2048);
      const run = spawnQwh(APPLY, {
        cwd: env.dir,
        prefix: ['bash', '-c', `trap '' XFSZ; ulimit -f 2; exec "$@"`, 'qwh'],
      });
      const r = await run.exited;
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(5);
      expect(r.stderr).toContain(M.store.ioFailed(FILE, 'EFBIG'));
      expect(readFileSync(env.file)).toEqual(env.original);
      expect(strays(env)).toEqual([]);
      expect(readFileSync(join(env.dir, backups(env)[0]!))).toEqual(env.original);
      await resumeThenRollback(env, [r.stdout, r.stderr]);
    } finally {
      await env.cleanup();
    }
  });

  it('a read-only folder: refused (exit 4) before anything is written', async () => {
    const env = await setup();
    try {
      // root ignores file modes, so as root the run drops to nobody (setpriv, util-linux).
      const asRoot = process.getuid?.() === 0;
      const folder = join(env.dir, 'ro');
      await mkdir(folder);
      await rename(env.file, join(folder, FILE));
      await chmod(env.dir, 0o755);
      await chmod(join(folder, FILE), 0o644);
      await chmod(folder, 0o555);
      const r = await spawnQwh(APPLY, {
        cwd: folder,
        ...(asRoot
          ? { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] }
          : {}),
      }).exited;
      await chmod(folder, 0o755);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(4);
      expect(r.stderr).toContain(M.store.folderReadOnly(folder, 'EACCES'));
      expect(readdirSync(folder)).toEqual([FILE]);
      expect(readFileSync(join(folder, FILE))).toEqual(env.original);
    } finally {
      await env.cleanup();
    }
  });

  it('a symlinked account file is refused (exit 4) and a FIFO (exit 2); the real file is untouched', async () => {
    const env = await setup();
    try {
      await rename(env.file, join(env.dir, 'real.yaml'));
      await symlink('real.yaml', env.file);
      const linked = await runQwh(APPLY, { cwd: env.dir });
      expect(linked.code).toBe(4);
      expect(linked.stderr).toContain(M.store.symlink(FILE));
      expect(readFileSync(join(env.dir, 'real.yaml'))).toEqual(env.original);
      expect(backups(env)).toEqual([]);

      const fifo = join(env.dir, 'fifo.yaml');
      execFileSync('mkfifo', [fifo]);
      const piped = await runQwh([...APPLY, 'fifo.yaml'], { cwd: env.dir });
      expect(piped.code).toBe(2);
      expect(piped.stderr).toContain(MESSAGES.input.notRegular('fifo.yaml', 'named pipe (FIFO)'));
      const rolled = await runQwh(['migrate', 'rollback', '--yes', 'real.yaml'], { cwd: env.dir });
      expect(rolled.code).toBe(2); // nothing was ever written: nothing to undo
      expect(readFileSync(join(env.dir, 'real.yaml'))).toEqual(env.original);
    } finally {
      await env.cleanup();
    }
  });
});

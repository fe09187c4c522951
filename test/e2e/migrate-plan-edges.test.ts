import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES, runQwh, tempDir } from '../helpers/bin.js';
import { hasScript, KEYS, startPty } from '../helpers/pty.js';

// #16 bugs 4, 6, 7 and 13 of `qwh migrate`, spawned on real files: what a dry run promises, says
// and refuses, and what the interactive confirm shows first.

const M = MESSAGES.migrate;
const FILE = 'qualifio-account.yaml';
let dir: string;
let cleanup: () => Promise<void>;
const qwh = (args: string[], env: Record<string, string> = {}) =>
  runQwh(args, { cwd: dir, env: { NO_COLOR: '1', ...env } });
const bytes = (): Buffer => readFileSync(join(dir, FILE));

async function useFixture(name: string): Promise<void> {
  await copyFile(join(FIXTURES, 'accounts', name), join(dir, FILE));
}

beforeEach(async () => {
  const t = await tempDir('qwh-plan-edges-');
  dir = t.dir;
  cleanup = t.cleanup;
});
afterEach(async () => cleanup());

describe('migrate --dry-run with blockers (#16 bug 4)', () => {
  it('Next names the fix, not --yes; --fail-on-blockers exits 4; the refusal lists the blockers itself', async () => {
    await useFixture('lost-routing.yaml');
    const dry = await qwh(['migrate', '--dry-run']);
    expect(dry.code).toBe(0);
    const next = dry.stdout.slice(dry.stdout.lastIndexOf(M.next));
    expect(next).not.toContain('--yes');
    expect(next).toContain('main: Routing would lose deliveries');
    expect(next).toContain(M.nextDryRunAgain(FILE));
    expect(dry.stdout).toContain(M.blockedDryRun(1, FILE));

    const gate = await qwh(['migrate', '--dry-run', '--fail-on-blockers']);
    expect(gate.code).toBe(4);
    const json = await qwh(['migrate', '--dry-run', '--fail-on-blockers', '--json']);
    expect(json.code).toBe(4);
    const doc = JSON.parse(json.stdout) as { next: string[] };
    expect(doc.next.some((l) => l.includes('--yes'))).toBe(false);

    const apply = await qwh(['migrate', '--yes']);
    expect(apply.code).toBe(4);
    expect(apply.stderr).not.toContain('(below)');
    expect(apply.stderr).toContain('main › pushRules[0]: 2 targets that reach 1.0 "main"');
    expect(bytes()).toEqual(readFileSync(join(FIXTURES, 'accounts', 'lost-routing.yaml')));
  });
});

describe('the plan names a secret file it keeps (#16 bug 6)', () => {
  it('an existing file is "kept", with who made it; a missing one is "new"', async () => {
    await useFixture('acme.yaml');
    const secrets = join(dir, '.qwh', 'secrets', FILE);
    await mkdir(secrets, { recursive: true });
    await writeFile(join(secrets, 'main-v2.secret'), 'a-secret-made-by-hand\n', { mode: 0o600 });
    const r = await qwh(['migrate', '--dry-run']);
    expect(r.code).toBe(0);
    const main = `.qwh/secrets/${FILE}/main-v2.secret`;
    expect(r.stdout).toContain(M.secretKept(main));
    expect(r.stdout).not.toContain(M.secretNew(main));
    expect(r.stdout).toContain(M.secretNew(`.qwh/secrets/${FILE}/news-v2.secret`));
    const doc = JSON.parse((await qwh(['migrate', '--dry-run', '--json'])).stdout) as {
      keptSecretFiles: unknown;
    };
    expect(doc.keptSecretFiles).toEqual([{ file: main }]);
  });

  it('after a run and its rollback, the next plan keeps the run’s files and names that run', async () => {
    await useFixture('acme.yaml');
    expect((await qwh(['migrate', '--yes', '--skip-verify'])).code).toBe(0);
    expect((await qwh(['migrate', 'rollback', '--yes'])).code).toBe(0);
    const doc = JSON.parse((await qwh(['migrate', '--dry-run', '--json'])).stdout) as {
      keptSecretFiles: Array<{ file: string; createdBy?: { run: string } }>;
    };
    expect(doc.keptSecretFiles.map((k) => k.file)).toContain(`.qwh/secrets/${FILE}/news-v2.secret`);
    expect(doc.keptSecretFiles.every((k) => /^\d{8}T/.test(k.createdBy?.run ?? ''))).toBe(true);
  });
});

describe('a dry run validates what the run validates (#16 bug 7)', () => {
  it('an unset --secret-env, a bad --verify-timeout, a missing --ca-file: same exit 2 with and without --dry-run', async () => {
    await useFixture('acme.yaml');
    for (const bad of [
      ['--secret-env', 'QWH_NOT_SET_ANYWHERE'],
      ['--verify-timeout', '5'],
      ['--ca-file', 'no-such-ca.pem'],
    ]) {
      const real = await qwh(['migrate', '--yes', ...bad]);
      const dry = await qwh(['migrate', '--dry-run', ...bad]);
      expect([bad, real.code]).toEqual([bad, 2]);
      expect([bad, dry.code]).toEqual([bad, 2]);
      expect(dry.stderr.split('\n')[0]).toBe(real.stderr.split('\n')[0]);
    }
    expect(bytes()).toEqual(readFileSync(join(FIXTURES, 'accounts', 'acme.yaml')));
    expect(existsSync(join(dir, '.qwh', `journal-${FILE}.jsonl`))).toBe(false);
  });
});

describe.skipIf(!hasScript())('interactive migrate (#16 bug 13)', () => {
  it('refuses a blocked plan before asking any question', async () => {
    const text = readFileSync(join(FIXTURES, 'accounts', 'lost-routing.yaml'), 'utf8').replace(
      'pushRules:',
      `  - { key: news, version: 1, scope: { website: 1234 }, url: 'https://hooks.acme.example/news' }
pushRules:
  - { level: website, target: 1234, campaignMode: both, destination: news }`,
    );
    await writeFile(join(dir, FILE), text);
    const s = startPty(['migrate'], { cwd: dir });
    const { code, output } = await s.exit(20_000);
    expect(code).toBe(4);
    expect(output).toContain(M.blocked(1));
    expect(output).not.toContain(M.pickWebhooks);
  });

  it('the confirm prompt follows a short summary; the whole plan on request', async () => {
    await useFixture('acme.yaml');
    const s = startPty(['migrate', '--only', 'main'], { cwd: dir });
    await s.expect(M.summary.details(FILE));
    await s.expect(M.confirm(3, FILE));
    expect(s.output()).not.toContain(M.diffTitle(3));
    s.send(KEYS.up + KEYS.enter); // from "Cancel" (the default) up to "Show the whole plan first"
    await s.expect(M.diffTitle(3));
    await s.expect(M.confirm(3, FILE));
    s.send('n' + KEYS.enter);
    const { code } = await s.exit(20_000);
    expect(code).toBe(4);
    expect(bytes()).toEqual(readFileSync(join(FIXTURES, 'accounts', 'acme.yaml')));
  });
});

describe('migrate --dry-run shows the routing before → after (#13)', () => {
  interface Routing {
    preserved: boolean;
    verdict: string;
    rows: Array<{ label: string; lost: unknown[] }>;
  }
  it('the table and verdict of `qwh routes --plan`, for this very plan; lost rows named', async () => {
    await useFixture('acme.yaml');
    const dry = await qwh(['migrate', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(M.routingTitle);
    const routes = JSON.parse((await qwh(['routes', '--plan', '--json'])).stdout) as Routing;
    expect(dry.stdout).toContain(`✔ ${routes.verdict}`);
    expect(routes.verdict).toMatch(/^routing preserved: /);
    const doc = JSON.parse((await qwh(['migrate', '--dry-run', '--json'])).stdout) as {
      routing: Routing;
    };
    expect(doc.routing.preserved).toBe(true);
    expect(doc.routing.rows).toEqual((routes as unknown as { rows: unknown[] }).rows);

    await useFixture('lost-routing.yaml');
    const lost = JSON.parse((await qwh(['migrate', '--dry-run', '--json'])).stdout) as {
      routing: Routing;
    };
    expect(lost.routing.preserved).toBe(false);
    expect(lost.routing.rows.filter((r) => r.lost.length > 0).map((r) => r.label)).toEqual([
      'website 1234 (Acme News), identified campaigns',
      'any other campaign, identified',
    ]);
    const text = (await qwh(['migrate', '--dry-run'])).stdout;
    expect(text).toContain('website 1234 (Acme News), identified campaigns: loses main2');
  });

  it('qwh init --from-flags --campaign ID=name@website declares a campaign and its website', async () => {
    const r = await qwh([
      ...['init', '--from-flags', '--account-id', '4321', '--account-name', 'Acme'],
      ...['--website', '1234=News', '--v1-url', 'https://hooks.acme.example/q'],
      ...['--rule', 'default:main', '--campaign', '99888=Winter contest@1234'],
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, FILE), 'utf8')).toContain(
      '{ id: 99888, name: Winter contest, websiteId: 1234 }',
    );
    const bad = await qwh([
      ...['init', '--from-flags', '--out', 'b.yaml', '--account-id', '4321'],
      ...['--account-name', 'Acme', '--website', '1234=News'],
      ...['--v1-url', 'https://hooks.acme.example/q', '--campaign', '99888=Winter@999'],
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('campaigns[0].websiteId');
  });
});

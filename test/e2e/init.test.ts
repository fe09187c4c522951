import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { ROOT, runQwh, tempDir } from '../helpers/bin.js';
import { hasScript, KEYS, startPty } from '../helpers/pty.js';

const PASS = 's3cr3t-pass';
const TOKEN = 'tok-123456';
const V1_URL = `https://acme:${PASS}@hooks.acme.example/qualifio?token=${TOKEN}`;
/** init's default `$schema` line: a relative path that resolves today, to the schema qwh ships. */
function expectSchemaLine(text: string, dir: string): void {
  const m = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
  expect(m?.[1]).toMatch(/^\.\.?\//);
  expect(resolve(dir, m![1]!)).toBe(join(ROOT, 'schema/account.schema.json'));
  expect(existsSync(resolve(dir, m![1]!))).toBe(true);
}

let work: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  work = await tempDir('qwh-init-');
});
afterAll(async () => {
  await work.cleanup();
});

/** A fresh folder inside the test's temp dir. */
async function folder(name: string): Promise<string> {
  const { mkdir } = await import('node:fs/promises');
  const dir = join(work.dir, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** `qwh check --json` on a file: the account file must pass exactly what an admin would run. */
async function checkJson(file: string, cwd: string) {
  const r = await runQwh(['check', file, '--json'], { cwd });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as {
    valid: boolean;
    account: { id: number; name: string };
    webhooks: Array<{ key: string; scope: string; url: string }>;
    rules: Array<{
      level: string;
      target?: number;
      campaignMode?: string;
      destination: string | null;
    }>;
  };
}

/** MIGRATE DRY-RUN ACCEPTANCE (issue 8): a file written by `qwh init` must be accepted by `qwh migrate FILE --dry-run`. */
async function expectMigrateDryRunAccepts(file: string, cwd: string): Promise<void> {
  const r = await runQwh(['migrate', file, '--dry-run'], { cwd, env: { CI: 'true' } });
  expect(r.stderr).not.toContain(PASS);
  expect(r.stdout).not.toContain(PASS);
  expect(r.code).toBe(0);
}

describe.skipIf(!hasScript())('qwh init on a real terminal (pseudo-terminal via script)', () => {
  let dialogueDir = '';

  it('walks the admin through the back office and writes a file qwh check accepts', async () => {
    dialogueDir = await folder('dialogue');
    const s = startPty(['init'], { cwd: dialogueDir });
    await s.expect(MESSAGES.init.askAccountId);
    s.send('12ab' + KEYS.enter);
    await s.expect(MESSAGES.init.badId('12ab')); // checked as typed: asked again
    s.send('\u007f\u007f\u007f\u007f4321' + KEYS.enter);
    await s.expect(MESSAGES.init.askAccountName);
    s.send('Acme Media' + KEYS.enter);
    await s.expect(MESSAGES.init.askAccountUrl);
    s.send('hooks.acme.example/qualifio' + KEYS.enter);
    await s.expect(MESSAGES.init.badUrl);
    // Clear the bad answer (Ctrl-U is not portable across readline modes: delete char by char).
    s.send('\u007f'.repeat('hooks.acme.example/qualifio'.length) + V1_URL + KEYS.enter);
    await s.expect(MESSAGES.init.credentialsNotice);
    await s.expect(MESSAGES.init.askAddWebsiteWebhook);
    s.send('y' + KEYS.enter);
    await s.expect(MESSAGES.init.askWebsiteId);
    s.send('1234' + KEYS.enter);
    await s.expect(MESSAGES.init.askWebsiteName(1234));
    s.send('Acme News' + KEYS.enter);
    await s.expect(MESSAGES.init.askWebsiteUrl(1234));
    s.send('https://hooks.acme.example/qualifio/news' + KEYS.enter);
    await s.expect(MESSAGES.init.askAnotherWebsiteWebhook);
    s.send('y' + KEYS.enter);
    await s.expect(MESSAGES.init.askWebsiteId);
    s.send('1234' + KEYS.enter); // a second webhook for the same website: refused as typed
    await s.expect('a second webhook 1.0 at scope website:1234');
    s.send('\u007f\u007f\u007f\u007f1235' + KEYS.enter);
    await s.expect(MESSAGES.init.askWebsiteName(1235));
    s.send('Acme Sport' + KEYS.enter);
    await s.expect(MESSAGES.init.askWebsiteUrl(1235));
    s.send('https://hooks.acme.example/qualifio/sport' + KEYS.enter);
    await s.expect(MESSAGES.init.askAnotherWebsiteWebhook);
    s.send('n' + KEYS.enter);

    // Rule 1: default → main (first choices).
    await s.expect(MESSAGES.init.askAddRule);
    s.send(KEYS.enter); // default Yes
    await s.expect(MESSAGES.init.askLevel);
    s.send(KEYS.enter);
    await s.expect(MESSAGES.init.askDestination);
    s.send(KEYS.enter);
    // Rule 2: website 1234, identified, destination defaults to that website's webhook.
    await s.expect(MESSAGES.init.askAnotherRule);
    s.send('y' + KEYS.enter);
    await s.expect(MESSAGES.init.askLevel);
    s.send(KEYS.down + KEYS.enter);
    await s.expect(MESSAGES.init.askTarget('website'));
    s.send('1234' + KEYS.enter);
    await s.expect(MESSAGES.init.askMode);
    s.send(KEYS.down + KEYS.enter);
    await s.expect(MESSAGES.init.askDestination);
    s.send(KEYS.enter);
    // Rule 3: Master Form 77 → another integration (hubspot).
    await s.expect(MESSAGES.init.askAnotherRule);
    s.send('y' + KEYS.enter);
    await s.expect(MESSAGES.init.askLevel);
    s.send(KEYS.down + KEYS.down + KEYS.enter);
    await s.expect(MESSAGES.init.askTarget('masterForm'));
    s.send('77' + KEYS.enter);
    await s.expect(MESSAGES.init.askTargetName('masterForm', 77));
    s.send('Newsletter form' + KEYS.enter);
    await s.expect(MESSAGES.init.askDestination);
    s.send(KEYS.down + KEYS.down + KEYS.down + KEYS.enter); // after main, website-1234, website-1235
    await s.expect(MESSAGES.init.askOtherIntegration);
    s.send('hubspot' + KEYS.enter);
    // Rule 4: campaign 99887 → none (exclusion).
    await s.expect(MESSAGES.init.askAnotherRule);
    s.send('y' + KEYS.enter);
    await s.expect(MESSAGES.init.askLevel);
    s.send(KEYS.up + KEYS.enter); // wraps to the last level: campaign
    await s.expect(MESSAGES.init.askTarget('campaign'));
    s.send('99887' + KEYS.enter);
    await s.expect(MESSAGES.init.askTargetName('campaign', 99887));
    s.send('Summer quiz' + KEYS.enter);
    await s.expect(MESSAGES.init.askDestination);
    s.send(KEYS.up + KEYS.enter); // wraps to the last choice: none
    // Rule 5: the same default rule again: refused by the same checks as qwh check.
    await s.expect(MESSAGES.init.askAnotherRule);
    s.send('y' + KEYS.enter);
    await s.expect(MESSAGES.init.askLevel);
    s.send(KEYS.enter);
    await s.expect(MESSAGES.init.askDestination);
    s.send(KEYS.enter);
    await s.expect(MESSAGES.init.ruleRejected('same rule as pushRules[0]'));
    await s.expect(MESSAGES.init.askAnotherRule);
    s.send('n' + KEYS.enter);

    const before = await s.expect(MESSAGES.init.askWrite('qualifio-account.yaml'));
    s.send(KEYS.enter); // default Yes
    const { code, output } = await s.exit();
    expect(code).toBe(0);
    expect(output).toContain(MESSAGES.init.wrote('qualifio-account.yaml'));

    // The preview shows the file with credentials masked.
    const preview = before.slice(before.indexOf(MESSAGES.init.preview('qualifio-account.yaml')));
    expect(preview).toContain('url: https://••••:••••@hooks.acme.example/qualifio?token=••••');
    expect(preview).not.toContain(PASS);
    expect(preview).not.toContain(TOKEN);
    // After the answer is submitted, the terminal shows the URL masked too.
    expect(output).toContain(`${MESSAGES.init.askAccountUrl} https://••••:••••@hooks.acme.example`);

    const text = readFileSync(join(dialogueDir, 'qualifio-account.yaml'), 'utf8');
    expectSchemaLine(text, dialogueDir);
    expect(text).toContain(`url: ${V1_URL}`); // written as the admin gave it
    const summary = await checkJson('qualifio-account.yaml', dialogueDir);
    expect(summary.account).toEqual({ id: 4321, name: 'Acme Media' });
    expect(summary.webhooks.map((w) => [w.key, w.scope])).toEqual([
      ['main', 'account'],
      ['website-1234', 'website:1234'],
      ['website-1235', 'website:1235'],
    ]);
    expect(summary.rules.map((r) => [r.level, r.target, r.campaignMode, r.destination])).toEqual([
      ['default', undefined, undefined, 'main'],
      ['website', 1234, 'identified', 'website-1234'],
      ['masterForm', 77, undefined, 'hubspot'],
      ['campaign', 99887, undefined, null],
    ]);
  });

  it('MIGRATE DRY-RUN ACCEPTANCE: qwh migrate --dry-run accepts the file the dialogue wrote', async () => {
    await expectMigrateDryRunAccepts('qualifio-account.yaml', dialogueDir);
  });

  it('asks before replacing an existing file; No leaves it untouched (exit 4)', async () => {
    const dir = await folder('no-replace');
    writeFileSync(join(dir, 'qualifio-account.yaml'), 'keep me\n');
    const s = startPty(['init'], { cwd: dir });
    await s.expect(MESSAGES.init.askOverwrite('qualifio-account.yaml'));
    s.send(KEYS.enter); // default No
    const { code, output } = await s.exit();
    expect(code).toBe(4);
    expect(output).toContain(MESSAGES.init.declined('qualifio-account.yaml'));
    expect(output).not.toContain(MESSAGES.init.askAccountId);
    expect(readFileSync(join(dir, 'qualifio-account.yaml'), 'utf8')).toBe('keep me\n');
  });

  it('Ctrl-C in the dialogue exits 130 and writes nothing', async () => {
    const dir = await folder('ctrl-c');
    const s = startPty(['init'], { cwd: dir });
    await s.expect(MESSAGES.init.askAccountId);
    s.send('43');
    s.send(KEYS.ctrlC);
    const { code } = await s.exit();
    expect(code).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('CI=true turns prompts off even on a terminal: exit 2 naming the flags, no question asked', async () => {
    const dir = await folder('ci');
    const s = startPty(['init'], { cwd: dir, env: { CI: 'true' } });
    const { code, output } = await s.exit();
    expect(code).toBe(2);
    expect(output).toContain(MESSAGES.init.needsFlags);
    for (const flag of ['--from-flags', '--account-id', '--account-name', '--v1-url-env'])
      expect(output).toContain(flag);
    expect(output).not.toContain(MESSAGES.init.askAccountId);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('flags fill the gaps: given answers are not asked again', async () => {
    const dir = await folder('prefill');
    const s = startPty(
      [
        'init',
        '--account-id',
        '7',
        '--account-name',
        'Prefilled',
        '--v1-url',
        'https://h.example/q',
        '--rule',
        'default:main',
      ],
      { cwd: dir },
    );
    await s.expect(MESSAGES.init.askWrite('qualifio-account.yaml'));
    s.send(KEYS.enter);
    const { code, output } = await s.exit();
    expect(code).toBe(0);
    expect(output).not.toContain(MESSAGES.init.askAccountId);
    expect(output).not.toContain(MESSAGES.init.askAddRule);
    const summary = await checkJson('qualifio-account.yaml', dir);
    expect(summary.account).toEqual({ id: 7, name: 'Prefilled' });
  });
});

describe('qwh init --from-flags', () => {
  const full = [
    'init',
    '--from-flags',
    '--account-id',
    '4321',
    '--account-name',
    'Acme Media',
    '--v1-url-env',
    'ACME_V1_URL',
    '--website',
    '1234=Acme News',
    '--website-webhook',
    '1234=https://hooks.acme.example/qualifio/news',
    '--rule',
    'default:main',
    '--rule',
    'website:1234:both:website-1234',
    '--rule',
    'masterForm:77:hubspot',
    '--rule',
    'campaign:99887:-',
  ];

  it('writes the file from flags alone (CI=true), passing qwh check; secrets stay out of the output', async () => {
    const dir = await folder('flags');
    const r = await runQwh([...full, '--json'], {
      cwd: dir,
      env: { CI: 'true', ACME_V1_URL: V1_URL },
    });
    expect(r.code).toBe(0);
    for (const secret of [PASS, TOKEN]) {
      expect(r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(secret);
    }
    const out = JSON.parse(r.stdout) as {
      file: string;
      webhooks: Array<{ url: string }>;
      pushRules: unknown[];
    };
    expect(out.file).toBe('qualifio-account.yaml');
    expect(out.webhooks[0]!.url).toBe('https://••••:••••@hooks.acme.example/qualifio?token=••••');
    expect(out.pushRules).toHaveLength(4);
    const text = readFileSync(join(dir, 'qualifio-account.yaml'), 'utf8');
    expectSchemaLine(text, dir);
    expect(text).toContain(`url: ${V1_URL}`);
    const summary = await checkJson('qualifio-account.yaml', dir);
    expect(summary.rules.map((r) => r.destination)).toEqual([
      'main',
      'website-1234',
      'hubspot',
      null,
    ]);
  });

  it('MIGRATE DRY-RUN ACCEPTANCE: qwh migrate --dry-run accepts the file --from-flags wrote', async () => {
    await expectMigrateDryRunAccepts('qualifio-account.yaml', join(work.dir, 'flags'));
  });

  it('writes JSON with $schema for --out *.json, and --schema local points at the shipped schema', async () => {
    const dir = await folder('json');
    const r = await runQwh(
      [
        'init',
        '--from-flags',
        '--account-id',
        '1',
        '--account-name',
        'J',
        '--v1-url',
        'https://h.example/q',
        '--out',
        'sub/acc.json',
        '--schema',
        'local',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2); // the folder does not exist: a clear error, not a crash
    expect(r.stderr).toContain('sub/acc.json: cannot write');
    const ok = await runQwh(
      [
        'init',
        '--from-flags',
        '--account-id',
        '1',
        '--account-name',
        'J',
        '--v1-url',
        'https://h.example/q',
        '--out',
        'acc.json',
        '--schema',
        'local',
      ],
      { cwd: dir },
    );
    expect(ok.code).toBe(0);
    const data = JSON.parse(readFileSync(join(dir, 'acc.json'), 'utf8')) as { $schema: string };
    expect(resolve(dir, data.$schema)).toBe(join(ROOT, 'schema/account.schema.json'));
    await checkJson('acc.json', dir);
    const none = await runQwh(
      [
        'init',
        '--from-flags',
        '--account-id',
        '1',
        '--account-name',
        'J',
        '--v1-url',
        'https://h.example/q',
        '--out',
        'n.yaml',
        '--schema',
        'none',
      ],
      { cwd: dir },
    );
    expect(none.code).toBe(0);
    expect(readFileSync(join(dir, 'n.yaml'), 'utf8')).not.toContain('$schema');
  });

  it('names every missing flag (exit 2) and writes nothing', async () => {
    const dir = await folder('missing');
    const r = await runQwh(['init', '--from-flags', '--account-id', '4321'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--account-name');
    expect(r.stderr).toContain('--v1-url-env');
    expect(r.stderr).not.toContain('--account-id,');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('without a terminal and without --from-flags: exit 2 naming the flags', async () => {
    const dir = await folder('no-tty');
    const r = await runQwh(['init'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(MESSAGES.init.needsFlags);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a URL with credentials as an argument, without printing it', async () => {
    const dir = await folder('argv-creds');
    const r = await runQwh(
      ['init', '--from-flags', '--account-id', '1', '--account-name', 'x', '--v1-url', V1_URL],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(MESSAGES.init.credentialsInArgv('--v1-url'));
    expect(r.stderr).toContain('--v1-url-env');
    expect(r.stderr).not.toContain(PASS);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    [['--rule', 'website:1234:main'], 'a website rule is website:ID:MODE:DESTINATION'],
    [['--rule', 'website:1234:both:main'], 'website 1234 has no name: add --website 1234=NAME'],
    [
      ['--rule', 'default:main', '--rule', 'default:main'],
      '--rule default:main: same rule as pushRules[0]',
    ],
    [
      [
        '--website-webhook',
        '12=https://h.example/',
        '--website',
        '12=A',
        '--website-webhook',
        '12=https://i.example/',
      ],
      'a second webhook 1.0 at scope website:12',
    ],
    [
      ['--website', '5=A', '--website-webhook-env', '5=UNSET_QWH_VAR'],
      MESSAGES.init.envUrlMissing('UNSET_QWH_VAR'),
    ],
    [['--account-id', '0'], '--account-id: "0" is not an id'],
  ])('refuses bad flags %j (exit 2, nothing written)', async (extra, text) => {
    const dir = await folder(`bad-${extra.join('').replace(/\W/g, '')}`);
    const r = await runQwh(
      [
        'init',
        '--from-flags',
        '--account-id',
        '1',
        '--account-name',
        'x',
        '--v1-url',
        'https://h.example/',
        ...extra,
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(text);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to replace a file without --force (exit 4); --force replaces it and keeps a backup', async () => {
    const dir = await folder('force');
    const file = join(dir, 'qualifio-account.yaml');
    writeFileSync(file, 'old: content\n', { mode: 0o600 });
    const args = [
      'init',
      '--from-flags',
      '--account-id',
      '1',
      '--account-name',
      'x',
      '--v1-url',
      'https://h.example/',
    ];
    const refused = await runQwh(args, { cwd: dir });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(MESSAGES.init.exists('qualifio-account.yaml'));
    expect(readFileSync(file, 'utf8')).toBe('old: content\n');

    const forced = await runQwh([...args, '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    const bakDir = join(dir, '.qwh', 'backups');
    const backups = readdirSync(bakDir).filter((f) =>
      f.startsWith('qualifio-account.yaml.qwh-bak-'),
    );
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(bakDir, backups[0]!), 'utf8')).toBe('old: content\n');
    expect(lstatSync(join(bakDir, backups[0]!)).mode & 0o777).toBe(0o600); // may hold credentials
    expect(readdirSync(dir).filter((f) => f.includes('.qwh-bak-'))).toEqual([]);
    expect(lstatSync(file).mode & 0o777).toBe(0o600); // the file's mode is kept
    await checkJson('qualifio-account.yaml', dir);
    // No temp file left behind.
    expect(readdirSync(dir).filter((f) => f.includes('qwh-tmp'))).toEqual([]);
  });

  it('never writes through a symlink (exit 4), even with --force', async () => {
    const dir = await folder('symlink');
    const target = join(dir, 'elsewhere.yaml');
    writeFileSync(target, 'precious\n');
    symlinkSync(target, join(dir, 'qualifio-account.yaml'));
    const r = await runQwh(
      [
        'init',
        '--from-flags',
        '--account-id',
        '1',
        '--account-name',
        'x',
        '--v1-url',
        'https://h.example/',
        '--force',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(4);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(existsSync(dirname(target))).toBe(true);
  });
});

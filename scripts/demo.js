// `npm run demo`: the whole job, offline, on a temp copy of a bundled account and local
// receivers (`qwh listen`) standing in for the CRM. Each step runs the built qwh exactly as an
// admin would, and the demo stops on any unexpected exit code.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/qwh.js');
const work = mkdtempSync(join(tmpdir(), 'qwh-demo-'));
const env = {
  ...process.env,
  QWH_DEMO_SECRET: 'demo-secret-not-for-production',
  QWH_DEMO_AUTH: `Basic ${Buffer.from('acme:s3cr3t-pass').toString('base64')}`,
};
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const receivers = [];

function stopReceivers() {
  for (const r of receivers) if (r.child.exitCode === null) r.child.kill('SIGINT');
}

function step(title, args, { expect = [0] } = {}) {
  process.stdout.write(`\n${bold(`▶ ${title}`)}\n$ qwh ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, env, stdio: 'inherit' });
  if (!expect.includes(r.status)) {
    process.stderr.write(
      `demo: step "${title}" exited ${r.status}, expected ${expect.join(' or ')}\n`,
    );
    stopReceivers();
    process.exit(1);
  }
}

/** Starts `qwh listen --json` and resolves with its URL once it says ready. */
function listen(name, args) {
  const child = spawn(process.execPath, [bin, 'listen', '--json', ...args], {
    cwd: work,
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolveUrl, reject) => {
    let buf = '';
    const onData = (b) => {
      buf += b.toString();
      if (!buf.includes('\n')) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      const url = JSON.parse(buf.split('\n')[0]).url.replace(/\/$/, '');
      receivers.push({ name, child, url });
      process.stdout.write(`  ${name.padEnd(34)} ${url}\n`);
      resolveUrl(url);
    };
    child.stdout.on('data', onData);
    child.on('exit', () => reject(new Error(`qwh listen (${name}) stopped`)));
  });
}

const accountFile = join(work, 'qualifio-account.yaml');
copyFileSync(join(root, 'fixtures/accounts/acme.yaml'), accountFile);
process.stdout.write(
  `qwh demo — working in ${work} (a temp copy of fixtures/accounts/acme.yaml)\n`,
);

process.stdout.write(`\n${bold('▶ Start the receivers (qwh listen), standing in for the CRM')}\n`);
// The account-level receiver wants the Basic credentials that the 1.0 URL carried; every 2.0
// receiver checks signatures. A third one plays the 1.0 side of the same CRM for the diff.
const crm = await listen('Acme CRM (2.0, Basic auth + HMAC)', [
  '--secret-env',
  'QWH_DEMO_SECRET',
  '--auth-header-name',
  'Authorization',
  '--auth-header-env',
  'QWH_DEMO_AUTH',
  '--save',
  'captures-v2.ndjson',
]);
const news = await listen('Acme News (2.0, HMAC)', ['--secret-env', 'QWH_DEMO_SECRET']);
const legacy = await listen('Acme CRM, 1.0 side (for the diff)', [
  '--version',
  '1',
  '--save',
  'captures-v1.ndjson',
]);

// Point the bundled account's 1.0 webhooks at the local receivers (credentials kept in the URL,
// as 1.0 had them).
writeFileSync(
  accountFile,
  readFileSync(accountFile, 'utf8')
    .replace(
      'https://acme:s3cr3t-pass@hooks.acme.example',
      crm.replace('//', '//acme:s3cr3t-pass@'),
    )
    .replace('https://hooks.acme.example', news),
);

process.on('SIGINT', () => {
  stopReceivers();
  process.exit(130);
});

try {
  step('Check the account file', ['check']);
  const flags = ['--allow-insecure-host', '--secret-env', 'QWH_DEMO_SECRET'];
  step('Plan the migration (nothing written)', ['migrate', '--dry-run', ...flags]);
  step('Apply, verify each 2.0 webhook with signed deliveries, then turn 1.0 off', [
    'migrate',
    '--yes',
    '--runbook',
    'runbook.md',
    ...flags,
  ]);
  step('Run it again: 0 changes, nothing written', ['migrate', '--yes', ...flags]);
  // While both versions run side by side, the CRM receives each participation twice.
  step('Side by side: 20 participations over 1.0 …', [
    'test-endpoint',
    legacy,
    '--version',
    '1',
    '--count',
    '20',
    '--seed',
    '1000',
    '--no-progress',
  ]);
  step('… and the same 20 over 2.0, signed and authenticated', [
    'test-endpoint',
    '--account',
    'qualifio-account.yaml',
    '--webhook',
    'main-v2',
    '--count',
    '20',
    '--seed',
    '1000',
    '--no-progress',
  ]);
  step('What the import rules must change, from what the receivers saved', [
    'diff-payload',
    'captures-v1.ndjson',
    'captures-v2.ndjson',
  ]);
  step('Undo everything, byte for byte (the file; the runbook says what to revert)', [
    'migrate',
    'rollback',
    '--yes',
  ]);
} finally {
  stopReceivers();
}

process.stdout.write(`\n${bold('Demo finished.')} Files are in ${work}\n`);

// `npm run demo`: the whole job, offline, on bundled fixtures. Each step runs the built qwh
// exactly as an admin would, and stops the demo on an unexpected exit code.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/qwh.js');
const work = mkdtempSync(join(tmpdir(), 'qwh-demo-'));
const env = { ...process.env, QWH_DEMO_SECRET: 'demo-secret-not-for-production' };

function step(title, args, { expect = 0, input } = {}) {
  process.stdout.write(`\n\x1b[1m▶ ${title}\x1b[0m\n$ qwh ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    env,
    stdio: [input ? 'pipe' : 'inherit', 'inherit', 'inherit'],
    input,
  });
  if (r.status !== expect) {
    process.stderr.write(`demo: step "${title}" exited ${r.status}, expected ${expect}\n`);
    process.exit(1);
  }
}

copyFileSync(join(root, 'fixtures/accounts/acme.yaml'), join(work, 'qualifio-account.yaml'));
process.stdout.write(
  `qwh demo — working in ${work} (a temp copy of fixtures/accounts/acme.yaml)\n`,
);

step('Check the account file', ['check']);
step('A sample 1.0 payload (what the receiver gets today)', [
  'sample',
  '--version',
  '1',
  '--seed',
  '7',
]);
const body = spawnSync(process.execPath, [bin, 'sample', '--seed', '7'], { env }).stdout;
writeFileSync(join(work, 'body.json'), body);
step('Sign a 2.0 body', ['sign', '--secret-env', 'QWH_DEMO_SECRET', 'body.json']);
const sig = spawnSync(
  process.execPath,
  [bin, 'sign', '--secret-env', 'QWH_DEMO_SECRET', 'body.json'],
  { cwd: work, env },
)
  .stdout.toString()
  .trim();
step('Verify it, as a receiver must', [
  'verify',
  '--secret-env',
  'QWH_DEMO_SECRET',
  '--signature',
  sig,
  'body.json',
]);

// The migration itself, against two local receivers (`qwh listen`) standing in for the CRM:
// the account-level one wants the Basic credentials of the 1.0 URL, both check signatures.
env.QWH_DEMO_AUTH = `Basic ${Buffer.from('acme:s3cr3t-pass').toString('base64')}`;
async function listen(args) {
  const child = spawn(process.execPath, [bin, 'listen', '--json', ...args], {
    cwd: work,
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise((resolveUrl, reject) => {
    let buf = '';
    child.stdout.on('data', (b) => {
      buf += b.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n')) resolveUrl(JSON.parse(line).url);
    });
    child.on('exit', () => reject(new Error('qwh listen stopped')));
  });
  child.stdout.resume();
  return { child, url: url.replace(/\/$/, '') };
}
const crm = await listen([
  '--secret-env',
  'QWH_DEMO_SECRET',
  '--auth-header-name',
  'Authorization',
  '--auth-header-env',
  'QWH_DEMO_AUTH',
]);
const news = await listen(['--secret-env', 'QWH_DEMO_SECRET']);
const accountFile = join(work, 'qualifio-account.yaml');
writeFileSync(
  accountFile,
  readFileSync(accountFile, 'utf8')
    .replace(
      'https://acme:s3cr3t-pass@hooks.acme.example',
      crm.url.replace('//', '//acme:s3cr3t-pass@'),
    )
    .replace('https://hooks.acme.example', news.url),
);
const migrateFlags = ['--allow-insecure-host', '--secret-env', 'QWH_DEMO_SECRET'];
try {
  step('Plan the migration (nothing written)', ['migrate', '--dry-run', ...migrateFlags]);
  step('Apply, verify each 2.0 webhook, then turn 1.0 off', [
    'migrate',
    '--yes',
    '--runbook',
    'runbook.md',
    ...migrateFlags,
  ]);
  step('Run it again: 0 changes', ['migrate', '--yes', ...migrateFlags]);
  step('Roll back (restores the file byte for byte)', ['migrate', 'rollback', '--yes']);
} finally {
  crm.child.kill('SIGINT');
  news.child.kill('SIGINT');
}

step('What your import rules must change (bundled 1.0 and 2.0 samples)', ['diff-payload']);

process.stdout.write('\n\x1b[1mDemo finished.\x1b[0m\n');

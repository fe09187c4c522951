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
const news = await listen('Acme News (2.0, HMAC)', [
  '--secret-env',
  'QWH_DEMO_SECRET',
  '--save',
  'captures-news.ndjson',
]);
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

/** Points the file's 1.0 URLs (`url:` lines) at `base`, keeping their credentials and paths. */
function pointV1At(base) {
  const port = new URL(base).port;
  const text = readFileSync(accountFile, 'utf8').replace(
    /^(\s*url: http:\/\/(?:[^@/]*@)?127\.0\.0\.1:)\d+/gm,
    `$1${port}`,
  );
  writeFileSync(accountFile, text);
  process.stdout.write(
    `\n${bold('▶ The CRM listens for 1.0 on its own port')}\n  1.0 URLs → ${base}\n`,
  );
}

const captures = ['--captures', 'captures-v1.ndjson', 'captures-v2.ndjson', 'captures-news.ndjson'];

try {
  step('Check the account file', ['check']);
  const flags = ['--allow-insecure-host', '--secret-env', 'QWH_DEMO_SECRET'];
  step('Plan the migration (nothing written)', ['migrate', '--dry-run', ...flags]);
  // The receivers already know QWH_DEMO_SECRET (--secret-env): qwh verifies them at once.
  step('Apply: write 2.0 and the rule twins (1.0 stays on), hand off, verify the receivers', [
    'migrate',
    '--yes',
    '--runbook',
    'runbook.md',
    ...flags,
  ]);
  step('Run it again: 0 changes, nothing written', ['migrate', '--yes', ...flags]);
  step('The back-office steps of the current stage, as a checklist', ['migrate', 'runbook']);
  step('Qualifio before the admin acts: 2.0 is not in the back office yet (dry run)', [
    'simulate',
    '--participations',
    '6',
    '--dry-run',
  ]);
  step('The admin did them in the back office: confirm (qwh then verifies the receivers)', [
    'migrate',
    'confirm',
    'configured',
    '--yes',
  ]);
  // The CRM's 1.0 side listens on its own port in this demo: the file says where 1.0 delivers.
  pointV1At(legacy);
  const sim = ['simulate', '--participations', '22', '--seed', '1001'];
  step('Qualifio (qwh simulate) delivers over both versions; one campaign twin was forgotten', [
    ...sim,
    '--missing-rule',
    'campaign:99888:main-v2',
  ]);
  step('Observe the captures: participations reached 1.0 but not 2.0', [
    'migrate',
    'observe',
    ...captures,
  ]);
  step('Status: stage, evidence, next command per webhook', ['migrate', 'status']);
  step(
    'Cut-over refused while a participation would be lost (exit 4)',
    ['migrate', 'confirm', 'v1-off', '--yes'],
    { expect: [4] },
  );
  step('The admin adds the missing twin; Qualifio pushes the same participations again', sim);
  step('Observe again: nothing lost (the 60-minute window is not over yet)', [
    'migrate',
    'observe',
    ...captures,
  ]);
  step('1.0 off in the back office; the short window accepted, on the record', [
    'migrate',
    'confirm',
    'v1-off',
    '--yes',
    '--accept-gap',
    'demo: the 60-minute window was not waited for',
  ]);
  step('1.0 deleted in the back office (Qualifio step 3): confirm', [
    'migrate',
    'confirm',
    'v1-deleted',
    '--yes',
  ]);
  step('Status: complete; the accepted gap stays on the record', ['migrate', 'status']);
  step('What the import rules must change, from what the receivers saved', [
    'diff-payload',
    'captures-v1.ndjson',
    'captures-v2.ndjson',
  ]);
  step('Undo the last step, byte for byte (the runbook says what to revert)', [
    'migrate',
    'rollback',
    '--yes',
  ]);
} finally {
  stopReceivers();
}

process.stdout.write(`\n${bold('Demo finished.')} Files are in ${work}\n`);

// `npm run demo`: the whole job, offline, on a temp copy of a bundled account and local
// receivers (`qwh listen`) standing in for the CRM. Each step runs the built qwh exactly as an
// admin would, and the demo stops on any unexpected exit code.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
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

/**
 * A demo-only Qualifio stand-in: delivers participations as Qualifio would during the dual run —
 * the 1.0 flat body to the 1.0 side, the signed 2.0 body (pretty-printed, as Qualifio's example)
 * to the 2.0 receiver — without the X-Qwh-Test header, so observe counts them as real.
 * `only` limits a participation to one version (a missing rule twin loses its 2.0 delivery).
 */
async function qualifio(participations) {
  for (const p of participations) {
    const v2 = JSON.parse(sample(['--seed', String(p.seed)]));
    const v1 = JSON.parse(sample(['--version', '1', '--seed', String(p.seed)]));
    v2.campaign.id = p.campaign.id;
    v2.campaign.name = p.campaign.name;
    v2.campaign.channel.website = { ...v2.campaign.channel.website, ...p.website };
    Object.assign(v1, {
      campaign_id: String(p.campaign.id),
      campaign_title: p.campaign.name,
      website_id: String(p.website.id),
      website_name: p.website.name,
    });
    if (p.only !== 'v2') await post(legacy, JSON.stringify(v1), {});
    if (p.only === 'v1') continue;
    const body = JSON.stringify(v2, null, 4);
    const sig = `sha256=${createHmac('sha256', env.QWH_DEMO_SECRET).update(body).digest('hex')}`;
    const headers = {
      'x-qualifio-signature': sig,
      ...(p.to === crm ? { authorization: env.QWH_DEMO_AUTH } : {}),
    };
    await post(p.to, body, headers);
  }
  process.stdout.write(`  delivered ${participations.length} participations\n`);
}

function sample(args) {
  const r = spawnSync(process.execPath, [bin, 'sample', ...args], { cwd: work, env });
  return r.stdout.toString();
}

async function post(url, body, headers) {
  // Node 20 has fetch; loopback only (the local receivers).
  // eslint-disable-next-line no-undef
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    redirect: 'manual',
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`stand-in: ${url} answered ${res.status}`);
}

const summer = { id: 99887, name: 'Summer quiz' };
const winter = { id: 99888, name: 'Winter contest' };
const acmeNews = { id: 1234, name: 'Acme News' };
const acmeSport = { id: 1235, name: 'Acme Sport' };
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
  step('The admin did them in the back office: confirm', [
    'migrate',
    'confirm',
    'configured',
    '--yes',
  ]);
  process.stdout.write(`\n${bold('▶ Qualifio (a demo stand-in) delivers over both versions')}\n`);
  await qualifio([
    { seed: 1001, campaign: winter, website: acmeSport, to: crm },
    { seed: 1002, campaign: winter, website: acmeSport, to: crm },
    { seed: 1003, campaign: summer, website: acmeNews, to: news },
    // The campaign-level twin of 99888 "was forgotten in the back office": 1.0 only.
    { seed: 1004, campaign: winter, website: acmeSport, to: crm, only: 'v1' },
  ]);
  step('Observe the captures: one participation reached 1.0 but not 2.0', [
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
  process.stdout.write(
    `\n${bold('▶ The admin adds the missing twin; Qualifio retries over 2.0')}\n`,
  );
  await qualifio([{ seed: 1004, campaign: winter, website: acmeSport, to: crm, only: 'v2' }]);
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

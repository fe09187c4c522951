// `npm run demo`: the whole job, offline, on bundled fixtures. Each step runs the built qwh
// exactly as an admin would, and stops the demo on an unexpected exit code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, copyFileSync, writeFileSync } from 'node:fs';
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

step('What your import rules must change (bundled 1.0 and 2.0 samples)', ['diff-payload']);

process.stdout.write('\n\x1b[1mDemo finished.\x1b[0m\n');

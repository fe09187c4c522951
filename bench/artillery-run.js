// A full `artillery run` of `qwh test-endpoint --export artillery` against `qwh listen`, which
// verifies every signature, the 2.0 model and dedupes on id (issue 18 item 6). Artillery is not
// a dependency of qwh nor of bench/peers (its tree pulls cloud SDKs and a browser download that
// fails offline): install it apart, without install scripts, then run this script:
//   npm install --prefix bench/.artillery --ignore-scripts --no-audit --no-fund artillery@2
//   node bench/artillery-run.js [--count 2000]
// Or QWH_ARTILLERY=/path/to/artillery. Skips (exit 0) when Artillery is not installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/qwh.js');
const i = process.argv.indexOf('--count');
const count = i === -1 ? 2000 : Number(process.argv[i + 1]);
const artillery =
  process.env.QWH_ARTILLERY ??
  [
    join(root, 'bench/.artillery/node_modules/.bin/artillery'),
    join(root, 'bench/peers/node_modules/.bin/artillery'),
  ].find(existsSync);
if (!artillery) {
  process.stderr.write(
    'artillery-run: Artillery is not installed; skipped (npm install --prefix bench/.artillery --ignore-scripts artillery@2)\n',
  );
  process.exit(0);
}
const secret = 'bench-secret-artillery-0123';
const env = { ...process.env, QWH_BENCH_SECRET: secret, CI: '1' };
const out = join(root, 'bench/.out/artillery');
mkdirSync(out, { recursive: true });

const listen = spawn(
  process.execPath,
  [bin, 'listen', '--json', '--secret-env', 'QWH_BENCH_SECRET'],
  {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const counts = { accepted: 0, duplicate: 0, rejected: 0 };
let url;
await new Promise((ready) => {
  let buf = '';
  listen.stdout.on('data', (b) => {
    buf += b;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const ev = JSON.parse(line);
      if (!url && ev.url) {
        url = ev.url;
        ready();
      } else if (ev.result) counts[ev.result]++;
    }
  });
});
const scenario = join(out, 'burst.yml');
const x = spawnSync(
  process.execPath,
  [
    bin,
    'test-endpoint',
    url,
    '--secret-env',
    'QWH_BENCH_SECRET',
    '--count',
    String(count),
    '--export',
    'artillery',
    scenario,
  ],
  { env, encoding: 'utf8' },
);
if (x.status !== 0) throw new Error(x.stderr);
const t0 = performance.now();
const run = spawnSync(artillery, ['run', '--output', join(out, 'report.json'), scenario], {
  env,
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});
const seconds = (performance.now() - t0) / 1000;
await new Promise((r) => setTimeout(r, 500));
listen.kill('SIGTERM');
await new Promise((r) => listen.on('close', r));
console.log(
  JSON.stringify(
    {
      artillery,
      exit: run.status,
      count,
      seconds: Math.round(seconds),
      listen: counts,
      everySigned: counts.rejected === 0 && counts.accepted === count,
    },
    null,
    2,
  ),
);
process.exit(run.status === 0 && counts.rejected === 0 ? 0 : 1);

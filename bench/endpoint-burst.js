// `node bench/endpoint-burst.js [count] [concurrency]`: a burst from the built qwh against the
// built `qwh listen` (same machine, loopback), both as users run them. Prints the report line
// and the peak memory of test-endpoint. Results go in bench/BENCHMARKS.md by hand.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/qwh.js');
const count = process.argv[2] ?? '50000';
const concurrency = process.argv[3] ?? '64';
const env = { ...process.env, QWH_BENCH_SECRET: 'bench-secret-not-for-production', CI: '1' };

const listen = spawn(
  '/usr/bin/time',
  [
    '-f',
    'listen maxrss %M KiB',
    process.execPath,
    bin,
    'listen',
    '--json',
    '--secret-env',
    'QWH_BENCH_SECRET',
  ],
  { env, stdio: ['ignore', 'pipe', 'inherit'] },
);
const url = await new Promise((r) => {
  let buf = '';
  listen.stdout.on('data', (b) => {
    buf += b;
    const nl = buf.indexOf('\n');
    if (nl >= 0) {
      r(JSON.parse(buf.slice(0, nl)).url);
      buf = '';
      // Keep draining the per-delivery events, so listen never blocks on a full pipe.
      listen.stdout.removeAllListeners('data');
      listen.stdout.on('data', () => {});
    }
  });
});
const t0 = performance.now();
const test = spawn(
  '/usr/bin/time',
  [
    '-f',
    'test-endpoint maxrss %M KiB',
    process.execPath,
    bin,
    'test-endpoint',
    url,
    '--secret-env',
    'QWH_BENCH_SECRET',
    '--count',
    count,
    '--concurrency',
    concurrency,
    '--seed',
    '1',
    '--no-progress',
  ],
  { env, stdio: ['ignore', 'inherit', 'inherit'] },
);
const code = await new Promise((r) => test.on('close', r));
process.stdout.write(
  `wall ${Math.round(performance.now() - t0)} ms (process start included), exit ${code}\n`,
);
listen.kill('SIGTERM');
await new Promise((r) => listen.on('close', r));

// A/B rounds for receiver work: wrk against each server in turn, interleaved, reporting each
// server's own CPU µs per request (steadier than req/s when neighbours share the cores) and the
// median of per-round ratios against the first server.
//   node bench/receiver-ab.js [--rounds 5] [--secs 6] [--json] [--together] fastify listen [listen=/other/bin/qwh.js]
// Servers: minimal, fastify, listen (this checkout's bin/qwh.js) or listen=PATH (another build's
// bin), each optionally followed by +KEY=VALUE environment variables of its own.
// Unlike bench/run.js, wrk runs asynchronously so this process keeps draining listen's stdout.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { cpuMicros, startProcess, stats, stop } from './lib.js';

// System time alone (the kernel's share: socket reads and writes), in clock ticks of 10 ms.
const sysTicks = (pid) =>
  Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[12]);

const root = resolve(import.meta.dirname, '..');
const node = process.execPath;
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  if (i < 0) return dflt;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
};
const flag = (name) => {
  const i = argv.indexOf(name);
  if (i >= 0) argv.splice(i, 1);
  return i >= 0;
};
const rounds = Number(opt('--rounds', '5'));
const secs = Number(opt('--secs', '6'));
const json = flag('--json');
const together = flag('--together');
const names = argv.length > 0 ? argv : ['fastify', 'listen'];

const secret = 'bench-secret-0123456789';
const env = { ...process.env, QWH_BENCH_SECRET: secret };
mkdirSync(join(root, 'bench/.data'), { recursive: true });
const body = join(root, 'bench/.data/ab-body.json');
writeFileSync(
  body,
  spawnSync(node, [join(root, 'bin/qwh.js'), 'sample', '--seed', '1'], {
    encoding: 'utf8',
  }).stdout.trim(),
);
const signature = spawnSync(
  node,
  [join(root, 'bin/qwh.js'), 'sign', '--secret-env', 'QWH_BENCH_SECRET', body],
  { encoding: 'utf8', env },
).stdout.trim();

const argvOf = (spec) => {
  const [name] = spec.split('+');
  if (name === 'minimal') return [join(root, 'bench/servers/minimal.js')];
  if (name === 'fastify') return [join(root, 'bench/servers/fastify-ajv.js')];
  const [, path] = name.split('=');
  const bin = path ?? join(root, 'bin/qwh.js');
  return [
    bin,
    'listen',
    '--secret-env',
    'QWH_BENCH_SECRET',
    '--no-progress',
    ...(json ? ['--json'] : []),
  ];
};

const wrk = (url) =>
  new Promise((ok, fail) => {
    const c = spawn(
      'wrk',
      ['-t1', '-c32', `-d${secs}s`, '-s', join(root, 'bench/wrk-post.lua'), url],
      { env: { ...process.env, QWH_BENCH_BODY: body, QWH_BENCH_SIGNATURE: signature } },
    );
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.on('exit', () => {
      const m = /QWH_RESULT (\{.*\})/.exec(out);
      if (m) ok(JSON.parse(m[1]));
      else fail(new Error(`wrk gave no result: ${out.slice(0, 300)}`));
    });
  });

const out = Object.fromEntries(names.map((n) => [n, []]));
const loads = [];
// One server measured: its CPU and system time around a wrk run.
const measureOne = async (name, srv, i) => {
  const cpu0 = cpuMicros(srv.child.pid);
  const sys0 = sysTicks(srv.child.pid);
  const r = await wrk(srv.match[1]);
  const cpu1 = cpuMicros(srv.child.pid);
  const sys = ((sysTicks(srv.child.pid) - sys0) * 1e4) / r.requests;
  if (r.non2xx > 0) throw new Error(`${name} answered ${r.non2xx} non-2xx`);
  const row = { rps: r.requests / r.seconds, cpuUs: (cpu1 - cpu0) / r.requests, sys };
  out[name].push(row);
  process.stderr.write(
    `round ${i + 1} ${name}: ${row.rps.toFixed(0)} req/s, ${row.cpuUs.toFixed(1)} µs CPU/req (${row.sys.toFixed(1)} system)\n`,
  );
};
// `NAME+KEY=VALUE+…` adds environment variables for that server only.
const envOf = (spec) => ({
  ...env,
  ...Object.fromEntries(
    spec
      .split('+')
      .slice(1)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  ),
});
const start = (spec) =>
  startProcess(node, argvOf(spec), /(http:\/\/127\.0\.0\.1:\d+\/)/, { env: envOf(spec) });
for (let i = 0; i < rounds; i++) {
  loads.push(loadavg()[0]);
  if (together) {
    // All servers under load at once: each round's neighbours are the same for every server
    // (req/s are then shares of the machine, the CPU per request is what compares).
    const srvs = await Promise.all(names.map(start));
    try {
      await Promise.all(names.map((n, k) => measureOne(n, srvs[k], i)));
    } finally {
      await Promise.all(srvs.map((s) => stop(s.child)));
    }
    continue;
  }
  for (const name of names) {
    const srv = await start(name);
    try {
      await measureOne(name, srv, i);
    } finally {
      await stop(srv.child);
    }
  }
}
const [anchor] = names;
const f = (s, d = 1) => `${s.median.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
const ratios = (k, pick, inverse) =>
  stats(
    out[k].map((r, i) =>
      inverse ? out[anchor][i][pick] / r[pick] : r[pick] / out[anchor][i][pick],
    ),
  );
console.log(`load average during runs: ${f(stats(loads), 2)}`);
for (const k of names)
  console.log(
    `${k}: ${f(stats(out[k].map((r) => r.rps)), 0)} req/s, ${f(stats(out[k].map((r) => r.cpuUs)))} µs CPU/req; vs ${anchor}: req/s ${f(ratios(k, 'rps'), 2)}×, CPU ${f(ratios(k, 'cpuUs', true), 2)}×`,
  );

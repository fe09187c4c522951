// Burst firing engines, side by side (issue 18 item 4): which engine should send qwh's signed
// bursts? Against the minimal server, interleaved rounds, the same compact body bytes for all:
//   - autocannon CLI, duration mode (its true rate: -d, requests / elapsed), one fixed body;
//   - autocannon as a library with a per-request hook (setupRequest) that writes a fresh
//     participation id into the body and signs it (what burst mode must do);
//   - qwh test-endpoint --count (the shipped burst path: src/adapters/burst-sender.ts);
//   - a signing loop over each qwh sender as a library (undici http-sender, burst-sender), same
//     workers and body, so the two senders are compared without the CLI around them.
// With GNU time (/usr/bin/time), both CLIs' client CPU µs per request too, net of a 64-request
// run's fixed cost (start-up): the reading that survives neighbour load on a shared machine.
//   node bench/firing-engines.js [--rounds 3] [--seconds 8] [--connections 64]
// Peers from bench/peers (npm ci --prefix bench/peers --ignore-scripts), or QWH_BENCH_PEERS=DIR.
import { createHmac, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { startProcess, stats, stop } from './lib.js';
import { generateSample } from '../dist/core/sample/generate.js';
import { createBurstSender } from '../dist/adapters/burst-sender.js';
import { createHttpSender } from '../dist/adapters/http-sender.js';

const root = resolve(import.meta.dirname, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const rounds = arg('rounds', 3);
const seconds = arg('seconds', 8);
const conns = arg('connections', 64);
const peers = process.env.QWH_BENCH_PEERS ?? join(root, 'bench/peers');
const acPath = join(peers, 'node_modules/autocannon');
if (!existsSync(acPath)) {
  process.stderr.write(`firing-engines: autocannon not installed in ${peers}; skipped\n`);
  process.exit(0);
}
const autocannon = createRequire(join(peers, 'package.json'))('autocannon');
const SECRET = 'bench-secret-0123456789';
const sample = generateSample(1).v2;
const body = Buffer.from(JSON.stringify(sample), 'utf8');
const offset = body.indexOf(Buffer.from(sample.id, 'ascii'));
const dataDir = join(root, 'bench/.data');
mkdirSync(dataDir, { recursive: true });
const bodyFile = join(dataDir, 'firing-body.json');
writeFileSync(bodyFile, body);

const { child, match } = await startProcess(
  process.execPath,
  [join(root, 'bench/servers/minimal.js')],
  /(http:\/\/127\.0\.0\.1:\d+\/)/,
);
const url = match[1];
const headers = {
  'content-type': 'application/json',
  'user-agent': 'qwh/bench',
  'x-qwh-test': '1',
};

// Client CPU of a whole child process (user + sys seconds) through GNU time, when installed:
// with the server on the same 2 cores, CPU per request is the reading neighbour load moves least.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
function timedNode(args, env) {
  const opts = { encoding: 'utf8', maxBuffer: 64 << 20, ...(env ? { env } : {}) };
  if (!gnuTime) return { stdout: spawnSync(process.execPath, args, opts).stdout, cpu: NaN };
  const r = spawnSync(gnuTime, ['-f', '%U %S', process.execPath, ...args], opts);
  const [u, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { stdout: r.stdout, cpu: u + sys };
}

const acArgs = (mode) => [
  join(acPath, 'autocannon.js'),
  '-c',
  String(conns),
  ...mode,
  '-m',
  'POST',
  '-H',
  'content-type=application/json',
  '-i',
  bodyFile,
  '-j',
  url,
];

/** Autocannon's true rate, and its CPU µs per request net of a 64-request run's fixed cost. */
function autocannonCli() {
  const r = timedNode(acArgs(['-d', String(seconds)]));
  const fixed = timedNode(acArgs(['-a', String(conns)])).cpu;
  const j = JSON.parse(r.stdout);
  const n = j.requests.total;
  return {
    rps: n / ((Date.parse(j.finish) - Date.parse(j.start)) / 1000),
    cpuUs: ((r.cpu - fixed) * 1e6) / (n - conns),
  };
}

async function autocannonHooked() {
  let signed = 0;
  const t0 = performance.now();
  const r = await autocannon({
    url,
    connections: conns,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest(req) {
          const b = Buffer.from(body);
          b.write(('7E57' + randomUUID().slice(4)).toUpperCase(), offset, 36, 'ascii');
          const sig = 'sha256=' + createHmac('sha256', SECRET).update(b).digest('hex');
          signed++;
          return { ...req, body: b, headers: { ...headers, 'x-qualifio-signature': sig } };
        },
      },
    ],
  });
  const secs = (performance.now() - t0) / 1000;
  return { rps: r.requests.total / secs, signed, sent: r.requests.total };
}

async function senderLoop(create) {
  const sender = create({ timeoutMs: 10_000, connections: conns });
  let sent = 0;
  let okCount = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const b = Buffer.from(body);
      b.write(('7E57' + randomUUID().slice(4)).toUpperCase(), offset, 36, 'ascii');
      const sig = 'sha256=' + createHmac('sha256', SECRET).update(b).digest('hex');
      const r = await sender.send({
        url,
        headers: { ...headers, 'x-qualifio-signature': sig },
        body: b,
      });
      sent++;
      if (r.ok && r.status === 200) okCount++;
    }
  };
  await Promise.all(Array.from({ length: conns }, worker));
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  await sender.close();
  // Client CPU µs per request (signing included, the same for both): steadier than req/s when
  // neighbours load the machine.
  return { rps: sent / secs, cpuUs: (cpu.user + cpu.system) / sent, allOk: okCount === sent };
}

/** qwh's burst rate, and its CPU µs per request net of a 64-delivery run's fixed cost. */
function qwhBurst(count) {
  const run = (n) =>
    timedNode(
      [
        join(root, 'bin/qwh.js'),
        'test-endpoint',
        url,
        '--count',
        String(n),
        '--concurrency',
        String(conns),
        '--secret-env',
        'QWH_BENCH_SECRET',
        '--json',
        '--no-progress',
      ],
      { ...process.env, QWH_BENCH_SECRET: SECRET },
    );
  const r = run(count);
  const fixed = run(conns).cpu;
  return {
    rps: JSON.parse(r.stdout).stats.throughputPerSec,
    cpuUs: ((r.cpu - fixed) * 1e6) / (count - conns),
  };
}

const res = {
  cli: [],
  cliCpu: [],
  hooked: [],
  qwh: [],
  qwhCpu: [],
  undiciLoop: [],
  burstLoop: [],
  undiciCpu: [],
  burstCpu: [],
  signedOk: true,
};
let loopsOk = true;
const load = [];
try {
  for (let i = 0; i < rounds; i++) {
    load.push(loadavg()[0]);
    const ac = autocannonCli();
    const cli = ac.rps;
    const h = await autocannonHooked();
    if (h.signed < h.sent) res.signedOk = false;
    const qb = qwhBurst(Math.max(1000, Math.round(ac.rps * seconds)));
    const q = qb.rps;
    res.cliCpu.push(ac.cpuUs);
    res.qwhCpu.push(qb.cpuUs);
    // The two loops swap order every round (no position bias between them).
    const [u, b] =
      i % 2 === 0
        ? [await senderLoop(createHttpSender), await senderLoop(createBurstSender)]
        : [await senderLoop(createBurstSender), await senderLoop(createHttpSender)].reverse();
    loopsOk &&= u.allOk && b.allOk;
    res.undiciLoop.push(u.rps);
    res.burstLoop.push(b.rps);
    res.undiciCpu.push(u.cpuUs);
    res.burstCpu.push(b.cpuUs);
    res.cli.push(cli);
    res.hooked.push(h.rps);
    res.qwh.push(q);
    process.stderr.write(
      `round ${i + 1}: cli ${cli | 0}/s ${ac.cpuUs.toFixed(1)} µs, hooked ${h.rps | 0}/s, ` +
        `qwh ${q | 0}/s ${qb.cpuUs.toFixed(1)} µs, ` +
        `undici loop ${u.rps | 0}/s ${u.cpuUs.toFixed(1)} µs, ` +
        `burst loop ${b.rps | 0}/s ${b.cpuUs.toFixed(1)} µs\n`,
    );
  }
} finally {
  await stop(child);
}
const ratio = (a, b) => stats(a.map((v, i) => v / b[i]));
const show = (s) => `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
console.log(
  JSON.stringify(
    {
      node: process.version,
      bodyBytes: body.length,
      connections: conns,
      seconds,
      rounds,
      loadAverage: load.map((l) => Math.round(l * 10) / 10),
      rps: {
        autocannonCli: stats(res.cli),
        autocannonHookedSigned: stats(res.hooked),
        qwhCli: stats(res.qwh),
        undiciSenderLoop: stats(res.undiciLoop),
        burstSenderLoop: stats(res.burstLoop),
      },
      perRoundRatioVsAutocannonCli: {
        autocannonHookedSigned: show(ratio(res.hooked, res.cli)),
        qwhCli: show(ratio(res.qwh, res.cli)),
        undiciSenderLoop: show(ratio(res.undiciLoop, res.cli)),
        burstSenderLoop: show(ratio(res.burstLoop, res.cli)),
      },
      burstLoopVsUndiciLoop: show(ratio(res.burstLoop, res.undiciLoop)),
      clientCpuUsPerRequest: {
        autocannonCli: gnuTime ? stats(res.cliCpu) : null,
        qwhCli: gnuTime ? stats(res.qwhCpu) : null,
        undiciSenderLoop: stats(res.undiciCpu),
        burstSenderLoop: stats(res.burstCpu),
      },
      burstCpuVsUndiciCpu: show(ratio(res.burstCpu, res.undiciCpu)),
      // The firing target read on CPU: autocannon's CPU per request over qwh's (1.00× = the same).
      autocannonCpuOverQwhCpu: gnuTime ? show(ratio(res.cliCpu, res.qwhCpu)) : null,
      everyLoopResponse200: loopsOk,
      everyHookedRequestSigned: res.signedOk,
    },
    null,
    2,
  ),
);

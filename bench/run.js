// qwh benchmarks: qwh against the tools a user would pick instead, side by side, on the same
// machine in the same run, reported as ratios (absolute times drift on shared machines).
//   npm run bench            full run (a few minutes on 2 cores); rewrites bench/BENCHMARKS.md
//   npm run bench -- --quick smoke run (seconds) for CI; writes bench/.out/quick.md only
//   npm run bench -- --only startup,plan
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import {
  cpuMicros,
  ensureApt,
  fmt,
  measure,
  ratioStats,
  repeat,
  startProcess,
  stats,
  stop,
} from './lib.js';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/qwh.js');
const unbundled = join(root, 'dist/cli/main.js');
const node = process.execPath;
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg =
  args.find((a) => a.startsWith('--only'))?.split('=')[1] ??
  (args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined);
const only = onlyArg ? new Set(onlyArg.split(',')) : undefined;
const want = (s) => !only || only.has(s);
const data = join(root, 'bench/.data');
const outDir = join(root, 'bench/.out');
mkdirSync(data, { recursive: true });
mkdirSync(outDir, { recursive: true });

if (!existsSync(join(root, 'dist/bundle/qwh.js')) || !existsSync(join(root, 'dist/cli/main.js')))
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

const missingTools = ensureApt([
  ['wrk', 'wrk'],
  ['/usr/bin/time', 'time'],
]);
const peersDir = join(root, 'bench/peers');
function ensurePeers() {
  if (existsSync(join(peersDir, 'node_modules/autocannon'))) return true;
  process.stderr.write('bench: installing peers (npm ci --prefix bench/peers)\n');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: peersDir,
    stdio: 'inherit',
  });
  return r.status === 0;
}
const havePeers = quick ? existsSync(join(peersDir, 'node_modules/autocannon')) : ensurePeers();
const peerVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(peersDir, 'node_modules', name, 'package.json'), 'utf8'))
      .version;
  } catch {
    return 'not installed';
  }
};
const toolVersion = (cmd, a) => {
  const r = spawnSync(cmd, a, { encoding: 'utf8' });
  return r.status === null
    ? 'not installed'
    : ((r.stdout + r.stderr).split('\n').find((l) => l.trim()) ?? '?');
};

const sections = [];
const log = (s) => process.stderr.write(`bench: ${s}\n`);
const body = join(data, 'body.json');
writeFileSync(
  body,
  spawnSync(node, [bin, 'sample', '--seed', '1'], { encoding: 'utf8' }).stdout.trim(),
);
const bodyBytes = statSync(body).size;

// 1. Start-up -------------------------------------------------------------------------------
// Interleaved rounds: each round runs `node -e 0` and every command once, so a load shift moves
// the whole round; the ratio is the median of per-round ratios (min–max), not a ratio of medians
// taken in separate blocks.
if (want('startup')) {
  log('start-up');
  const runs = quick ? 3 : 31;
  const cmds = [
    ['node -e 0', ['-e', '0'], undefined],
    ['qwh --version', [bin, '--version'], 1.1],
    ['qwh --help', [bin, '--help'], 1.15],
    ['qwh sample', [bin, 'sample'], undefined],
    ['qwh check (valid file)', [bin, 'check', 'fixtures/accounts/acme.yaml'], 2.3],
    // The same entry unbundled (tsc's dist/, what bin/qwh.js loaded before the esbuild bundle),
    // in the same rounds: the bundling decision is read from these rows.
    ['unbundled: qwh --help', [unbundled, '--help'], undefined],
    [
      'unbundled: qwh check (valid file)',
      [unbundled, 'check', 'fixtures/accounts/acme.yaml'],
      undefined,
    ],
  ];
  for (let w = 0; w < 3; w++) for (const [, a] of cmds) measure(node, a, { cwd: root });
  const got = cmds.map(() => []);
  for (let r = 0; r < runs; r++)
    cmds.forEach(([label, a], i) => {
      const m = measure(node, a, { cwd: root });
      if (m.status !== 0) throw new Error(`${label} exited ${m.status}: ${m.stderr.slice(0, 400)}`);
      got[i].push(m);
    });
  const ms = (i) => got[i].map((m) => m.ms);
  const rows = cmds.map(([label, , target], i) => {
    const ratio = ratioStats(ms(i), ms(0));
    const verdict = target ? `≤ ${target}× ${ratio.median <= target ? '✅' : '❌'}` : '—';
    return `| \`${label}\` | ${fmt.range(stats(ms(i)), fmt.ms)} | ${i === 0 ? '1.00×' : fmt.range(ratio, fmt.x)} | ${verdict} | ${fmt.mb(stats(got[i].map((m) => m.rssMb)).median)} |`;
  });
  sections.push(`## 1. Start-up (${runs} interleaved rounds, median (min–max); ratio = median of per-round ratios)

| command | wall time | vs \`node -e 0\` | target | peak RSS |
|---|---|---|---|---|
${rows.join('\n')}
`);
}

// 2. Firing throughput ------------------------------------------------------------------------
async function firing() {
  log('firing throughput');
  // Interleaved rounds: qwh, then autocannon, then wrk, against the same minimal server; the ratio
  // is the median of per-round ratios. autocannon runs in duration mode (its true rate: requests /
  // elapsed; under -a it sees "done" on its next 1 s tick). Every sender posts the same compact
  // body bytes qwh's burst sends (the 2.0 sample, one line); only qwh writes a fresh participation
  // id into each and signs it. Client CPU per request (user + system of the sender's process, GNU
  // time) reads steadier than requests/s when neighbours share the cores; qwh's includes its
  // start-up (≈ 0.1–0.2 s of CPU, a few % of the run).
  const count = quick ? 500 : 100_000;
  const conc = quick ? 8 : 64;
  const reps = quick ? 1 : 5;
  const secs = quick ? 2 : 4;
  const compact = join(data, 'body-compact.json');
  writeFileSync(compact, JSON.stringify(JSON.parse(readFileSync(body, 'utf8'))));
  const compactBytes = statSync(compact).size;
  const { child, match } = await startProcess(
    node,
    [join(root, 'bench/servers/minimal.js')],
    /(http:\/\/127\.0\.0\.1:\d+\/)/,
  );
  const url = match[1];
  const results = { qwh: [], autocannon: [], wrk: [] };
  const secretEnv = { ...process.env, QWH_BENCH_SECRET: 'bench-secret-0123456789' };
  try {
    for (let i = 0; i < reps; i++) {
      const q = measure(
        node,
        [
          bin,
          'test-endpoint',
          url,
          '--count',
          String(count),
          '--concurrency',
          String(conc),
          '--secret-env',
          'QWH_BENCH_SECRET',
          '--json',
          '--no-progress',
        ],
        { env: secretEnv },
      );
      const doc = JSON.parse(q.stdout);
      if (doc.stats?.statuses?.['200'] !== count)
        throw new Error(
          `qwh burst: not every delivery answered 200: ${JSON.stringify(doc.stats?.statuses)}`,
        );
      results.qwh.push({
        rps: doc.stats.throughputPerSec,
        p99: doc.stats.latencyMs.p99,
        cpuUs: (q.cpuS * 1e6) / count,
      });
      if (havePeers) {
        const a = measure(node, [
          join(peersDir, 'node_modules/autocannon/autocannon.js'),
          '-c',
          String(conc),
          '-d',
          String(secs),
          '-m',
          'POST',
          '-H',
          'content-type=application/json',
          '-i',
          compact,
          '-j',
          url,
        ]);
        const j = JSON.parse(a.stdout);
        const elapsed = (Date.parse(j.finish) - Date.parse(j.start)) / 1000 || j.duration;
        results.autocannon.push({
          rps: j.requests.total / elapsed,
          p99: j.latency.p99,
          cpuUs: (a.cpuS * 1e6) / j.requests.total,
        });
      }
      if (!missingTools.includes('wrk')) {
        const w = measure(
          'wrk',
          ['-t1', `-c${conc}`, `-d${secs}s`, '-s', join(root, 'bench/wrk-post.lua'), url],
          { env: { ...process.env, QWH_BENCH_BODY: compact } },
        );
        const m = /QWH_RESULT (\{.*\})/.exec(w.stdout);
        if (m) {
          const j = JSON.parse(m[1]);
          results.wrk.push({
            rps: j.requests / j.seconds,
            p99: j.p99,
            cpuUs: (w.cpuS * 1e6) / j.requests,
          });
        }
      }
    }
  } finally {
    await stop(child);
  }
  const perRound = (list) =>
    results.autocannon.length === list.length
      ? ratioStats(
          list.map((r) => r.rps),
          results.autocannon.map((r) => r.rps),
        )
      : undefined;
  const row = (name, list, note) => {
    if (list.length === 0) return `| ${name} | not run | | | | ${note} |`;
    const rps = stats(list.map((r) => r.rps));
    const p99 = stats(list.map((r) => r.p99));
    const cpu = stats(list.map((r) => r.cpuUs));
    const ratio = perRound(list);
    return `| ${name} | ${fmt.range(rps, fmt.int)} | ${fmt.range(cpu, (v) => v.toFixed(1))} | ${fmt.range(p99, (v) => `${v.toFixed(1)} ms`)} | ${ratio ? fmt.range(ratio, fmt.x) : 'n/a'} | ${note} |`;
  };
  const qRatio = perRound(results.qwh)?.median ?? NaN;
  sections.push(`## 2. Firing throughput (${conc} connections, ${compactBytes}-byte bodies, ${reps} interleaved rounds, median (min–max))

Target: qwh ≥ 0.95× the true autocannon rate, every request signed — ${Number.isFinite(qRatio) ? (qRatio >= 0.95 ? `met (${fmt.x(qRatio)}) ✅` : `missed (${fmt.x(qRatio)}) ❌`) : 'not measured'}.
qwh sends ${fmt.int(count)} deliveries a round; autocannon and wrk run ${secs} s each. "vs autocannon" is the
median of per-round ratios of requests/s; "client CPU µs / req" is the sender process's user + system time per request.

| sender | requests/s | client CPU µs / req | p99 latency | vs autocannon | notes |
|---|---|---|---|---|---|
${row('qwh test-endpoint --count', results.qwh, 'a fresh participation id and HMAC-SHA256 signature per request, every status graded (burst sender)')}
${row('autocannon (duration mode)', results.autocannon, 'one fixed body, no signing')}
${row('wrk', results.wrk, 'one fixed body, no signing; written in C, 1 thread')}
`);
}

// 3. Receiver throughput -----------------------------------------------------------------------
// Interleaved rounds (minimal, Fastify+ajv, qwh listen, then again), so a load shift between
// rounds moves all three; ratios are the median of per-round ratios. Beside requests/s, the
// server's own CPU time per request (utime + stime from /proc/PID/stat before and after), which
// is steadier than wall-clock throughput when neighbours share the cores.
async function receiver() {
  log('receiver throughput');
  if (missingTools.includes('wrk')) {
    sections.push('## 3. Receiver throughput\n\nNot run: wrk is not installed.\n');
    return;
  }
  const secret = 'bench-secret-0123456789';
  const env = { ...process.env, QWH_BENCH_SECRET: secret };
  const signature = spawnSync(node, [bin, 'sign', '--secret-env', 'QWH_BENCH_SECRET', body], {
    encoding: 'utf8',
    env,
  }).stdout.trim();
  const reps = quick ? 1 : 5;
  const secs = quick ? 2 : 8;
  const URL_RE = /(http:\/\/127\.0\.0\.1:\d+\/)/;
  const servers = [
    [
      'minimal',
      'minimal Node server',
      [join(root, 'bench/servers/minimal.js')],
      'reads the body, answers 200',
    ],
    ...(existsSync(join(peersDir, 'node_modules/fastify'))
      ? [
          [
            'fastify',
            `Fastify ${peerVersion('fastify')} + ajv`,
            [join(root, 'bench/servers/fastify-ajv.js')],
            'HMAC over the raw bytes (constant time), UTF-8 check, JSON.parse, the 2.0 model as JSON Schema (ajv), dedupe on id',
          ],
        ]
      : []),
    [
      'listen',
      '`qwh listen`',
      [bin, 'listen', '--secret-env', 'QWH_BENCH_SECRET', '--no-progress'],
      'the same, plus the auth header option, 413 cap, one event line a delivery on stdout',
    ],
  ];
  const out = Object.fromEntries(servers.map(([k]) => [k, []]));
  for (let i = 0; i < reps; i++) {
    for (const [key, , argv] of servers) {
      const srv = await startProcess(node, argv, URL_RE, { env });
      try {
        const cpu0 = cpuMicros(srv.child.pid);
        const w = measure(
          'wrk',
          ['-t1', '-c32', `-d${secs}s`, '-s', join(root, 'bench/wrk-post.lua'), srv.match[1]],
          { env: { ...process.env, QWH_BENCH_BODY: body, QWH_BENCH_SIGNATURE: signature } },
        );
        const cpu1 = cpuMicros(srv.child.pid);
        const m = /QWH_RESULT (\{.*\})/.exec(w.stdout);
        if (!m) throw new Error(`wrk gave no result for ${key}: ${w.stderr.slice(0, 300)}`);
        const r = JSON.parse(m[1]);
        if (r.non2xx > 0) throw new Error(`${key} answered ${r.non2xx} non-2xx: not a fair run`);
        out[key].push({ ...r, rps: r.requests / r.seconds, cpuUs: (cpu1 - cpu0) / r.requests });
      } finally {
        await stop(srv.child);
      }
    }
  }
  const anchor = out.fastify ? 'fastify' : 'minimal';
  const col = (k, f) => stats(out[k].map(f));
  const ratio = (k) =>
    ratioStats(
      out[k].map((r) => r.rps),
      out[anchor].map((r) => r.rps),
    );
  const cpuRatio = (k) =>
    ratioStats(
      out[anchor].map((r) => r.cpuUs),
      out[k].map((r) => r.cpuUs),
    );
  const target = ratio('listen').median;
  const rows = servers.map(
    ([k, label, , does]) =>
      `| ${label} | ${fmt.range(
        col(k, (r) => r.rps),
        fmt.int,
      )} | ${fmt.range(
        col(k, (r) => r.cpuUs),
        (v) => v.toFixed(1),
      )} | ${fmt.range(
        col(k, (r) => r.p99),
        (v) => `${v.toFixed(1)} ms`,
      )} | ${fmt.range(ratio(k), fmt.x)} | ${fmt.range(cpuRatio(k), fmt.x)} | ${does} |`,
  );
  sections.push(`## 3. Receiver throughput (wrk, 1 thread, 32 connections, ${secs} s, ${reps} interleaved rounds, one signed ${bodyBytes}-byte body)

Target: \`qwh listen\` ≥ 1.0× ${anchor === 'fastify' ? 'Fastify + ajv doing the same checks' : 'the minimal server (Fastify not installed)'} (aim 1.3×) — ${target >= 1 ? `met (${fmt.x(target)}) ✅` : `missed (${fmt.x(target)}) ❌`}.
Ratios are medians of per-round ratios (min–max) against ${anchor === 'fastify' ? 'Fastify + ajv' : 'the minimal server'}; "CPU µs / req" is the
server process's own user + system time per request (from \`/proc/PID/stat\`), "CPU ratio" that
anchor's CPU per request over this row's (higher is better, like the throughput ratio). After the
first request every body is a duplicate: all three servers check it fully and answer "duplicate".

| receiver | requests/s | CPU µs / req | p99 latency | vs ${anchor === 'fastify' ? 'Fastify' : 'minimal'} (req/s) | CPU ratio | does |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`);
}

// 4. Diff throughput and memory ------------------------------------------------------------------
function diff() {
  log('diff throughput');
  const sizes = quick
    ? [['1 MB', 1e6]]
    : [
        ['10 MB', 1e7],
        ['100 MB', 1e8],
        ['1 GB', 1e9],
      ];
  const v1 = join(data, 'v1-paired.ndjson');
  const rows = [];
  for (const [label, bytes] of sizes) {
    const file = join(data, `v2-${label.replace(' ', '')}.ndjson`);
    if (!existsSync(file) || statSync(file).size < bytes) {
      log(`generating ${label} corpus`);
      execFileSync(node, [join(root, 'bench/gen-corpus.js'), file, String(bytes), v1], {
        stdio: 'ignore',
      });
    }
    const mb = statSync(file).size / 1e6;
    const runs = quick || bytes >= 1e9 ? 1 : 3;
    const tools = [
      ['floor: readline + JSON.parse', node, [join(root, 'bench/floor.js'), file]],
      [
        'qwh diff-payload',
        node,
        [bin, 'diff-payload', v1, file, '--format', 'json', '--no-progress'],
      ],
    ];
    // The peers run up to 100 MB: to-json-schema and quicktype-core hold the whole corpus in
    // memory, and genson-js (which streams) would take minutes at 1 GB (~11 MB/s).
    if (havePeers) {
      if (bytes <= 1e8) {
        tools.push(['genson-js', node, [join(root, 'bench/infer-peer.js'), 'genson', file]]);
        tools.push([
          'to-json-schema',
          node,
          [join(root, 'bench/infer-peer.js'), 'to-json-schema', file],
        ]);
        tools.push([
          'quicktype-core',
          node,
          [join(root, 'bench/infer-peer.js'), 'quicktype', file],
        ]);
      }
    }
    const res = {};
    for (const [name, cmd, a] of tools) {
      const list = [];
      for (let i = 0; i < runs; i++) {
        const r = measure(cmd, a, { cwd: root });
        list.push(r.status === 0 ? r : { ...r, failed: true });
      }
      const ok = list.filter((r) => !r.failed);
      res[name] = ok.length
        ? { mbs: stats(ok.map((r) => mb / (r.ms / 1000))), rss: stats(ok.map((r) => r.rssMb)) }
        : {
            failed:
              list[0].stderr.split('\n').find((l) => /heap|memory|error/i.test(l)) ??
              `exit ${list[0].status}`,
          };
    }
    const floor = res['floor: readline + JSON.parse'].mbs?.median;
    for (const [name] of tools) {
      const r = res[name];
      rows.push(
        r.failed
          ? `| ${label} | ${name} | failed: ${r.failed.slice(0, 80)} | | |`
          : `| ${label} | ${name} | ${fmt.range(r.mbs, (v) => v.toFixed(1))} | ${fmt.x(r.mbs.median / floor)} | ${fmt.mb(r.rss.median)} |`,
      );
    }
    if (havePeers && bytes > 1e8)
      rows.push(
        `| ${label} | genson-js, to-json-schema, quicktype-core | not run at this size (see above) | | |`,
      );
  }
  sections.push(`## 4. Diff throughput and memory (2.0 NDJSON corpora of generated samples; MB/s median (min–max))

Targets: qwh ≥ 0.5× the JSON.parse floor, faster than every inference peer, RSS flat across sizes.
qwh's side also reads the 1.0 captures of the first 5 000 participations and pairs them by id;
MB/s counts only the 2.0 corpus. Peers run up to 100 MB: to-json-schema and quicktype-core hold the
whole corpus in memory, and genson-js (which streams) would need minutes at 1 GB.

| corpus | tool | MB/s | vs floor | peak RSS |
|---|---|---|---|---|
${rows.join('\n')}
`);
}

// 5. Plan scale --------------------------------------------------------------------------------
function plan() {
  log('plan scale');
  // 5 000 websites (10 001 rules) is near the largest account qwh plans: past ≈ 9 000 websites the
  // migrated file would break the 10 MiB bound qwh reads account files under, and migrate refuses.
  const sizes = quick ? [10, 1000] : [10, 1000, 5_000];
  const rows = [];
  for (const n of sizes) {
    const file = join(data, `account-${n}.json`);
    if (!existsSync(file))
      execFileSync(node, [join(root, 'bench/gen-account.js'), file, String(n)]);
    const r = repeat(
      node,
      [
        bin,
        'migrate',
        file,
        '--dry-run',
        '--json',
        '--no-progress',
        '--secret-env',
        'QWH_BENCH_SECRET',
      ],
      {
        runs: quick ? 1 : 5,
        warmup: quick ? 0 : 1,
        cwd: data,
        env: { ...process.env, QWH_BENCH_SECRET: 'bench-secret-0123456789' },
      },
    );
    const rules = 1 + 2 * n;
    const core = JSON.parse(
      execFileSync(node, [join(root, 'bench/plan-core.js'), file], { encoding: 'utf8' }),
    );
    const routes = JSON.parse(
      execFileSync(node, [join(root, 'bench/routes-core.js'), file], { encoding: 'utf8' }),
    );
    rows.push(
      `| ${fmt.int(n)} | ${fmt.int(n + 1)} | ${fmt.int(rules)} | ${fmt.ms(core.ms)} | ${fmt.ms(routes.ms)} (${fmt.int(routes.rows)} rows) | ${fmt.range(r.time, fmt.ms)} | ${fmt.mb(r.rss.median)} |`,
    );
  }
  sections.push(`## 5. Plan scale (planning in-process, and \`qwh migrate --dry-run --json\` as a whole process; median (min–max))

Target: linear or better; 10 000 rules plan in under 1 s. \`planMigration\` includes the routing
check; the routing column times it alone (every target before and after the plan, compared).

| websites | 1.0 webhooks | push rules | \`planMigration\` alone | routing before → after | whole \`--dry-run\` process | peak RSS |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`);
}

// A section that fails is reported and leaves its previous results in place; the others still run.
let failed = 0;
async function section(name, fn) {
  if (!want(name)) return;
  try {
    await fn();
  } catch (e) {
    failed++;
    log(`${name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
await section('firing', firing);
await section('receiver', receiver);
await section('diff', diff);
await section('plan', plan);

const machine = `- CPU: ${cpus()[0]?.model ?? '?'} × ${cpus().length} cores; memory ${(totalmem() / 2 ** 30).toFixed(0)} GiB
- Node ${process.version}; qwh ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}
- Peers: autocannon ${peerVersion('autocannon')}, genson-js ${peerVersion('genson-js')}, to-json-schema ${peerVersion('to-json-schema')}, quicktype-core ${peerVersion('quicktype-core')}, fastify ${peerVersion('fastify')}, ${toolVersion('wrk', ['-v'])}
- Date: ${new Date().toISOString().slice(0, 10)}; mode: ${quick ? 'quick (smoke)' : 'full'}`;

const report = `${sections.join('\n')}\n## Machine\n\n${machine}\n`;
if (quick) {
  writeFileSync(join(outDir, 'quick.md'), report);
  process.stdout.write(report);
} else {
  const doc = join(root, 'bench/BENCHMARKS.md');
  const prev = existsSync(doc) ? readFileSync(doc, 'utf8') : '';
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const head = prev.includes(start) ? prev.slice(0, prev.indexOf(start)) : '# qwh benchmarks\n\n';
  const tail = prev.includes(end) ? prev.slice(prev.indexOf(end) + end.length) : '\n';
  // Sections this run did not measure (--only, a failure, the hand-written ones such as the
  // memory ceilings) keep their previous text; the measured ones replace theirs by number.
  const numbered = (text) => {
    const out = new Map();
    for (const part of text.split(/^(?=## )/m)) {
      const m = /^## (\d+)\./.exec(part);
      if (m) out.set(Number(m[1]), part.trimEnd() + '\n');
    }
    return out;
  };
  const before = prev.includes(start) ? prev.slice(prev.indexOf(start), prev.indexOf(end)) : '';
  const merged = numbered(before);
  for (const [n, text] of numbered(sections.join('\n'))) merged.set(n, text);
  const body = [...merged].sort(([a], [b]) => a - b).map(([, t]) => t);
  const out = `${body.join('\n')}\n## Machine\n\n${machine}\n`;
  writeFileSync(doc, `${head}${start}\n${out}${end}${tail}`);
  process.stdout.write(report);
}
if (failed > 0) process.exitCode = 1;

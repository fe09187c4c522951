// Peak RSS of each command at its documented input ceiling (docs/reliability.md, "Memory
// ceilings"), measured with GNU time (`/usr/bin/time -f %M`; apt-get install time if missing).
//   npm run build && node bench/memory.js [--only PREFIX] [--heap MB] [--verbose]
// (PREFIX: the start of a case name; --heap: qwh's V8 heap limit; --verbose: qwh's stderr.)
// Inputs are generated under bench/.data/memory (not committed). A figure, not an assertion:
// the result goes to bench/BENCHMARKS.md §7 by hand.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/qwh.js');
const dir = join(root, 'bench/.data/memory');
mkdirSync(dir, { recursive: true });
if (!existsSync('/usr/bin/time')) {
  console.error('GNU time is missing: apt-get install time');
  process.exit(1);
}
const only = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1]
  : '';
const MIB = 1024 * 1024;
const SECRET = 'bench-memory-secret-0123456789abcdef';
// --heap MB: run qwh under that V8 heap limit, to tell live memory from garbage V8 has not yet
// collected (the peak RSS with the default limit, sized on the machine's 24 GiB, holds both).
const heap = process.argv.includes('--heap')
  ? `--max-old-space-size=${process.argv[process.argv.indexOf('--heap') + 1]}`
  : '';
const env = {
  ...process.env,
  CI: '',
  NO_COLOR: '1',
  QWH_BENCH_SECRET: SECRET,
  ...(heap ? { NODE_OPTIONS: heap } : {}),
};

/** An account-shaped file at the node bound (500 000 keys), just under 10 MiB. */
function keysYaml(n) {
  let s = 'version: 1\nextra:\n';
  for (let i = 0; i < n; i++) s += `  k${i}: xxxxxx\n`;
  return s;
}
function keysJson(n) {
  const o = { version: 1, extra: {} };
  for (let i = 0; i < n; i++) o.extra[`k${i}`] = 'xxxxxx';
  return JSON.stringify(o);
}
const sample = (args) =>
  execFileSync(process.execPath, [bin, 'sample', ...args], { encoding: 'utf8', env });
/** diff-payload: N 1.0 records of `size` bytes each that pair with nothing in the 2.0 file. */
function unpaired(n, size) {
  const big = 'x'.repeat(size);
  let s = '';
  for (let i = 0; i < n; i++) s += JSON.stringify({ participation_id: `u${i}`, blob: big }) + '\n';
  return s;
}
/**
 * The largest gen-account.js shape within the account-file bounds (10 MiB, 500 000 keys); for
 * migrate, the largest whose migrated file stays within them (a 2.0 twin per webhook and rule
 * doubles the file: over the bound, the plan is refused, exit 4).
 */
function bigAccount(file, websites = 19_000) {
  execFileSync(process.execPath, [join(root, 'bench/gen-account.js'), file, String(websites)]);
  return readFileSync(file, 'utf8');
}
/** A 2.0 payload grown to `bytes` with `keys` extra string fields (the --payload bounds). */
function bigPayload(bytes, keys) {
  const p = JSON.parse(sample([]));
  const base = JSON.stringify(p).length + 16;
  const value = 'x'.repeat(Math.max(1, Math.floor((bytes - base) / keys) - 12));
  p.extra = {};
  for (let i = 0; i < keys; i++) p.extra[`k${i}`] = value;
  return JSON.stringify(p);
}

/** A loopback receiver answering 200 to everything, for the commands that send. */
function okServer() {
  return new Promise((res) => {
    const s = createServer((q, r) => {
      q.resume();
      q.on('end', () => r.end('{"ok":true}'));
    });
    s.listen(0, '127.0.0.1', () => res(s));
  });
}

/** Runs qwh under GNU time; `during(child)` runs while it lives (a server command: stop it). */
function timed(args, during) {
  return new Promise((res) => {
    const child = spawn('/usr/bin/time', ['-f', '%M %e', process.execPath, bin, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let firstLine;
    let lineSeen;
    const ready = new Promise((r) => (lineSeen = r));
    let stdoutHead = '';
    child.stdout.on('data', (b) => {
      if (firstLine !== undefined) return;
      stdoutHead += b.toString();
      const nl = stdoutHead.indexOf('\n');
      if (nl >= 0) {
        firstLine = stdoutHead.slice(0, nl);
        lineSeen(firstLine);
      }
    });
    child.stderr.on('data', (b) => {
      stderr += b.toString();
      if (stderr.length > 1 * MIB) stderr = stderr.slice(-64 * 1024);
    });
    child.on('close', (code, signal) => {
      const last = stderr.trimEnd().split('\n').pop() ?? '';
      const [kb, wall] = last.split(' ');
      res({ code: code ?? `signal ${signal}`, mb: Math.round(Number(kb) / 1024), wall, stderr });
    });
    if (during) void during({ ready, timePid: child.pid });
  });
}

/** The node process GNU time runs (its only child). */
function grandchild(timePid) {
  return Number(readFileSync(`/proc/${timePid}/task/${timePid}/children`, 'utf8').trim());
}

/**
 * Fills `qwh listen --version 1` past its dedupe caps (1 000 000 ids, 64 Mi characters): unique
 * 67-character ids, so the count and the character bound are reached together, over keep-alive
 * sockets writing pipelined prebuilt requests. Returns the deliveries answered.
 */
async function driveListen(url, total) {
  const { port } = new URL(url);
  const SOCKETS = 16;
  const BATCH = 256;
  let next = 0;
  let answered = 0;
  const request = (i) => {
    const id = `bench-${String(i).padStart(10, '0')}-`.padEnd(67, 'x');
    const body = `participation_id=${id}&website_id=1`;
    return (
      'POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
      'Content-Type: application/x-www-form-urlencoded\r\n' +
      `Content-Length: ${body.length}\r\n\r\n${body}`
    );
  };
  const worker = () =>
    new Promise((res, rej) => {
      const sock = connect(Number(port), '127.0.0.1');
      let waiting = 0;
      let carry = '';
      const send = () => {
        if (next >= total) return (sock.end(), res());
        const from = next;
        next = Math.min(total, next + BATCH);
        let text = '';
        for (let i = from; i < next; i++) text += request(i);
        waiting = next - from;
        sock.write(text);
      };
      sock.setEncoding('latin1');
      sock.on('connect', send);
      sock.on('data', (s) => {
        const text = carry + s;
        const n = text.split('HTTP/1.1 ').length - 1;
        carry = text.slice(-8);
        // The carried tail cannot hold a whole "HTTP/1.1 " (9 characters): never counted twice.
        waiting -= n;
        answered += n;
        if (waiting <= 0) send();
      });
      sock.on('error', rej);
    });
  await Promise.all(Array.from({ length: SOCKETS }, worker));
  return answered;
}

const cases = [
  {
    name: 'check: YAML account file at the bound (499 990 keys, 8.5 MiB)',
    file: 'keys.yaml',
    make: () => keysYaml(499_990),
    args: (f) => ['check', f],
  },
  {
    name: 'check: JSON account file at the bound (499 990 keys, 9 MiB)',
    file: 'keys.json',
    make: () => keysJson(499_990),
    args: (f) => ['check', f],
  },
  {
    name: 'check: 10 MiB YAML flow list (5 million items; refused on its text)',
    file: 'flow.yaml',
    make: () => 'version: 1\nwebhooks: [' + '1,'.repeat(5 * MIB - 40) + '1]\n',
    args: (f) => ['check', f],
  },
  {
    name: 'check: 10 MiB JSON array (5 million items; refused on its text)',
    file: 'flow.json',
    make: () => '{"version":1,"webhooks":[' + '1,'.repeat(5 * MIB - 40) + '1]}',
    args: (f) => ['check', f],
  },
  {
    name: 'routes: the largest generated account within the bounds (19 000 websites, 9.9 MiB)',
    file: 'big-account.json',
    make: () => bigAccount(join(dir, 'big-account.json')),
    args: (f) => ['routes', f, '--json'],
  },
  {
    name: 'migrate --dry-run: the largest generated account whose migrated file stays within the bounds (9 000 websites)',
    file: 'big-account-9k.json',
    make: () => bigAccount(join(dir, 'big-account-9k.json'), 9_000),
    args: (f) => ['migrate', f, '--dry-run', '--json'],
  },
  {
    name: 'simulate --dry-run: the same account, --participations 100000 (the maximum)',
    file: 'big-account.json',
    make: () => bigAccount(join(dir, 'big-account.json')),
    args: (f) => ['simulate', f, '--dry-run', '--participations', '100000', '--json'],
  },
  {
    name: 'diff-payload: 100 unpaired 2 MB 1.0 records against a 2.0 file (48 MiB pending bound)',
    file: 'unpaired-big.ndjson',
    make: () => unpaired(100, 2 * MIB),
    args: (f) => [
      'diff-payload',
      f,
      join(dir, 'v2-one.ndjson'),
      '--format',
      'json',
      '--no-progress',
    ],
  },
  {
    name: 'diff-payload: 6 000 unpaired 9 KB 1.0 records against a 2.0 file (5 000 pending bound)',
    file: 'unpaired-many.ndjson',
    make: () => unpaired(6_000, 9 * 1024),
    args: (f) => [
      'diff-payload',
      f,
      join(dir, 'v2-one.ndjson'),
      '--format',
      'json',
      '--no-progress',
    ],
  },
  {
    name: 'sign: a 16 MiB body (the body cap)',
    file: 'body-16m.json',
    make: () => bigPayload(16 * MIB - 4096, 1_000),
    args: (f) => ['sign', f, '--secret-env', 'QWH_BENCH_SECRET'],
  },
  {
    name: 'verify: the same body',
    file: 'body-16m.json',
    make: () => bigPayload(16 * MIB - 4096, 1_000),
    args: (f) => ['verify', f, '--secret-env', 'QWH_BENCH_SECRET', '--signature', 'sha256=00'],
  },
  {
    name: 'test-endpoint --payload: one 64 MiB payload of 190 000 keys (file and key caps)',
    file: 'payload-64m.json',
    make: () => bigPayload(64 * MIB - 64 * 1024, 190_000),
    server: true,
    args: (f, url) => ['test-endpoint', url, '--payload', f, '--secret-env', 'QWH_BENCH_SECRET'],
  },
  {
    name: 'test-endpoint --payload: 10 000 payloads in 64 MiB of NDJSON (count and file caps)',
    file: 'payloads-10k.ndjson',
    make: () => {
      const line = bigPayload(6_500, 20);
      return Array.from({ length: 10_000 }, () => line).join('\n') + '\n';
    },
    server: true,
    args: (f, url) => ['test-endpoint', url, '--payload', f, '--secret-env', 'QWH_BENCH_SECRET'],
  },
  {
    name: 'listen --version 1: dedupe store past its caps (1 050 000 deliveries, 67-character ids)',
    listen: 1_050_000,
    args: () => ['listen', '--version', '1', '--json'],
  },
];

writeFileSync(join(dir, 'v2-one.ndjson'), sample(['--seed', '7']).replace(/\n\s*/g, '') + '\n');
console.log(
  `load average at start: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log('| case | exit | peak RSS | wall |');
console.log('|---|---|---|---|');
for (const c of cases) {
  if (only && !c.name.startsWith(only)) continue;
  const file = c.file ? join(dir, c.file) : '';
  if (file && !existsSync(file)) writeFileSync(file, c.make());
  let r;
  let note = '';
  if (c.listen) {
    r = await timed(c.args(), async ({ ready, timePid }) => {
      const first = JSON.parse(await ready);
      const answered = await driveListen(first.url, c.listen);
      note = ` (${answered} answered)`;
      process.kill(grandchild(timePid), 'SIGTERM');
    });
  } else if (c.server) {
    const server = await okServer();
    const url = `http://127.0.0.1:${server.address().port}/hook`;
    r = await timed(c.args(file, url));
    server.close();
  } else {
    r = await timed(c.args(file));
  }
  console.log(`| ${c.name}${note} | ${r.code} | ${r.mb} MB | ${r.wall} s |`);
  if (process.argv.includes('--verbose')) console.error(r.stderr.slice(-2000));
}
console.log(
  `load average at end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);

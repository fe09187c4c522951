// Throughput and memory of `qwh diff-payload` against the floor (readline + JSON.parse), on a
// generated NDJSON corpus (not committed), in interleaved rounds (floor, qwh, floor, qwh, …) so
// neighbour load hits both alike; reports medians (min–max) and the median of per-round ratios.
//   node bench/diff-payload.js [--mb 100] [--rounds 3] [--bin other/bin/qwh.js]
// One 1.0 side for every size: the first 5 000 participations (bench/.data/diff-v1.ndjson).
// MB/s counts the 2.0 corpus only. Peak RSS and CPU seconds (user + system, GC threads
// included) from GNU time (/usr/bin/time) when present: CPU time is steadier than wall time
// when neighbours load the machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { stats } from './lib.js';

const root = resolve(import.meta.dirname, '..');
const argOf = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
};
const targetMb = Number(argOf('mb', 100));
const rounds = Number(argOf('rounds', 3));
const bin = resolve(argOf('bin', join(root, 'bin/qwh.js')));
const dataDir = join(root, 'bench/.data');
mkdirSync(dataDir, { recursive: true });
const v1File = join(dataDir, 'diff-v1.ndjson');
const v2File = join(dataDir, `diff-v2-${targetMb}mb.ndjson`);
if (!existsSync(v2File) || !existsSync(v1File)) {
  process.stderr.write(`generating ${v2File} (${targetMb} MB)…\n`);
  execFileSync(process.execPath, [
    join(root, 'bench/gen-corpus.js'),
    v2File,
    String(targetMb * 1e6),
    v1File,
  ]);
}
const mb = statSync(v2File).size / 1e6;
const timed = existsSync('/usr/bin/time');

function run(args) {
  const t0 = performance.now();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M cpu_s=%U+%S', process.execPath, ...args], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(r.stderr);
  const rss = /maxrss_kb=(\d+)/.exec(r.stderr ?? '')?.[1];
  const cpu = /cpu_s=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  const cpuS = cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN;
  return { mbs: mb / seconds, cpuS, rssMb: rss ? Number(rss) / 1024 : NaN, stdout: r.stdout };
}

const floor = [];
const qwh = [];
const load = [];
let pairs;
for (let i = 0; i < rounds; i++) {
  load.push(Math.round(loadavg()[0] * 10) / 10);
  floor.push(run([join(root, 'bench/floor.js'), v2File]));
  const q = run([bin, 'diff-payload', v1File, v2File, '--json', '--no-progress']);
  pairs = JSON.parse(q.stdout).pairing.pairs;
  qwh.push(q);
}
const r1 = (s) => ({
  median: Math.round(s.median * 10) / 10,
  min: Math.round(s.min * 10) / 10,
  max: Math.round(s.max * 10) / 10,
});
const ratio = stats(qwh.map((q, i) => q.mbs / floor[i].mbs));
console.log(
  JSON.stringify(
    {
      node: process.version,
      bin,
      corpusMB: Math.round(mb),
      pairs,
      rounds,
      loadAverage: load,
      floorMBs: r1(stats(floor.map((f) => f.mbs))),
      qwhMBs: r1(stats(qwh.map((q) => q.mbs))),
      ratioPerRound: {
        median: ratio.median.toFixed(2),
        min: ratio.min.toFixed(2),
        max: ratio.max.toFixed(2),
      },
      floorCpuS: r1(stats(floor.map((f) => f.cpuS))),
      qwhCpuS: r1(stats(qwh.map((q) => q.cpuS))),
      cpuRatioPerRound: (() => {
        const c = stats(qwh.map((q, i) => floor[i].cpuS / q.cpuS));
        return { median: c.median.toFixed(2), min: c.min.toFixed(2), max: c.max.toFixed(2) };
      })(),
      floorRssMB: r1(stats(floor.map((f) => f.rssMb))),
      qwhRssMB: r1(stats(qwh.map((q) => q.rssMb))),
    },
    null,
    2,
  ),
);

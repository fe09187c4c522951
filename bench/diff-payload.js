// Throughput and memory of `qwh diff-payload` on a generated NDJSON corpus (not committed).
//   node bench/diff-payload.js [--mb 1024] [--v1 5000]
// Writes bench/.data/diff-v1.ndjson (the first N participations as 1.0) and
// bench/.data/diff-v2.ndjson (~MB of 2.0 participations), then times the built bin on them
// and reports MB/s and the peak RSS (GNU time, when /usr/bin/time exists).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { generateSample } from '../dist/core/sample/generate.js';

const root = resolve(import.meta.dirname, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const targetMb = arg('mb', 256);
const v1Count = arg('v1', 5000);
const dataDir = join(root, 'bench/.data');
mkdirSync(dataDir, { recursive: true });
const v1File = join(dataDir, 'diff-v1.ndjson');
const v2File = join(dataDir, `diff-v2-${targetMb}mb.ndjson`);

async function write(file, make, until) {
  const out = createWriteStream(file);
  let bytes = 0;
  for (let i = 0; !until(i, bytes); i++) {
    const line = JSON.stringify(make(i + 1)) + '\n';
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

if (!existsSync(v1File))
  await write(
    v1File,
    (seed) => generateSample(seed).v1,
    (i) => i >= v1Count,
  );
if (!existsSync(v2File)) {
  process.stderr.write(`generating ${v2File} (${targetMb} MB)…\n`);
  await write(
    v2File,
    (seed) => generateSample(seed).v2,
    (_i, bytes) => bytes >= targetMb * 1024 * 1024,
  );
}
const size = statSync(v2File).size + statSync(v1File).size;
const args = [join(root, 'bin/qwh.js'), 'diff-payload', v1File, v2File, '--json', '--no-progress'];
const timed = existsSync('/usr/bin/time');
const t0 = performance.now();
const r = timed
  ? spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M', process.execPath, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    })
  : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
const seconds = (performance.now() - t0) / 1000;
if (r.status !== 0) {
  process.stderr.write(r.stderr);
  process.exit(1);
}
const doc = JSON.parse(r.stdout);
const rss = /maxrss_kb=(\d+)/.exec(r.stderr ?? '')?.[1];
const mb = size / 1024 / 1024;
console.log(
  JSON.stringify(
    {
      node: process.version,
      inputMB: Math.round(mb),
      payloads: { v1: doc.inputs.v1.payloads, v2: doc.inputs.v2.payloads },
      pairs: doc.pairing.pairs,
      seconds: Math.round(seconds * 10) / 10,
      mbPerSecond: Math.round((mb / seconds) * 10) / 10,
      peakRssMB: rss ? Math.round(Number(rss) / 1024) : 'n/a (no /usr/bin/time)',
    },
    null,
    2,
  ),
);

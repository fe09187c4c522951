// Peak RSS of each command at its documented input ceiling (docs/reliability.md, "Memory
// ceilings"), measured with GNU time (`/usr/bin/time -f %M`; apt-get install time if missing).
//   npm run build && node bench/memory.js [--only NAME]
// Inputs are generated under bench/.data/memory (not committed). A figure, not an assertion:
// the result goes to bench/BENCHMARKS.md by hand.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
/** diff-payload: N 1.0 records of ~2 MB each that pair with nothing in the 2.0 file. */
function unpaired(n) {
  const big = 'x'.repeat(2 * MIB);
  let s = '';
  for (let i = 0; i < n; i++) s += JSON.stringify({ participationId: `u${i}`, blob: big }) + '\n';
  return s;
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
    name: 'diff-payload: 50 unpaired 1.0 records of 2 MB (pairing memory: not this change)',
    file: 'unpaired.ndjson',
    make: () => unpaired(50),
    args: (f) => [
      'diff-payload',
      f,
      join(dir, 'empty.ndjson'),
      '--format',
      'json',
      '--no-progress',
    ],
  },
];

writeFileSync(join(dir, 'empty.ndjson'), '');
console.log('| case | exit | peak RSS | wall |');
console.log('|---|---|---|---|');
for (const c of cases) {
  if (only && !c.name.startsWith(only)) continue;
  const file = join(dir, c.file);
  if (!existsSync(file)) writeFileSync(file, c.make());
  const r = spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, bin, ...c.args(file)], {
    encoding: 'utf8',
    maxBuffer: 256 * MIB,
  });
  const last = r.stderr.trimEnd().split('\n').pop() ?? '';
  const [kb, wall] = last.split(' ');
  const code = r.status ?? `signal ${r.signal}`;
  console.log(`| ${c.name} | ${code} | ${Math.round(Number(kb) / 1024)} MB | ${wall} s |`);
}

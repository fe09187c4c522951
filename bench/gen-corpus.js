// Writes an NDJSON corpus of 2.0 sample payloads of at least N bytes and, optionally, the 1.0
// payloads of its first 5 000 participations (captures of the same participations).
// Usage: node bench/gen-corpus.js <v2-out> <bytes> [v1-out]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { generateSample } from '../dist/core/sample/generate.js';

const [out, bytesArg, v1out] = process.argv.slice(2);
const target = Number(bytesArg);
const w2 = createWriteStream(out);
const w1 = v1out ? createWriteStream(v1out) : undefined;
let written = 0;
let i = 1;
while (written < target) {
  let chunk = '';
  let chunk1 = '';
  for (let k = 0; k < 500 && written + chunk.length < target; k++, i++) {
    const s = generateSample(i, 'complete');
    chunk += JSON.stringify(s.v2) + '\n';
    // The 1.0 side: the first 5 000 participations (what diff-payload pairs at most).
    if (w1 && i <= 5000) chunk1 += JSON.stringify(s.v1) + '\n';
  }
  written += chunk.length;
  if (!w2.write(chunk)) await once(w2, 'drain');
  if (w1 && chunk1 && !w1.write(chunk1)) await once(w1, 'drain');
}
// One 1.0 side for every corpus size: a small corpus still gets all 5 000 (the rest unpaired).
for (let chunk1 = ''; w1 && i <= 5000; i++) {
  chunk1 += JSON.stringify(generateSample(i, 'complete').v1) + '\n';
  if (i % 500 === 0 || i === 5000) {
    if (!w1.write(chunk1)) await once(w1, 'drain');
    chunk1 = '';
  }
}
w2.end();
w1?.end();
// Both at once: awaiting one 'finish' event after the other may miss an event already emitted.
await Promise.all([finished(w2), ...(w1 ? [finished(w1)] : [])]);
process.stdout.write(`${written} bytes of 2.0 payloads\n`);

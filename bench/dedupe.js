// Dedupe at the 1 M cap: the receiver's ring buffer (dist/core/endpoint/dedupe.js) against the
// Set-only eviction it replaced (`seen.delete(seen.values().next().value)`), and the memory an id
// costs. Usage: node --expose-gc bench/dedupe.js [CAP] [BATCHES]   (prints one JSON line)
// Each batch is 1 000 inserts past the cap (each one evicts); medians are over batches.
import { randomUUID } from 'node:crypto';
import { createIdMemory } from '../dist/core/endpoint/dedupe.js';

const cap = Number(process.argv[2] ?? 1_000_000);
const batches = Number(process.argv[3] ?? 30);
const BATCH = 1_000;
const gc = globalThis.gc ?? (() => {});
const ids = (n) => Array.from({ length: n }, () => randomUUID().toUpperCase());
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function setOnly() {
  const seen = new Set();
  return (id) => {
    if (seen.has(id)) return true;
    seen.add(id);
    if (seen.size > cap) seen.delete(seen.values().next().value);
    return false;
  };
}
function ring() {
  const m = createIdMemory(cap);
  return (id) => m.seenBefore(id);
}

/** µs per evicting insert, one figure a batch, after filling to the cap. */
function evictionCosts(make) {
  const add = make();
  for (const id of ids(cap)) add(id);
  const out = [];
  for (let b = 0; b < batches; b++) {
    const more = ids(BATCH);
    gc();
    const t = process.hrtime.bigint();
    for (const id of more) add(id);
    out.push(Number(process.hrtime.bigint() - t) / 1000 / BATCH);
  }
  return out;
}

function bytesPerId() {
  const fill = ids(cap);
  gc();
  const before = process.memoryUsage().heapUsed;
  const m = createIdMemory(cap);
  for (const id of fill) m.seenBefore(id);
  gc();
  // The strings are held by `fill` as well: this is the ring slot plus the Set entry.
  return (process.memoryUsage().heapUsed - before) / m.size;
}

const r = evictionCosts(ring);
const s = evictionCosts(setOnly);
console.log(
  JSON.stringify({
    cap,
    evictions: batches * BATCH,
    ringUsPerEviction: { median: +median(r).toFixed(2), max: +Math.max(...r).toFixed(2) },
    setOnlyUsPerEviction: {
      firstBatch: +s[0].toFixed(2),
      lastBatch: +s[s.length - 1].toFixed(2),
      median: +median(s).toFixed(2),
    },
    bytesPerIdStructure: Math.round(bytesPerId()),
    // A 36-character one-byte string in V8: 16-byte header + 36 bytes, rounded to 8.
    bytesPerIdString: 56,
  }),
);

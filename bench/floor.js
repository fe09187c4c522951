// The floor for diff throughput: read NDJSON lines and JSON.parse each, nothing else.
// Usage: node bench/floor.js <file.ndjson>
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const rl = createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity });
let n = 0;
for await (const line of rl) {
  if (line) {
    JSON.parse(line);
    n++;
  }
}
process.stdout.write(`${n} records\n`);

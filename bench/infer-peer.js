// Schema inference by a peer library over an NDJSON corpus, the way a user would call it.
// Usage: node bench/infer-peer.js <genson|to-json-schema|quicktype> <file.ndjson>
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(new URL('./peers/package.json', import.meta.url));
const [peer, file] = process.argv.slice(2);
const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });

if (peer === 'genson') {
  // genson-js merges schemas incrementally, so it can stream.
  const { createSchema, mergeSchemas } = require('genson-js');
  let schema;
  for await (const line of rl) {
    if (!line) continue;
    const s = createSchema(JSON.parse(line));
    schema = schema ? mergeSchemas([schema, s]) : s;
  }
  process.stdout.write(`${Object.keys(schema?.properties ?? {}).length} top-level properties\n`);
} else if (peer === 'to-json-schema') {
  // to-json-schema infers from one value: the corpus as one array (it must be held in memory).
  const toJsonSchema = require('to-json-schema');
  const all = [];
  for await (const line of rl) if (line) all.push(JSON.parse(line));
  const schema = toJsonSchema(all, { arrays: { mode: 'all' } });
  process.stdout.write(
    `${Object.keys(schema.items?.properties ?? {}).length} top-level properties\n`,
  );
} else if (peer === 'quicktype') {
  // quicktype-core takes the samples as strings and infers one type from all of them.
  const { quicktype, InputData, jsonInputForTargetLanguage } = require('quicktype-core');
  const input = jsonInputForTargetLanguage('schema');
  const samples = [];
  for await (const line of rl) if (line) samples.push(line);
  await input.addSource({ name: 'Participation', samples });
  const data = new InputData();
  data.addInput(input);
  const result = await quicktype({ inputData: data, lang: 'schema' });
  process.stdout.write(`${result.lines.length} schema lines\n`);
} else {
  process.stderr.write(`unknown peer ${peer}\n`);
  process.exit(2);
}

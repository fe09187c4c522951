// Writes schema/*.schema.json from the zod schemas, so editors complete account and config files.
// `node scripts/gen-schema.js --check` exits 1 when the committed files are stale (run in tests).
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { AccountFileSchema } from '../dist/core/account/schema.js';
import { ConfigSchema } from '../dist/core/config-schema.js';

const targets = [
  ['schema/account.schema.json', AccountFileSchema, 'qwh account file', 'input'],
  ['schema/qwh-config.schema.json', ConfigSchema, 'qwh config file', 'input'],
];
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, schema, title, io] of targets) {
  const json = { ...z.toJSONSchema(schema, { io, target: 'draft-2020-12' }), title };
  const text = JSON.stringify(json, null, 2) + '\n';
  const url = new URL(`../${file}`, import.meta.url);
  if (check) {
    let current = '';
    try {
      current = readFileSync(url, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${file} is stale: run npm run schema`);
      stale++;
    }
  } else writeFileSync(url, text);
}
process.exitCode = stale ? 1 : 0;

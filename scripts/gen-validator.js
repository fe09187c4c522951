// Writes src/core/payload/v2-compiled.ts (see scripts/v2-validator-source.js); `--check` exits 1
// when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { ParticipationV2Schema } from '../dist/core/payload/v2.js';
import { V2_COMPILED_FILE, v2ValidatorSource } from './v2-validator-source.js';

const url = new URL(`../${V2_COMPILED_FILE}`, import.meta.url);
const text = await v2ValidatorSource(ParticipationV2Schema);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(url, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error(`${V2_COMPILED_FILE} is stale: run npm run validators`);
    process.exitCode = 1;
  }
} else writeFileSync(url, text);

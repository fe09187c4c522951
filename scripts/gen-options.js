#!/usr/bin/env node
// Regenerates the README's option reference from the commands' option tables (the same rows
// that register the flags and build the config schema). --check: exit 1 when the README is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPTION_TABLES } from '../dist/core/options/index.js';
import { optionTableMarkdown, replaceOptionSection } from '../dist/core/options/markdown.js';

const readme = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const before = readFileSync(readme, 'utf8');
let after = before;
for (const table of OPTION_TABLES) {
  const next = replaceOptionSection(after, table.command, optionTableMarkdown(table));
  if (next === null) {
    console.error(
      `README.md: no <!-- options:${table.command} --> … <!-- /options:${table.command} --> markers`,
    );
    process.exit(1);
  }
  after = next;
}
if (process.argv.includes('--check')) {
  if (after !== before) {
    console.error('README.md option tables are stale: run npm run options');
    process.exit(1);
  }
} else if (after !== before) writeFileSync(readme, after);

// Part of `npm run build`, after `tsc`: bundles the CLI entry (src/cli/main.ts) and its
// dependencies into dist/bundle/ with esbuild, which bin/qwh.js loads. tsc's dist/ stays for the
// library entry (dist/index.js) and the types. Code splitting keeps each command lazy: `--help`
// and `--version` run qwh.js alone, and a command's chunk loads only when it runs (zod, yaml,
// undici, ora, inquirer stay out of the start-up of commands that do not use them).
// Every output file sits two levels below the package root, like dist/cli/main.js and
// dist/commands/*.js, so `new URL('../../…', import.meta.url)` paths resolve the same.
// Source maps are not written (the package does not ship them). Measured in bench/BENCHMARKS.md.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('../dist/bundle/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { qwh: new URL('../src/cli/main.ts', import.meta.url).pathname },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  // commander, undici and cosmiconfig are CommonJS: their `require('node:…')` calls need a real
  // require in an ES module.
  banner: {
    js: "import { createRequire as __qwhCreateRequire } from 'node:module'; const require = __qwhCreateRequire(import.meta.url);",
  },
  // cosmiconfig's TypeScript loader requires `typescript` lazily (an optional peer, never a
  // dependency of qwh, and qwh refuses code configs before any loader runs).
  external: ['typescript'],
  legalComments: 'none',
  logLevel: 'warning',
});

import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { fastAnswer, packageVersion, printFast } from './fast-answer.js';

// tsc's entry (dist/cli/main.js, unbundled). The shipped bin runs src/cli/start.ts instead, which
// answers the same way and then loads a bundle.
// Node 22+ caches compiled code between runs: start-up matters for a CLI that runs in every CI job.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const version = packageVersion(fileURLToPath(new URL('../../package.json', import.meta.url)));
const argv = process.argv.slice(2);
const fast = fastAnswer(
  argv,
  version,
  fileURLToPath(new URL('../cli/help.json', import.meta.url)),
  process.stdout,
);
if (fast !== undefined) printFast(fast);
else {
  const { runCli } = await import('./run.js');
  await runCli(version);
}

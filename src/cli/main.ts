import { readFileSync } from 'node:fs';
import module from 'node:module';

// Node 22+ caches compiled code between runs: start-up matters for a CLI that runs in every CI job.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
const argv = process.argv.slice(2);

// `qwh --version` answers before loading commander or anything else.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // `qwh --version | true`: a reader that left early is not an error.
  process.stdout.on('error', () => process.exit(0));
  process.stdout.write(`${version}\n`);
} else {
  const { runCli } = await import('./run.js');
  await runCli(version);
}

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

/**
 * `qwh [command…] --help` as commander prints it to a pipe (80 columns), from the texts the build
 * rendered with commander itself (scripts/gen-help.js → dist/cli/help.json); undefined when the
 * request has another shape, the terminal is not 80 columns wide, or the file lacks it.
 */
function prebuiltHelp(): string | undefined {
  const last = argv[argv.length - 1];
  if (last !== '--help' && last !== '-h') return undefined;
  const path = argv.slice(0, -1);
  if (path.some((a) => a.startsWith('-'))) return undefined;
  if (process.stdout.isTTY && process.stdout.columns !== 80) return undefined;
  try {
    const texts = JSON.parse(
      readFileSync(new URL('../cli/help.json', import.meta.url), 'utf8'),
    ) as {
      [path: string]: string | undefined;
    };
    return Object.hasOwn(texts, path.join(' ')) ? texts[path.join(' ')] : undefined;
  } catch {
    return undefined;
  }
}

// `qwh --version` and `--help` answer before loading commander or anything else.
const help = prebuiltHelp();
if (help !== undefined || (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V'))) {
  // `qwh --version | true`: a reader that left early is not an error.
  process.stdout.on('error', () => process.exit(0));
  process.stdout.write(help ?? `${version}\n`);
} else {
  const { runCli } = await import('./run.js');
  await runCli(version);
}

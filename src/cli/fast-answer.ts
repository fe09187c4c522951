import { readFileSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';

/**
 * What `qwh --version` and `qwh [command…] --help` print, answered before commander or any other
 * module loads: a CI job runs qwh many times, and these two are its most frequent calls. Shared by
 * the shipped starter (src/cli/start.ts, CommonJS) and tsc's dist/cli/main.js, so it takes paths,
 * not `import.meta`.
 *
 * `--help` comes from the texts the build rendered with commander itself (scripts/gen-help.js →
 * dist/cli/help.json); undefined when the request has another shape, the terminal is not 80
 * columns wide (commander wraps to other widths), or the file lacks the entry.
 */
export function fastAnswer(
  argv: readonly string[],
  version: string,
  helpFile: string,
  stdout: { isTTY?: boolean; columns?: number },
): string | undefined {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return `${version}\n`;
  const last = argv[argv.length - 1];
  if (last !== '--help' && last !== '-h') return undefined;
  const path = argv.slice(0, -1);
  if (path.some((a) => a.startsWith('-'))) return undefined;
  if (stdout.isTTY && stdout.columns !== 80) return undefined;
  try {
    const texts = JSON.parse(readFileSync(helpFile, 'utf8')) as {
      [path: string]: string | undefined;
    };
    return Object.hasOwn(texts, path.join(' ')) ? texts[path.join(' ')] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What both entries do first: turn on Node 22+'s compile cache (compiled code kept between runs,
 * ES modules too; absent on Node 20), then answer `--version`/`--help` for the package at `root`.
 * Returns the version when the CLI must run, undefined when the answer was printed.
 */
export function answerFast(root: string): string | undefined {
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const version = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const fast = fastAnswer(
    process.argv.slice(2),
    version,
    join(root, 'dist/cli/help.json'),
    process.stdout,
  );
  if (fast === undefined) return version;
  // `qwh --version | true`: a reader that left early is not an error.
  process.stdout.on('error', () => process.exit(0));
  process.stdout.write(fast);
  return undefined;
}

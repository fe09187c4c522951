import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExitCode } from '../core/exit-codes.js';
import { answerFast } from './fast-answer.js';

/**
 * The shipped entry, bundled to CommonJS (dist/bundle/start.cjs, scripts/bundle.js) and required by
 * bin/qwh.js: `--version` and `--help` answer without starting Node's ES module loader, and
 * `qwh COMMAND …` imports the bundle built for that command alone (a handful of files instead of
 * the shared bundle's dozens of chunks: each module file costs the loader a resolve, a read and a
 * compile). Anything else (`qwh`, `qwh --no-color check`, `qwh help`, a typo) runs the shared
 * bundle, which has every command. Measured in bench/BENCHMARKS.md.
 */

/** Top-level command name → its bundle in dist/bundle/; defined by scripts/bundle.js. */
declare const QWH_BUNDLES: Record<string, string>;

const version = answerFast(join(__dirname, '../..'));
if (version !== undefined) {
  const first = process.argv[2];
  const file =
    first !== undefined && Object.hasOwn(QWH_BUNDLES, first) ? QWH_BUNDLES[first] : 'qwh.js';
  import(pathToFileURL(join(__dirname, file ?? 'qwh.js')).href)
    .then((m: { runCli: (version: string) => Promise<void> }) => m.runCli(version))
    .catch((e: unknown) => {
      // Only a broken install gets here (a bundle file missing or unreadable): runCli handles the rest.
      process.stderr.write(
        `qwh: cannot start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = ExitCode.INTERNAL;
    });
}

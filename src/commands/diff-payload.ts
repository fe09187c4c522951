import type { CommandHandler, PayloadEvent } from '../contracts/index.js';
import { resolve } from 'node:path';
import { loadConfig } from '../adapters/config-loader.js';
import { problemsError } from '../adapters/account-file.js';
import { readPayloads } from '../adapters/payload-reader.js';
import { readRegularFile } from '../adapters/read-file.js';
import type { FailOn } from '../core/diff/classify.js';
import { parseMap, parseRules, type Parsed } from '../core/diff/rules.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { decodeUtf8 } from '../core/input/decode.js';
import { ACCOUNT_FILE_LIMITS, MAX_ACCOUNT_FILE_BYTES } from '../core/input/limits.js';
import { detectFormat, parseDocumentText } from '../core/input/parse-document.js';
import { generateSample } from '../core/sample/generate.js';
import { runDiffPayload, type DiffSource } from '../services/diff-payload.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { MESSAGES } from '../messages/index.js';
import { renderDiffHuman } from '../ui/reporters/diff.js';
import { renderDiffMarkdown } from '../ui/reporters/diff-markdown.js';
import { startSpinner } from '../ui/spinner.js';

/** Seeds of the bundled demo (qwh sample --seed 1..DEMO_SAMPLES). */
export const DEMO_SAMPLES = 20;

type Format = 'table' | 'json' | 'markdown';

/** Reads and validates a --map or --rules file (JSON or YAML, bounded like every config file). */
async function loadSmallDocument<T>(
  file: string,
  cwd: string,
  shown: string,
  parse: (doc: unknown) => Parsed<T>,
  hint: string,
): Promise<T> {
  const text = decodeUtf8(
    await readRegularFile(resolve(cwd, file), MAX_ACCOUNT_FILE_BYTES, shown),
    shown,
  );
  const doc = parseDocumentText(text, detectFormat(file, text), ACCOUNT_FILE_LIMITS);
  if (!doc.ok) throw problemsError(shown, doc.problems, hint);
  const r = parse(doc.value);
  if (!r.ok) throw problemsError(shown, r.problems, hint);
  return r.value;
}

function* demoEvents(side: 'v1' | 'v2'): Generator<PayloadEvent> {
  for (let seed = 1; seed <= DEMO_SAMPLES; seed++) {
    const pair = generateSample(seed);
    yield {
      kind: 'record',
      value: side === 'v1' ? pair.v1 : pair.v2,
      where: `sample seed ${seed}`,
    };
  }
}

/** `qwh diff-payload [v1] [v2]`: exit 0, 1 when --fail-on is met, 2 on bad input. */
const diffPayload: CommandHandler = async (ctx, [v1Arg, v2Arg], opts) => {
  const { config, dir } = await loadConfig(ctx.cwd, opts.config as string | undefined);
  const cfg = config.diff ?? {};
  const format: Format = opts.json
    ? 'json'
    : ((opts.format as Format | undefined) ?? cfg.format ?? 'table');
  const failOn: FailOn = (opts.failOn as FailOn | undefined) ?? cfg.failOn ?? 'none';
  const fromFlagOrConfig = (
    flag: unknown,
    conf: string | undefined,
  ): { file: string; base: string } | undefined =>
    typeof flag === 'string'
      ? { file: flag, base: ctx.cwd }
      : conf
        ? { file: conf, base: dir }
        : undefined;
  const mapRef = fromFlagOrConfig(opts.map, cfg.map);
  const rulesRef = fromFlagOrConfig(opts.rules, cfg.rules);

  if ((v1Arg === undefined) !== (v2Arg === undefined))
    throw new UserError(MESSAGES.diff.needBoth, ExitCode.USAGE, MESSAGES.diff.needBothHint);
  if (v1Arg === '-' && v2Arg === '-')
    throw new UserError(MESSAGES.diff.twoStdin, ExitCode.USAGE, MESSAGES.diff.twoStdinHint);

  const map = mapRef
    ? await loadSmallDocument(
        mapRef.file,
        mapRef.base,
        mapRef.file,
        parseMap,
        MESSAGES.diff.mapInvalidHint,
      )
    : undefined;
  const rules = rulesRef
    ? await loadSmallDocument(
        rulesRef.file,
        rulesRef.base,
        rulesRef.file,
        parseRules,
        MESSAGES.diff.rulesInvalidHint,
      )
    : undefined;

  const logger = createLogger(ctx);
  let v1: DiffSource;
  let v2: DiffSource;
  if (v1Arg === undefined || v2Arg === undefined) {
    logger.info(MESSAGES.diff.demo(DEMO_SAMPLES));
    logger.hint(MESSAGES.diff.demoHint);
    v1 = { label: 'bundled 1.0 samples', events: demoEvents('v1') };
    v2 = { label: 'bundled 2.0 samples', events: demoEvents('v2') };
  } else {
    const common = { cwd: ctx.cwd, stdin: ctx.stdin, onNotice: (t: string) => logger.warn(t) };
    v1 = {
      label: v1Arg === '-' ? 'stdin' : v1Arg,
      events: readPayloads(v1Arg, { ...common, side: 'v1' }),
    };
    v2 = {
      label: v2Arg === '-' ? 'stdin' : v2Arg,
      events: readPayloads(v2Arg, { ...common, side: 'v2' }),
    };
  }

  const spinner = ctx.progress
    ? await startSpinner(ctx, MESSAGES.diff.reading('1.0', v1.label))
    : undefined;
  let result;
  try {
    result = await runDiffPayload(
      {
        v1,
        v2,
        failOn,
        skipInvalid: opts.skipInvalid === true,
        ...(map ? { map } : {}),
        ...(rules ? { rules } : {}),
      },
      {
        logger,
        signal: ctx.signal,
        progress: (side, label, n) =>
          spinner?.update(MESSAGES.diff.readingProgress(side, label, n)),
      },
    );
  } finally {
    spinner?.stop();
  }
  const { report, sample } = result;
  if (format === 'json') ctx.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else if (format === 'markdown') ctx.stdout.write(renderDiffMarkdown(report, sample));
  else ctx.stdout.write(renderDiffHuman(report, colorsFor(ctx.stdout)));
  if (report.failed) {
    logger.error(MESSAGES.diff.failed(failOn));
    return ExitCode.PROBLEMS;
  }
  return ExitCode.OK;
};
export default diffPayload;

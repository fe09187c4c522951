import type { CommandHandler } from '../contracts/index.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { diffSources } from '../adapters/diff-sources.js';
import { checkedOutputs, writeOutputFile } from '../adapters/output-file.js';
import { loadSmallDocument } from '../adapters/small-document.js';
import { appendStepSummary } from '../adapters/step-summary.js';
import { DEMO_SAMPLES } from '../core/diff/demo.js';
import { resolveDiffInput } from '../core/diff/input.js';
import { ExitCode } from '../core/exit-codes.js';
import { DIFF_PAYLOAD_OPTIONS } from '../core/options/diff-payload.js';
import { resolveOptions } from '../core/options/resolve.js';
import { MESSAGES } from '../messages/index.js';
import { runDiffWithEmits } from '../services/adapter-emit.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { diffOutput } from '../ui/reporters/diff-payload.js';
import { renderDiffSummary } from '../ui/reporters/step-summary.js';
import { startSpinner } from '../ui/spinner.js';

const D = MESSAGES.diff;

/** `qwh diff-payload [v1] [v2]`: exit 0, 1 when --fail-on is met, 2 on bad input. */
const diffPayload: CommandHandler = async (ctx, args, flags) => {
  const clock = ctx.clock ?? ((): number => 0);
  const started = clock();
  const { config, dir } = await loadCommandConfig(ctx, flags);
  const layers = { flags, args, env: ctx.env, config: config.diff, configDir: dir };
  const o = await checkedOutputs(
    ctx,
    DIFF_PAYLOAD_OPTIONS,
    resolveOptions(DIFF_PAYLOAD_OPTIONS, layers),
  );
  const input = resolveDiffInput(o);
  // zod (the rules' schema) loads only for a run that gives --map or --rules.
  const parse = input.map || input.rules ? await import('../core/diff/rules.js') : undefined;
  const map =
    input.map && parse
      ? await loadSmallDocument(ctx.cwd, input.map, parse.parseMap, D.mapInvalidHint)
      : undefined;
  const rules =
    input.rules && parse
      ? await loadSmallDocument(ctx.cwd, input.rules, parse.parseRules, D.rulesInvalidHint)
      : undefined;

  const logger = createLogger(ctx);
  if (input.inputs.kind === 'demo') {
    logger.info(D.demo(DEMO_SAMPLES));
    logger.hint(D.demoHint);
  }
  const { v1, v2 } = diffSources(input.inputs, {
    ...{ cwd: ctx.cwd, stdin: ctx.stdin },
    warn: (t) => logger.warn(t),
  });
  const spinner = ctx.progress ? await startSpinner(ctx, D.reading('1.0', v1.label)) : undefined;
  const result = await runDiffWithEmits(
    {
      v1,
      v2,
      failOn: input.failOn,
      skipInvalid: input.skipInvalid,
      ...(map ? { map } : {}),
      ...(rules ? { rules } : {}),
    },
    input.emit,
    {
      logger,
      version: ctx.version,
      write: (file, text, format) => writeOutputFile(ctx.cwd, file, text, ctx.redactor, format),
      signal: ctx.signal,
      progress: (s, label, n) => spinner?.update(D.readingProgress(s, label, n)),
    },
  ).finally(() => spinner?.stop());
  const seconds = (clock() - started) / 1000;
  printResult(ctx, result.adapterText ?? diffOutput(ctx, result, input.reporter, seconds));
  await appendStepSummary(ctx, logger, renderDiffSummary(result.report));
  if (!result.report.failed) return ExitCode.OK;
  logger.error(D.failed(input.failOn));
  return ExitCode.PROBLEMS;
};
export default diffPayload;

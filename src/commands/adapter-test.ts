import type { CommandHandler } from '../contracts/index.js';
import { languageOf, loadAdapter } from '../adapters/adapter-runner.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { diffSources } from '../adapters/diff-sources.js';
import { loadSmallDocument } from '../adapters/small-document.js';
import { resolveAdapterTestInput } from '../core/adapter/input.js';
import { parseMap } from '../core/diff/rules.js';
import { ExitCode } from '../core/exit-codes.js';
import { ADAPTER_TEST_OPTIONS } from '../core/options/adapter.js';
import { resolveOptions } from '../core/options/resolve.js';
import { MESSAGES } from '../messages/index.js';
import { runAdapterTest } from '../services/adapter-test.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { adapterTestOutput } from '../ui/reporters/adapter-test.js';

/** `qwh adapter test ADAPTER V1 V2`: exit 0 every pair identical, 1 some differ, 2 bad input. */
const adapterTest: CommandHandler = async (ctx, args, flags) => {
  await loadCommandConfig(ctx, flags);
  const input = resolveAdapterTestInput(
    resolveOptions(ADAPTER_TEST_OPTIONS, { flags, args, env: ctx.env }),
  );
  const map = input.map
    ? await loadSmallDocument(ctx.cwd, input.map, parseMap, MESSAGES.diff.mapInvalidHint)
    : undefined;
  const logger = createLogger(ctx);
  const language = languageOf(input.adapter, input.lang);
  const run = await loadAdapter(ctx.cwd, input.adapter, language, ctx.env);
  const { v1, v2 } = diffSources(
    { kind: 'files', v1: input.v1, v2: input.v2 },
    { cwd: ctx.cwd, stdin: ctx.stdin, warn: (t) => logger.warn(t) },
  );
  const report = await runAdapterTest(
    { adapter: { file: input.adapter, language, run }, v1, v2, ...(map ? { map } : {}) },
    { logger, signal: ctx.signal },
  );
  printResult(ctx, adapterTestOutput(ctx, report, input.reporter));
  return report.ok ? ExitCode.OK : ExitCode.PROBLEMS;
};
export default adapterTest;

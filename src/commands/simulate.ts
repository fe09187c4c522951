import type { CommandHandler } from '../contracts/index.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { createHttpSender } from '../adapters/http-sender.js';
import { loadForMigrate, resolveAccountFile, storeFor } from '../adapters/migrate-files.js';
import { splitCredentials } from '../core/endpoint/target-url.js';
import { ExitCode } from '../core/exit-codes.js';
import { resolveOptions } from '../core/options/resolve.js';
import { SIMULATE_OPTIONS } from '../core/options/simulate.js';
import { backOfficeView } from '../core/simulate/back-office.js';
import { resolveSimulateInput } from '../core/simulate/input.js';
import { simulatedParticipations } from '../core/simulate/participations.js';
import { runSimulate } from '../services/simulate.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { createPrompter } from '../ui/prompts.js';
import { SIMULATE_REPORTERS } from '../ui/reporters/simulate.js';
import { buildDeps } from './migrate-deps.js';

/**
 * `qwh simulate [file] --participations N`: a Qualifio stand-in. Exit 0 every delivery answered
 * 2xx (or --dry-run), 1 one was not, 3 a webhook could not be reached, 2 bad input, 4 refused.
 */
const simulate: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const cfg = await loadCommandConfig(ctx, flags);
  const o = resolveOptions(SIMULATE_OPTIONS, { flags, args, env: ctx.env });
  const input = resolveSimulateInput(o);
  const file = await resolveAccountFile(ctx, input.file, cfg, createPrompter(ctx));
  const loaded = await loadForMigrate(ctx, file, log);
  const trust = { trustEnv: cfg.config.trust?.env };
  const deps = await buildDeps(ctx, storeFor(loaded.path, file, log), log, trust);
  const view = backOfficeView(loaded.account, await deps.stages.read(), input.missing, file);
  const participations = simulatedParticipations(loaded.account, input.participations, input.seed);
  const sender = createHttpSender({ timeoutMs: input.timeoutMs, connections: 2 });
  try {
    const res = await runSimulate(
      { view, participations, seed: input.seed, dryRun: input.dryRun },
      {
        sender,
        resolveSecret: deps.resolveSecret,
        splitUrl: (u) => splitCredentials(u, ctx.redactor),
        logger: log,
        signal: ctx.signal,
      },
    );
    printResult(ctx, SIMULATE_REPORTERS[input.reporter]({ file, ...res }, colorsFor(ctx.stdout)));
    if (res.unreachable > 0) return ExitCode.UNREACHABLE;
    return res.failed > 0 ? ExitCode.PROBLEMS : ExitCode.OK;
  } finally {
    await sender.close();
  }
};
export default simulate;

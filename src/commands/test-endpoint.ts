import { resolve } from 'node:path';
import type { CommandHandler } from '../contracts/index.js';
import { loadAccountWebhook } from '../adapters/account-webhook.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { accountBases, readEndpointTarget } from '../adapters/endpoint-target.js';
import { createBurstSender } from '../adapters/burst-sender.js';
import { createHttpSender } from '../adapters/http-sender.js';
import { checkedOutputs, writeOutputFile } from '../adapters/output-file.js';
import { appendStepSummary } from '../adapters/step-summary.js';
import { SUITE_CHECK_IDS } from '../core/endpoint/checks.js';
import { resolveTestEndpointInput } from '../core/endpoint/input.js';
import { showUrl } from '../core/endpoint/target-url.js';
import { UserError } from '../core/errors.js';
import { ExitCode, exitCodeOfVerdict } from '../core/exit-codes.js';
import { resolveOptions } from '../core/options/resolve.js';
import { TEST_ENDPOINT_OPTIONS } from '../core/options/test-endpoint.js';
import { MESSAGES } from '../messages/index.js';
import { runEndpointChecks } from '../services/endpoint-checks.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { renderEndpointSummary } from '../ui/reporters/step-summary.js';
import { endpointOutputs } from '../ui/reporters/test-endpoint.js';
import { startSpinner } from '../ui/spinner.js';
import { writeArtilleryExport } from './test-endpoint-export.js';

const E = MESSAGES.endpoint;

/** `qwh test-endpoint [url]`: exit 0 all pass, 1 a check failed, 2 bad input, 3 unreachable, 4 refused address. */
const testEndpoint: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const { config, dir: configDir } = await loadCommandConfig(ctx, flags);
  const layers = { flags, args, env: ctx.env, configDir, config: config.testEndpoint };
  const o = await checkedOutputs(
    ctx,
    TEST_ENDPOINT_OPTIONS,
    resolveOptions(TEST_ENDPOINT_OPTIONS, layers),
  );
  const accountFile =
    o.account ?? (config.account ? resolve(configDir, config.account) : undefined);
  if (o.webhook && !accountFile) throw new UserError(E.webhookNeedsAccount, ExitCode.USAGE);
  const acc =
    o.webhook && accountFile
      ? await loadAccountWebhook(accountFile, ctx.cwd, o.webhook)
      : undefined;
  const input = resolveTestEndpointInput(o, acc?.webhook, [...SUITE_CHECK_IDS, 'burst']);
  // A load test for Artillery's runners: two files written, nothing sent, no secret read.
  if (input.export) return writeArtilleryExport(ctx, log, input, input.export.file);
  // An account file's secret references: only the env names the user allows (trust model).
  const trusted = [...(config.trust?.env ?? []), o.secretEnv ?? '', o.authHeaderEnv ?? ''];
  const accBases = acc && accountFile ? await accountBases(acc, accountFile, trusted) : {};
  const target = await readEndpointTarget(input, {
    ...{ env: ctx.env, cwd: ctx.cwd, masker: ctx.redactor, log },
    bases: { cwd: ctx.cwd, config: configDir, ...accBases },
  });

  const testing = E.testing(showUrl(target.url));
  const spinner = await startSpinner(ctx, testing);
  const report = await runEndpointChecks(target, {
    createSender: createHttpSender,
    createBurstSender,
    clock: { now: () => performance.now() },
    logger: log,
    signal: ctx.signal,
    version: ctx.version,
    progress: (p) => spinner.update(`${testing} — ${E.progress(p.done, p.total)}`),
  }).finally(() => spinner.stop());

  const out = endpointOutputs(ctx, report, input.reporter, input.out !== undefined);
  if (input.out !== undefined && out.file !== undefined)
    await writeOutputFile(ctx.cwd, input.out, out.file, ctx.redactor, out.format);
  printResult(ctx, out.stdout);
  if (input.out !== undefined)
    log.info(E.reportWritten(input.out, input.reporter === 'github' ? 'json' : input.reporter));
  await appendStepSummary(ctx, log, renderEndpointSummary(report));
  return exitCodeOfVerdict(report.verdict);
};
export default testEndpoint;

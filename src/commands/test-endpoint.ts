import { resolve } from 'node:path';
import type { CommandHandler } from '../contracts/index.js';
import { loadAccountWebhook } from '../adapters/account-webhook.js';
import { loadConfig } from '../adapters/config-loader.js';
import { assertAllowedTarget, createHttpSender } from '../adapters/http-sender.js';
import { writeOutputFile } from '../adapters/output-file.js';
import { loadPayloads } from '../adapters/payload-input.js';
import { readRegularFile } from '../adapters/read-file.js';
import { readSecretPick } from '../adapters/secrets.js';
import { SUITE_CHECK_IDS } from '../core/endpoint/checks.js';
import { resolveTestEndpointInput } from '../core/endpoint/input.js';
import { showUrl, splitCredentials } from '../core/endpoint/target-url.js';
import { UserError } from '../core/errors.js';
import { ExitCode, exitCodeOfVerdict } from '../core/exit-codes.js';
import { resolveOptions } from '../core/options/resolve.js';
import { TEST_ENDPOINT_OPTIONS } from '../core/options/test-endpoint.js';
import { MESSAGES } from '../messages/index.js';
import { runEndpointChecks } from '../services/endpoint-checks.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { endpointOutputs } from '../ui/reporters/test-endpoint.js';
import { startSpinner } from '../ui/spinner.js';

const E = MESSAGES.endpoint;
const MAX_CA_BYTES = 1024 * 1024;

/** `qwh test-endpoint [url]`: exit 0 all pass, 1 a check failed, 2 bad input, 3 unreachable, 4 refused address. */
const testEndpoint: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const { config, dir: configDir } = await loadConfig(ctx.cwd, flags.config as string | undefined);
  const o = resolveOptions(TEST_ENDPOINT_OPTIONS, {
    flags,
    args,
    env: ctx.env,
    config: config.testEndpoint,
    configDir,
  });
  const accountFile =
    o.account ?? (config.account ? resolve(configDir, config.account) : undefined);
  if (o.webhook && !accountFile) throw new UserError(E.webhookNeedsAccount, ExitCode.USAGE);
  const acc =
    o.webhook && accountFile
      ? await loadAccountWebhook(accountFile, ctx.cwd, o.webhook)
      : undefined;
  const input = resolveTestEndpointInput(o, acc?.webhook, [...SUITE_CHECK_IDS, 'burst']);

  const { url, basic } = splitCredentials(input.url, ctx.redactor);
  const bases = { cwd: ctx.cwd, config: configDir, ...(acc ? { account: acc.dir } : {}) };
  const read = (p: NonNullable<typeof input.secret>): Promise<string> =>
    readSecretPick(p, ctx.env, bases, ctx.redactor);
  const secret = input.secret ? await read(input.secret) : undefined;
  let authHeader = input.authHeader
    ? { name: input.authHeader.name, value: await read(input.authHeader.value) }
    : undefined;
  if (!authHeader && basic) {
    authHeader = { name: 'Authorization', value: basic };
    log.info(E.credentialsInUrl);
  }
  if (input.version === 1 && secret) log.warn(E.v1WithSecret);
  const ca = input.caFile
    ? await readRegularFile(resolve(ctx.cwd, input.caFile), MAX_CA_BYTES, input.caFile)
    : undefined;
  const payloads = input.payload
    ? await loadPayloads(input.payload, ctx.cwd, input.version, (m) => log.warn(m))
    : undefined;
  // Refuse link-local / metadata targets before anything is sent (exit 4).
  await assertAllowedTarget(url);

  // The target holds what was read: secrets and CA bytes, not the references to them.
  const { payload: _p, caFile: _c, secret: _s, authHeader: _a, reporter, out, ...rest } = input;
  const spinner = await startSpinner(ctx, E.testing(showUrl(url)));
  const report = await runEndpointChecks(
    {
      ...rest,
      url,
      ...(secret ? { secret } : {}),
      ...(authHeader ? { authHeader } : {}),
      ...(payloads ? { payloads } : {}),
      ...(ca ? { ca } : {}),
    },
    {
      createSender: createHttpSender,
      clock: { now: () => performance.now() },
      logger: log,
      signal: ctx.signal,
      version: ctx.version,
      progress: (p) =>
        spinner.update(`${E.testing(showUrl(url))} — ${E.progress(p.done, p.total)}`),
    },
  ).finally(() => spinner.stop());

  const shown = endpointOutputs(ctx, report, reporter, out !== undefined);
  if (out !== undefined && shown.file !== undefined)
    await writeOutputFile(ctx.cwd, out, shown.file, ctx.redactor);
  printResult(ctx, shown.stdout);
  if (out !== undefined) log.info(E.reportWritten(out, reporter));
  return exitCodeOfVerdict(report.verdict);
};
export default testEndpoint;

import { errnoOf } from '../adapters/errno.js';
import type { CommandHandler, RuntimeContext } from '../contracts/index.js';
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { loadAccountFile } from '../adapters/account-file.js';
import { loadConfig } from '../adapters/config-loader.js';
import { assertAllowedTarget, createHttpSender } from '../adapters/http-sender.js';
import { loadPayloads } from '../adapters/payload-input.js';
import { readRegularFile } from '../adapters/read-file.js';
import { resolveSecretRef } from '../adapters/secrets.js';
import { TOKEN_QUERY_PARAM } from '../core/assumptions.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { maskUrl } from '../core/redact.js';
import { runEndpointChecks, unknownChecks } from '../services/endpoint-checks.js';
import type { EndpointReport, EndpointTarget } from '../core/endpoint/report.js';
import { SUITE_CHECK_IDS } from '../core/endpoint/checks.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { MESSAGES } from '../messages/index.js';
import { renderEndpointGithub } from '../ui/reporters/endpoint-github.js';
import { renderEndpointHuman } from '../ui/reporters/endpoint-human.js';
import { renderEndpointJson } from '../ui/reporters/endpoint-json.js';
import { renderEndpointJunit } from '../ui/reporters/endpoint-junit.js';
import { startSpinner } from '../ui/spinner.js';
import {
  authHeaderOf,
  choice,
  pathFrom,
  secretAndAuthFromFlags,
  secretFromConfig,
  wholeNumber,
} from './endpoint-input.js';

const E = MESSAGES.endpoint;
const REPORTERS = ['human', 'json', 'junit', 'github'] as const;
type Reporter = (typeof REPORTERS)[number];
const MAX_CA_BYTES = 1024 * 1024;

const showUrl = (u: string): string => maskUrl(u, (k) => TOKEN_QUERY_PARAM.test(k));

interface FromAccount {
  url: string;
  version: 1 | 2;
  secret?: string;
  authHeader?: { name: string; value: string };
}

async function webhookFromAccount(
  ctx: RuntimeContext,
  file: string,
  key: string,
): Promise<FromAccount> {
  const loaded = await loadAccountFile(file, ctx.cwd);
  const hook = loaded.account.webhooks.find((w) => w.key === key);
  if (!hook)
    throw new UserError(
      E.noWebhook(file, key),
      ExitCode.USAGE,
      E.noWebhookHint(loaded.account.webhooks.map((w) => w.key).join(', ')),
    );
  const src = { env: ctx.env, baseDir: loaded.dir, redactor: ctx.redactor };
  if (hook.version === 1) return { url: hook.url, version: 1 };
  return {
    url: hook.host,
    version: 2,
    ...(hook.secret ? { secret: await resolveSecretRef(hook.secret, src) } : {}),
    ...(hook.authHeader
      ? {
          authHeader: {
            name: hook.authHeader.name,
            value: await resolveSecretRef(hook.authHeader.value, src),
          },
        }
      : {}),
  };
}

/** Moves URL credentials (user:pass@) into a Basic auth header and registers every secret part for masking. */
function splitCredentials(ctx: RuntimeContext, raw: string): { url: string; basic?: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UserError(E.badUrl(showUrl(raw)), ExitCode.USAGE, E.badUrlHint);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new UserError(E.badUrl(showUrl(raw)), ExitCode.USAGE, E.badUrlHint);
  for (const [k, v] of u.searchParams) if (TOKEN_QUERY_PARAM.test(k)) ctx.redactor.add(v);
  if (!u.username && !u.password) return { url: u.toString() };
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  ctx.redactor.add(pass);
  ctx.redactor.add(u.password);
  const basic = `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;
  ctx.redactor.add(basic.slice('Basic '.length));
  u.username = '';
  u.password = '';
  return { url: u.toString(), basic };
}

async function writeAtomic(ctx: RuntimeContext, file: string, text: string): Promise<void> {
  const abs = resolve(ctx.cwd, file);
  const tmp = join(dirname(abs), `.${basename(abs)}.qwh-tmp-${process.pid}`);
  try {
    await writeFile(tmp, ctx.redactor.redact(text), { mode: 0o644 });
    await rename(tmp, abs);
  } catch (e) {
    throw new UserError(
      MESSAGES.input.unreadable(file, errnoOf(e) ?? 'write failed'),
      ExitCode.USAGE,
    );
  }
}

function render(r: EndpointReport, reporter: Reporter): string {
  switch (reporter) {
    case 'json':
      return renderEndpointJson(r);
    case 'junit':
      return renderEndpointJunit(r);
    case 'github':
      return renderEndpointGithub(r);
    case 'human':
      return '';
  }
}

/** `qwh test-endpoint [url]`: exit 0 all pass, 1 a check failed, 2 bad input, 3 unreachable, 4 refused address. */
const testEndpoint: CommandHandler = async (ctx, [urlArg], opts) => {
  const env = ctx.env;
  const log = createLogger(ctx);
  const { config, dir: cfgDir } = await loadConfig(ctx.cwd, opts.config as string | undefined);
  const te = config.testEndpoint ?? {};
  const cfgSrc = { env, baseDir: cfgDir, redactor: ctx.redactor };

  // Webhook of an account file: the lowest layer above defaults.
  let acc: FromAccount | undefined;
  const webhook = opts.webhook as string | undefined;
  if (webhook) {
    const accountFile =
      (opts.account as string | undefined) ??
      (config.account ? pathFrom(cfgDir, config.account) : undefined);
    if (!accountFile) throw new UserError(E.webhookNeedsAccount, ExitCode.USAGE);
    acc = await webhookFromAccount(ctx, accountFile, webhook);
  } else if (opts.account) {
    throw new UserError(E.accountNeedsWebhook, ExitCode.USAGE);
  }

  const flags = await secretAndAuthFromFlags(ctx, opts);
  const rawUrl = urlArg ?? (env.QWH_ENDPOINT_URL || undefined) ?? te.url ?? acc?.url;
  if (!rawUrl) throw new UserError(E.needUrl, ExitCode.USAGE, E.needUrlHint);
  const { url, basic } = splitCredentials(ctx, rawUrl);

  const version = (Number(opts.version ?? te.version ?? acc?.version ?? 2) === 1 ? 1 : 2) as 1 | 2;
  const secret =
    flags.secret ??
    (te.secret ? await secretFromConfig(te.secret, cfgSrc) : undefined) ??
    acc?.secret;
  let authHeader = authHeaderOf(
    flags.authName ?? te.authHeader?.name ?? acc?.authHeader?.name,
    flags.authValue ??
      (te.authHeader ? await secretFromConfig(te.authHeader.value, cfgSrc) : undefined) ??
      acc?.authHeader?.value,
  );
  if (!authHeader && basic) {
    authHeader = { name: 'Authorization', value: basic };
    log.info(E.credentialsInUrl);
  }
  if (version === 1 && secret) log.warn(E.v1WithSecret);

  const timeoutMs =
    wholeNumber('--timeout', opts.timeout ?? env.QWH_TIMEOUT_MS ?? te.timeoutMs, 100, 600_000) ??
    15_000;
  const warnMs =
    wholeNumber('--warn-ms', opts.warnMs ?? env.QWH_WARN_MS ?? te.warnMs, 1, 600_000) ?? 5_000;
  const seed = wholeNumber('--seed', opts.seed ?? te.seed, 0, 2 ** 32 - 1);
  const count = wholeNumber('--count', opts.count, 1, 10_000_000);
  const concurrency = wholeNumber('--concurrency', opts.concurrency ?? te.concurrency, 1, 1024);
  const sample = choice('--sample', opts.sample ?? te.sample, ['complete', 'incomplete', 'all']);
  const reporter: Reporter = opts.json
    ? 'json'
    : (choice(
        '--reporter',
        opts.reporter ?? (env.QWH_REPORTER || undefined) ?? te.reporter,
        REPORTERS,
      ) ?? 'human');
  const out = (opts.out as string | undefined) ?? (te.out ? pathFrom(cfgDir, te.out) : undefined);
  if (out && reporter === 'human') throw new UserError(E.outNeedsReporter, ExitCode.USAGE);

  const checksRaw = (opts.checks as string | undefined) ?? (env.QWH_CHECKS || undefined);
  const checks = checksRaw
    ? checksRaw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : te.checks;
  if (checks) {
    const unknown = unknownChecks(checks);
    if (unknown.length > 0)
      throw new UserError(
        E.unknownChecks(unknown.join(', ')),
        ExitCode.USAGE,
        E.unknownChecksHint([...SUITE_CHECK_IDS, 'burst'].join(', ')),
      );
  }

  const caPath =
    (opts.caFile as string | undefined) ??
    (env.QWH_CA_FILE || undefined) ??
    (te.caFile ? pathFrom(cfgDir, te.caFile) : undefined);
  const ca = caPath
    ? await readRegularFile(resolve(ctx.cwd, caPath), MAX_CA_BYTES, caPath)
    : undefined;

  const payloadPath =
    (opts.payload as string | undefined) ?? (te.payload ? pathFrom(cfgDir, te.payload) : undefined);
  const payloads = payloadPath
    ? await loadPayloads(payloadPath, ctx.cwd, version, (m) => log.warn(m))
    : undefined;

  // Refuse link-local / metadata targets before anything is sent (exit 4).
  await assertAllowedTarget(url);

  const target: EndpointTarget = {
    url,
    version,
    timeoutMs,
    warnMs,
    ...(authHeader ? { authHeader } : {}),
    ...(secret ? { secret } : {}),
    ...(payloads ? { payloads } : {}),
    ...(sample ? { sample } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(checks ? { checks } : {}),
    ...(ca ? { ca } : {}),
    ...(count ? { count } : {}),
    ...(concurrency ? { concurrency } : {}),
  };

  const spinner = await startSpinner(ctx, E.testing(showUrl(url)));
  let report: EndpointReport;
  try {
    report = await runEndpointChecks(target, {
      createSender: createHttpSender,
      clock: { now: () => performance.now() },
      logger: log,
      signal: ctx.signal,
      version: ctx.version,
      progress: (p) =>
        spinner.update(`${E.testing(showUrl(url))} — ${E.progress(p.done, p.total)}`),
    });
  } finally {
    spinner.stop();
  }

  const c = colorsFor(ctx.stdout);
  const human = renderEndpointHuman(report, c);
  if (out) {
    await writeAtomic(ctx, out, render(report, reporter));
    ctx.stdout.write(human);
    log.info(E.reportWritten(out, reporter));
  } else if (reporter === 'human') ctx.stdout.write(human);
  else if (reporter === 'github') ctx.stdout.write(human + render(report, reporter));
  else ctx.stdout.write(render(report, reporter));

  if (report.verdict === 'unreachable') return ExitCode.UNREACHABLE;
  return report.verdict === 'fail' ? ExitCode.PROBLEMS : ExitCode.OK;
};
export default testEndpoint;

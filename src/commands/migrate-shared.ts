import type { CommandHandler, Logger, Prompter, RuntimeContext } from '../contracts/index.js';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { findAccountFile, loadAccountFile, type LoadedAccount } from '../adapters/account-file.js';
import { presentDefaultAccountFiles } from '../adapters/default-account-files.js';
import { AccountStore } from '../adapters/account-store.js';
import type { LoadedConfig } from '../adapters/config-loader.js';
import { assertAllowedTarget, createHttpSender } from '../adapters/http-sender.js';
import { readRegularFile } from '../adapters/read-file.js';
import { resolveSecretRef } from '../adapters/secrets.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { formatPath } from '../core/path.js';
import { registerUrlSecrets, type MigrateDeps } from '../services/migrate.js';
import type { AccountSnapshot, ApplyResult } from '../core/migrate/results.js';
import { buildRunbook, type Runbook } from '../core/migrate/runbook.js';
import type { Plan } from '../core/migrate/types.js';
import type { PrepareDeps } from '../services/migrate-prepare.js';
import { writeOutputFile } from '../adapters/output-file.js';
import { renderRunbookMarkdown } from '../ui/reporters/migrate.js';
import { checkSuiteVerifier } from '../services/migrate-verify.js';
import { MESSAGES } from '../messages/index.js';
import { startSpinner } from '../ui/spinner.js';

const M = MESSAGES.migrate;
const MAX_CA_BYTES = 1024 * 1024;
const MAX_PLAN_BYTES = 4 * 1024 * 1024;
/** p95 above this is a warning, not a failure, in migrate's verification. */
const VERIFY_WARN_MS = 5_000;

type Opts = Parameters<CommandHandler>[2];

/**
 * The account file: the argument, else `account` from config, else the one
 * ./qualifio-account.{yaml,yml,json}; when several defaults exist, ask (TTY) or name the argument.
 */
export async function resolveAccountFile(
  ctx: RuntimeContext,
  arg: string | undefined,
  cfg: LoadedConfig,
  prompter: Prompter,
): Promise<string> {
  if (arg) return arg;
  if (cfg.config.account) return resolve(cfg.dir, cfg.config.account);
  const present = await presentDefaultAccountFiles(ctx.cwd);
  if (present.length > 1) {
    if (!prompter.interactive)
      throw new UserError(M.noAccountFile(present), ExitCode.USAGE, M.noAccountFileHint);
    return prompter.select(
      M.pickAccountFile,
      '[account-file]',
      present.map((p) => ({ name: p, value: p })),
    );
  }
  return findAccountFile(undefined, undefined, ctx.cwd);
}

/** Loads and validates the account file (exit 2), warns about its soft problems, registers its URL credentials for masking. */
export async function loadForMigrate(
  ctx: RuntimeContext,
  file: string,
  log: Logger,
): Promise<LoadedAccount> {
  const loaded = await loadAccountFile(file, ctx.cwd);
  registerUrlSecrets(loaded.account, (v) => ctx.redactor.add(v));
  for (const w of loaded.warnings) log.warn(`${file} › ${formatPath(w.path)}: ${w.message}`);
  return loaded;
}

/** The loaded file as the service sees it. */
export function snapshotOfLoaded(l: AccountSnapshot): AccountSnapshot {
  return { text: l.text, format: l.format, data: l.data, account: l.account };
}

/** Parses --verify-timeout. */
function timeoutOf(v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 100 || v > 600_000)
    throw new UserError(M.badTimeout(String(v)), ExitCode.USAGE);
  return v;
}

/** Everything the migrate service needs, wired to the real world. */
export async function buildDeps(
  ctx: RuntimeContext,
  store: AccountStore,
  log: Logger,
  opts: Opts,
): Promise<MigrateDeps> {
  const caPath = opts.caFile as string | undefined;
  const ca = caPath
    ? await readRegularFile(resolve(ctx.cwd, caPath), MAX_CA_BYTES, caPath)
    : undefined;
  const src = { env: ctx.env, baseDir: store.dir, redactor: ctx.redactor };
  return {
    store,
    verify: checkSuiteVerifier(
      {
        createSender: createHttpSender,
        clock: { now: () => performance.now() },
        logger: log,
        version: ctx.version,
      },
      {
        timeoutMs: timeoutOf(opts.verifyTimeout ?? 15_000),
        warnMs: VERIFY_WARN_MS,
        ...(ca ? { ca } : {}),
        assertAllowed: (url) => assertAllowedTarget(url),
      },
    ),
    randomHex: (n) => randomBytes(n).toString('hex'),
    now: () => new Date(),
    logger: log,
    spinner: (text) => startSpinner(ctx, text),
    signal: ctx.signal,
    resolveSecret: (ref) => resolveSecretRef(ref, src),
    registerSecret: (v) => {
      ctx.redactor.add(v);
      // The base64 part alone of a Basic/Bearer value is just as secret.
      const m = /^(?:Basic|Bearer) (.+)$/.exec(v);
      if (m?.[1]) ctx.redactor.add(m[1]);
    },
  };
}

/** The store of an account file, warnings to the logger. */
export function storeFor(
  _ctx: RuntimeContext,
  path: string,
  shown: string,
  log: Logger,
): AccountStore {
  return new AccountStore(path, shown, (m) => log.warn(m));
}

/** The back-office runbook after a run: 1.0 off only where it really went off. */
export function runbookAfter(r: ApplyResult): Runbook {
  return buildRunbook(
    r.final.account,
    r.units.map((u) => ({ v1Key: u.v1Key, v2Key: u.v2Key, v1: u.v1 })),
  );
}

/** Writes the --runbook file (Markdown, masked) and says so; nothing without --runbook. */
export async function writeRunbook(
  ctx: RuntimeContext,
  log: Logger,
  file: string | undefined,
  runbook: Runbook,
): Promise<void> {
  if (!file) return;
  await writeOutputFile(ctx.cwd, file, renderRunbookMarkdown(runbook), ctx.redactor);
  log.info(M.runbookWritten(file, runbook.steps.length));
}

/** Saves the plan for `--plan` (JSON, no secrets in it; masked all the same) and says so. */
export async function writePlanFile(
  ctx: RuntimeContext,
  log: Logger,
  file: string,
  plan: Plan,
): Promise<void> {
  await writeOutputFile(ctx.cwd, file, JSON.stringify(plan, null, 2) + '\n', ctx.redactor);
  log.info(M.planSaved(file));
}

/** The plan phase's world: saved plans, the account file and its store, prompts. */
export function prepareDepsFor(
  ctx: RuntimeContext,
  cfg: LoadedConfig,
  prompter: Prompter,
  log: Logger,
): PrepareDeps<AccountStore> {
  return {
    readPlanFile: async (f) =>
      (await readRegularFile(resolve(ctx.cwd, f), MAX_PLAN_BYTES, f)).toString('utf8'),
    pickAccountFile: (given) => resolveAccountFile(ctx, given, cfg, prompter),
    loadAccount: (f) => loadForMigrate(ctx, f, log),
    storeOf: (source, f) => storeFor(ctx, source.path, f, log),
    prompter,
    logger: log,
  };
}

/** Keeps the first Ctrl-C from killing the run mid-step: the step finishes, then the run stops (130). */
export function finishStepOnInterrupt(ctx: RuntimeContext, log: Logger): () => void {
  return ctx.onInterrupt(() => log.warn(M.finishingStep));
}

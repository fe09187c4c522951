import { errnoOf } from '../adapters/errno.js';
import type { CommandHandler, Logger, Prompter, RuntimeContext } from '../contracts/index.js';
import { randomBytes } from 'node:crypto';
import { access, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  DEFAULT_ACCOUNT_FILES,
  findAccountFile,
  loadAccountFile,
  type LoadedAccount,
} from '../adapters/account-file.js';
import { AccountStore } from '../adapters/account-store.js';
import type { LoadedConfig } from '../adapters/config-loader.js';
import { assertAllowedTarget, createHttpSender } from '../adapters/http-sender.js';
import { readRegularFile } from '../adapters/read-file.js';
import { resolveSecretRef } from '../adapters/secrets.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { formatPath } from '../core/path.js';
import { registerUrlSecrets, type MigrateDeps } from '../services/migrate.js';
import type { AccountSnapshot } from '../core/migrate/results.js';
import { checkSuiteVerifier } from '../services/migrate-verify.js';
import { MESSAGES } from '../messages/index.js';
import { startSpinner } from '../ui/spinner.js';

const M = MESSAGES.migrate;
const MAX_CA_BYTES = 1024 * 1024;
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
  const present: string[] = [];
  for (const name of DEFAULT_ACCOUNT_FILES) {
    try {
      await access(resolve(ctx.cwd, name));
      present.push(name);
    } catch {
      // not there
    }
  }
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
export function snapshotOfLoaded(l: LoadedAccount): AccountSnapshot {
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

/** Writes a text file atomically (temp + rename), masked as a second line of defence. */
export async function writeTextFile(
  ctx: RuntimeContext,
  file: string,
  text: string,
): Promise<void> {
  const abs = resolve(ctx.cwd, file);
  const tmp = join(dirname(abs), `.${basename(abs)}.qwh-tmp-${process.pid}`);
  try {
    await writeFile(tmp, ctx.redactor.redact(text), { mode: 0o644 });
    await rename(tmp, abs);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw new UserError(
      MESSAGES.input.unreadable(file, errnoOf(e) ?? 'write failed'),
      ExitCode.USAGE,
    );
  }
}

/** Keeps the first Ctrl-C from killing the run mid-step: the step finishes, then the run stops (130). */
export function finishStepOnInterrupt(ctx: RuntimeContext, log: Logger): () => void {
  return ctx.onInterrupt(() => log.warn(M.finishingStep));
}

import { randomBytes } from 'node:crypto';
import type { Logger, Prompter, RuntimeContext } from '../contracts/index.js';
import type { AccountStore } from '../adapters/account-store.js';
import type { LoadedConfig } from '../adapters/config-loader.js';
import { assertAllowedTarget, createHttpSender } from '../adapters/http-sender.js';
import {
  loadForMigrate,
  readPlanText,
  resolveAccountFile,
  storeFor,
  stagesOf,
} from '../adapters/migrate-files.js';
import { readCaFile } from '../adapters/ca-file.js';
import { ObservedFile } from '../adapters/observed-file.js';
import { trustOf } from '../core/account/secret-trust.js';
import { accountSecretResolver } from './migrate-secret-resolver.js';
import type { AccountSnapshot } from '../core/migrate/results.js';
import { MESSAGES } from '../messages/index.js';
import type { MigrateDeps } from '../services/migrate.js';
import type { PrepareDeps } from '../services/migrate-prepare.js';
import { checkSuiteVerifier } from '../services/migrate-verify.js';
import { verifyConfigured } from '../services/migrate-cutover.js';
import { ExitCode } from '../core/exit-codes.js';
import { startSpinner } from '../ui/spinner.js';

// The real world of `qwh migrate`, `resume` and `rollback`: the deps their services are given.

const M = MESSAGES.migrate;
/** p95 above this is a warning, not a failure, in migrate's verification. */
const VERIFY_WARN_MS = 5_000;

/** The loaded file as the service sees it. */
export function snapshotOfLoaded(l: AccountSnapshot): AccountSnapshot {
  return { text: l.text, format: l.format, data: l.data, account: l.account };
}

/** Everything the migrate service needs, wired to the real world. */
export async function buildDeps(
  ctx: RuntimeContext,
  store: AccountStore,
  log: Logger,
  verify: {
    verifyTimeout?: number;
    caFile?: string | undefined;
    /** Env names the account file may read: the user's trust.env and --secret-env. */
    trustEnv?: ReadonlyArray<string | undefined>;
  },
): Promise<MigrateDeps> {
  const { caFile } = verify;
  const ca = caFile ? await readCaFile(ctx.cwd, caFile) : undefined;
  const src = { env: ctx.env, baseDir: store.dir, redactor: ctx.redactor };
  const deps = { createSender: createHttpSender, clock: { now: () => performance.now() } };
  return {
    store,
    stages: stagesOf(store),
    observed: new ObservedFile(store.path),
    user: ctx.env.USER ?? ctx.env.USERNAME ?? 'unknown',
    verify: checkSuiteVerifier(
      { ...deps, logger: log, version: ctx.version },
      {
        timeoutMs: verify.verifyTimeout ?? 15_000,
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
    resolveSecret: accountSecretResolver(src, store, log, trustOf(verify.trustEnv)),
    registerSecret: (v) => {
      ctx.redactor.add(v);
      // The base64 part alone of a Basic/Bearer value is just as secret.
      const m = /^(?:Basic|Bearer) (.+)$/.exec(v);
      if (m?.[1]) ctx.redactor.add(m[1]);
    },
  };
}

/** The plan phase's world: saved plans, the account file and its store, prompts. */
export function prepareDepsFor(
  ctx: RuntimeContext,
  cfg: LoadedConfig,
  prompter: Prompter,
  log: Logger,
): PrepareDeps<AccountStore> {
  return {
    readPlanFile: (f) => readPlanText(ctx.cwd, f),
    pickAccountFile: (given) => resolveAccountFile(ctx, given, cfg, prompter),
    loadAccount: (f) => loadForMigrate(ctx, f, log),
    storeOf: (source, f) => storeFor(source.path, f, log),
    secretFileExists: (store, rel) => store.exists(rel),
    prompter,
    logger: log,
  };
}

/** Keeps the first Ctrl-C from killing the run mid-step: the step finishes, then the run stops (130). */
export function finishStepOnInterrupt(ctx: RuntimeContext, log: Logger): () => void {
  return ctx.onInterrupt(() => log.warn(M.finishingStep));
}

/**
 * A plain `qwh migrate` with nothing left to write advances what the gates allow: it verifies
 * the receivers of webhooks confirmed `configured`. The exit code: 1 a check failed, 3 a
 * receiver unreachable, else 0.
 */
export async function advanceConfigured(
  ctx: RuntimeContext,
  store: AccountStore,
  source: AccountSnapshot,
  log: Logger,
  opts: {
    verifyTimeout?: number;
    caFile?: string | undefined;
    trustEnv?: ReadonlyArray<string | undefined>;
    allowInsecure: boolean;
  },
): Promise<number> {
  const deps = await buildDeps(ctx, store, log, opts);
  const out = await verifyConfigured(snapshotOfLoaded(source), deps, opts);
  const verdicts = out.map((o) => o.result.verdict);
  if (verdicts.includes('fail')) return ExitCode.PROBLEMS;
  return verdicts.includes('unreachable') ? ExitCode.UNREACHABLE : ExitCode.OK;
}

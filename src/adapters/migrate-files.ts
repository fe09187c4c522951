import { StagesFile } from './stages-file.js';
import { resolve } from 'node:path';
import type { Logger, Prompter, RuntimeContext } from '../contracts/index.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { Plan } from '../core/migrate/types.js';
import { registerUrlSecrets } from '../core/migrate/url-secrets.js';
import { formatPathByKey } from '../core/path.js';
import { MESSAGES } from '../messages/index.js';
import { findAccountFile, loadAccountFile, type LoadedAccount } from './account-file.js';
import { AccountStore } from './account-store.js';
import type { LoadedConfig } from './config-loader.js';
import { presentDefaultAccountFiles } from './default-account-files.js';
import { writeOutputFile } from './output-file.js';
import { readRegularFile } from './read-file.js';

// The files `qwh migrate`, `resume` and `rollback` read and write, beside the account file.

const M = MESSAGES.migrate;
const MAX_PLAN_BYTES = 4 * 1024 * 1024;

/** A saved plan's text (`--plan`), bounded. */
export async function readPlanText(cwd: string, file: string): Promise<string> {
  return (await readRegularFile(resolve(cwd, file), MAX_PLAN_BYTES, file)).toString('utf8');
}

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
  return findAccountFile(undefined, undefined, ctx.cwd, 'migrate');
}

/** Loads and validates the account file (exit 2), warns about its soft problems, registers its URL credentials for masking. */
export async function loadForMigrate(
  ctx: RuntimeContext,
  file: string,
  log: Logger,
): Promise<LoadedAccount> {
  const loaded = await loadAccountFile(file, ctx.cwd);
  registerUrlSecrets(loaded.account, (v, label) => ctx.redactor.add(v, label));
  for (const w of loaded.warnings)
    log.warn(`${file} › ${formatPathByKey(w.path, loaded.account.webhooks)}: ${w.message}`);
  return loaded;
}

/** The store of an account file, warnings to the logger. */
export function storeFor(path: string, shown: string, log: Logger): AccountStore {
  return new AccountStore(path, shown, (m) => log.warn(m));
}

/** The stages file of an account store, read as the account file backs it (journal + file hash). */
export function stagesOf(store: AccountStore): StagesFile {
  return new StagesFile(store.path, store.shown, async () => ({
    records: await store.readJournal(),
    sha256: (await store.readCurrent()).sha256,
  }));
}

/** Saves the plan for `--plan` (JSON, no secrets in it; masked all the same) and says so. */
export async function writePlanFile(
  ctx: RuntimeContext,
  log: Logger,
  file: string,
  plan: Plan,
): Promise<void> {
  await writeOutputFile(ctx.cwd, file, JSON.stringify(plan, null, 2) + '\n', ctx.redactor, 'json');
  log.info(M.planSaved(file));
}

import type { CommandHandler, Prompter, RuntimeContext } from '../contracts/index.js';
import { resolve } from 'node:path';
import { sha256Hex } from '../core/hash.js';
import { loadConfig } from '../adapters/config-loader.js';
import { readRegularFile } from '../adapters/read-file.js';
import type { AccountFile, WebhookV1 } from '../core/account/schema.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { canonicalJson } from '../core/migrate/canonical-json.js';
import { unfinishedRun } from '../core/migrate/journal.js';
import { planMigration } from '../core/migrate/plan.js';
import { plannedPairs, previewPlan, type PlanPreview } from '../core/migrate/preview.js';
import {
  buildRunbook,
  inferPairs,
  type Runbook,
  type RunbookPair,
} from '../core/migrate/runbook.js';
import { splitV1Url } from '../core/migrate/rules/v1-url.js';
import { PLAN_VERSION, type Plan, type PlanOptions } from '../core/migrate/types.js';
import { applyMigration } from '../services/migrate.js';
import type { ApplyResult } from '../core/migrate/results.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { MESSAGES } from '../messages/index.js';
import { createPrompter } from '../ui/prompts.js';
import {
  renderNeedsHuman,
  renderNext,
  renderPlanHuman,
  renderResultHuman,
  renderRunbookMarkdown,
} from '../ui/reporters/migrate.js';
import {
  buildDeps,
  finishStepOnInterrupt,
  loadForMigrate,
  resolveAccountFile,
  snapshotOfLoaded,
  storeFor,
  writeTextFile,
} from './migrate-shared.js';

const M = MESSAGES.migrate;
const MAX_PLAN_BYTES = 4 * 1024 * 1024;

/** Flags that shape a plan: `--plan` replays the saved options, so these conflict with it. */
const SHAPING_FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['secretEnv', '--secret-env'],
  ['incomplete', '--incomplete'],
  ['keepV1', '--keep-v1'],
  ['skipVerify', '--skip-verify'],
  ['allowInsecureHost', '--allow-insecure-host'],
  ['only', '--only'],
  ['queryToken', '--query-token'],
];

type Opts = Parameters<CommandHandler>[2];

async function readSavedPlan(ctx: RuntimeContext, file: string): Promise<Plan> {
  const bytes = await readRegularFile(resolve(ctx.cwd, file), MAX_PLAN_BYTES, file);
  let v: unknown;
  try {
    v = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new UserError(M.planUnreadable(file, 'not JSON'), ExitCode.USAGE, M.planUnreadableHint);
  }
  const p = v as Partial<Plan> | null;
  if (!p || typeof p !== 'object' || p.tool !== 'qwh' || typeof p.sourceSha256 !== 'string')
    throw new UserError(
      M.planUnreadable(file, 'no qwh plan fields'),
      ExitCode.USAGE,
      M.planUnreadableHint,
    );
  if (p.planVersion !== PLAN_VERSION)
    throw new UserError(
      M.planUnreadable(
        file,
        `plan version ${String(p.planVersion)}, this qwh reads ${PLAN_VERSION}`,
      ),
      ExitCode.USAGE,
      M.planUnreadableHint,
    );
  if (typeof p.file !== 'string' || !p.options || typeof p.options !== 'object')
    throw new UserError(
      M.planUnreadable(file, 'no file or options'),
      ExitCode.USAGE,
      M.planUnreadableHint,
    );
  return p as Plan;
}

/** Plan options from flags > config > defaults; prompts (TTY) only fill what neither answers. */
async function resolveOptions(
  opts: Opts,
  mc: {
    secretEnv?: string | undefined;
    incomplete?: boolean | undefined;
    keepV1?: boolean | undefined;
    allowInsecureHost?: boolean | undefined;
  },
  account: AccountFile,
  prompter: Prompter,
  mayAsk: boolean,
): Promise<PlanOptions | undefined> {
  const enabledV1 = account.webhooks.filter((w): w is WebhookV1 => w.version === 1 && w.enabled);
  let only: string[] | undefined;
  if (typeof opts.only === 'string') {
    only = opts.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const known = enabledV1.map((w) => w.key);
    const unknown = only.filter((k) => !known.includes(k));
    if (unknown.length > 0 || only.length === 0)
      throw new UserError(
        M.unknownOnly(unknown.join(',') || '""', known.join(', ')),
        ExitCode.USAGE,
      );
  } else if (mayAsk && prompter.interactive && enabledV1.length > 1) {
    only = await prompter.checkbox(
      M.pickWebhooks,
      '--only',
      enabledV1.map((w) => ({
        name: `${w.key} (${scopeText(w.scope)})`,
        value: w.key,
        checked: true,
      })),
    );
    if (only.length === 0) return undefined;
    if (only.length === enabledV1.length) only = undefined;
  }
  let queryToken = opts.queryToken as 'keep' | 'move' | undefined;
  if (!queryToken && mayAsk && prompter.interactive) {
    const withToken = enabledV1.filter((w) => {
      if (only && !only.includes(w.key)) return false;
      const p = splitV1Url(w.url, 'keep');
      return p.tokenParams.length === 1 && !p.username && !p.password;
    });
    if (withToken.length > 0)
      queryToken = await prompter.select<'keep' | 'move'>(
        M.askQueryToken(withToken.map((w) => w.key).join(', ')),
        '--query-token',
        [
          { name: M.queryTokenKeep, value: 'keep' },
          { name: M.queryTokenMove, value: 'move' },
        ],
      );
  }
  const secretEnv = (opts.secretEnv as string | undefined) ?? mc.secretEnv;
  if (secretEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(secretEnv))
    throw new UserError(
      `--secret-env ${secretEnv}: must be an environment variable name`,
      ExitCode.USAGE,
    );
  return {
    ...(secretEnv ? { secretEnv } : {}),
    incomplete: (opts.incomplete as boolean | undefined) ?? mc.incomplete ?? false,
    keepV1: (opts.keepV1 as boolean | undefined) ?? mc.keepV1 ?? false,
    skipVerify: Boolean(opts.skipVerify),
    allowInsecureHost:
      (opts.allowInsecureHost as boolean | undefined) ?? mc.allowInsecureHost ?? false,
    ...(only ? { only } : {}),
    queryToken: queryToken ?? 'keep',
  };
}

function scopeText(scope: AccountFile['webhooks'][number]['scope']): string {
  return scope === 'account' ? 'account' : `website ${scope.website}`;
}

/** Pairs for the runbook after a run: 1.0 off only where it really went off. */
function resultPairs(r: ApplyResult): RunbookPair[] {
  return r.units.map((u) => ({ v1Key: u.v1Key, v2Key: u.v2Key, v1: u.v1 }));
}

function nextLines(file: string, plan: Plan, r: ApplyResult | undefined, dry: boolean): string[] {
  if (dry) return [M.nextApply(file)];
  if (!r) return [];
  const failed = r.units.filter((u) => u.verify && u.verify.verdict !== 'pass');
  if (failed.length > 0) return failed.map((u) => M.nextFix(file, u.v2Key));
  if (plan.options.skipVerify || plan.options.keepV1) return [M.nextVerifyLater(file)];
  return [M.nextDone(file)];
}

/** `qwh migrate [file]`: plan → confirm → apply → verify → turn 1.0 off; exit codes in the spec. */
const migrate: CommandHandler = async (ctx, [fileArg], opts) => {
  const log = createLogger(ctx);
  const prompter = createPrompter(ctx);
  const c = colorsFor(ctx.stdout);
  const json = Boolean(opts.json);
  const cfg = await loadConfig(ctx.cwd, opts.config as string | undefined);
  const mc = cfg.config.migrate ?? {};
  const planFile = opts.plan as string | undefined;
  if (planFile && opts.planOut) throw new UserError(M.planAndPlanOut, ExitCode.USAGE);
  if (planFile) {
    const given = SHAPING_FLAGS.filter(([k]) => opts[k] !== undefined).map(([, f]) => f);
    if (given.length > 0) throw new UserError(M.planFixesOptions(given.join(', ')), ExitCode.USAGE);
  }
  const saved = planFile ? await readSavedPlan(ctx, planFile) : undefined;
  const file = await resolveAccountFile(ctx, fileArg ?? saved?.file, cfg, prompter);
  const loaded = await loadForMigrate(ctx, file, log);
  const store = storeFor(ctx, loaded.path, file, log);
  const dry = Boolean(opts.dryRun);
  const stopsBeforeApply = dry || Boolean(opts.planOut);

  const open = unfinishedRun(await store.readJournal());
  if (open && !stopsBeforeApply)
    throw new UserError(M.unfinished(file, open.begin.at), ExitCode.PARTIAL, M.unfinishedHint);
  if (open) log.warn(M.unfinishedDryRun);

  const source = { file, format: loaded.format, sourceSha256: sha256Hex(loaded.bytes) };
  let plan: Plan;
  if (saved && planFile) {
    if (saved.sourceSha256 !== source.sourceSha256)
      throw new UserError(M.planStale(planFile, file), ExitCode.REFUSED, M.planStaleHint);
    plan = planMigration(loaded.account, source, saved.options);
    if (canonicalJson({ ...plan, file: '' }) !== canonicalJson({ ...saved, file: '' }))
      throw new UserError(M.planMismatch(planFile), ExitCode.REFUSED, M.planStaleHint);
  } else {
    const options = await resolveOptions(opts, mc, loaded.account, prompter, !dry && !opts.yes);
    if (!options) {
      log.info(M.pickNone);
      return ExitCode.OK;
    }
    plan = planMigration(loaded.account, source, options);
  }

  const accountLabel = `${loaded.account.account.name} (account ${loaded.account.account.id})`;
  const preview: PlanPreview | undefined =
    plan.changes > 0 ? previewPlan({ ...snapshotOfLoaded(loaded), name: file }, plan) : undefined;
  const runbookFile =
    (opts.runbook as string | undefined) ?? (mc.runbook ? resolve(cfg.dir, mc.runbook) : undefined);
  const runbookOf = (account: AccountFile, pairs: RunbookPair[]): Runbook =>
    buildRunbook(account, pairs);
  const planRunbook =
    plan.changes > 0 && preview
      ? runbookOf(preview.finalAccount, plannedPairs(plan))
      : runbookOf(loaded.account, inferPairs(loaded.account));

  const emitJson = (extra: Record<string, unknown>, runbook: Runbook, next: string[]): void => {
    ctx.stdout.write(
      JSON.stringify(
        {
          file,
          account: loaded.account.account,
          dryRun: dry,
          changes: plan.changes,
          plan,
          diff: { apply: preview?.writeDiff ?? '', afterVerification: preview?.disableDiff ?? '' },
          needsHuman: plan.needsHuman,
          runbook,
          ...extra,
          next,
        },
        null,
        2,
      ) + '\n',
    );
  };
  const writeRunbook = async (r: Runbook): Promise<void> => {
    if (!runbookFile) return;
    await writeTextFile(ctx, runbookFile, renderRunbookMarkdown(r));
    log.info(M.runbookWritten(runbookFile, r.steps.length));
  };

  // Nothing to do: say so, write nothing (not even a backup).
  if (plan.changes === 0) {
    await writeRunbook(planRunbook);
    if (json) emitJson({ result: null }, planRunbook, []);
    else {
      ctx.stdout.write(`${c.green('✔')} ${M.zeroChanges(file)}\n`);
      const extra = renderNeedsHuman(plan, c);
      if (extra.length > 0) ctx.stdout.write(extra.join('\n') + '\n');
    }
    return ExitCode.OK;
  }

  if (!json) ctx.stdout.write(renderPlanHuman(plan, preview, planRunbook, accountLabel, c));

  if (dry || opts.planOut) {
    await writeRunbook(planRunbook);
    if (opts.planOut) {
      await writeTextFile(ctx, opts.planOut as string, JSON.stringify(plan, null, 2) + '\n');
      log.info(M.planSaved(opts.planOut as string));
    }
    const next = opts.planOut
      ? [M.nextPlan(file, opts.planOut as string)]
      : nextLines(file, plan, undefined, true);
    if (json) emitJson({ result: null }, planRunbook, next);
    else ctx.stdout.write(`\n${M.dryRun}\n${renderNext(next, c)}`);
    return ExitCode.OK;
  }

  if (plan.blocked) {
    if (json) emitJson({ result: null, refused: 'blocked' }, planRunbook, []);
    const n = plan.needsHuman.filter((x) => x.severity === 'blocker').length;
    throw new UserError(M.blocked(n), ExitCode.REFUSED, M.blockedHint);
  }

  if (!opts.yes) {
    const ok = await prompter.confirm(M.confirm(plan.changes, file), '--yes', ExitCode.REFUSED);
    if (!ok) {
      log.info(M.declined);
      return ExitCode.REFUSED;
    }
  }

  const deps = await buildDeps(ctx, store, log, opts);
  const unregister = finishStepOnInterrupt(ctx, log);
  let result: ApplyResult;
  try {
    result = await applyMigration({ snapshot: snapshotOfLoaded(loaded), plan }, deps);
  } finally {
    unregister();
  }
  const runbook = runbookOf(result.final.account, resultPairs(result));
  await writeRunbook(runbook);
  const next = nextLines(file, plan, result, false);
  if (json) {
    emitJson(
      {
        result: {
          run: result.run,
          outcome: result.outcome,
          backup: result.backup ?? null,
          secretFiles: result.secretFiles,
          units: result.units,
        },
      },
      runbook,
      next,
    );
  } else {
    ctx.stdout.write('\n' + renderResultHuman(result, c));
    if (!runbookFile && runbook.steps.length > 0)
      ctx.stdout.write(M.runbookHint(runbook.steps.length) + '\n');
    ctx.stdout.write(renderNext(next, c));
  }
  return result.exitCode;
};
export default migrate;

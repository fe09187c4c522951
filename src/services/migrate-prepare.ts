import type { Logger, Prompter } from '../contracts/index.js';
import type { AccountFile, WebhookV1 } from '../core/account/schema.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { sha256Hex } from '../core/hash.js';
import { canonicalJson } from '../core/migrate/canonical-json.js';
import type { MigrateInput, PlanOptionsDraft } from '../core/migrate/input.js';
import { unfinishedRun, type JournalRecord } from '../core/migrate/journal.js';
import { planMigration } from '../core/migrate/plan.js';
import { parseSavedPlan } from '../core/migrate/plan-schema.js';
import { plannedPairs, previewPlan, type PlanPreview } from '../core/migrate/preview.js';
import type { AccountSnapshot } from '../core/migrate/results.js';
import { buildRunbook, inferPairs, type Runbook } from '../core/migrate/runbook.js';
import { splitV1Url } from '../core/migrate/rules/v1-url.js';
import type { KeptSecretFile, Plan, PlanOptions } from '../core/migrate/types.js';
import { routesViewOfUnits, type RoutesView } from '../core/routing/view.js';
import { MESSAGES } from '../messages/index.js';
import type { MigrateStore } from './migrate.js';

const M = MESSAGES.migrate;

/** The account file as read: what the service plans from, plus its bytes (for the plan's hash). */
export interface SourceAccount extends AccountSnapshot {
  /** Absolute path. */
  path: string;
  bytes: Uint8Array;
}

/** What planning needs from the world (src/commands/migrate.ts wires the adapters). */
export interface PrepareDeps<S extends MigrateStore> {
  /** The text of a saved plan (bounded; exit 2 naming the file when it cannot be read). */
  readPlanFile: (file: string) => Promise<string>;
  /** The account file to use when none is given (config, the one default file, or a prompt). */
  pickAccountFile: (given: string | undefined) => Promise<string>;
  /** Reads, parses and validates the account file (exit 2 naming file and path). */
  loadAccount: (file: string) => Promise<SourceAccount>;
  /** The store (lock, journal, backups) of the account file. */
  storeOf: (source: SourceAccount, file: string) => S;
  /** True when a file named relative to the account file exists (a secret file apply would keep). */
  secretFileExists?: (store: S, rel: string) => Promise<boolean>;
  prompter: Prompter;
  logger: Logger;
}

/** A plan ready to confirm and apply, with what a human reviews first. */
export interface PreparedPlan<S extends MigrateStore> {
  file: string;
  source: SourceAccount;
  store: S;
  plan: Plan;
  /** The diffs of the file (only when the plan changes it). */
  preview?: PlanPreview;
  /** The back-office steps if every step succeeds. */
  runbook: Runbook;
  /** Blockers in the plan: apply refuses while there is one. */
  blockers: number;
  /** Planned secret files that exist already: apply keeps them (the plan must not say "new"). */
  keptSecrets: KeptSecretFile[];
  /** Where each participation goes before → after the plan, and the verdict. */
  routes: RoutesView;
}

/** The plan phase's outcome: a plan, or the user picked no webhook at the prompt. */
export type Prepared<S extends MigrateStore> =
  ({ kind: 'plan' } & PreparedPlan<S>) | { kind: 'none-picked'; file: string };

/**
 * migrate's plan phase: reads the account file and checks its journal, then plans — from the
 * options (prompting on a terminal for what neither flags nor config answer), or from a saved
 * plan after checking it was made from these very bytes and plans the same — and previews the
 * diffs and the back-office runbook. Nothing is written.
 */
export async function prepareMigration<S extends MigrateStore>(
  input: MigrateInput,
  deps: PrepareDeps<S>,
): Promise<Prepared<S>> {
  const saved = input.plan
    ? parseSavedPlan(await deps.readPlanFile(input.plan), input.plan)
    : undefined;
  const file = await deps.pickAccountFile(input.file ?? saved?.file);
  const source = await deps.loadAccount(file);
  const store = deps.storeOf(source, file);

  const records = await store.readJournal();
  refuseUnfinished(records, file, input.dryRun || input.planOut !== undefined, deps.logger);

  const from = { file, format: source.format, sourceSha256: sha256Hex(source.bytes) };
  let plan: Plan;
  if (saved && input.plan) {
    if (saved.sourceSha256 !== from.sourceSha256)
      throw new UserError(M.planStale(input.plan, file), ExitCode.REFUSED, M.planStaleHint);
    plan = planMigration(source.account, from, saved.options);
    // The file is the same, so the same qwh plans the same: anything else is an edited plan.
    if (canonicalJson({ ...plan, file: '' }) !== canonicalJson({ ...saved, file: '' }))
      throw new UserError(M.planMismatch(input.plan), ExitCode.REFUSED, M.planStaleHint);
  } else {
    const mayAsk = !input.dryRun && !input.yes;
    // Blockers first: no question is asked for a plan that apply would refuse anyway.
    const first = await settleOptions(input.options, source.account, deps.prompter, false);
    plan = planMigration(source.account, from, first!);
    if (mayAsk && !plan.blocked) {
      const options = await settleOptions(input.options, source.account, deps.prompter, mayAsk);
      if (!options) return { kind: 'none-picked', file };
      plan = planMigration(source.account, from, options);
    }
  }

  const preview =
    plan.changes > 0 ? previewPlan({ ...snapshotPart(source), name: file }, plan) : undefined;
  const runbook = preview
    ? buildRunbook(preview.finalAccount, plannedPairs(plan))
    : buildRunbook(source.account, inferPairs(source.account));
  const blockers = plan.needsHuman.filter((n) => n.severity === 'blocker').length;
  return {
    kind: 'plan',
    file,
    source,
    store,
    plan,
    ...(preview ? { preview } : {}),
    runbook,
    blockers,
    routes: routesViewOfUnits(source.account, file, plan.units),
    keptSecrets: await keptSecretFiles(plan, records, (rel) =>
      deps.secretFileExists ? deps.secretFileExists(store, rel) : Promise.resolve(false),
    ),
  };
}

/** An earlier run stopped part-way: refused (exit 5) before an apply, a warning before a dry run. */
function refuseUnfinished(
  records: Parameters<typeof unfinishedRun>[0],
  file: string,
  stopsBeforeApply: boolean,
  logger: { warn(m: string): void },
): void {
  const open = unfinishedRun(records);
  if (!open) return;
  if (!stopsBeforeApply)
    throw new UserError(
      M.unfinished(file, open.begin.at),
      ExitCode.PARTIAL,
      M.unfinishedHint(file),
    );
  logger.warn(M.unfinishedDryRun(file));
}

/** The plan's secret files that already exist, each with the run that created it (if one did). */
async function keptSecretFiles(
  plan: Plan,
  records: readonly JournalRecord[],
  exists: (rel: string) => Promise<boolean>,
): Promise<KeptSecretFile[]> {
  const out: KeptSecretFile[] = [];
  for (const sf of plan.units.flatMap((u) => u.secretFiles)) {
    if (!(await exists(sf.file))) continue;
    const made = records.find(
      (r) => r.t === 'secret-file' && r.file === sf.file && r.state === 'created',
    );
    out.push({ file: sf.file, ...(made ? { createdBy: { run: made.run, at: made.at } } : {}) });
  }
  return out;
}

function snapshotPart(s: SourceAccount): AccountSnapshot {
  return { text: s.text, format: s.format, data: s.data, account: s.account };
}

function scopeText(scope: AccountFile['webhooks'][number]['scope']): string {
  return scope === 'account' ? 'account' : `website ${scope.website}`;
}

/**
 * Completes the plan options against the account: checks `--only` names enabled 1.0 webhooks;
 * on a terminal, asks which webhooks (when several) and where a query-string token goes, unless
 * a flag answered. Undefined when the user picks no webhook.
 */
export async function settleOptions(
  draft: PlanOptionsDraft,
  account: AccountFile,
  prompter: Prompter,
  mayAsk: boolean,
): Promise<PlanOptions | undefined> {
  const enabledV1 = account.webhooks.filter((w): w is WebhookV1 => w.version === 1 && w.enabled);
  let only = draft.only;
  if (only !== undefined) {
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
  let queryToken = draft.queryToken;
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
  const { only: _o, queryToken: _q, ...fixed } = draft;
  return { ...fixed, ...(only ? { only } : {}), queryToken: queryToken ?? 'keep' };
}

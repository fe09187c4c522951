import type { AccountFile } from '../../core/account/schema.js';
import { UserError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { sha256Hex } from '../../core/hash.js';
import { editAccountText } from '../../core/migrate/edit-text.js';
import { planWriteEdits, type AccountEdit } from '../../core/migrate/edits.js';
import { passedInRun, type JournalRecord, type RunOutcome } from '../../core/migrate/journal.js';
import type { AccountSnapshot, ApplyResult, UnitResult } from '../../core/migrate/results.js';
import type { Plan } from '../../core/migrate/types.js';
import { MESSAGES } from '../../messages/index.js';
import { snapshotOf, type MigrateDeps } from './deps.js';
import { newRunId, RunJournal } from './run-journal.js';
import { withPlanned } from './stage-record.js';
import { secretFileValue, targetFor } from './secrets.js';

const M = MESSAGES.migrate;

/** The steps that replace the account file. */
export type WriteStep = Extract<JournalRecord, { t: 'write' }>['step'];

/** One apply run in progress: its plan, journal, the file as the run has left it so far, results. */
export interface ApplyRun {
  readonly plan: Plan;
  readonly deps: MigrateDeps;
  readonly journal: RunJournal;
  /** The file's hash when the run (or its resume) started, to tell whether this call changed it. */
  readonly startSha: string;
  /** 2.0 keys whose verification passed in an earlier process of this run (not sent again). */
  readonly passed: ReadonlySet<string>;
  readonly secretFiles: ApplyResult['secretFiles'];
  readonly units: Map<string, UnitResult>;
  current: AccountSnapshot;
  sha: string;
}

/** Starts a run (a new id) or picks up the unfinished one of the journal (`resume`). */
export function startRun(
  snapshot: AccountSnapshot,
  plan: Plan,
  deps: MigrateDeps,
  state: { sha: string; resume?: { run: string; records: JournalRecord[] } },
): ApplyRun {
  const run = state.resume?.run ?? newRunId(deps.now(), deps.randomHex);
  const prior = state.resume?.records ?? [];
  const units = new Map<string, UnitResult>(
    plan.units.map((u) => [
      u.v1.key,
      {
        v1Key: u.v1.key,
        v2Key: u.v2Key,
        created: Boolean(u.create),
        twins: u.twins.length,
        v1: { do: 'keep-on', reason: 'until-reconciled' },
      },
    ]),
  );
  return {
    plan,
    deps,
    journal: new RunJournal(deps.store, deps.now, run, prior),
    startSha: state.sha,
    passed: passedInRun(prior),
    secretFiles: [],
    units,
    current: snapshot,
    sha: state.sha,
  };
}

/** Before any effect: every secret verification will need must resolve (else the run never begins). */
export async function preflight(run: ApplyRun): Promise<void> {
  await preflightPlan(run.plan, run.current.account, run.deps, run.passed);
}

/**
 * The inputs a plan's apply reads before it writes anything (a `--secret-env` variable, the
 * secrets of an adopted 2.0 webhook), read and checked now: a dry run runs exactly this too,
 * so it refuses what the real run would refuse.
 */
export async function preflightPlan(
  plan: Plan,
  account: AccountFile,
  deps: Pick<MigrateDeps, 'resolveSecret'>,
  passed: ReadonlySet<string> = new Set(),
): Promise<void> {
  for (const u of plan.units) {
    if (u.create?.secret && 'env' in u.create.secret)
      await deps.resolveSecret({ env: u.create.secret.env });
    if (u.mode === 'adopt' && u.verify && !passed.has(u.v2Key))
      await targetFor(account, u, plan, deps);
  }
}

/** Journals the run's beginning (what it plans to do), unless it began in an earlier process. */
export async function beginRun(run: ApplyRun): Promise<void> {
  const { plan } = run;
  await run.journal.once('begin', async () => ({
    t: 'begin',
    command: 'migrate',
    file: run.deps.store.shown,
    sourceSha256: run.sha,
    options: plan.options,
    planned: {
      create: plan.units.filter((u) => u.create).map((u) => u.v2Key),
      twins: plan.counts.ruleTwins,
      disable: [],
    },
  }));
}

/** Between steps: after a Ctrl-C, journals where the run stopped and ends it (exit 130). */
export async function checkpoint(run: ApplyRun, after: string): Promise<void> {
  if (!run.deps.signal.aborted) return;
  await run.journal.record({ t: 'interrupted', after });
  throw new UserError(
    M.interruptedAfter(after),
    ExitCode.INTERRUPTED,
    M.interruptedHint(run.deps.store.shown),
  );
}

/** Backs the file up before the run's first write; once per run (a resume reuses it). */
export async function ensureBackup(run: ApplyRun): Promise<void> {
  const { store, now } = run.deps;
  await run.journal.once('backup', async () => ({
    t: 'backup',
    backup: store.rel(await store.backup(now())),
    sha256: run.sha,
  }));
}

/** The run's backup, if it made one (here or in an earlier process). */
export function backupOf(run: ApplyRun): string | undefined {
  return run.journal.find('backup')?.backup;
}

/** Replaces the file with `text`, write-ahead: intent journaled, atomic write, done journaled. */
export async function writeAccount(run: ApplyRun, step: WriteStep, text: string): Promise<void> {
  const before = run.sha;
  const after = sha256Hex(text);
  await run.journal.writeAhead(
    { t: 'write', step, phase: 'intent', before, after },
    () => run.deps.store.writeAtomic(text),
    { t: 'write', step, phase: 'done', before, after },
  );
  run.sha = after;
  run.current = snapshotOf(text, run.current.format);
}

/** Writes every planned secret file (an existing one is kept) and journals each, never its value. */
export async function writeSecretFiles(run: ApplyRun): Promise<void> {
  const { deps } = run;
  for (const u of run.plan.units) {
    for (const sf of u.secretFiles) {
      const value = secretFileValue(sf, u, run.current.account, deps.randomHex);
      deps.registerSecret(value);
      const state = await deps.store.writeSecretFile(sf.file, value);
      run.secretFiles.push({ file: sf.file, state });
      await run.journal.record({ t: 'secret-file', file: sf.file, state });
    }
  }
}

/** Applies account edits to the file as the run left it, as one journaled atomic write. */
export async function editAccount(
  run: ApplyRun,
  step: WriteStep,
  edits: AccountEdit[],
): Promise<void> {
  const { current } = run;
  const edited = editAccountText(current.text, current.format, current.data, edits);
  await writeAccount(run, step, edited.text);
}

/**
 * Step 1: the secret files, then the 2.0 webhooks and rule twins in one atomic replacement.
 * Planned from the file as it is: what an earlier process of the run wrote is not written again.
 */
export async function addV2Step(run: ApplyRun): Promise<void> {
  const edits = planWriteEdits(run.plan, run.current.account);
  if (edits.length === 0) return;
  await ensureBackup(run);
  await writeSecretFiles(run);
  await editAccount(run, 'add-v2', edits);
  const { counts } = run.plan;
  run.deps.logger.success(M.wroteV2(run.deps.store.shown, counts.webhooks, counts.ruleTwins));
  await checkpoint(run, 'add-v2');
}

/**
 * After the 2.0 webhooks are in the file: each migrated webhook gets its stage `planned`
 * (nothing is configured in the back office yet), recorded with this run, once.
 */
export async function recordPlannedStages(run: ApplyRun): Promise<void> {
  const { deps } = run;
  const doc = await deps.stages.read();
  const pairs = run.plan.units.map((u) => ({ v1Key: u.v1.key, v2Key: u.v2Key }));
  const next = withPlanned(doc, pairs, {
    at: deps.now().toISOString(),
    by: deps.user,
    run: run.journal.run,
  });
  if (next !== doc) await deps.stages.write(next);
}

/** The run's outcome from its units' verdicts and the plan's options. */
function outcomeOf(results: readonly UnitResult[], plan: Plan): RunOutcome {
  if (results.some((r) => r.verify && r.verify.verdict !== 'pass')) return 'not-verified';
  if (plan.options.skipVerify) return 'verify-skipped';
  return 'complete';
}

/** The exit code of a run: 1 when a check failed, 3 when a receiver was unreachable, else 0. */
function exitCodeOf(results: readonly UnitResult[]): number {
  const verdicts = results.map((r) => r.verify?.verdict).filter(Boolean);
  if (verdicts.some((v) => v === 'fail' || v === 'error')) return ExitCode.PROBLEMS;
  return verdicts.some((v) => v === 'unreachable') ? ExitCode.UNREACHABLE : ExitCode.OK;
}

/** Last step: journals the run's end with its outcome, and says what the run did. */
export async function finishRun(run: ApplyRun): Promise<ApplyResult> {
  const results = [...run.units.values()];
  const outcome = outcomeOf(results, run.plan);
  await run.journal.record({ t: 'end', outcome });
  const backup = backupOf(run);
  return {
    run: run.journal.run,
    ...(backup ? { backup } : {}),
    secretFiles: run.secretFiles,
    units: results,
    outcome,
    exitCode: exitCodeOf(results),
    final: run.current,
    changed: run.sha !== run.startSha,
  };
}

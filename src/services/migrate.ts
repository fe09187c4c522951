import type { Logger, Spinner } from '../contracts/index.js';
import type { AccountFile, SecretRef, WebhookV2 } from '../core/account/schema.js';
import { validateAccount } from '../core/account/validate.js';
import { isUserError, UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { sha256Hex } from '../core/hash.js';
import { ACCOUNT_FILE_LIMITS } from '../core/input/limits.js';
import { parseDocumentText, type DocumentFormat } from '../core/input/parse-document.js';
import { editAccountText } from '../core/migrate/edit-text.js';
import { planDisableEdits, planWriteEdits } from '../core/migrate/edits.js';
import {
  lastChangingRun,
  passedInRun,
  runShas,
  unfinishedRun,
  type JournalRecord,
  type RunOutcome,
  type VerifyVerdict,
} from '../core/migrate/journal.js';
import { planMigration } from '../core/migrate/plan.js';
import { buildRevertSteps, type RunbookStep } from '../core/migrate/runbook.js';
import { basicAuthValue, splitV1Url } from '../core/migrate/rules/v1-url.js';
import type { Plan, PlannedSecretFile, PlanUnit } from '../core/migrate/types.js';
import type {
  AccountSnapshot,
  ApplyResult,
  RollbackInfo,
  UnitResult,
  VerifyCheck,
  VerifyResult,
  VerifyTarget,
} from '../core/migrate/results.js';
import { MESSAGES } from '../messages/index.js';

const M = MESSAGES.migrate;

/** Runs the endpoint check suite against one 2.0 webhook; reports progress as it goes. */
export type Verifier = (
  target: VerifyTarget,
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
) => Promise<VerifyResult>;

/** The file-system side the service needs (src/adapters/account-store.ts implements it). */
export interface MigrateStore {
  readonly shown: string;
  lock(command: string): Promise<() => Promise<void>>;
  readCurrent(): Promise<{ bytes: Buffer; sha256: string }>;
  backup(now: Date): Promise<string>;
  writeAtomic(content: string | Uint8Array): Promise<string>;
  writeSecretFile(rel: string, value: string): Promise<'created' | 'kept'>;
  readJournal(): Promise<JournalRecord[]>;
  appendJournal(rec: JournalRecord): Promise<void>;
  readBackup(rel: string): Promise<Buffer>;
  rel(abs: string): string;
}

export interface MigrateDeps {
  store: MigrateStore;
  verify: Verifier;
  /** Random bytes as hex (crypto.randomBytes in the CLI). */
  randomHex: (bytes: number) => string;
  now: () => Date;
  logger: Logger;
  spinner: (text: string) => Promise<Spinner>;
  signal: AbortSignal;
  /** Resolves a secret reference of the account file (relative files from its folder); registers it for masking. */
  resolveSecret: (ref: SecretRef) => Promise<string>;
  /** Registers a value for masking in every output. */
  registerSecret: (value: string) => void;
}

/** Parses and validates account text qwh itself produced or restored. */
export function snapshotOf(text: string, format: DocumentFormat): AccountSnapshot {
  const parsed = parseDocumentText(text, format, ACCOUNT_FILE_LIMITS);
  if (!parsed.ok) throw new Error(`account text does not parse: ${parsed.problems[0]?.message}`);
  const v = validateAccount(parsed.value);
  if (!v.ok) throw new Error(`account text is invalid: ${v.problems[0]?.message}`);
  return { text, format, data: parsed.value, account: v.account };
}

/** The value of a secret file apply writes: random hex, or credentials taken from the 1.0 URL. */
function secretFileValue(
  sf: PlannedSecretFile,
  unit: PlanUnit,
  account: AccountFile,
  randomHex: (n: number) => string,
): string {
  if (sf.source.kind === 'random-hex') return randomHex(sf.source.bytes);
  const v1 = account.webhooks[unit.v1.index];
  if (!v1 || v1.version !== 1) throw new Error(`1.0 webhook ${unit.v1.key} moved`);
  const parts = splitV1Url(v1.url, 'keep');
  if (sf.source.kind === 'basic-from-url') return basicAuthValue(parts.username, parts.password);
  const token = new URL(v1.url).searchParams.get(sf.source.param) ?? '';
  return `Bearer ${token}`;
}

/** Registers every credential a 1.0 URL carries (password, token values), for masking. */
export function registerUrlSecrets(account: AccountFile, register: (v: string) => void): void {
  for (const w of account.webhooks) {
    const raw = w.version === 1 ? w.url : w.host;
    const url = new URL(raw);
    if (url.password) register(decodeURIComponent(url.password));
    const parts = splitV1Url(raw, 'keep');
    for (const p of parts.tokenParams) for (const v of url.searchParams.getAll(p)) register(v);
    if (url.username || url.password) register(basicAuthValue(parts.username, parts.password));
  }
}

async function targetFor(
  account: AccountFile,
  unit: PlanUnit,
  plan: Plan,
  deps: MigrateDeps,
): Promise<VerifyTarget> {
  const w = account.webhooks.find((x): x is WebhookV2 => x.version === 2 && x.key === unit.v2Key);
  if (!w) throw new Error(`2.0 webhook ${unit.v2Key} is not in the file`);
  return {
    v1Key: unit.v1.key,
    v2Key: w.key,
    url: w.host,
    ...(w.authHeader
      ? {
          authHeader: {
            name: w.authHeader.name,
            value: await deps.resolveSecret(w.authHeader.value),
          },
        }
      : {}),
    ...(w.secret ? { secret: await deps.resolveSecret(w.secret) } : {}),
    allowInsecure: plan.options.allowInsecureHost,
    incompleteParticipations: w.incompleteParticipations,
  };
}

/** A run id: time-sortable and unique enough for one account file. */
function newRunId(now: Date, randomHex: (n: number) => string): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomHex(3)}`;
}

/**
 * Applies a plan: checks the file is still the one planned, then under the lock and with a
 * backup and a write-ahead journal: writes the secret files and the 2.0 webhooks with their
 * rule twins (one atomic replacement), verifies each 2.0 webhook, and turns 1.0 off where its
 * twin verified (a second atomic replacement). Between steps an interrupt stops cleanly (130).
 */
export async function applyMigration(
  input: { snapshot: AccountSnapshot; plan: Plan },
  deps: MigrateDeps,
): Promise<ApplyResult> {
  const release = await deps.store.lock('qwh migrate');
  try {
    const records = await deps.store.readJournal();
    const open = unfinishedRun(records);
    if (open)
      throw new UserError(
        M.unfinished(deps.store.shown, open.begin.at),
        ExitCode.PARTIAL,
        M.unfinishedHint,
      );
    const cur = await deps.store.readCurrent();
    if (cur.sha256 !== input.plan.sourceSha256)
      throw new UserError(
        M.changedSincePlan(deps.store.shown),
        ExitCode.REFUSED,
        M.changedSincePlanHint,
      );
    return await applyUnderLock(input.snapshot, input.plan, deps, { sha: cur.sha256 });
  } finally {
    await release();
  }
}

/**
 * Finishes the unfinished run of the journal: the file must be in a state that run left
 * (else exit 4); the plan is made again from the file as it is now with that run's options
 * (planning is idempotent: what was written is adopted, not written twice), verifications
 * that passed are not sent again, and the run continues under its own id and backup.
 */
export async function resumeMigration(
  load: () => Promise<AccountSnapshot>,
  deps: MigrateDeps,
  opts: { abandon?: boolean } = {},
): Promise<{ result?: ApplyResult; plan?: Plan; abandoned?: string; nothing?: true }> {
  const release = await deps.store.lock('qwh migrate resume');
  try {
    const records = await deps.store.readJournal();
    const open = unfinishedRun(records);
    if (!open) return { nothing: true };
    if (opts.abandon) {
      await deps.store.appendJournal({
        t: 'end',
        run: open.run,
        at: deps.now().toISOString(),
        outcome: 'abandoned',
      });
      return { abandoned: open.run };
    }
    const cur = await deps.store.readCurrent();
    if (!runShas(open.begin, open.records).includes(cur.sha256))
      throw new UserError(M.resumeChanged(deps.store.shown), ExitCode.REFUSED, M.resumeChangedHint);
    const snapshot = await load();
    const plan = planMigration(
      snapshot.account,
      { file: deps.store.shown, format: snapshot.format, sourceSha256: cur.sha256 },
      open.begin.options,
    );
    const result = await applyUnderLock(snapshot, plan, deps, {
      sha: cur.sha256,
      resume: { run: open.run, records: open.records },
    });
    return { result, plan };
  } finally {
    await release();
  }
}

async function applyUnderLock(
  snapshot: AccountSnapshot,
  plan: Plan,
  deps: MigrateDeps,
  state: { sha: string; resume?: { run: string; records: JournalRecord[] } },
): Promise<ApplyResult> {
  const { store } = deps;
  const at = (): string => deps.now().toISOString();
  const run = state.resume?.run ?? newRunId(deps.now(), deps.randomHex);
  const prior = state.resume?.records ?? [];
  const priorBackup = prior.find((r) => r.t === 'backup');
  let backup = priorBackup?.t === 'backup' ? priorBackup.backup : undefined;
  let current = snapshot;
  let sha = state.sha;
  let begun = Boolean(state.resume);
  const secretFiles: ApplyResult['secretFiles'] = [];
  const units = new Map<string, UnitResult>(
    plan.units.map((u) => [
      u.v1.key,
      {
        v1Key: u.v1.key,
        v2Key: u.v2Key,
        created: Boolean(u.create),
        twins: u.twins.length,
        disabled: false,
        v1: { do: 'keep-on', reason: 'not-verified' },
      },
    ]),
  );
  const passed = passedInRun(prior);
  const checkpoint = async (after: string): Promise<void> => {
    if (!deps.signal.aborted) return;
    await store.appendJournal({ t: 'interrupted', run, at: at(), after });
    throw new UserError(M.interruptedAfter(after), ExitCode.INTERRUPTED, M.interruptedHint);
  };
  const ensureBackup = async (): Promise<void> => {
    if (backup) return;
    backup = store.rel(await store.backup(deps.now()));
    await store.appendJournal({ t: 'backup', run, at: at(), backup, sha256: sha });
  };
  const write = async (step: 'add-v2' | 'disable-v1', text: string): Promise<void> => {
    const after = sha256Hex(text);
    await store.appendJournal({
      t: 'write',
      run,
      at: at(),
      step,
      phase: 'intent',
      before: sha,
      after,
    });
    await store.writeAtomic(text);
    await store.appendJournal({
      t: 'write',
      run,
      at: at(),
      step,
      phase: 'done',
      before: sha,
      after,
    });
    sha = after;
    current = snapshotOf(text, current.format);
  };

  // Pre-flight, before any effect: every secret verification will need must resolve.
  for (const u of plan.units) {
    if (u.create?.secret && 'env' in u.create.secret)
      await deps.resolveSecret({ env: u.create.secret.env });
    if (u.mode === 'adopt' && u.verify && !passed.has(u.v2Key))
      await targetFor(current.account, u, plan, deps);
  }

  try {
    if (!begun) {
      await store.appendJournal({
        t: 'begin',
        run,
        at: at(),
        command: 'migrate',
        file: store.shown,
        sourceSha256: sha,
        options: plan.options,
        planned: {
          create: plan.units.filter((u) => u.create).map((u) => u.v2Key),
          twins: plan.counts.ruleTwins,
          disable: plan.units.filter((u) => u.disableV1).map((u) => u.v1.key),
        },
      });
      begun = true;
    }

    // Step 1: secret files, then the 2.0 webhooks and rule twins in one atomic replacement.
    const writeEdits = planWriteEdits(plan, current.account);
    if (writeEdits.length > 0) {
      await ensureBackup();
      for (const u of plan.units) {
        for (const sf of u.secretFiles) {
          const value = secretFileValue(sf, u, current.account, deps.randomHex);
          deps.registerSecret(value);
          const st = await store.writeSecretFile(sf.file, value);
          secretFiles.push({ file: sf.file, state: st });
          await store.appendJournal({ t: 'secret-file', run, at: at(), file: sf.file, state: st });
        }
      }
      const edited = editAccountText(current.text, current.format, current.data, writeEdits);
      await write('add-v2', edited.text);
      deps.logger.success(M.wroteV2(store.shown, plan.counts.webhooks, plan.counts.ruleTwins));
      await checkpoint('add-v2');
    }

    // Step 2: verify each 2.0 webhook with the check suite.
    for (const u of plan.units) {
      const r = units.get(u.v1.key) as UnitResult;
      if (!u.verify) {
        r.v1 = { do: 'keep-on', reason: 'skip-verify' };
        continue;
      }
      if (passed.has(u.v2Key)) {
        r.verify = { verdict: 'pass', checks: [], fromJournal: true };
        continue;
      }
      const spinner = await deps.spinner(M.verifying(u.v2Key));
      let verdict: VerifyVerdict;
      let checks: VerifyCheck[] = [];
      let error: string | undefined;
      try {
        const target = await targetFor(current.account, u, plan, deps);
        const res = await deps.verify(target, deps.signal, (done, total) =>
          spinner.update(`${M.verifying(u.v2Key)} — ${done}/${total}`),
        );
        verdict = deps.signal.aborted && res.verdict !== 'pass' ? 'interrupted' : res.verdict;
        checks = res.checks;
      } catch (e) {
        if (deps.signal.aborted) verdict = 'interrupted';
        else if (isUserError(e)) {
          verdict = 'error';
          error = e.message;
        } else throw e;
      }
      const failed = checks.filter((c) => c.status === 'fail').map((c) => c.id);
      await store.appendJournal({
        t: 'verify',
        run,
        at: at(),
        v1: u.v1.key,
        v2: u.v2Key,
        verdict,
        failed,
      });
      r.verify = { verdict, checks, ...(error ? { error } : {}) };
      if (verdict === 'pass') spinner.succeed(M.verified(u.v2Key));
      else spinner.fail(M.notVerified(u.v2Key, verdict, failed, error));
      await checkpoint(`verify ${u.v2Key}`);
    }

    // Step 3: turn 1.0 off where its twin verified — last, and its own journaled write.
    const toDisable = plan.units.filter(
      (u) => u.disableV1 && units.get(u.v1.key)?.verify?.verdict === 'pass',
    );
    for (const u of plan.units) {
      const r = units.get(u.v1.key) as UnitResult;
      if (u.verify && r.verify?.verdict === 'pass' && !u.disableV1)
        r.v1 = { do: 'keep-on', reason: 'keep-v1' };
    }
    const disableEdits = planDisableEdits(
      current.account,
      toDisable.map((u) => u.v1.key),
    );
    if (disableEdits.length > 0) {
      await ensureBackup();
      const edited = editAccountText(current.text, current.format, current.data, disableEdits);
      await write('disable-v1', edited.text);
      deps.logger.success(M.disabledV1(toDisable.map((u) => u.v1.key)));
    }
    for (const u of toDisable) {
      const r = units.get(u.v1.key) as UnitResult;
      r.disabled = true;
      r.v1 = { do: 'turn-off' };
    }

    const results = [...units.values()];
    const verdicts = results.map((r) => r.verify?.verdict).filter(Boolean);
    const outcome: RunOutcome = results.some((r) => r.verify && r.verify.verdict !== 'pass')
      ? 'not-verified'
      : plan.options.skipVerify
        ? 'verify-skipped'
        : plan.options.keepV1
          ? 'kept-v1'
          : 'complete';
    await store.appendJournal({ t: 'end', run, at: at(), outcome });
    const exitCode = verdicts.some((v) => v === 'fail' || v === 'error')
      ? ExitCode.PROBLEMS
      : verdicts.some((v) => v === 'unreachable')
        ? ExitCode.UNREACHABLE
        : ExitCode.OK;
    return {
      run,
      ...(backup ? { backup } : {}),
      secretFiles,
      units: results,
      outcome,
      exitCode,
      final: current,
      changed: sha !== state.sha,
    };
  } catch (e) {
    if (isUserError(e) && e.exitCode === ExitCode.INTERRUPTED) throw e;
    if (begun && isUserError(e))
      throw new UserError(e.message, ExitCode.PARTIAL, M.partialHint, e.details);
    throw e;
  }
}

/**
 * Undoes the last run that changed the file: restores that run's backup byte for byte (after
 * a safety backup of the current bytes), and says what to revert in the back office. Refuses
 * (exit 4) when the file changed since that run, unless forced.
 */
export async function rollbackMigration(
  format: DocumentFormat,
  deps: MigrateDeps,
  opts: { force: boolean; confirm: (info: RollbackInfo) => Promise<boolean> },
): Promise<
  | { info: RollbackInfo; safetyBackup: string; restoredSha: string }
  | { nothing: true }
  | { declined: RollbackInfo }
> {
  const release = await deps.store.lock('qwh migrate rollback');
  try {
    const records = await deps.store.readJournal();
    const last = lastChangingRun(records);
    if (!last) return { nothing: true };
    const cur = await deps.store.readCurrent();
    const matches = last.finished ? cur.sha256 === last.lastSha : last.shas.includes(cur.sha256);
    if (!matches && !opts.force)
      throw new UserError(
        M.rollbackChanged(deps.store.shown, last.backup),
        ExitCode.REFUSED,
        M.rollbackChangedHint,
      );
    const backupBytes = await deps.store.readBackup(last.backup);
    if (sha256Hex(backupBytes) !== last.backupSha)
      throw new UserError(M.backupChanged(last.backup), ExitCode.REFUSED);
    let revert: RunbookStep[] = [];
    try {
      const before = snapshotOf(backupBytes.toString('utf8'), format);
      const after = snapshotOf(cur.bytes.toString('utf8'), format);
      revert = buildRevertSteps(before.account, after.account);
    } catch {
      revert = [];
    }
    const info: RollbackInfo = {
      run: last.run,
      backup: last.backup,
      finished: last.finished,
      matches,
      revert,
      secretFiles: records
        .filter((r) => r.run === last.run && r.t === 'secret-file' && r.state === 'created')
        .map((r) => (r.t === 'secret-file' ? r.file : '')),
    };
    if (!(await opts.confirm(info))) return { declined: info };
    const safety = deps.store.rel(await deps.store.backup(deps.now()));
    const restoredSha = await deps.store.writeAtomic(backupBytes);
    await deps.store.appendJournal({
      t: 'rollback',
      run: last.run,
      at: deps.now().toISOString(),
      backup: safety,
      restoredSha,
    });
    if (!last.finished)
      await deps.store.appendJournal({
        t: 'end',
        run: last.run,
        at: deps.now().toISOString(),
        outcome: 'rolled-back',
      });
    return { info, safetyBackup: safety, restoredSha };
  } finally {
    await release();
  }
}

import type { Spinner } from '../../contracts/index.js';
import { isUserError } from '../../core/errors.js';
import type { VerifyVerdict } from '../../core/migrate/journal.js';
import type { UnitResult, VerifyCheck } from '../../core/migrate/results.js';
import type { PlanUnit } from '../../core/migrate/types.js';
import { MESSAGES } from '../../messages/index.js';
import { targetFor } from './secrets.js';
import { atLeast, type WebhookStages } from '../../core/migrate/stages.js';
import { applyEvent, stamp } from './stage-record.js';
import { checkpoint, type ApplyRun } from './steps.js';

const M = MESSAGES.migrate;

/** What one verification found: its verdict, the checks, and a user error's message when it failed so. */
interface Verification {
  verdict: VerifyVerdict;
  checks: VerifyCheck[];
  error?: string;
}

/**
 * Step 2: verifies each 2.0 webhook with the check suite, journaling each verdict (check ids
 * only). What passed in an earlier process of the run is not sent again.
 */
export async function verifyStep(run: ApplyRun): Promise<void> {
  const doc = await run.deps.stages.read();
  for (const u of run.plan.units) {
    const r = run.units.get(u.v1.key) as UnitResult;
    if (!u.verify) {
      r.v1 = { do: 'keep-on', reason: 'skip-verify' };
      continue;
    }
    if (
      !receiverKnowsSecret(
        u,
        doc.webhooks.find((w) => w.v1Key === u.v1.key),
      )
    ) {
      r.v1 = { do: 'keep-on', reason: 'awaiting-hand-off' };
      continue;
    }
    if (run.passed.has(u.v2Key)) {
      r.verify = { verdict: 'pass', checks: [], fromJournal: true };
      continue;
    }
    await verifyUnit(run, u, r);
    if (r.verify?.verdict === 'pass') await recordVerified(run, u.v1.key);
  }
}

/**
 * The receiver can know the secret only once it was handed over: the admin confirmed the
 * back-office step (stage `configured` or later), or the secret is one it had already (from
 * `--secret-env`, or the 2.0 webhook that was in the file). A secret qwh made a moment ago is
 * not tested: the test would fail by design.
 */
export function receiverKnowsSecret(u: PlanUnit, w: WebhookStages | undefined): boolean {
  if (w && atLeast(w, 'configured')) return true;
  if (!u.create) return true;
  return 'env' in u.create.secret;
}

/** A pass of the check suite, in the stages: `configured` → `receiver-ready`, or noted for later. */
async function recordVerified(run: ApplyRun, v1Key: string): Promise<void> {
  const doc = await run.deps.stages.read();
  if (!doc.webhooks.some((w) => w.v1Key === v1Key)) return;
  const out = applyEvent(doc, v1Key, { kind: 'verified' }, stamp(run.deps));
  await run.deps.stages.write(out.doc);
}

/** Verifies one unit's 2.0 webhook, journals the verdict, then stops if Ctrl-C was pressed. */
export async function verifyUnit(run: ApplyRun, u: PlanUnit, r: UnitResult): Promise<void> {
  const spinner = await run.deps.spinner(M.verifying(u.v2Key));
  const { verdict, checks, error } = await runVerifier(run, u, spinner);
  const failed = checks.filter((c) => c.status === 'fail').map((c) => c.id);
  await run.journal.record({ t: 'verify', v1: u.v1.key, v2: u.v2Key, verdict, failed });
  r.verify = { verdict, checks, ...(error ? { error } : {}) };
  if (verdict === 'pass') spinner.succeed(M.verified(u.v2Key));
  else spinner.fail(M.notVerified(u.v2Key, verdict, failed, error));
  await checkpoint(run, `verify ${u.v2Key}`);
}

/**
 * Runs the verifier on one unit. An interrupt turns anything but a pass into `interrupted`; a
 * user error (a secret that does not resolve, a refused host) is the verdict `error`.
 */
async function runVerifier(run: ApplyRun, u: PlanUnit, spinner: Spinner): Promise<Verification> {
  const { deps } = run;
  try {
    const target = await targetFor(run.current.account, u, run.plan, deps);
    const res = await deps.verify(target, deps.signal, (done, total) =>
      spinner.update(`${M.verifying(u.v2Key)} — ${done}/${total}`),
    );
    const verdict = deps.signal.aborted && res.verdict !== 'pass' ? 'interrupted' : res.verdict;
    return { verdict, checks: res.checks };
  } catch (e) {
    if (deps.signal.aborted) return { verdict: 'interrupted', checks: [] };
    if (isUserError(e)) return { verdict: 'error', checks: [], error: e.message };
    throw e;
  }
}

import type { WebhookV2 } from '../core/account/schema.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { sha256Hex } from '../core/hash.js';
import {
  observeDeliveries,
  parseCapture,
  type Delivery,
  type ObserveTally,
  type ObserveTarget,
} from '../core/migrate/captures.js';
import { editAccountText } from '../core/migrate/edit-text.js';
import { planDisableEdits } from '../core/migrate/edits.js';
import { unfinishedRun } from '../core/migrate/journal.js';
import { normalizeOptions } from '../core/migrate/plan.js';
import { removeAccountItems } from '../core/migrate/remove-text.js';
import type { AccountSnapshot, VerifyResult } from '../core/migrate/results.js';
import { nextCommand } from '../core/migrate/stage-view.js';
import {
  atLeast,
  decide,
  enteredAt,
  type ConfirmStep,
  type ObserveEvidence,
  type StagesDoc,
  type WebhookStages,
} from '../core/migrate/stages.js';
import { MESSAGES } from '../messages/index.js';
import { snapshotOf, type MigrateDeps, type SecretUse } from './migrate/deps.js';
import { newRunId, RunJournal } from './migrate/run-journal.js';
import { applyEvent, stamp, type EventOutcome } from './migrate/stage-record.js';

const M = MESSAGES.migrate;
const C = M.cutover;

/** The webhooks a cut-over command acts on: all with stages, or the one `--webhook` names. */
export function selectWebhooks(doc: StagesDoc, file: string, key?: string): WebhookStages[] {
  if (doc.webhooks.length === 0)
    throw new UserError(C.noStages(file), ExitCode.USAGE, C.noStagesHint(file));
  if (key === undefined) return doc.webhooks;
  const w = doc.webhooks.find((x) => x.v1Key === key || x.v2Key === key);
  if (!w)
    throw new UserError(
      C.unknownWebhook(key, doc.webhooks.map((x) => x.v1Key).join(', ')),
      ExitCode.USAGE,
    );
  return [w];
}

/** The refusal of a confirm whose gate is not met: names the gate, lost participations, next command. */
function refusal(step: ConfirmStep, w: WebhookStages, gate: string, file: string): UserError {
  const lost = (w.evidence?.lost ?? []).map((l) => C.lostItem(l.id, l.campaign, l.website));
  const hint =
    step === 'v1-off' && w.stage === 'delivering'
      ? `${C.refusedHint(nextCommand(w, file))}\n${C.acceptGapHint}`
      : C.refusedHint(nextCommand(w, file));
  return new UserError(C.refused(step, w.v1Key, gate), ExitCode.REFUSED, hint, lost);
}

export interface ConfirmInput {
  step: ConfirmStep;
  webhook?: string;
  acceptGap?: string;
}

export interface ConfirmResult {
  outcomes: EventOutcome[];
  /** What the account file now says that it did not (1.0 off, 1.0 removed). */
  fileChange?: { run: string; backup: string; v1Keys: string[]; rules: number };
}

/**
 * `qwh migrate confirm`: records a back-office step the admin did, under the lock. Refused
 * (exit 4, nothing written) when an earlier gate is not met. For `v1-off` and `v1-deleted` the
 * stage is recorded first, then the account file says the same (journaled run, backup, atomic
 * write): a kill between leaves a file that claims less than the stage, and the same confirm,
 * run again, finishes it.
 */
export async function confirmStage(
  input: ConfirmInput,
  deps: MigrateDeps,
  ask: (keys: string[]) => Promise<boolean>,
): Promise<ConfirmResult | { declined: true }> {
  const release = await deps.store.lock(`qwh migrate confirm ${input.step}`);
  try {
    const open = unfinishedRun(await deps.store.readJournal());
    if (open)
      throw new UserError(
        M.unfinished(deps.store.shown, open.begin.at),
        ExitCode.PARTIAL,
        M.unfinishedHint(deps.store.shown),
      );
    const doc = await deps.stages.read();
    const targets = selectWebhooks(doc, deps.store.shown, input.webhook);
    const event = {
      kind: 'confirm' as const,
      step: input.step,
      ...(input.acceptGap ? { acceptGap: input.acceptGap } : {}),
    };
    for (const w of targets) {
      const d = decide(w, event);
      if (!d.ok) throw refusal(input.step, w, C.gates[d.gate], deps.store.shown);
    }
    const moving = targets.filter((w) => {
      const d = decide(w, event);
      return d.ok && d.to !== null;
    });
    const cur = snapshotOf((await deps.store.readCurrent()).bytes.toString('utf8'), formatOf(deps));
    const text = fileAfter(
      cur,
      input.step,
      targets.map((w) => w.v1Key),
    );
    if (moving.length === 0 && text === undefined)
      return { outcomes: targets.map((w) => ({ v1Key: w.v1Key, moved: [], stage: w.stage })) };
    if (!(await ask(moving.map((w) => w.v1Key)))) return { declined: true };
    return await recordConfirm(deps, doc, moving, event, {
      cur,
      text,
      keys: targets.map((w) => w.v1Key),
    });
  } finally {
    await release();
  }
}

function formatOf(deps: MigrateDeps): 'json' | 'yaml' {
  return /\.json$/i.test(deps.store.shown) ? 'json' : 'yaml';
}

/** The account text a confirm leaves (undefined: the file already says it). */
function fileAfter(cur: AccountSnapshot, step: ConfirmStep, keys: string[]): string | undefined {
  if (step === 'configured') return undefined;
  const v1 = keys.filter((k) => cur.account.webhooks.some((w) => w.key === k && w.version === 1));
  if (step === 'v1-off') {
    const edits = planDisableEdits(cur.account, v1);
    return edits.length === 0
      ? undefined
      : editAccountText(cur.text, cur.format, cur.data, edits).text;
  }
  const webhooks = cur.account.webhooks.flatMap((w, i) =>
    v1.includes(w.key) && w.version === 1 ? [i] : [],
  );
  const pushRules = cur.account.pushRules.flatMap((r, i) =>
    r.destination !== null && v1.includes(r.destination) ? [i] : [],
  );
  if (webhooks.length === 0 && pushRules.length === 0) return undefined;
  return removeAccountItems(cur.text, cur.format, cur.data, { webhooks, pushRules });
}

/** Stages first (with the run that will write the file), then the file, as one journaled run. */
async function recordConfirm(
  deps: MigrateDeps,
  doc: StagesDoc,
  moving: WebhookStages[],
  event: { kind: 'confirm'; step: ConfirmStep; acceptGap?: string },
  f: { cur: AccountSnapshot; text: string | undefined; keys: string[] },
): Promise<ConfirmResult> {
  const run = newRunId(deps.now(), deps.randomHex);
  const journal = new RunJournal(deps.store, deps.now, run);
  const sha = sha256Hex(f.cur.text);
  if (f.text !== undefined)
    await journal.record({
      t: 'begin',
      command: 'confirm',
      file: deps.store.shown,
      sourceSha256: sha,
      options: normalizeOptions({
        incomplete: false,
        keepV1: false,
        skipVerify: false,
        allowInsecureHost: false,
        queryToken: 'keep',
      }),
      planned: { create: [], twins: 0, disable: f.keys },
    });
  let next = doc;
  const outcomes: EventOutcome[] = [];
  for (const w of moving) {
    const out = applyEvent(
      next,
      w.v1Key,
      event,
      stamp(deps, f.text !== undefined ? run : undefined),
    );
    next = out.doc;
    outcomes.push(out.outcome);
  }
  if (next !== doc) await deps.stages.write(next);
  if (f.text === undefined) return { outcomes };
  const backup = deps.store.rel(await deps.store.backup(deps.now()));
  await journal.record({ t: 'backup', backup, sha256: sha });
  const after = sha256Hex(f.text);
  const step = event.step === 'v1-off' ? 'disable-v1' : 'delete-v1';
  const text = f.text;
  await journal.writeAhead(
    { t: 'write', step, phase: 'intent', before: sha, after },
    () => deps.store.writeAtomic(text),
    { t: 'write', step, phase: 'done', before: sha, after },
  );
  await journal.record({ t: 'end', outcome: 'complete' });
  const rules = f.cur.account.pushRules.filter(
    (r) => r.destination !== null && f.keys.includes(r.destination),
  ).length;
  return {
    outcomes,
    fileChange: { run, backup, v1Keys: f.keys, rules: event.step === 'v1-deleted' ? rules : 0 },
  };
}

/** What observe found: per webhook its evidence and the stages it moved through; what it skipped. */
export interface ObserveResult {
  webhooks: Array<{
    v1Key: string;
    v2Key: string;
    evidence: ObserveEvidence;
    outcome: EventOutcome;
    since: string;
  }>;
  tally: ObserveTally & { bad: number };
  problems: string[];
}

/** What observe reads: the captures, the webhook asked for, the secret before a rotation. */
export interface ObserveInput {
  captures: AsyncIterable<{ where: string; bytes: Uint8Array }>;
  webhook?: string;
  /** Accepted for every observed webhook that has a secret (Qualifio's 30-minute window). */
  previousSecret?: string;
}

/**
 * `qwh migrate observe`: reads the captures, tells qwh's tests from real deliveries, assigns
 * each to the webhooks its participation is routed to, verifies each 2.0 one with its webhook's
 * configured secret, adds them to the ledger of earlier runs (a delivery seen before counts
 * once) and reconciles the whole ledger with 1.0 since `configured`,
 * and advances (or, before 1.0 is off, moves back) `delivering` / `reconciled` on that evidence.
 */
export async function observeMigration(
  input: ObserveInput,
  account: AccountSnapshot,
  deps: MigrateDeps,
): Promise<ObserveResult> {
  const doc0 = await deps.stages.read();
  const chosen = selectWebhooks(doc0, deps.store.shown, input.webhook).filter((w) =>
    atLeast(w, 'configured'),
  );
  const targets = await observeTargets(chosen, account, deps, input.previousSecret);
  const ds: Delivery[] = [];
  const problems: string[] = [];
  for await (const c of input.captures) {
    const d = parseCapture(c.bytes, c.where);
    if (typeof d === 'string') problems.push(C.badCapture(c.where, d));
    else ds.push(d);
  }
  const release = await deps.store.lock('qwh migrate observe');
  try {
    const before = await deps.observed?.read();
    const { evidence, tally, ledger } = observeDeliveries(
      targets,
      ds,
      deps.now(),
      account.account,
      before,
    );
    // The ledger first: a kill before the stages write leaves evidence the next observe re-judges.
    await deps.observed?.write(ledger);
    let doc = await deps.stages.read();
    const webhooks: ObserveResult['webhooks'] = [];
    for (const t of targets) {
      const e = evidence.get(t.v1Key) as ObserveEvidence;
      const out = applyEvent(doc, t.v1Key, { kind: 'observed', evidence: e }, stamp(deps));
      doc = out.doc;
      webhooks.push({
        v1Key: t.v1Key,
        v2Key: t.v2Key,
        evidence: e,
        outcome: out.outcome,
        since: new Date(t.since).toISOString(),
      });
    }
    await deps.stages.write(doc);
    return { webhooks, tally: { ...tally, bad: problems.length }, problems };
  } finally {
    await release();
  }
}

/** The webhooks observe judges, each with its scope, `configured` time and configured secret. */
async function observeTargets(
  chosen: readonly WebhookStages[],
  account: AccountSnapshot,
  deps: MigrateDeps,
  previousSecret: string | undefined,
): Promise<ObserveTarget[]> {
  const targets: ObserveTarget[] = [];
  for (const w of chosen) {
    const v2 = account.account.webhooks.find(
      (x): x is WebhookV2 => x.key === w.v2Key && x.version === 2,
    );
    const since = Date.parse(enteredAt(w, 'configured') ?? '');
    const secret = v2?.secret
      ? await deps.resolveSecret(v2.secret, useOf(account, v2, ['secret'], 'hmac-key'))
      : undefined;
    targets.push({
      v1Key: w.v1Key,
      v2Key: w.v2Key,
      scope: v2?.scope ?? 'account',
      since,
      ...(secret !== undefined ? { secret } : {}),
      ...(secret !== undefined && previousSecret ? { previousSecret } : {}),
    });
  }
  return targets;
}

/**
 * Where a 2.0 webhook's secret sits in the file and where it goes, so the trust model judges it
 * (an account file's references are untrusted input: core/account/secret-trust.ts).
 */
function useOf(
  account: AccountSnapshot,
  v2: WebhookV2,
  field: string[],
  as: SecretUse['as'],
): SecretUse {
  return { path: ['webhooks', account.account.webhooks.indexOf(v2), ...field], host: v2.host, as };
}

/**
 * What a plain `qwh migrate` does once the file holds everything: verifies the receivers of
 * webhooks confirmed `configured` (the receiver now has its secret) → `receiver-ready`.
 */
export async function verifyConfigured(
  account: AccountSnapshot,
  deps: MigrateDeps,
  opts: { allowInsecure: boolean },
): Promise<Array<{ v1Key: string; v2Key: string; result: VerifyResult }>> {
  const doc = await deps.stages.read();
  const out: Array<{ v1Key: string; v2Key: string; result: VerifyResult }> = [];
  for (const w of doc.webhooks.filter((x) => x.stage === 'configured')) {
    const v2 = account.account.webhooks.find(
      (x): x is WebhookV2 => x.key === w.v2Key && x.version === 2,
    );
    if (!v2) continue;
    const target = {
      v1Key: w.v1Key,
      v2Key: w.v2Key,
      url: v2.host,
      ...(v2.authHeader
        ? {
            authHeader: {
              name: v2.authHeader.name,
              value: await deps.resolveSecret(
                v2.authHeader.value,
                useOf(account, v2, ['authHeader', 'value'], 'auth-header'),
              ),
            },
          }
        : {}),
      ...(v2.secret
        ? {
            secret: await deps.resolveSecret(v2.secret, useOf(account, v2, ['secret'], 'hmac-key')),
          }
        : {}),
      allowInsecure: opts.allowInsecure,
      incompleteParticipations: v2.incompleteParticipations,
    };
    const spinner = await deps.spinner(M.verifying(w.v2Key));
    const result = await deps.verify(target, deps.signal, () => {});
    if (result.verdict === 'pass') spinner.succeed(M.verified(w.v2Key));
    else
      spinner.fail(
        M.notVerified(
          w.v2Key,
          result.verdict,
          result.checks.filter((c) => c.status === 'fail').map((c) => c.id),
        ),
      );
    out.push({ v1Key: w.v1Key, v2Key: w.v2Key, result });
  }
  if (out.some((o) => o.result.verdict === 'pass')) await recordPasses(deps, out);
  return out;
}

async function recordPasses(
  deps: MigrateDeps,
  out: ReadonlyArray<{ v1Key: string; result: VerifyResult }>,
): Promise<void> {
  const release = await deps.store.lock('qwh migrate');
  try {
    let doc = await deps.stages.read();
    for (const o of out)
      if (o.result.verdict === 'pass')
        doc = applyEvent(doc, o.v1Key, { kind: 'verified' }, stamp(deps)).doc;
    await deps.stages.write(doc);
  } finally {
    await release();
  }
}

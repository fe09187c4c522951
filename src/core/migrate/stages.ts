import { RECONCILE_WINDOW_MINUTES } from '../assumptions.js';

/**
 * The cut-over of one migrated webhook, as stages: each is entered on evidence (a check suite
 * that passed, captures of real deliveries) or on the admin's word for a back-office step
 * (`qwh migrate confirm`). The account file never claims more than the stage says.
 */
export const STAGES = [
  'planned',
  'configured',
  'receiver-ready',
  'delivering',
  'reconciled',
  'v1-off',
  'v1-deleted',
] as const;

export type Stage = (typeof STAGES)[number];

/** What the admin confirms with `qwh migrate confirm`. */
export type ConfirmStep = 'configured' | 'v1-off' | 'v1-deleted';
export const CONFIRM_STEPS: readonly ConfirmStep[] = ['configured', 'v1-off', 'v1-deleted'];

/** What observe found for one webhook (counts and ids only: never a body, header or secret). */
export interface ObserveEvidence {
  at: string;
  /** Real (not X-Qwh-Test) 2.0 deliveries whose signature verified with the configured secret. */
  verified: number;
  /** Of `verified`, those signed with the previous secret (a rotation's window; absent: none). */
  verifiedWithPrevious?: number;
  /** Real 2.0 deliveries whose signature did not verify (or was missing). */
  badSignature: number;
  /** Participations delivered by 1.0 but not by 2.0 since `configured`: would be lost. */
  lost: Array<{ id: string; campaign: string; website: string; at: string }>;
  /** Participations only 2.0 delivered, and why that is expected. */
  v2Only: Array<{ id: string; why: 'incomplete' | 'not-in-1.0' }>;
  paired: number;
  /** Delay 1.0 → 2.0 of paired participations (ms; negative when 2.0 came first). */
  delayMs?: { median: number; max: number };
  /** Minutes the captures cover since `configured` (first to last arrival). */
  windowMinutes: number;
  lastRealDelivery?: string;
}

/** One transition as recorded: when, who, on what evidence (never a secret). */
export interface StageTransition {
  from: Stage | null;
  to: Stage;
  at: string;
  by: string;
  evidence: string;
  /** The journaled run that changed the account file with it, if it did. */
  run?: string;
}

/** The stages of one migrated webhook. */
export interface WebhookStages {
  v1Key: string;
  v2Key: string;
  stage: Stage;
  history: StageTransition[];
  /** The receiver passed the check suite with a secret it already had (before `configured`). */
  receiverVerifiedAt?: string;
  /** `confirm v1-off --accept-gap "reason"`: shown in status for ever after. */
  acceptedGap?: { reason: string; at: string; by: string };
  evidence?: ObserveEvidence;
}

/** The stages document `.qwh/stages-<file>.json`. */
export interface StagesDoc {
  version: 1;
  file: string;
  webhooks: WebhookStages[];
}

/** What moves a webhook on. */
export type StageEvent =
  | { kind: 'confirm'; step: ConfirmStep; acceptGap?: string }
  | { kind: 'verified' }
  | { kind: 'observed'; evidence: ObserveEvidence };

/** The gate a refused transition did not pass. */
export type GateId =
  | 'not-configured'
  | 'receiver-not-ready'
  | 'not-delivering'
  | 'not-reconciled'
  | 'v1-not-off'
  | 'already-past';

export type StageDecision =
  { ok: true; to: Stage; evidence: string } | { ok: true; to: null } | { ok: false; gate: GateId };

/** What one event did to one webhook: the stages it went through, or the gate it did not pass. */
export type EventOutcome =
  | { v1Key: string; moved: Stage[]; stage: Stage }
  | { v1Key: string; refused: GateId; stage: Stage };

/** Position of a stage, for "at least" comparisons. */
export function rank(s: Stage): number {
  return STAGES.indexOf(s);
}

/** True when the webhook reached `s` (or a later stage). */
export function atLeast(w: Pick<WebhookStages, 'stage'>, s: Stage): boolean {
  return rank(w.stage) >= rank(s);
}

/** The stage observe's evidence supports: reconciled, delivering, or none yet. */
export function evidenceStage(e: ObserveEvidence): 'delivering' | 'reconciled' | null {
  if (e.verified < 1) return null;
  if (e.lost.length === 0 && e.windowMinutes >= RECONCILE_WINDOW_MINUTES) return 'reconciled';
  return 'delivering';
}

/** One line saying what evidence held, for the transition record. */
export function evidenceLine(e: ObserveEvidence): string {
  return `observe: ${e.verified} real 2.0 deliveries verified, ${e.paired} paired with 1.0, ${e.lost.length} only in 1.0, window ${Math.floor(e.windowMinutes)} min`;
}

/**
 * The pure state machine: where `event` takes a webhook at stage `w.stage`, or the gate it
 * does not pass. `{ ok: true, to: null }` is "nothing to do" (already there; evidence that
 * moves nothing). Stages are never skipped; only observe may move back (reconciled → delivering
 * when newer captures show a gap), and only before 1.0 is off.
 */
export function decide(w: WebhookStages, event: StageEvent): StageDecision {
  const s = w.stage;
  if (event.kind === 'verified') {
    if (s === 'planned') return { ok: false, gate: 'not-configured' };
    if (s !== 'configured') return { ok: true, to: null };
    return { ok: true, to: 'receiver-ready', evidence: 'check suite passed' };
  }
  if (event.kind === 'observed') {
    if (rank(s) < rank('receiver-ready') || rank(s) >= rank('v1-off'))
      return { ok: true, to: null };
    const to = evidenceStage(event.evidence) ?? 'receiver-ready';
    if (to === s) return { ok: true, to: null };
    return { ok: true, to, evidence: evidenceLine(event.evidence) };
  }
  switch (event.step) {
    case 'configured':
      if (s !== 'planned') return { ok: true, to: null };
      return { ok: true, to: 'configured', evidence: 'confirmed by the admin' };
    case 'v1-off': {
      if (atLeast(w, 'v1-off')) return { ok: true, to: null };
      if (s === 'reconciled') return { ok: true, to: 'v1-off', evidence: 'confirmed by the admin' };
      if (s === 'delivering' && event.acceptGap)
        return {
          ok: true,
          to: 'v1-off',
          evidence: `confirmed by the admin; gap accepted: ${event.acceptGap}`,
        };
      return { ok: false, gate: gateBefore(s) };
    }
    case 'v1-deleted':
      if (s === 'v1-deleted') return { ok: true, to: null };
      if (s !== 'v1-off')
        return { ok: false, gate: rank(s) < rank('reconciled') ? gateBefore(s) : 'v1-not-off' };
      return { ok: true, to: 'v1-deleted', evidence: 'confirmed by the admin' };
  }
}

/** The first gate a webhook at `s` has not passed on the way to the cut-over. */
function gateBefore(s: Stage): GateId {
  if (s === 'planned') return 'not-configured';
  if (s === 'configured') return 'receiver-not-ready';
  if (s === 'receiver-ready') return 'not-delivering';
  return 'not-reconciled';
}

/** What to run next at a stage (one command). */
export type NextStep =
  'confirm-configured' | 'verify' | 'observe' | 'confirm-v1-off' | 'confirm-v1-deleted' | 'done';

/** The one next step of a webhook. */
export function nextStep(w: WebhookStages): NextStep {
  switch (w.stage) {
    case 'planned':
      return 'confirm-configured';
    case 'configured':
      return 'verify';
    case 'receiver-ready':
    case 'delivering':
      return 'observe';
    case 'reconciled':
      return 'confirm-v1-off';
    case 'v1-off':
      return 'confirm-v1-deleted';
    case 'v1-deleted':
      return 'done';
  }
}

/** Applies a decided transition to a webhook (a new object; the history grows by one). */
export function advance(
  w: WebhookStages,
  to: Stage,
  rec: { at: string; by: string; evidence: string; run?: string },
): WebhookStages {
  const t: StageTransition = { from: w.stage, to, at: rec.at, by: rec.by, evidence: rec.evidence };
  if (rec.run) t.run = rec.run;
  return { ...w, stage: to, history: [...w.history, t] };
}

/** A new webhook's stages: `planned`, written by the run that added its 2.0 twin. */
export function plannedStages(
  v1Key: string,
  v2Key: string,
  rec: { at: string; by: string; run: string; evidence: string },
): WebhookStages {
  return {
    v1Key,
    v2Key,
    stage: 'planned',
    history: [
      { from: null, to: 'planned', at: rec.at, by: rec.by, evidence: rec.evidence, run: rec.run },
    ],
  };
}

/** When the webhook entered `s` (its last entry there), if it did. */
export function enteredAt(w: WebhookStages, s: Stage): string | undefined {
  for (let i = w.history.length - 1; i >= 0; i--)
    if (w.history[i]?.to === s) return w.history[i]?.at;
  return undefined;
}

/**
 * Undoes what a rolled-back run did to the stages: transitions recorded with that run are
 * dropped (a webhook the run created disappears), so the stage is the one before the run.
 */
export function rollbackStages(doc: StagesDoc, run: string): StagesDoc {
  const webhooks: WebhookStages[] = [];
  for (const w of doc.webhooks) {
    const idx = w.history.findIndex((t) => t.run === run);
    if (idx < 0) {
      webhooks.push(w);
      continue;
    }
    const history = w.history.slice(0, idx);
    const last = history[history.length - 1];
    if (!last) continue;
    const { acceptedGap, ...rest } = w;
    const keepGap = acceptedGap && rank(last.to) >= rank('v1-off') ? { acceptedGap } : {};
    webhooks.push({ ...rest, ...keepGap, stage: last.to, history });
  }
  return { ...doc, webhooks };
}

/** Parses a stages document (undefined when it is not one). */
export function parseStages(text: string): StagesDoc | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  const d = v as Partial<StagesDoc>;
  if (d.version !== 1 || !Array.isArray(d.webhooks)) return undefined;
  for (const w of d.webhooks)
    if (!w || typeof w.v1Key !== 'string' || !STAGES.includes(w.stage) || !Array.isArray(w.history))
      return undefined;
  return d as StagesDoc;
}

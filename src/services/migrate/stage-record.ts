import {
  advance,
  decide,
  plannedStages,
  type EventOutcome,
  type Stage,
  type StageEvent,
  type StagesDoc,
  type WebhookStages,
} from '../../core/migrate/stages.js';
import type { MigrateDeps } from './deps.js';

export type { EventOutcome };

/**
 * Applies an event to one webhook of the document (pure over the document): the transition the
 * state machine decides, recorded with when, who and the evidence. A `configured` confirmation
 * of a receiver that already passed the check suite goes on to `receiver-ready` (two records).
 */
export function applyEvent(
  doc: StagesDoc,
  v1Key: string,
  event: StageEvent,
  rec: { at: string; by: string; run?: string },
): { doc: StagesDoc; outcome: EventOutcome } {
  const i = doc.webhooks.findIndex((w) => w.v1Key === v1Key);
  let w = doc.webhooks[i];
  if (!w) throw new Error(`no stages for ${v1Key}`);
  const d = decide(w, event);
  // A pass before `configured` moves nothing, but is noted: confirming goes on to receiver-ready.
  if (event.kind === 'verified' && w.stage === 'planned') {
    const webhooks = [...doc.webhooks];
    webhooks[i] = { ...w, receiverVerifiedAt: rec.at };
    return { doc: { ...doc, webhooks }, outcome: { v1Key, moved: [], stage: w.stage } };
  }
  if (!d.ok) return { doc, outcome: { v1Key, refused: d.gate, stage: w.stage } };
  const moved: Stage[] = [];
  if (d.to) {
    w = advance(w, d.to, { ...rec, evidence: d.evidence });
    moved.push(d.to);
  }
  if (event.kind === 'confirm' && w.stage === 'configured' && w.receiverVerifiedAt) {
    w = advance(w, 'receiver-ready', {
      at: rec.at,
      by: rec.by,
      evidence: `check suite passed at ${w.receiverVerifiedAt}`,
    });
    moved.push('receiver-ready');
  }
  if (event.kind === 'observed') w = { ...w, evidence: event.evidence };
  if (event.kind === 'confirm' && event.acceptGap && d.to === 'v1-off')
    w = { ...w, acceptedGap: { reason: event.acceptGap, at: rec.at, by: rec.by } };
  const webhooks = [...doc.webhooks];
  webhooks[i] = w;
  return { doc: { ...doc, webhooks }, outcome: { v1Key, moved, stage: w.stage } };
}

/** Adds `planned` stages for webhooks that have none yet (written by run `run`). */
export function withPlanned(
  doc: StagesDoc,
  pairs: ReadonlyArray<{ v1Key: string; v2Key: string }>,
  rec: { at: string; by: string; run: string },
): StagesDoc {
  const have = new Set(doc.webhooks.map((w) => w.v1Key));
  const added: WebhookStages[] = pairs
    .filter((p) => !have.has(p.v1Key))
    .map((p) =>
      plannedStages(p.v1Key, p.v2Key, {
        ...rec,
        evidence: '2.0 webhook and rule twins written to the file',
      }),
    );
  return added.length === 0 ? doc : { ...doc, webhooks: [...doc.webhooks, ...added] };
}

/** The stamp of a transition made now by this user. */
export function stamp(
  deps: Pick<MigrateDeps, 'now' | 'user'>,
  run?: string,
): {
  at: string;
  by: string;
  run?: string;
} {
  return { at: deps.now().toISOString(), by: deps.user, ...(run ? { run } : {}) };
}

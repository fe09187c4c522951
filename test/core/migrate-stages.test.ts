import { describe, expect, it } from 'vitest';
import { RECONCILE_WINDOW_MINUTES } from '../../src/core/assumptions.js';
import {
  decide,
  evidenceStage,
  nextStep,
  rollbackStages,
  STAGES,
  type ObserveEvidence,
  type Stage,
  type StageEvent,
  type WebhookStages,
} from '../../src/core/migrate/stages.js';
import { applyEvent } from '../../src/services/migrate/stage-record.js';

const at = (stage: Stage, extra: Partial<WebhookStages> = {}): WebhookStages => ({
  v1Key: 'main',
  v2Key: 'main-v2',
  stage,
  history: [{ from: null, to: stage, at: 't0', by: 'u', evidence: 'seed' }],
  ...extra,
});

const ev = (over: Partial<ObserveEvidence> = {}): ObserveEvidence => ({
  at: 't',
  verified: 3,
  badSignature: 0,
  lost: [],
  v2Only: [],
  paired: 3,
  windowMinutes: RECONCILE_WINDOW_MINUTES,
  ...over,
});

const lostOne = [
  { id: 'P1', campaign: '99888 (Winter contest)', website: '1235 (Acme Sport)', at: 't' },
];
const configured: StageEvent = { kind: 'confirm', step: 'configured' };
const off: StageEvent = { kind: 'confirm', step: 'v1-off' };
const deleted: StageEvent = { kind: 'confirm', step: 'v1-deleted' };
const verified: StageEvent = { kind: 'verified' };
const observed = (e: ObserveEvidence): StageEvent => ({ kind: 'observed', evidence: e });

describe('stages: the pure state machine (allowed transitions and their gates)', () => {
  it.each<[Stage, StageEvent, Stage | null | string]>([
    // confirm configured: only from planned; later it is a no-op
    ['planned', configured, 'configured'],
    ['receiver-ready', configured, null],
    // the check suite moves configured on; before configured it is refused
    ['planned', verified, 'gate:not-configured'],
    ['configured', verified, 'receiver-ready'],
    ['delivering', verified, null],
    // observe: never before receiver-ready, never after v1-off; may move back before v1-off
    ['configured', observed(ev()), null],
    ['receiver-ready', observed(ev()), 'reconciled'],
    ['receiver-ready', observed(ev({ lost: lostOne })), 'delivering'],
    ['receiver-ready', observed(ev({ windowMinutes: RECONCILE_WINDOW_MINUTES - 1 })), 'delivering'],
    ['receiver-ready', observed(ev({ verified: 0 })), null],
    ['reconciled', observed(ev({ lost: lostOne })), 'delivering'],
    ['v1-off', observed(ev({ lost: lostOne })), null],
    // confirm v1-off: the cut-over gate
    ['planned', off, 'gate:not-configured'],
    ['configured', off, 'gate:receiver-not-ready'],
    ['receiver-ready', off, 'gate:not-delivering'],
    ['delivering', off, 'gate:not-reconciled'],
    [
      'delivering',
      { kind: 'confirm', step: 'v1-off', acceptGap: 'known: campaign closed' },
      'v1-off',
    ],
    [
      'receiver-ready',
      { kind: 'confirm', step: 'v1-off', acceptGap: 'no evidence at all' },
      'gate:not-delivering',
    ],
    ['reconciled', off, 'v1-off'],
    ['v1-off', off, null],
    // confirm v1-deleted: only after v1-off
    ['reconciled', deleted, 'gate:v1-not-off'],
    ['delivering', deleted, 'gate:not-reconciled'],
    ['v1-off', deleted, 'v1-deleted'],
    ['v1-deleted', deleted, null],
  ])('%s + %j → %s', (stage, event, want) => {
    const d = decide(at(stage), event);
    const got = !d.ok ? `gate:${d.gate}` : d.to;
    expect(got).toBe(want);
  });

  it('never skips a stage: every allowed transition goes one step on (or observe one step back)', () => {
    const events: StageEvent[] = [
      configured,
      off,
      deleted,
      verified,
      observed(ev()),
      observed(ev({ lost: lostOne })),
    ];
    for (const s of STAGES)
      for (const e of events) {
        const d = decide(at(s), e);
        if (!d.ok || d.to === null) continue;
        const jump = STAGES.indexOf(d.to) - STAGES.indexOf(s);
        expect(Math.abs(jump), `${s} → ${d.to}`).toBeLessThanOrEqual(e.kind === 'observed' ? 2 : 1);
      }
  });

  it.each<[Stage, string]>([
    ['planned', 'confirm-configured'],
    ['configured', 'verify'],
    ['receiver-ready', 'observe'],
    ['delivering', 'observe'],
    ['reconciled', 'confirm-v1-off'],
    ['v1-off', 'confirm-v1-deleted'],
    ['v1-deleted', 'done'],
  ])('the one next step at %s is %s', (stage, next) => {
    expect(nextStep(at(stage))).toBe(next);
  });

  it('evidence: reconciled needs a verified 2.0 delivery, nothing lost, and the whole window', () => {
    expect(evidenceStage(ev())).toBe('reconciled');
    expect(evidenceStage(ev({ verified: 0 }))).toBeNull();
    expect(evidenceStage(ev({ lost: lostOne }))).toBe('delivering');
    expect(evidenceStage(ev({ windowMinutes: 59.9 }))).toBe('delivering');
  });

  it('a transition records when, who and on what evidence; a receiver verified before configured goes on to receiver-ready', () => {
    const doc = { version: 1 as const, file: 'a.yaml', webhooks: [at('planned')] };
    const v = applyEvent(doc, 'main', verified, { at: 't1', by: 'ann' });
    expect(v.outcome).toEqual({ v1Key: 'main', moved: [], stage: 'planned' });
    expect(v.doc.webhooks[0]?.receiverVerifiedAt).toBe('t1');
    const c = applyEvent(v.doc, 'main', configured, { at: 't2', by: 'ann' });
    expect(c.outcome).toEqual({
      v1Key: 'main',
      moved: ['configured', 'receiver-ready'],
      stage: 'receiver-ready',
    });
    expect(c.doc.webhooks[0]?.history.slice(1)).toEqual([
      {
        from: 'planned',
        to: 'configured',
        at: 't2',
        by: 'ann',
        evidence: 'confirmed by the admin',
      },
      {
        from: 'configured',
        to: 'receiver-ready',
        at: 't2',
        by: 'ann',
        evidence: 'check suite passed at t1',
      },
    ]);
  });

  it('an accepted gap is kept with the webhook; a rollback of the run drops its transitions', () => {
    const doc = { version: 1 as const, file: 'a.yaml', webhooks: [at('delivering')] };
    const o = applyEvent(
      doc,
      'main',
      { kind: 'confirm', step: 'v1-off', acceptGap: 'campaign 1 closed' },
      { at: 't3', by: 'bo', run: 'R1' },
    );
    expect(o.doc.webhooks[0]).toMatchObject({
      stage: 'v1-off',
      acceptedGap: { reason: 'campaign 1 closed', at: 't3', by: 'bo' },
    });
    const back = rollbackStages(o.doc, 'R1');
    expect(back.webhooks[0]?.stage).toBe('delivering');
    expect(back.webhooks[0]?.acceptedGap).toBeUndefined();
    // A webhook the rolled-back run created disappears with it.
    const created = {
      ...doc,
      webhooks: [
        {
          ...at('planned'),
          history: [
            { from: null, to: 'planned' as const, at: 't', by: 'u', evidence: 'x', run: 'R0' },
          ],
        },
      ],
    };
    expect(rollbackStages(created, 'R0').webhooks).toEqual([]);
  });
});

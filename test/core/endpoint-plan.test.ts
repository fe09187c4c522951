import { describe, expect, it } from 'vitest';
import type { Random } from '../../src/contracts/index.js';
import { SIGNATURE_HEADER } from '../../src/core/assumptions.js';
import { planBurst } from '../../src/core/endpoint/burst-plan.js';
import { SUITE_CHECK_IDS } from '../../src/core/endpoint/checks.js';
import type { EndpointPayload, EndpointTarget } from '../../src/core/endpoint/report.js';
import {
  planSuite,
  sampleBytes,
  TEST_HEADER,
  type SuitePlan,
} from '../../src/core/endpoint/suite-plan.js';
import { signBody } from '../../src/core/signing.js';
import { MESSAGES } from '../../src/messages/index.js';

const M = MESSAGES.endpoint;
/** A counter, so every forged value is predictable and distinct. */
function fakeRandom(): Random {
  let n = 0;
  return { hex: (bytes) => String(++n).padStart(bytes * 2, '0') };
}
const target = (t: Partial<EndpointTarget> = {}): EndpointTarget => ({
  url: 'http://127.0.0.1:9/hook',
  version: 2,
  timeoutMs: 1000,
  warnMs: 5000,
  ...t,
});
const full = target({
  secret: 'plan-secret-1',
  previousSecret: 'plan-secret-0',
  authHeader: { name: 'Authorization', value: 'Bearer tok-1' },
});
const plan = (t: EndpointTarget, seed = 5): SuitePlan =>
  planSuite(t, { seed, random: fakeRandom(), version: '9.9.9' });
const check = <K extends SuitePlan['checks'][number]['kind']>(
  p: SuitePlan,
  id: string,
  kind: K,
) => {
  const c = p.checks.find((x) => x.id === id);
  expect(c?.kind).toBe(kind);
  return c as Extract<SuitePlan['checks'][number], { kind: K }>;
};

describe('planSuite: which checks run', () => {
  it('with a secret, a previous one and an auth header, every check is planned; 11 deliveries', () => {
    const p = plan(full);
    expect(p.skipped).toEqual([]);
    expect([...p.checks.map((c) => c.id), ...p.overall].sort()).toEqual(
      [...SUITE_CHECK_IDS].sort(),
    );
    expect(p.overall).toEqual(['no-redirect', 'latency']);
    expect(p.total).toBe(11); // 2 accepts, 2 rotation, 5 forged, the duplicate twice
  });

  it('accepts-both-secrets: one delivery signed with each secret, each its own participation', () => {
    const c = check(plan(full), 'accepts-both-secrets', 'accept');
    const [now, before] = c.deliveries;
    expect(now!.headers[SIGNATURE_HEADER]).toBe(signBody('plan-secret-1', now!.bytes));
    expect(before!.headers[SIGNATURE_HEADER]).toBe(signBody('plan-secret-0', before!.bytes));
    expect(now!.bytes.equals(before!.bytes)).toBe(false);
    expect(before!.headers[TEST_HEADER]).toBe('1');
  });

  it('no secret: the signature checks are skipped for that reason', () => {
    const p = plan(target({ authHeader: { name: 'X-Token', value: 'tok' } }));
    expect(p.skipped).toEqual([
      { id: 'accepts-both-secrets', reason: M.skipNoPreviousSecret },
      { id: 'rejects-tampered-body', reason: M.skipNoSecret },
      { id: 'rejects-wrong-secret', reason: M.skipNoSecret },
      { id: 'rejects-missing-signature', reason: M.skipNoSecret },
    ]);
    for (const c of p.checks)
      for (const d of c.kind === 'accept' ? c.deliveries : [c.delivery])
        expect(d.headers[SIGNATURE_HEADER]).toBeUndefined();
  });

  it('no auth header: the auth checks are skipped for that reason', () => {
    const p = plan(target({ secret: 's3cret-x', previousSecret: 'old' }));
    expect(p.skipped).toEqual([
      { id: 'rejects-missing-auth', reason: M.skipNoAuth },
      { id: 'rejects-wrong-auth', reason: M.skipNoAuth },
    ]);
  });

  it('1.0: no incomplete participation; the bodies are the flat 1.0 payload', () => {
    const p = plan(target({ version: 1 }));
    expect(p.skipped).toContainEqual({ id: 'accepts-incomplete', reason: M.skipV1Incomplete });
    const body = JSON.parse(
      check(p, 'accepts-complete', 'accept').deliveries[0]!.bytes.toString(),
    ) as Record<string, unknown>;
    expect(typeof body.participation_id).toBe('string');
    expect(body.id).toBeUndefined();
  });

  it('--checks: the others are "not selected", and an unselected overall check is not graded', () => {
    const p = plan(target({ ...full, checks: ['accepts-complete', 'latency'] }));
    expect(p.checks.map((c) => c.id)).toEqual(['accepts-complete']);
    expect(p.overall).toEqual(['latency']);
    expect(p.skipped.map((s) => s.id)).toEqual(
      SUITE_CHECK_IDS.filter((id) => id !== 'accepts-complete' && id !== 'latency'),
    );
    expect(new Set(p.skipped.map((s) => s.reason))).toEqual(new Set([M.skipNotSelected]));
    expect(p.total).toBe(1);
  });

  it('--sample complete / incomplete skip the other state', () => {
    expect(plan(target({ sample: 'complete' })).skipped).toContainEqual({
      id: 'accepts-incomplete',
      reason: M.skipSampleComplete,
    });
    expect(plan(target({ sample: 'incomplete' })).skipped).toContainEqual({
      id: 'accepts-complete',
      reason: M.skipSampleIncomplete,
    });
  });

  it('--payload: accepts-* send the captured bytes untouched; forged and duplicate bodies get a new id', () => {
    const bytes = Buffer.from(
      '{\n  "id": "7E570000-0000-4000-8000-000000000001",\n  "state": "COMPLETED"\n}\n',
    );
    const payloads: EndpointPayload[] = [
      { bytes, contentType: 'application/json', source: 'a.json', state: 'complete' },
      { bytes, contentType: 'application/json', source: 'b.json', state: 'complete' },
    ];
    const p = plan(target({ ...full, payloads }));
    expect(p.userPayloads).toBe(true);
    const acc = check(p, 'accepts-complete', 'accept');
    expect(acc.deliveries.map((d) => d.bytes.equals(bytes))).toEqual([true, true]);
    expect(p.skipped).toContainEqual({
      id: 'accepts-incomplete',
      reason: M.skipNoIncompletePayload,
    });
    const dup = check(p, 'duplicate-delivery', 'duplicate');
    expect(dup.payload.source).toBe('a.json (new id)');
    expect((JSON.parse(dup.delivery.bytes.toString()) as { id: string }).id).not.toBe(
      '7E570000-0000-4000-8000-000000000001',
    );
    expect(p.total).toBe(2 + 2 + 5 + 2); // accepts, rotation, forged, duplicate
  });
});

describe('planSuite: bytes and headers', () => {
  const p = plan(full);
  const valid = check(p, 'accepts-complete', 'accept').deliveries[0]!;

  it('a valid delivery: test header, user agent, auth, and the signature over its exact bytes', () => {
    expect(valid.headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'qwh/9.9.9',
      [TEST_HEADER]: '1',
      authorization: 'Bearer tok-1',
      [SIGNATURE_HEADER]: signBody('plan-secret-1', valid.bytes),
    });
  });

  it('tampered: one byte changed, the signature is over the original bytes', () => {
    const d = check(p, 'rejects-tampered-body', 'reject').delivery;
    const original = sampleBytes(2, 5 + 2, 'complete'); // slot 2 of seed 5
    expect(d.headers[SIGNATURE_HEADER]).toBe(signBody('plan-secret-1', original));
    expect(d.bytes.length).toBe(original.length);
    expect([...d.bytes].filter((x, i) => x !== original[i])).toHaveLength(1);
  });

  it('wrong secret, missing signature, missing and wrong auth: only that header differs', () => {
    const ws = check(p, 'rejects-wrong-secret', 'reject').delivery;
    expect(ws.headers[SIGNATURE_HEADER]).toBe(
      signBody('qwh-other-secret-' + '1'.padStart(32, '0'), ws.bytes),
    );
    expect(ws.headers.authorization).toBe('Bearer tok-1');
    const ms = check(p, 'rejects-missing-signature', 'reject').delivery;
    expect(ms.headers[SIGNATURE_HEADER]).toBeUndefined();
    expect(ms.headers.authorization).toBe('Bearer tok-1');
    const ma = check(p, 'rejects-missing-auth', 'reject').delivery;
    expect(ma.headers.authorization).toBeUndefined();
    expect(ma.headers[SIGNATURE_HEADER]).toBe(signBody('plan-secret-1', ma.bytes));
    const wa = check(p, 'rejects-wrong-auth', 'reject').delivery;
    expect(wa.headers.authorization).toMatch(/^Bearer qwh-wrong-0{23}2$/);
    expect(wa.headers.authorization).not.toBe('Bearer tok-1');
  });

  it('every check has its own participation id', () => {
    const ids = p.checks.map((c) => {
      const d = c.kind === 'accept' ? c.deliveries[0]! : c.delivery;
      return (JSON.parse(d.bytes.toString()) as { id: string }).id;
    });
    expect(new Set(ids).size).toBe(p.checks.length);
  });

  it('is deterministic given the seed and the random source; another seed gives other bodies', () => {
    const a = plan(full, 77);
    const b = plan(full, 77);
    expect(a).toEqual(b);
    expect(plan(full, 78).checks[0]).not.toEqual(a.checks[0]);
  });
});

describe('planBurst', () => {
  it('delivery i: its own id, signed as sent, same headers as the suite', () => {
    const b = planBurst(target({ ...full, count: 100 }), { seed: 3, version: '9.9.9' });
    expect(b.total).toBe(100);
    const ids = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const d = b.delivery(i);
      ids.add((JSON.parse(d.bytes.toString()) as { id: string }).id);
      expect(d.headers[SIGNATURE_HEADER]).toBe(signBody('plan-secret-1', d.bytes));
      expect(d.headers.authorization).toBe('Bearer tok-1');
      expect(d.headers[TEST_HEADER]).toBe('1');
    }
    expect(ids.size).toBe(100);
    expect(b.delivery(7).bytes.equals(b.delivery(7).bytes)).toBe(true);
  });
});

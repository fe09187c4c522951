import { describe, expect, it } from 'vitest';
import { REDIRECT_IS_FAILURE, SIGNATURE_HEADER } from '../../src/core/assumptions.js';
import type { Outcome } from '../../src/core/endpoint/checks.js';
import {
  buildReport,
  checkResult,
  displayHeaderName,
  gradeBurst,
  gradeDuplicate,
  gradeLatency,
  gradeRedirects,
  gradeRejectCheck,
} from '../../src/core/endpoint/grade.js';
import { toOutcome } from '../../src/core/endpoint/outcome.js';
import { RunStats } from '../../src/core/endpoint/stats.js';
import { MESSAGES } from '../../src/messages/index.js';

const M = MESSAGES.endpoint;
const res = (status: number, ms = 10, location?: string): Outcome => ({
  kind: 'response',
  status,
  ms,
  ...(location ? { location } : {}),
});
const refused: Outcome = {
  kind: 'failure',
  failure: 'refused',
  code: 'ECONNREFUSED',
  message: 'connection refused',
  ms: 1,
};
const statsOf = (...os: Array<[string, Outcome]>): RunStats => {
  const s = new RunStats(1); // grows past its first guess
  for (const [check, o] of os) s.record(check, o);
  return s;
};

describe('RunStats, the one accumulator of suite and burst', () => {
  it('counts deliveries, responses, statuses in first-seen order, latencies and the first redirect', () => {
    const s = statsOf(
      ['a', res(200, 5)],
      ['b', refused],
      ['c', res(302, 7, '/x')],
      ['d', res(301, 9)],
      ['e', res(200, 3)],
    );
    expect([s.deliveries, s.responses, s.redirects]).toEqual([5, 4, 2]);
    expect([...s.statuses]).toEqual([
      ['200', 2],
      ['refused', 1],
      ['302', 1],
      ['301', 1],
    ]);
    expect([...s.latencies()]).toEqual([5, 7, 9, 3]);
    expect(s.firstRedirect?.check).toBe('c');
    expect(s.accepted()).toBe(2);
    const sum = s.summary(2000, 4);
    expect(sum).toMatchObject({
      deliveries: 5,
      responses: 4,
      noResponse: 1,
      durationMs: 2000,
      throughputPerSec: 2.5,
      concurrency: 4,
    });
    expect(Object.keys(sum.statuses)).toEqual(['200', '301', '302', 'refused']);
    expect(sum.latencyMs).toMatchObject({ min: 3, max: 9 });
  });
});

describe('no-redirect', () => {
  it('passes without redirects; skips without responses', () => {
    expect(gradeRedirects(statsOf(['a', res(200)]))).toEqual({
      status: 'pass',
      reason: M.noRedirectPass(1),
    });
    expect(gradeRedirects(statsOf(['a', refused])).status).toBe('skip');
  });

  it('REDIRECT_IS_FAILURE drives the verdict: the default fails a redirect, the flipped flag only warns', () => {
    const s = statsOf(
      ['accepts-complete', res(302, 4, 'http://x/elsewhere')],
      ['latency', res(200)],
    );
    const reason = M.noRedirectFail(1, '302 → http://x/elsewhere', 'accepts-complete');
    expect(REDIRECT_IS_FAILURE).toBe(true);
    expect(gradeRedirects(s)).toEqual({ status: 'fail', reason, details: { redirects: 1 } });
    expect(gradeRedirects(s, true).status).toBe('fail');
    expect(gradeRedirects(s, false)).toEqual({ status: 'warn', reason, details: { redirects: 1 } });
    const report = (flag: boolean) =>
      buildReport(
        {
          target: { version: 2 },
          url: 'u',
          mode: 'suite',
          seed: 1,
          concurrency: 1,
          durationMs: 1,
          stats: s,
        },
        [checkResult('no-redirect', gradeRedirects(s, flag))],
        [],
      ).verdict;
    expect([report(true), report(false)]).toEqual(['fail', 'pass']);
  });
});

describe('latency', () => {
  it('warns when p95 is over the threshold, passes at it, skips with nothing', () => {
    expect(gradeLatency([10, 20, 300], 100).status).toBe('warn');
    expect(gradeLatency([10, 20, 100], 100).status).toBe('pass');
    expect(gradeLatency([10, 20, 300], 100).reason).toBe(M.latencyWarn(300, 100));
    expect(gradeLatency([], 100)).toEqual({ status: 'skip', reason: M.skipNoResponses });
  });
});

describe('duplicate-delivery', () => {
  const d = {
    bytes: Buffer.from('{"id":"x"}'),
    headers: { [SIGNATURE_HEADER]: 'sha256=' + 'ab'.repeat(32) },
  };
  it('passes when both are accepted', () => {
    expect(gradeDuplicate(d, res(200), res(200))).toEqual({
      status: 'pass',
      reason: M.duplicatePass(200, 200),
      details: { statuses: ['200', '200'] },
    });
  });
  it('fails on the second (a receiver that refuses what it has seen)', () => {
    expect(gradeDuplicate(d, res(201), res(409))).toMatchObject({
      status: 'fail',
      reason: M.duplicateSecondFailed('409'),
    });
  });
  it('fails on the first, explaining a signature refusal; the repeat was not sent', () => {
    const g = gradeDuplicate(d, res(401), undefined);
    expect(g).toMatchObject({ status: 'fail', reason: M.duplicateFirstFailed('401') });
    expect(g.details).toMatchObject({
      statuses: ['401'],
      signature: { header: `X-Qualifio-Signature: sha256=${'ab'.repeat(6)}…` },
    });
  });
});

describe('forged, burst and the report', () => {
  it('a forged delivery accepted is worded per check', () => {
    expect(gradeRejectCheck('rejects-wrong-auth', res(200), 'X-Token')).toEqual({
      status: 'fail',
      reason: M.acceptedWrongAuth('X-Token', 200),
      details: { status: '200' },
    });
    expect(gradeRejectCheck('rejects-tampered-body', res(403)).status).toBe('pass');
  });

  it('burst: a histogram of what was not 2xx', () => {
    expect(gradeBurst(statsOf(['burst', res(200)], ['burst', res(204)]), 2)).toEqual({
      status: 'pass',
      reason: M.burstPass(2),
    });
    expect(
      gradeBurst(
        statsOf(['burst', res(200)], ['burst', res(503)], ['burst', refused], ['burst', res(503)]),
        4,
      ),
    ).toEqual({
      status: 'fail',
      reason: M.burstFail(3, 4, '503 ×2, refused ×1'),
    });
  });

  it('nothing answered is unreachable, whatever the checks say', () => {
    const r = buildReport(
      {
        target: { version: 2 },
        url: 'u',
        mode: 'burst',
        seed: 1,
        concurrency: 1,
        durationMs: 0,
        stats: statsOf(['burst', refused]),
      },
      [checkResult('burst', { status: 'fail', reason: 'x' })],
      [],
    );
    expect(r.verdict).toBe('unreachable');
    expect(r.counts).toEqual({ pass: 0, fail: 1, warn: 0, skip: 0 });
    expect(r.stats.throughputPerSec).toBe(0);
  });

  it('header names display in their usual case', () => {
    expect(displayHeaderName(SIGNATURE_HEADER)).toBe('X-Qualifio-Signature');
  });
});

describe('toOutcome', () => {
  const ctx = { url: 'http://h.example/hook?token=abc', secrets: ['sekret-value'] };
  it('masks a relative Location made absolute and scrubs secrets out of a snippet', () => {
    const o = toOutcome(
      {
        ok: true,
        status: 302,
        location: '/next?token=leak-me',
        body: Buffer.from('bad sekret-value\u0007!'),
        truncated: false,
      },
      12.345,
      ctx,
    );
    expect(o).toMatchObject({ kind: 'response', status: 302, ms: 12.3 });
    expect(JSON.stringify(o)).not.toContain('leak-me');
    expect(JSON.stringify(o)).not.toContain('sekret-value');
    expect(o.kind === 'response' && o.snippet).toBe('bad •••• !');
  });
  it('a 2xx keeps no snippet; a failure keeps its kind', () => {
    expect(
      toOutcome({ ok: true, status: 200, body: Buffer.from('ok'), truncated: false }, 1, ctx),
    ).toEqual({ kind: 'response', status: 200, ms: 1 });
    expect(
      toOutcome({ ok: false, failure: 'timeout', code: 'T', message: 'timed out' }, 5, ctx),
    ).toMatchObject({ kind: 'failure', failure: 'timeout' });
  });
});

import { describe, expect, it } from 'vitest';
import {
  blockedAddressReason,
  blockedHostnameReason,
  parseIPv6,
} from '../../src/core/endpoint/address-policy.js';
import {
  gradeAccepted,
  gradeRejected,
  tamperOneByte,
  wrongAuthValue,
} from '../../src/core/endpoint/checks.js';
import { withParticipationId } from '../../src/core/endpoint/payload-id.js';
import { percentile, summarizeLatencies } from '../../src/core/endpoint/stats.js';
import { generateSample } from '../../src/core/sample/generate.js';
import { MESSAGES } from '../../src/messages/index.js';

describe('address policy', () => {
  it.each([
    '169.254.169.254',
    '169.254.0.1',
    'fe80::1',
    'FE80::abcd%eth0',
    'febf::1',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '64:ff9b::169.254.169.254',
    'fd00:ec2::254',
    '100.100.100.200',
  ])('refuses %s', (ip) => {
    expect(blockedAddressReason(ip)).toBeDefined();
  });
  it.each([
    '127.0.0.1',
    '::1',
    '10.0.0.8',
    '192.168.1.20',
    '172.16.0.1',
    'fec0::1',
    '8.8.8.8',
    '::ffff:127.0.0.1',
    'fd00::1',
  ])('allows %s (loopback and private stay testable)', (ip) => {
    expect(blockedAddressReason(ip)).toBeUndefined();
  });
  it('refuses metadata host names in any case, with a trailing dot', () => {
    expect(blockedHostnameReason('Metadata.Google.Internal.')).toBeDefined();
    expect(blockedHostnameReason('metadata')).toBeDefined();
    expect(blockedHostnameReason('hooks.example.com')).toBeUndefined();
  });
  it('parses IPv6 spellings into eight groups', () => {
    expect(parseIPv6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIPv6('1::')).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIPv6('1::2::3')).toBeUndefined();
    expect(parseIPv6('example.com')).toBeUndefined();
  });
});

describe('check grading', () => {
  const res = (status: number) => ({ kind: 'response' as const, status, ms: 1 });
  it('a forged delivery passes only on a 4xx', () => {
    const acc = (s: number) => `accepted ${s}`;
    expect(gradeRejected(res(401), acc).status).toBe('pass');
    expect(gradeRejected(res(422), acc).status).toBe('pass');
    expect(gradeRejected(res(200), acc)).toEqual({ status: 'fail', reason: 'accepted 200' });
    expect(gradeRejected(res(503), acc).reason).toBe(MESSAGES.endpoint.forgedServerError(503));
    expect(gradeRejected(res(307), acc).status).toBe('fail');
    expect(
      gradeRejected({ kind: 'failure', failure: 'reset', message: 'x', ms: 1 }, acc).status,
    ).toBe('fail');
  });
  it('valid deliveries pass only when every one is 2xx, and the reason counts the bad ones', () => {
    expect(gradeAccepted([res(200), res(204)], 'delivery').status).toBe('pass');
    const g = gradeAccepted([res(200), res(401), res(401)], 'delivery');
    expect(g.status).toBe('fail');
    expect(g.reason.startsWith(MESSAGES.endpoint.nOf(2, 3))).toBe(true);
    expect(gradeAccepted([res(301)], 'delivery').reason).toContain('never follows');
  });
  it('tamperOneByte changes exactly one byte and keeps the JSON valid', () => {
    const body = Buffer.from(JSON.stringify(generateSample(3).v2));
    const t = tamperOneByte(body);
    expect(t.length).toBe(body.length);
    let diff = 0;
    for (let i = 0; i < body.length; i++) if (body[i] !== t[i]) diff++;
    expect(diff).toBe(1);
    expect(() => JSON.parse(t.toString()) as unknown).not.toThrow();
    expect(tamperOneByte(Buffer.from('a=1&b=xyz')).toString()).toBe('a=1&b=Xyz');
    expect(tamperOneByte(Buffer.from('{}')).toString()).toBe('{} ');
  });
  it('a wrong auth value keeps the scheme word', () => {
    expect(wrongAuthValue('Bearer abc', 'zzz')).toBe('Bearer zzz');
    expect(wrongAuthValue('abc', 'zzz')).toBe('zzz');
  });
});

describe('payload ids', () => {
  it('replaces the 2.0 id, the 1.0 participation id, and form fields', () => {
    const v2 = Buffer.from(JSON.stringify(generateSample(1).v2, null, 2));
    const out = JSON.parse(withParticipationId(v2, 2, 'NEW')!.toString()) as { id: string };
    expect(out.id).toBe('NEW');
    const v1 = Buffer.from(JSON.stringify(generateSample(1).v1));
    expect(
      (JSON.parse(withParticipationId(v1, 1, 'N1')!.toString()) as Record<string, string>)
        .participation_id,
    ).toBe('N1');
    expect(withParticipationId(Buffer.from('participation_id=a&x=1'), 1, 'B')!.toString()).toBe(
      'participation_id=B&x=1',
    );
    expect(withParticipationId(Buffer.from('{"x":1}'), 2, 'N')).toBeUndefined();
    expect(withParticipationId(Buffer.from('[1]'), 2, 'N')).toBeUndefined();
  });
  it('keeps a "__proto__" key as data', () => {
    const out = withParticipationId(Buffer.from('{"__proto__":{"polluted":1},"id":"a"}'), 2, 'b')!;
    expect(out.toString()).toBe('{"__proto__":{"polluted":1},"id":"b"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('latency stats', () => {
  it('uses nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(summarizeLatencies([5, 1, 3])).toEqual({
      min: 1,
      p50: 3,
      p95: 5,
      p99: 5,
      max: 5,
      mean: 3,
    });
    expect(summarizeLatencies([])).toBeNull();
  });
});

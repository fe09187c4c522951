import { describe, expect, it } from 'vitest';
import {
  forwardHeaders,
  forwardUrl,
  relayedStatus,
  relayFailureStatus,
  versionOfDelivery,
} from '../../src/core/endpoint/relay.js';
import { signBody, verifyRotation } from '../../src/core/signing.js';

describe('relay: what is forwarded where', () => {
  it('drops hop-by-hop headers and those Connection names; keeps signature, auth, X-Qwh-Test', () => {
    const h = forwardHeaders({
      host: 'relay:8787',
      connection: 'keep-alive, X-Hop',
      'keep-alive': 'timeout=5',
      'x-hop': '1',
      'transfer-encoding': 'chunked',
      'content-length': '12',
      'proxy-authorization': 'Basic cmVsYXk6cA==',
      authorization: 'Bearer t',
      'x-qualifio-signature': 'sha256=ab',
      'x-qwh-test': '1',
      'x-multi': ['a', 'b'],
      absent: undefined,
    });
    expect(h).toEqual({
      authorization: 'Bearer t',
      'x-qualifio-signature': 'sha256=ab',
      'x-qwh-test': '1',
      'x-multi': 'a, b',
    });
  });

  it('the request path goes under --forward-to, both query strings kept; / is the URL itself', () => {
    expect(forwardUrl('http://127.0.0.1:3000/hooks', '/')).toBe('http://127.0.0.1:3000/hooks');
    expect(forwardUrl('http://127.0.0.1:3000/hooks/', '/v2')).toBe(
      'http://127.0.0.1:3000/hooks/v2',
    );
    expect(forwardUrl('https://svc.example/in?a=1', '/v1?token=x')).toBe(
      'https://svc.example/in/v1?a=1&token=x',
    );
    expect(forwardUrl('https://svc.example', '/?token=x')).toBe('https://svc.example/?token=x');
  });

  it('tells 1.0 from 2.0 deliveries: signed → 2.0, form or flat 1.0 id → 1.0', () => {
    const flat = Buffer.from('{"participation_id":"x"}');
    expect(versionOfDelivery({}, flat)).toBe(1);
    expect(versionOfDelivery({ 'x-qualifio-signature': 'sha256=00' }, flat)).toBe(2);
    expect(versionOfDelivery({}, Buffer.from('participation_id=x&email=a'))).toBe(1);
    expect(
      versionOfDelivery({ 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('')),
    ).toBe(1);
    expect(versionOfDelivery({}, Buffer.from('{"id":"X","campaign":{}}'))).toBe(2);
  });

  it('the sender gets 504 on a timeout, 502 otherwise and for a redirect, the status else', () => {
    expect(relayFailureStatus('timeout')).toBe(504);
    expect(relayFailureStatus('refused')).toBe(502);
    expect(relayFailureStatus('dns')).toBe(502);
    expect(relayedStatus(302)).toBe(502);
    expect([200, 202, 401, 500].map(relayedStatus)).toEqual([200, 202, 401, 500]);
  });
});

describe('verifyRotation: the current secret, then the previous one', () => {
  const body = Buffer.from('{"id":"1"}');
  it('says which secret matched; the previous one only when given', () => {
    expect(verifyRotation('new', 'old', body, signBody('new', body))).toEqual({
      ok: true,
      matched: 'current',
    });
    expect(verifyRotation('new', 'old', body, signBody('old', body))).toEqual({
      ok: true,
      matched: 'previous',
    });
    const without = verifyRotation('new', undefined, body, signBody('old', body));
    expect(without.ok).toBe(false);
    const other = verifyRotation('new', 'old', body, signBody('third', body));
    expect(other).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifyRotation('new', 'old', body, undefined)).toMatchObject({ reason: 'missing' });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReceiver, type DeliveryEvent } from '../../src/adapters/local-receiver.js';
import { generateSample } from '../../src/core/sample/generate.js';
import { signBody } from '../../src/core/signing.js';

const post = async (url: string, body: string, secret?: string): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-qualifio-signature': signBody(secret, Buffer.from(body)) } : {}),
    },
    body,
  });

describe('qwh listen judges 2.0 bodies by what is documented', () => {
  it('accepts the published-example fixture (indented, upload without value, no website.id) with no warning', async () => {
    const events: DeliveryEvent[] = [];
    const r = await startReceiver({ secret: 's', onEvent: (e) => events.push(e) });
    const body = readFileSync(
      join(import.meta.dirname, '../../fixtures/payloads/v2/published-example-shape.json'),
      'utf8',
    );
    const res = await post(r.url, body, 's');
    await r.close();
    expect(res.status).toBe(200);
    expect(events[0]?.warnings).toBeUndefined();
  });

  it('a body stricter qwh readings reject is accepted with warnings naming the path, not a 400', async () => {
    const events: DeliveryEvent[] = [];
    const r = await startReceiver({ onEvent: (e) => events.push(e) });
    const { v2 } = generateSample(4);
    const body = JSON.stringify({ ...v2, ip: 'not-hex', browser: undefined });
    const res = await post(r.url, body);
    const answer = (await res.json()) as { ok: boolean; warnings?: string[] };
    await r.close();
    expect(res.status).toBe(200);
    expect(answer.ok).toBe(true);
    expect(events[0]?.result).toBe('accepted');
    expect(events[0]?.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ip: /), expect.stringMatching(/^browser: /)]),
    );
  });

  it('a documented fact still gets a 400: an opt-in response outside "1" / "0" / "", an id that is no UUID', async () => {
    const r = await startReceiver({});
    const { v2 } = generateSample(6);
    const optin = await post(
      r.url,
      JSON.stringify({ ...v2, optins: [{ ...v2.optins[0]!, response: 'yes' }] }),
    );
    const id = await post(r.url, JSON.stringify({ ...v2, id: 'x' }));
    await r.close();
    expect(optin.status).toBe(400);
    expect(await optin.text()).toContain('optins');
    expect(id.status).toBe(400);
  });
});

describe('the answers written out as text are what JSON.stringify gives', () => {
  it('accepted, then duplicate, for an id that needs escaping (1.0 ids are any string)', async () => {
    const r = await startReceiver({ version: 1 });
    const id = 'p"1\\é\u2028😀';
    const body = JSON.stringify({ ...generateSample(5).v1, participation_id: id });
    const first = await (await post(r.url, body)).text();
    const again = await (await post(r.url, body)).text();
    await r.close();
    expect(first).toBe(JSON.stringify({ ok: true, id, duplicate: false }));
    expect(again).toBe(JSON.stringify({ ok: true, id, duplicate: true }));
  });
});

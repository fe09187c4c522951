import { describe, expect, it } from 'vitest';
import type { AccountFile } from '../../src/core/account/schema.js';
import { validateAccount } from '../../src/core/account/validate.js';
import {
  captureRecordOf,
  observeDeliveries,
  parseCapture,
  type Delivery,
  type ObserveTarget,
} from '../../src/core/migrate/captures.js';
import { signBody } from '../../src/core/signing.js';

// observe's pairing: each delivery belongs to the webhooks its participation is ROUTED to (the
// file's push rules), not to the one whose scope matches its website; evidence accumulates over
// runs in a ledger, and a delivery read again (same identity) counts once.

const SECRET = 'observe-routing-secret';

function account(): AccountFile {
  const v = validateAccount({
    version: 1,
    account: { id: 1, name: 'Acme' },
    websites: [
      { id: 1234, name: 'Acme News' },
      { id: 1235, name: 'Acme Sport' },
    ],
    campaigns: [{ id: 99887, name: 'Summer quiz', websiteId: 1234 }],
    webhooks: [
      { key: 'main', version: 1, scope: 'account', url: 'https://h.example/main' },
      { key: 'news', version: 1, scope: { website: 1234 }, url: 'https://h.example/news' },
      { key: 'main-v2', version: 2, scope: 'account', name: 'm', host: 'https://h.example/m2' },
      {
        key: 'news-v2',
        version: 2,
        scope: { website: 1234 },
        name: 'n',
        host: 'https://h.example/n2',
      },
    ],
    pushRules: [
      { level: 'default', destination: 'main' },
      { level: 'default', destination: 'main-v2' },
      { level: 'website', target: 1234, campaignMode: 'both', destination: 'news' },
      { level: 'website', target: 1234, campaignMode: 'both', destination: 'news-v2' },
      // Summer quiz runs on Acme News but is pushed to the account-level webhook.
      { level: 'campaign', target: 99887, destination: 'main' },
      { level: 'campaign', target: 99887, destination: 'main-v2' },
    ],
  });
  if (!v.ok) throw new Error(v.problems[0]?.message);
  return v.account;
}

const targets: ObserveTarget[] = [
  { v1Key: 'main', v2Key: 'main-v2', scope: 'account', secret: SECRET, since: 0 },
  { v1Key: 'news', v2Key: 'news-v2', scope: { website: 1234 }, secret: SECRET, since: 0 },
];

function delivery(version: 1 | 2, id: string, campaign: number, at: number): Delivery {
  const body = Buffer.from(
    version === 1
      ? JSON.stringify({
          participation_id: id,
          campaign_id: String(campaign),
          campaign_title: 'Summer quiz',
          website_id: '1234',
          website_name: 'Acme News',
          email: 'qwh.test@example.com',
        })
      : JSON.stringify({
          id,
          state: 'COMPLETED',
          campaign: {
            id: campaign,
            name: 'Summer quiz',
            channel: { website: { name: 'Acme News' } },
          },
          form: [{ variable: 'email', responses: [{ value: 'qwh.test@example.com' }] }],
        }),
  );
  const rec = captureRecordOf({
    at: new Date(at),
    method: 'POST',
    path: '/',
    version,
    headers: version === 2 ? { 'x-qualifio-signature': signBody(SECRET, body) } : {},
    body,
  });
  const d = parseCapture(Buffer.from(JSON.stringify(rec)), 'test');
  if (typeof d === 'string') throw new Error(d);
  return d;
}

describe('observe: deliveries assigned by routing, evidence accumulated', () => {
  it('a participation of a campaign routed to the account-level webhook is judged there, not by its website scope', () => {
    const ds = [delivery(1, 'AAAA0001', 99887, 1000)];
    const { evidence } = observeDeliveries(targets, ds, new Date(5000), account());
    expect(evidence.get('main')?.lost.map((l) => l.campaign)).toEqual(['99887 (Summer quiz)']);
    expect(evidence.get('news')?.lost).toEqual([]);
  });

  it('a 2.0 delivery that carries only the website name is routed like its 1.0 twin and pairs with it', () => {
    const ds = [delivery(1, 'AAAA0002', 5, 1000), delivery(2, 'AAAA0002', 5, 1010)];
    const { evidence } = observeDeliveries(targets, ds, new Date(5000), account());
    expect(evidence.get('news')).toMatchObject({ paired: 1, verified: 1, lost: [] });
    expect(evidence.get('main')).toMatchObject({ paired: 0, verified: 0 });
  });

  it('evidence accumulates over runs; a capture read again counts once', () => {
    const acct = account();
    const first = observeDeliveries(
      targets,
      [delivery(1, 'AAAA0003', 99887, 1000)],
      new Date(),
      acct,
    );
    expect(first.evidence.get('main')?.lost).toHaveLength(1);
    // The next run reads the same file again, now with the 2.0 delivery appended.
    const ds = [delivery(1, 'AAAA0003', 99887, 1000), delivery(2, 'AAAA0003', 99887, 2000)];
    const second = observeDeliveries(targets, ds, new Date(), acct, first.ledger);
    expect(second.tally.seenBefore).toBe(1);
    expect(second.ledger.entries).toHaveLength(2);
    expect(second.evidence.get('main')).toMatchObject({ lost: [], paired: 1, verified: 1 });
    // A run with no new capture still reports the whole window.
    const third = observeDeliveries(targets, [], new Date(), acct, second.ledger);
    expect(third.evidence.get('main')).toMatchObject({ lost: [], paired: 1, verified: 1 });
  });

  it('a delivery judged for one webhook (--webhook) is judged for the others on a later run', () => {
    const acct = account();
    const ds = [delivery(1, 'AAAA0005', 5, 1000)];
    const onlyMain = observeDeliveries([targets[0]!], ds, new Date(), acct);
    expect(onlyMain.ledger.entries[0]?.to).toEqual([{ key: 'main', ok: true }]);
    const all = observeDeliveries(targets, ds, new Date(), acct, onlyMain.ledger);
    expect(all.tally.seenBefore).toBe(1);
    expect(all.evidence.get('news')?.lost.map((l) => l.id)).toEqual(['AAAA0005']);
    expect(all.ledger.entries).toHaveLength(1);
  });

  it('the ledger holds no body: only ids, times, labels and verdicts', () => {
    const { ledger } = observeDeliveries(
      targets,
      [delivery(2, 'AAAA0004', 5, 1)],
      new Date(),
      account(),
    );
    expect(JSON.stringify(ledger)).not.toContain('qwh.test@example.com');
    expect(ledger.entries[0]).toMatchObject({
      id: 'AAAA0004',
      v: 2,
      to: [{ key: 'news', ok: true }],
    });
  });
});

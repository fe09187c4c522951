import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { AccountFile } from '../../src/core/account/schema.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { isUserError } from '../../src/core/errors.js';
import type { StagesDoc } from '../../src/core/migrate/stages.js';
import { routeParticipation } from '../../src/core/routing/route.js';
import { backOfficeView, parseMissingRule } from '../../src/core/simulate/back-office.js';
import {
  deliveriesOf,
  deliveryHeaders,
  SIMULATE_HEADER,
} from '../../src/core/simulate/deliveries.js';
import { simulatedParticipations } from '../../src/core/simulate/participations.js';
import { verifySignature } from '../../src/core/signing.js';
import { FIXTURES } from '../helpers/bin.js';

function acme(extra: (a: Record<string, unknown>) => void = () => {}): AccountFile {
  const data = parse(readFileSync(join(FIXTURES, 'accounts/acme.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  extra(data);
  const v = validateAccount(data);
  if (!v.ok) throw new Error(v.problems[0]?.message);
  return v.account;
}

/** acme after migrate: twins for main and news (news-v2 pushes incomplete participations). */
function migrated(): AccountFile {
  return acme((a) => {
    const hooks = a.webhooks as Array<Record<string, unknown>>;
    hooks.push(
      { key: 'main-v2', version: 2, scope: 'account', name: 'Main', host: 'https://h.example/m' },
      {
        key: 'news-v2',
        version: 2,
        scope: { website: 1234 },
        name: 'News',
        host: 'https://h.example/n',
        incompleteParticipations: true,
      },
    );
    const rules = a.pushRules as Array<Record<string, unknown>>;
    for (const r of [...rules])
      if (r.destination === 'main' || r.destination === 'news')
        rules.push({ ...r, destination: `${String(r.destination)}-v2` });
  });
}

const stages = (stage: 'planned' | 'configured'): StagesDoc => ({
  version: 1,
  file: 'acme.yaml',
  webhooks: ['main', 'news'].map((k) => ({ v1Key: k, v2Key: `${k}-v2`, stage, history: [] })),
});

describe('qwh simulate (core)', () => {
  it('is deterministic per seed and covers every target of the file, in both campaign modes', () => {
    const a = [...simulatedParticipations(acme(), 30, 7)];
    const b = [...simulatedParticipations(acme(), 30, 7)];
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = [...simulatedParticipations(acme(), 30, 8)];
    expect(c[0]?.v2.id).not.toBe(a[0]?.v2.id);
    const ids = new Set(a.map((p) => p.v2.id));
    expect(ids.size).toBe(30);
    const seen = new Set(
      a.map((p) => `${p.context.campaignId ?? p.context.masterFormId}:${p.context.kind}`),
    );
    for (const t of ['99887:identified', '99887:anonymous', '99888:identified', '99888:anonymous'])
      expect(seen).toContain(t);
    expect(a.some((p) => p.context.masterFormId === 77)).toBe(true);
    expect(a.some((p) => p.state === 'incomplete')).toBe(true);
  });

  it('anonymous participations carry no form; incomplete ones have no 1.0 payload', () => {
    for (const p of simulatedParticipations(acme(), 40, 3)) {
      if (p.context.kind === 'anonymous') expect(p.v2.form).toEqual([]);
      if (p.state === 'incomplete') expect(p.v1).toBeUndefined();
      if (p.website) expect(p.v2.campaign.channel.website.name).toBe(p.website.name);
      expect(p.v2.campaign.id).toBe(p.campaign.id);
    }
  });

  it('delivers where routing sends it: 1.0 complete only, 2.0 incomplete only where the webhook pushes them', () => {
    const account = migrated();
    let incompleteToNews = 0;
    for (const p of simulatedParticipations(account, 60, 11)) {
      const { route, deliveries } = deliveriesOf(account, p);
      expect(route).toEqual(routeParticipation(account, p.context));
      for (const d of deliveries) {
        if (d.webhook.version === 1) expect(p.state).toBe('complete');
        if (p.state === 'incomplete') {
          expect(d.webhook.key).toBe('news-v2');
          incompleteToNews++;
        }
      }
    }
    expect(incompleteToNews).toBeGreaterThan(0);
  });

  it('the back office follows the stages: a planned 2.0 webhook and its rules are not there yet', () => {
    const view = backOfficeView(migrated(), stages('planned'), [], 'acme.yaml');
    expect(view.absent.map((a) => a.key)).toEqual(['main-v2', 'news-v2']);
    expect(view.account.webhooks.map((w) => w.key)).toEqual(['main', 'news']);
    expect(view.account.pushRules.some((r) => r.destination?.endsWith('-v2'))).toBe(false);
    const live = backOfficeView(migrated(), stages('configured'), [], 'acme.yaml');
    expect(live.absent).toEqual([]);
    expect(live.account.webhooks).toHaveLength(4);
  });

  it('--missing-rule takes one twin out: that campaign reaches 1.0 only', () => {
    const missing = [parseMissingRule('campaign:99888:main-v2')];
    const view = backOfficeView(migrated(), stages('configured'), missing, 'acme.yaml');
    const p = [...simulatedParticipations(migrated(), 30, 1)].find(
      (x) => x.context.campaignId === 99888 && x.state === 'complete',
    )!;
    expect(deliveriesOf(view.account, p).deliveries.map((d) => d.webhook.key)).toEqual(['main']);
    expect(deliveriesOf(migrated(), p).deliveries.map((d) => d.webhook.key)).toEqual([
      'main',
      'main-v2',
    ]);
  });

  it('--missing-rule: bad syntax and a rule the file lacks are exit 2', () => {
    for (const bad of [
      'campaign:main-v2',
      'nope:1:x',
      'website:1234:sometimes:news-v2',
      'default:',
    ])
      expect(() => parseMissingRule(bad)).toThrow(/--missing-rule/);
    expect(parseMissingRule('website:1234:both:news-v2')).toMatchObject({ campaignMode: 'both' });
    try {
      backOfficeView(
        migrated(),
        stages('configured'),
        [parseMissingRule('campaign:1:main-v2')],
        'a.yaml',
      );
      expect.unreachable();
    } catch (e) {
      expect(isUserError(e) && e.exitCode).toBe(2);
    }
  });

  it('signs the exact bytes with the secret, sends the auth header, marks the delivery as simulated (not a test)', () => {
    const body = Buffer.from('{"id":"x"}');
    const h = deliveryHeaders(body, {
      secret: 's3',
      auth: { name: 'X-Api-Token', value: 't' },
      seed: 4,
    });
    expect(verifySignature('s3', body, h['x-qualifio-signature']).ok).toBe(true);
    expect(h['X-Api-Token']).toBe('t');
    expect(h[SIMULATE_HEADER]).toBe('4');
    expect(h['x-qwh-test']).toBeUndefined();
  });
});

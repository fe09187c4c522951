import { describe, expect, it } from 'vitest';
import {
  applyRead,
  IDENTITY_FALLBACKS,
  learnFallback,
  lookupFallback,
} from '../../src/core/adapter/fallback.js';
import { stepsOf } from '../../src/core/adapter/steps.js';

const WEBSITE_ID = 'campaign.channel.website.id';
const read = (path: string, kind: 'copy' | 'text' = 'text') => ({
  path,
  steps: stepsOf(path)!.steps,
  convert: { kind },
  emptyWhenMissing: false,
});
const pair = (name: string, id: number | undefined, v1Id: string) => ({
  v1: { website_id: v1Id, email: 'qwh.test@example.com' },
  v2: {
    campaign: { channel: { website: { name, ...(id !== undefined ? { id } : {}) } } },
    form: [{ variable: 'email', responses: [{ value: 'qwh.test@example.com' }] }],
  },
});
const PAIRS = [
  pair('site B', 2, '2'),
  pair('site A', undefined, '1'),
  pair('site A', 1, '1'),
  pair('site B', undefined, '2'),
];

describe('fallback tables', () => {
  it('learns website ids by website name, sorted, counting the pairs seen', () => {
    const fb = learnFallback(read(WEBSITE_ID), 'website_id', PAIRS)!;
    expect(fb).toMatchObject({
      path: 'campaign.channel.website.name',
      name: 'WEBSITE_IDS_BY_NAME',
      table: [
        ['site A', '1'],
        ['site B', '2'],
      ],
      pairs: 4,
    });
    const r = { ...read(WEBSITE_ID), fallback: fb };
    expect(PAIRS.map((p) => applyRead(r, p.v2))).toEqual(['2', '1', '1', '2']);
    expect(applyRead(r, pair('site C', undefined, '3').v2)).toBeUndefined();
  });

  it('is learned for identity fields only, each by its sibling, listed in one place', () => {
    expect(IDENTITY_FALLBACKS.map((e) => [e.read, e.by])).toEqual([
      ['campaign.channel.website.id', 'campaign.channel.website.name'],
      ['campaign.channel.website.name', 'campaign.channel.website.id'],
      ['campaign.id', 'campaign.name'],
      ['campaign.name', 'campaign.id'],
    ]);
    // A participant's answer missing from some payloads gets no table, whatever determines it.
    const email = 'form[variable=email].responses[0].value';
    const pairs = PAIRS.map((p, i) => (i % 2 ? { ...p, v2: { ...p.v2, form: [] } } : p));
    expect(learnFallback(read(email, 'copy'), 'email', pairs)).toBeUndefined();
  });

  it('is not learned when nothing is missing, the name does not decide, or the path is wrong', () => {
    const always = PAIRS.filter((p) => p.v2.campaign.channel.website.id !== undefined);
    expect(learnFallback(read(WEBSITE_ID), 'website_id', always)).toBeUndefined();
    const clash = [...PAIRS, pair('site A', undefined, '7')];
    expect(learnFallback(read(WEBSITE_ID), 'website_id', clash)).toBeUndefined();
    const wrong = PAIRS.map((p) => ({ ...p, v1: { website_id: '9' } }));
    expect(learnFallback(read(WEBSITE_ID), 'website_id', wrong)).toBeUndefined();
    const noName = [...PAIRS, { v1: { website_id: '1' }, v2: { campaign: { channel: {} } } }];
    expect(learnFallback(read(WEBSITE_ID), 'website_id', noName)).toBeUndefined();
  });

  it('reads an integer key as its text, anything else misses', () => {
    const fb = {
      ...learnFallback(read(WEBSITE_ID), 'website_id', PAIRS)!,
      table: [['7', 'x']] as const,
    };
    expect(lookupFallback(fb, 7)).toBe('x');
    expect(lookupFallback(fb, '7')).toBe('x');
    expect(lookupFallback(fb, 7.5)).toBeUndefined();
    expect(lookupFallback(fb, true)).toBeUndefined();
    expect(lookupFallback(fb, 'constructor')).toBeUndefined();
  });
});

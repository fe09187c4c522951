import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FailOn } from '../../src/core/diff/classify.js';
import type { RuleField } from '../../src/core/diff/rules.js';
import { DiffSession, type DiffReport } from '../../src/core/diff/session.js';
import { generateSample } from '../../src/core/sample/generate.js';

const none = { invalid: 0, invalidExamples: [] };

function diff(
  a: readonly unknown[],
  b: readonly unknown[],
  o: { failOn?: FailOn; map?: Map<string, string | null>; rules?: RuleField[] } = {},
): DiffReport {
  const s = new DiffSession();
  for (const x of a) expect(s.addV1(x)).toBeUndefined();
  for (const x of b) expect(s.addV2(x)).toBeUndefined();
  return s.finish({
    failOn: o.failOn ?? 'any',
    inputs: { v1: { source: 'a', ...none }, v2: { source: 'b', ...none } },
    ...(o.map ? { map: o.map } : {}),
    ...(o.rules ? { rules: o.rules } : {}),
  }).report;
}
const field = (r: DiffReport, p: string) => r.fields.find((f) => f.v1Path === p)!;

describe('diff-payload inference', () => {
  it('a field new under an object both sides have is added: {o:{a}} → {o:{a,b}}, --fail-on any fails', () => {
    const r = diff([{ o: { a: 1 } }], [{ o: { a: 1, b: 2 } }]);
    expect(r.added.map((a) => a.v2Path)).toEqual(['o.b']);
    expect(r.failed).toBe(true);
    const arr = diff([{ l: [{ a: 1 }] }], [{ l: [{ a: 1, b: 'x' }] }]);
    expect(arr.added.map((a) => a.v2Path)).toEqual(['l[].b']);
    expect(diff([{ o: { a: 1 } }], [{ o: { a: 1 } }]).failed).toBe(false);
  });

  it('a scalar or null that becomes an object/array is type-changed (breaking), its children added', () => {
    const r = diff([{ o: null, p: 'x' }], [{ o: { a: 1 }, p: ['y'] }], { failOn: 'breaking' });
    expect(field(r, 'o')).toMatchObject({ class: 'type-changed', breaking: true, v2Path: 'o' });
    expect(field(r, 'o').typeChange).toEqual({ from: ['null'], to: ['object'], compatible: false });
    expect(field(r, 'p').typeChange).toMatchObject({ from: ['string'], to: ['array'] });
    expect(r.added.map((a) => a.v2Path)).toEqual(expect.arrayContaining(['o.a']));
    expect(r.summary.removed).toBe(0);
    expect(r.failed).toBe(true);
  });

  it('a field that becomes optional is WARN (not INFO) and fails --fail-on moved; always-null is breaking', () => {
    const less = diff([{ a: 'x' }, { a: 'y' }], [{ a: 'x' }, {}], { failOn: 'moved' });
    expect(field(less, 'a').notes.map((n) => n.code)).toContain('less-present');
    expect(field(less, 'a').severity).toBe('WARN');
    expect(less.failed).toBe(true);
    const nul = diff([{ a: 'x' }, { a: 'y' }], [{ a: null }, { a: null }], { failOn: 'breaking' });
    expect(field(nul, 'a')).toMatchObject({ class: 'type-changed', breaking: true });
    expect(field(nul, 'a').notes.map((n) => n.code)).toContain('null-in-v2');
    expect(nul.failed).toBe(true);
  });

  it('a --map target never seen in the 2.0 captures is ERR, not moved · high', () => {
    const r = diff([{ a: 'x' }], [{ b: 'x' }], {
      map: new Map([['a', 'nowhere.to.be.seen']]),
      failOn: 'breaking',
    });
    const f = field(r, 'a');
    expect(f.severity).toBe('ERR');
    expect(f.confidenceLevel).not.toBe('high');
    expect(f.notes.map((n) => n.code)).toContain('map-target-unseen');
    expect(r.failed).toBe(true);
  });

  it('a value match agreeing in most but not all pairs is a medium-confidence candidate, not removed', () => {
    const v1 = Array.from({ length: 10 }, (_, i) => ({ participation_id: `P${i}`, shoe: `s${i}` }));
    const v2 = v1.map((p, i) => ({
      id: p.participation_id,
      extra: { size: i < 7 ? p.shoe : 'n/a' },
    }));
    const f = field(diff(v1, v2), 'shoe');
    expect(f.class).toBe('moved');
    expect(f.v2Path).toBe('extra.size');
    expect(f.confidenceLevel).toBe('medium');
    expect(f.notes.map((n) => n.code)).toContain('values-partly-agree');
  });

  it('swapped inputs (a "1.0" side that looks like 2.0) are detected; 2.0 vs 2.0 too', () => {
    const pairs = [1, 2, 3].map((s) => generateSample(s));
    expect(
      diff(
        pairs.map((p) => p.v1),
        pairs.map((p) => p.v2),
      ).comparison,
    ).toBe('v1-v2');
    expect(
      diff(
        pairs.map((p) => p.v2),
        pairs.map((p) => p.v1),
      ).comparison,
    ).toBe('swapped');
    const same = diff(
      pairs.map((p) => p.v2),
      pairs.map((p) => p.v2),
    );
    expect(same.comparison).toBe('v2-v2');
    expect(same.pairing.pairs).toBe(3);
  });

  it('with --rules, the summary breaking count agrees with the --fail-on breaking gate', () => {
    const rules: RuleField[] = [{ field: 'a', type: 'number' }, { field: 'b' }];
    const r = diff([{ a: 'x', b: '1' }], [{ a: 'x', b: 1 }], { rules, failOn: 'breaking' });
    expect(r.summary.breaking).toBe(r.fields.filter((f) => f.severity === 'ERR').length);
    expect(r.summary.breaking > 0).toBe(r.failed);
    const ok = diff([{ a: 1 }], [{ a: 1 }], { rules: [{ field: 'a' }], failOn: 'breaking' });
    expect([ok.summary.breaking, ok.failed]).toEqual([0, false]);
  });

  it('20 samples against the published-example fixture (2.0 vs 2.0): no spurious change', () => {
    const fixture = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '../../fixtures/payloads/v2/published-example-shape.json'),
        'utf8',
      ),
    ) as unknown;
    const samples = Array.from({ length: 20 }, (_, i) => generateSample(i + 1).v2);
    const r = diff([fixture], samples, { failOn: 'breaking' });
    expect(r.comparison).toBe('v2-v2');
    expect(r.fields.filter((f) => f.class !== 'unchanged')).toEqual([]);
    expect(r.summary).toMatchObject({ removed: 0, typeChanged: 0, moved: 0, breaking: 0 });
    expect(r.failed).toBe(false);
    // The other way round, the only difference is the one the fixture really has: no website.id.
    const back = diff(samples, [fixture], { failOn: 'breaking' });
    expect(back.fields.filter((f) => f.class !== 'unchanged').map((f) => f.v1Path)).toEqual([
      'campaign.channel.website.id',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  bodyTemplate,
  burstId,
  burstIds,
  fillTemplate,
} from '../../src/core/endpoint/body-template.js';
import { ParticipationV2Schema } from '../../src/core/payload/v2.js';
import { generateSample } from '../../src/core/sample/generate.js';

describe('burst body templates', () => {
  it('burst ids are valid upper-case UUIDs, start 7E57, and are unique per (seed, i)', () => {
    const ids = new Set<string>();
    for (const seed of [0, 1, 2 ** 32 - 1])
      for (const i of [0, 1, 2, 65535, 2 ** 40 + 3]) {
        const id = burstId(seed, i);
        expect(id).toMatch(/^7E57[0-9A-F]{4}-[0-9A-F]{4}-4[0-9A-F]{3}-8[0-9A-F]{3}-[0-9A-F]{12}$/);
        ids.add(id);
      }
    expect(ids.size).toBe(15);
  });

  it('burstIds(seed) gives burstId(seed, i), below and above 2^48', () => {
    const hex = (n: number, w: number): string =>
      n.toString(16).toUpperCase().padStart(w, '0').slice(-w);
    for (const seed of [0, 0xdeadbeef])
      for (const i of [0, 9, 2 ** 48 - 1, 2 ** 48, 2 ** 52 + 17]) {
        const want = `7E57${hex(seed >>> 16, 4)}-${hex(seed & 0xffff, 4)}-4${hex(Math.floor(i / 2 ** 48), 3)}-8000-${hex(i % 2 ** 48, 12)}`;
        expect(burstIds(seed)(i)).toBe(want);
        expect(burstId(seed, i)).toBe(want);
      }
  });

  it('rewrites only the id: the body stays a valid participation with the new id', () => {
    const { v2 } = generateSample(4);
    const bytes = Buffer.from(JSON.stringify(v2));
    const t = bodyTemplate(bytes, v2.id)!;
    const out = fillTemplate(t, burstId(9, 123));
    const parsed = JSON.parse(out.toString()) as { id: string };
    expect(parsed).toEqual({ ...v2, id: burstId(9, 123) });
    expect(ParticipationV2Schema.safeParse(parsed).success).toBe(true);
    // The template itself is not modified.
    expect(bytes.toString()).toBe(JSON.stringify(v2));
  });

  it('refuses a body where the id is absent, repeated, or not a UUID', () => {
    const id = burstId(1, 1);
    expect(bodyTemplate(Buffer.from('{"a":1}'), id)).toBeUndefined();
    expect(bodyTemplate(Buffer.from(`{"id":"${id}","again":"${id}"}`), id)).toBeUndefined();
    expect(bodyTemplate(Buffer.from('{"id":"abc"}'), 'abc')).toBeUndefined();
  });

  it('a 1.0 sample templates on its participation_id', () => {
    const { v1, v2 } = generateSample(2);
    const t = bodyTemplate(Buffer.from(JSON.stringify(v1)), v2.id)!;
    const out = JSON.parse(fillTemplate(t, burstId(2, 5)).toString()) as Record<string, string>;
    expect(out.participation_id).toBe(burstId(2, 5));
  });
});

import { describe, expect, it } from 'vitest';
import { V1_KEYS } from '../../src/core/assumptions.js';
import { ParticipationV1Schema } from '../../src/core/payload/v1.js';
import { ParticipationV2Schema } from '../../src/core/payload/v2.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_PUBLISH_TYPES } from '../../src/core/assumptions.js';
import { v2Problems } from '../../src/core/payload/v2.js';
import {
  generateSample,
  TEST_EMAIL_DOMAIN,
  TEST_ID_PREFIX,
  v1Answer,
} from '../../src/core/sample/generate.js';

describe('generateSample', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(JSON.stringify(generateSample(7))).toBe(JSON.stringify(generateSample(7)));
    expect(generateSample(7).v2.id).not.toBe(generateSample(8).v2.id);
  });

  it.each(Array.from({ length: 50 }, (_, i) => i + 1))(
    'seed %i: valid 2.0 payload and matching 1.0 payload',
    (seed) => {
      const { v2, v1 } = generateSample(seed);
      expect(ParticipationV2Schema.safeParse(v2).success).toBe(true);
      expect(ParticipationV1Schema.safeParse(v1).success).toBe(true);
      expect(v1![V1_KEYS.participationId]).toBe(v2.id);
      expect(v1![V1_KEYS.campaignId]).toBe(String(v2.campaign.id));
      for (const f of v2.form) expect(v1![f.variable]).toBe(v1Answer(f.responses[0]));
      for (const o of v2.optins) expect(v1![o.variable]).toBe(o.response);
    },
  );

  it('uses obviously fake people and ids that say test', () => {
    const { v2 } = generateSample(3);
    expect(v2.id.startsWith(TEST_ID_PREFIX)).toBe(true);
    const email = v2.form.find((f) => f.variable === 'email')!.responses[0]!.value;
    expect(email!.endsWith(`@${TEST_EMAIL_DOMAIN}`)).toBe(true);
    expect(v2.form.find((f) => f.variable === 'lastname')!.responses[0]!.value).toBe('qwh test');
  });

  it('has the features receivers must handle: choice, file upload, opt-in categories, scores, shared ids', () => {
    const { v2 } = generateSample(5);
    expect(v2.form.some((f) => f.responses[0]?.label)).toBe(true);
    expect(v2.form.some((f) => f.type === 'FILE UPLOAD' && f.responses[0]?.file)).toBe(true);
    expect(v2.optins.some((o) => o.categories.some((c) => c.parent))).toBe(true);
    expect(v2.questionnaire.some((q) => q.maxScore > 0)).toBe(true);
    const ids = v2.form.map((f) => f.id);
    expect(new Set(ids).size).toBeLessThan(ids.length);
  });

  it('incomplete participations have no completedAt, no 1.0 twin, and validate', () => {
    const { v2, v1 } = generateSample(9, 'incomplete');
    expect(v2.state).toBe('INCOMPLETE');
    expect(v2.completedAt).toBeUndefined();
    expect(v1).toBeUndefined();
    expect(ParticipationV2Schema.safeParse(v2).success).toBe(true);
  });

  it('follows the published example: file upload is only { file }, upper-case ip and channel uuid, key order', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { v2, v1 } = generateSample(seed);
      const upload = v2.form.find((f) => f.type === 'FILE UPLOAD')!;
      expect(Object.keys(upload.responses[0]!)).toEqual(['file']);
      expect(v1!.photo).toBe(upload.responses[0]!.file!.path);
      expect(v2.ip).toMatch(/^[0-9A-F]{16}$/);
      expect(v2.campaign.channel.uuid).toMatch(
        /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/,
      );
      expect(Object.keys(v2.campaign)).toEqual(['id', 'name', 'themes', 'type', 'channel']);
      for (const f of v2.form)
        for (const r of f.responses)
          if (r.label !== undefined) expect(Object.keys(r)).toEqual(['label', 'value']);
      expect(SAMPLE_PUBLISH_TYPES).toContain(v2.campaign.channel.publishType);
    }
  });

  it('omits campaign.channel.website.id for some seeds, as one published version does', () => {
    const ids = Array.from(
      { length: 40 },
      (_, i) => generateSample(i + 1).v2.campaign.channel.website.id,
    );
    expect(ids.some((id) => id === undefined)).toBe(true);
    expect(ids.some((id) => id !== undefined)).toBe(true);
  });

  it('the published-example fixture (4-space indent, upload without value, no website.id) fits the model', () => {
    const text = readFileSync(
      join(import.meta.dirname, '../../fixtures/payloads/v2/published-example-shape.json'),
      'utf8',
    );
    expect(text.startsWith('{\n    "id"')).toBe(true);
    const body = JSON.parse(text) as ParticipationV2Like;
    expect(body.campaign.channel.website.id).toBeUndefined();
    expect(ParticipationV2Schema.safeParse(body).success).toBe(true);
  });

  it('v2Problems: only documented facts are refusals; qwh readings are warnings with the path', () => {
    const { v2 } = generateSample(2);
    expect(v2Problems([v2]).doc).toHaveLength(1);
    const loose = { ...v2, ip: 'not hex', form: [{ id: 'x' }] };
    const p = v2Problems(loose);
    expect(p.doc).toEqual([]);
    expect(p.assumed.map((x) => x.path.join('.'))).toEqual(
      expect.arrayContaining(['ip', 'form.0.id']),
    );
    const badOptin = { ...v2, optins: [{ ...v2.optins[0]!, response: 'yes' }] };
    expect(v2Problems(badOptin).doc.map((x) => x.path.join('.'))).toEqual(['optins.0.response']);
  });

  it('keeps unknown top-level keys (exit-screen data) when validating', () => {
    const { v2 } = generateSample(1);
    const withExtra = { ...v2, exitScreen: { prize: 'qwh test mug' } };
    const r = ParticipationV2Schema.safeParse(withExtra);
    expect(r.success).toBe(true);
    if (r.success)
      expect((r.data as Record<string, unknown>).exitScreen).toEqual({ prize: 'qwh test mug' });
  });
});

interface ParticipationV2Like {
  campaign: { channel: { website: { id?: number } } };
}

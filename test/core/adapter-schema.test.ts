import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SchemaObserver } from '../../src/core/adapter/schema.js';
import { generateSample } from '../../src/core/sample/generate.js';

const V2 = [
  ...Array.from({ length: 20 }, (_, i) => generateSample(i + 1).v2),
  ...Array.from({ length: 5 }, (_, i) => generateSample(100 + i, 'incomplete').v2),
];
const ABOUT = { title: 't', description: 'd' };

function observed(): Record<string, unknown> {
  const o = new SchemaObserver();
  for (const p of V2) o.add(p);
  return o.jsonSchema(ABOUT);
}

/** A validator for the emitted schema, by ajv's draft 2020-12 implementation (strict: unknown keywords fail). */
function validator(schema: Record<string, unknown>): (v: unknown) => boolean {
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  return (v) => validate(v) === true;
}

describe('--emit-schema: the 2.0 payloads as observed', () => {
  it('validates every input capture, complete and incomplete', () => {
    const ok = validator(observed());
    for (const p of V2) expect(ok(p)).toBe(true);
  });

  it('requires only what was always present', () => {
    const s = observed() as {
      required: string[];
      properties: Record<string, { required?: string[] }>;
    };
    expect(s.required).toContain('id');
    expect(s.required).toContain('startedAt');
    // Incomplete participations have no completedAt [assumed]: seen, but not always.
    expect(s.properties.completedAt).toBeDefined();
    expect(s.required).not.toContain('completedAt');
  });

  it('rejects a capture with an always-present field removed, or of another type', () => {
    const ok = validator(observed());
    const noId = structuredClone(V2[0]) as Record<string, unknown>;
    delete noId.id;
    expect(ok(noId)).toBe(false);
    const noWebsite = structuredClone(V2[0]!);
    delete (noWebsite.campaign.channel.website as { name?: string }).name;
    expect(ok(noWebsite)).toBe(false);
    const textId = structuredClone(V2[0]!) as unknown as { campaign: { id: unknown } };
    textId.campaign.id = 'x';
    expect(ok(textId)).toBe(false);
  });

  it('is deterministic and keeps a __proto__ key as data', () => {
    const a = JSON.stringify(observed());
    expect(JSON.stringify(observed())).toBe(a);
    const o = new SchemaObserver();
    o.add(JSON.parse('{"__proto__": {"x": 1}, "id": "a"}'));
    const s = o.jsonSchema(ABOUT) as { properties: object };
    expect(Object.keys(s.properties)).toEqual(['__proto__', 'id']);
    expect(Object.getPrototypeOf(s.properties)).toBe(Object.prototype);
  });
});

describe('--emit-types', () => {
  it('declares optional what was not always present', () => {
    const o = new SchemaObserver();
    for (const p of V2) o.add(p);
    const ts = o.typescript(['header']);
    expect(ts).toMatch(/^\/\/ header\n\nexport type ParticipationV2 = \{\n {2}id: string;/);
    expect(ts).toContain('  completedAt?: string;');
    expect(ts).toContain('    id: number;');
  });
});

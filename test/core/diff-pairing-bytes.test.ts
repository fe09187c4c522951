import { describe, expect, it } from 'vitest';
import { generateSample } from '../../src/core/sample/generate.js';
import { normalizeValue } from '../../src/core/diff/pairing.js';
import { DiffSession } from '../../src/core/diff/session.js';

// Issue 17 #7 / issue 18 item 5: pending 1.0 values keep a copied prefix (not a V8 slice that
// pins the whole value) and whole payloads for the snippet are bounded by bytes. Same values,
// same reports: the comparable form is the old one character for character, and a generated
// corpus with long values gives one report whether its long values are held or not.

const oldForm = (t: string): string => `${t.slice(0, 256)}…${t.length}`;

describe('pairing holds values by bytes, with the same comparable form', () => {
  it('a long value compares by the same 256-unit prefix, a lone surrogate at the cut included', () => {
    const long = `${'a'.repeat(255)}\ud83d${'b'.repeat(1000)}`;
    expect(normalizeValue(long)).toBe(oldForm(long));
    const emoji = '😀'.repeat(400);
    expect(normalizeValue(emoji)).toBe(oldForm(emoji));
    expect(normalizeValue(`  ${'z'.repeat(300)}  `)).toBe(oldForm('z'.repeat(300)));
  });

  it('a generated corpus with long and huge values: the report pairs every record and keeps the snippet', () => {
    const run = (pad: number) => {
      const s = new DiffSession();
      const n = 60;
      for (let i = 1; i <= n; i++) {
        const v1 = generateSample(i).v1 as Record<string, unknown>;
        s.addV1({ ...v1, note: `${i}:${'x'.repeat(pad)}` });
      }
      for (let i = 1; i <= n; i++) {
        const v2 = generateSample(i).v2 as Record<string, unknown>;
        s.addV2({ ...v2, extra: { note: `${i}:${'x'.repeat(pad)}` } });
      }
      return s.finish({
        failOn: 'breaking',
        inputs: {
          v1: { source: 'a', invalid: 0, invalidExamples: [] },
          v2: { source: 'b', invalid: 0, invalidExamples: [] },
        },
      });
    };
    const small = run(300);
    const huge = run(200_000);
    expect(small.report.pairing.pairs).toBe(60);
    expect(huge.report.pairing.pairs).toBe(60);
    // Same values up to the comparison prefix: the same findings, whatever the value size.
    const strip = (r: typeof small.report) =>
      JSON.stringify({ ...r, fields: r.fields.map((f) => ({ ...f, examples: undefined })) });
    expect(strip(huge.report).replace(/…\d+/g, '')).toBe(strip(small.report).replace(/…\d+/g, ''));
    expect(small.sample.paired).toBe(true);
    // 60 records of 200 KB exceed the 4 MiB snippet budget after ~20: the first pair still shows.
    expect(huge.sample.paired).toBe(true);
  });
});

import { generateSample } from '../../src/core/sample/generate.js';
import { DiffSession } from '../../src/core/diff/session.js';

/**
 * A small generated corpus that exercises every pairing and shape path: paired and unpaired
 * records, 2.0 records before and after their twin, repeated paths inside arrays (one value
 * twice, different values), dates with milliseconds, numeric text, long values, empty and null
 * values, ids in other case and with spaces, a 1.0 record without id, and records of both sides
 * that are not flat. The report of this corpus is the parity reference (diff-parity.test.ts).
 */
export function parityReport(): string {
  const s = new DiffSession();
  const n = 120;
  for (let i = 1; i <= n; i++) {
    const v1 = { ...(generateSample(i).v1 as Record<string, unknown>) };
    if (i % 7 === 0) v1.note = `${i}:${'n'.repeat(300 + i)}`;
    if (i % 11 === 0) v1.empty = '';
    if (i % 13 === 0) v1.when = '2024-05-01 10:11:12';
    if (i % 17 === 0) v1.code = `0${i}`;
    if (i % 19 === 0) v1.nothing = null;
    if (i % 23 === 0) for (const k of Object.keys(v1)) if (/id/i.test(k)) delete v1[k];
    if (i % 29 === 0) v1.list = [String(i), String(i), 'same'];
    v1.tag = `T${i}`;
    s.addV1(v1);
  }
  for (let i = n + 40; i >= 1; i--) {
    const v2 = {
      ...(generateSample(i, i % 5 === 0 ? 'incomplete' : 'complete').v2 as Record<string, unknown>),
    };
    if (i % 3 === 0 && typeof v2.id === 'string') v2.id = ` ${v2.id.toLowerCase()} `;
    if (i % 7 === 0)
      v2.extra = { note: `${i}:${'n'.repeat(300 + i)}`, again: [`${i}:${'n'.repeat(300 + i)}`] };
    if (i % 13 === 0) v2.when = '2024-05-01T10:11:12.345Z';
    if (i % 17 === 0) v2.code = i;
    if (i % 29 === 0) v2.items = [String(i), 'same', 'same', { variable: 'x', value: String(i) }];
    // Two of three pairs agree, some with the value twice in one array: counted once a pair.
    v2.tags = i % 3 === 0 ? [`T${i}`, `T${i}`] : i % 3 === 1 ? [`T${i}`] : ['other'];
    s.addV2(v2);
  }
  return `${JSON.stringify(
    s.finish({
      failOn: 'breaking',
      inputs: {
        v1: { source: 'v1', invalid: 0, invalidExamples: [] },
        v2: { source: 'v2', invalid: 0, invalidExamples: [] },
      },
    }),
    null,
    2,
  )}\n`;
}

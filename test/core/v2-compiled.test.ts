import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate as isV2Participation } from '../../src/core/payload/v2-compiled.js';
import { v2Problems } from '../../src/core/payload/v2.js';
import {
  ACCOUNT_FILE_LIMITS,
  checkStructure,
  PAYLOAD_LIMITS,
  withinStructure,
} from '../../src/core/input/limits.js';
import { generateSample } from '../../src/core/sample/generate.js';
import { ROOT } from '../helpers/bin.js';

const zodFindsNothing = (v: unknown): boolean => {
  const p = v2Problems(v);
  return p.doc.length === 0 && p.assumed.length === 0;
};

type Path = Array<string | number>;
function paths(v: unknown, at: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [at];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [at, ...keys.flatMap((k) => paths((v as Record<string, unknown>)[k], [...at, k]))];
}
function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove && Array.isArray(o)) o.splice(Number(last), 1);
  else if (remove) delete o[last];
  else o[last] = value;
  return copy;
}

const REPLACEMENTS: unknown[] = [
  null,
  0,
  -1,
  1.5,
  2 ** 60,
  '',
  'x',
  '1',
  'AB',
  'ab',
  '0123456789abcdef',
  '2026-01-01T00:00:00.000Z',
  '2026-01-01T00:00:00Z',
  'a1b2c3d4-0000-4000-8000-00000000000a',
  'A1B2C3D4-0000-4000-8000-00000000000A',
  true,
  [],
  {},
  [{}],
];

describe('the compiled 2.0 validator (ajv standalone, generated from the zod model)', () => {
  it('is current: scripts/gen-validator.js --check', () => {
    expect(() =>
      execFileSync(process.execPath, [join(ROOT, 'scripts/gen-validator.js'), '--check'], {
        cwd: ROOT,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it('passes exactly the bodies in which zod finds no problem (every path of samples, mutated)', () => {
    const bodies: unknown[] = [
      JSON.parse(
        readFileSync(join(ROOT, 'fixtures/payloads/v2/published-example-shape.json'), 'utf8'),
      ),
      [],
      'text',
      null,
    ];
    for (const [seed, state] of [
      [1, 'complete'],
      [2, 'incomplete'],
    ] as const) {
      const { v2 } = generateSample(seed, state);
      bodies.push(v2, { ...v2, extra: { deep: [1, { x: null }] } });
      for (const p of paths(v2)) {
        bodies.push(setAt(v2, p, undefined, true));
        for (const r of REPLACEMENTS) bodies.push(setAt(v2, p, r));
      }
    }
    let passed = 0;
    const disagree: string[] = [];
    for (const b of bodies) {
      const fast = isV2Participation(b) as boolean;
      if (fast) passed++;
      if (fast !== zodFindsNothing(b)) disagree.push(JSON.stringify(b).slice(0, 200));
    }
    expect(disagree).toEqual([]);
    // Both verdicts occur many times (the comparison is not vacuous).
    expect(passed).toBeGreaterThan(50);
    expect(bodies.length - passed).toBeGreaterThan(500);
  });
});

describe('withinStructure (the yes/no walk of listen) agrees with checkStructure', () => {
  const nest = (n: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < n; i++) v = i % 2 ? [v] : { k: v };
    return v;
  };
  it.each([
    ['flat', { a: 1, b: 'x' }],
    ['63 levels', nest(63)],
    ['64 levels', nest(64)],
    ['65 levels', nest(65)],
    ['deep under a known key', { id: 'x', browser: nest(80) }],
    ['200 000 items', { a: new Array(200_000).fill(0) }],
    ['200 001 items', { a: new Array(199_999).fill(0), b: 1 }],
    ['a scalar', 'text'],
  ])('%s', (_name, value) => {
    expect(withinStructure(value, PAYLOAD_LIMITS)).toBe(
      checkStructure(value, PAYLOAD_LIMITS).length === 0,
    );
  });

  // The string and forbidden-key checks the payload limits leave off, under tighter limits.
  it.each([
    ['a string at the cap', { a: ['x'.repeat(64 * 1024)] }],
    ['a string over the cap', { a: ['x'.repeat(64 * 1024 + 1)] }],
    ['a top-level string over the cap', 'x'.repeat(64 * 1024 + 1)],
    ['a forbidden key', JSON.parse('{"a":{"__proto__":1}}') as unknown],
    ['a forbidden key in an array', JSON.parse('[{"constructor":1}]') as unknown],
    ['32 levels', nest(32)],
    ['31 levels', nest(31)],
  ])('%s (account file limits)', (_name, value) => {
    expect(withinStructure(value, ACCOUNT_FILE_LIMITS)).toBe(
      checkStructure(value, ACCOUNT_FILE_LIMITS).length === 0,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { flattenRecord } from '../../src/core/diff/flatten.js';
import { DiffSession } from '../../src/core/diff/session.js';
import { jsonExtent, scanJson } from '../../src/core/input/json-scan.js';
import {
  ACCOUNT_FILE_LIMITS,
  checkStructure,
  jsonTextProblem,
  PAYLOAD_LIMITS,
  type StructureLimits,
} from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { MESSAGES } from '../../src/messages/index.js';

// Every bound of untrusted input, proved at the bound and one past it with small injected limits
// (the shipped ones are 32/64 levels and 200 000–500 000 keys: the same code, a smaller number).

const small = (over: Partial<StructureLimits>): StructureLimits => ({
  ...ACCOUNT_FILE_LIMITS,
  ...over,
});
const objectOfKeys = (n: number): string =>
  '{' + Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',') + '}';
const nested = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

describe('parseDocumentText with injected limits', () => {
  it('maxKeys: exactly the bound parses, one more is the exact problem (JSON and YAML)', () => {
    const limits = small({ maxKeys: 50 });
    expect(parseDocumentText(objectOfKeys(50), 'json', limits)).toMatchObject({ ok: true });
    expect(parseDocumentText(objectOfKeys(51), 'json', limits)).toEqual({
      ok: false,
      format: 'json',
      problems: [{ path: [], message: 'more than 50 keys and items in total' }],
    });
    const yaml = (n: number): string =>
      Array.from({ length: n }, (_, i) => `k${i}: 0`).join('\n') + '\n';
    expect(parseDocumentText(yaml(50), 'yaml', limits)).toMatchObject({ ok: true });
    expect(parseDocumentText(yaml(51), 'yaml', limits)).toEqual({
      ok: false,
      format: 'yaml',
      problems: [{ path: [], message: 'more than 50 keys and items in total' }],
    });
  });

  it('maxKeys counts array items too', () => {
    const limits = small({ maxKeys: 10 });
    expect(parseDocumentText('{"a":[1,2,3,4,5,6,7,8,9]}', 'json', limits).ok).toBe(true);
    expect(parseDocumentText('{"a":[1,2,3,4,5,6,7,8,9,10]}', 'json', limits)).toEqual({
      ok: false,
      format: 'json',
      // Counted on the text, before JSON.parse (issue 17 #7): the whole document is over.
      problems: [{ path: [], message: 'more than 10 keys and items in total' }],
    });
  });

  it('maxDepth: JSON is refused by the scanner, with line and column, before JSON.parse', () => {
    const limits = small({ maxDepth: 4 });
    expect(parseDocumentText(nested(4), 'json', limits).ok).toBe(true);
    expect(parseDocumentText(nested(5), 'json', limits)).toEqual({
      ok: false,
      format: 'json',
      problems: [{ path: [], message: 'nesting deeper than 4 levels', line: 1, column: 5 }],
    });
  });

  it('maxDepth: YAML is refused by the structure walk, with the path', () => {
    const limits = small({ maxDepth: 4 });
    expect(parseDocumentText(`a: ${nested(3)}`, 'yaml', limits).ok).toBe(true);
    expect(parseDocumentText(`a: ${nested(4)}`, 'yaml', limits)).toEqual({
      ok: false,
      format: 'yaml',
      problems: [{ path: ['a', 0, 0, 0], message: 'nesting deeper than 4 levels' }],
    });
  });

  it('maxStringLength: the bound is allowed, one more character is the problem at its path', () => {
    const limits = small({ maxStringLength: 8 });
    expect(parseDocumentText('{"a":{"b":"12345678"}}', 'json', limits).ok).toBe(true);
    expect(parseDocumentText('{"a":{"b":"123456789"}}', 'json', limits)).toEqual({
      ok: false,
      format: 'json',
      problems: [{ path: ['a', 'b'], message: 'string longer than 8 characters' }],
    });
  });

  it('forbiddenKeys: the injected set is what is refused; without it, __proto__ stays an own data key', () => {
    const text = '{"ok":1,"__proto__":{"polluted":true},"banned":2}';
    expect(parseDocumentText(text, 'json', small({ forbiddenKeys: new Set(['banned']) }))).toEqual({
      ok: false,
      format: 'json',
      problems: [{ path: ['banned'], message: 'key "banned" is not allowed' }],
    });
    const asData = parseDocumentText(text, 'json', PAYLOAD_LIMITS);
    expect(asData.ok).toBe(true);
    if (!asData.ok) return;
    expect(Object.getPrototypeOf(asData.value)).toBe(Object.prototype);
    expect(Object.keys(asData.value as object)).toEqual(['ok', '__proto__', 'banned']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('checkStructure and jsonTextProblem with injected limits', () => {
  it('checkStructure reports the first problem of each kind and at the key bound', () => {
    const value = JSON.parse('{"a":[[[[1]]]],"b":"long string","c":[1,2,3]}') as unknown;
    expect(checkStructure(value, small({ maxDepth: 3, maxStringLength: 4 }))).toEqual([
      { path: ['b'], message: 'string longer than 4 characters' },
      { path: ['a', 0, 0], message: 'nesting deeper than 3 levels' },
    ]);
    expect(checkStructure(value, small({ maxKeys: 4 }))).toEqual([
      { path: ['a', 0], message: 'more than 4 keys and items in total' },
    ]);
  });

  it('jsonTextProblem judges the text alone: depth and items, at the bound and past it', () => {
    const limits = small({ maxDepth: 3, maxKeys: 5 });
    expect(jsonTextProblem(nested(3), limits)).toBeUndefined();
    expect(jsonTextProblem(nested(4), limits)).toBe('nesting deeper than 3 levels');
    expect(jsonExtent(objectOfKeys(5))).toEqual({ depth: 1, items: 5 });
    expect(jsonTextProblem(objectOfKeys(5), limits)).toBeUndefined();
    expect(jsonTextProblem(objectOfKeys(6), limits)).toBe('more than 5 keys and items in total');
  });

  it('scanJson stops at its depth bound without recursion (100 000 levels)', () => {
    expect(scanJson(nested(100_000), 7).error).toEqual({
      offset: 7,
      message: 'nesting deeper than 7 levels',
    });
  });
});

describe('payload record bounds (diff-payload) with injected limits', () => {
  it('flattenRecord: maxNodes and maxDepth, at the bound and one past it', () => {
    const limits = { maxDepth: 3, maxNodes: 5 };
    expect(flattenRecord({ a: 1, b: 2, c: 3, d: 4, e: 5 }, limits)).toMatchObject({ ok: true });
    expect(flattenRecord({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, limits)).toEqual({
      ok: false,
      reason: MESSAGES.diff.tooManyValues(5),
    });
    expect(flattenRecord({ a: { b: { c: 1 } } }, limits)).toMatchObject({ ok: true });
    expect(flattenRecord({ a: { b: { c: { d: 1 } } } }, limits)).toEqual({
      ok: false,
      reason: 'nesting deeper than 3 levels',
    });
  });

  it('a DiffSession with small limits refuses the record and keeps nothing of it', () => {
    const s = new DiffSession({}, { maxDepth: 64, maxNodes: 3 });
    expect(s.addV2({ a: 1, b: 2, c: 3 })).toBeUndefined();
    expect(s.addV2({ a: 1, b: 2, c: 3, d: 4 })).toBe(MESSAGES.diff.tooManyValues(3));
  });
});

import { describe, expect, it } from 'vitest';
import { ACCOUNT_FILE_LIMITS, type StructureLimits } from '../../src/core/input/limits.js';
import { parseDocumentText, yamlTextProblem } from '../../src/core/input/parse-document.js';
import { yamlExtent } from '../../src/core/input/yaml-scan.js';

// Issue 17 #7: YAML is bounded on its text, before the yaml library builds ~1 KB per node (a
// 10 MiB flow list aborted V8 at 4.3 GB) or recurses per level.

const limits = (over: Partial<StructureLimits>): StructureLimits => ({
  ...ACCOUNT_FILE_LIMITS,
  ...over,
});

describe('yamlExtent', () => {
  it.each([
    ['a: 1\nb: 2\n', 1, 2],
    ['a:\n  b:\n    c: 1\n', 3, 3],
    ['- - - x\n', 4, 3], // the line's own level and each dash: one over
    ['a: [1, 2, 3]\n', 2, 4],
    ['a: {x: 1, y: [1, 2]}\n', 3, 5],
    ['[[[[1]]]]', 5, 4],
    ["a: \"x: [y, z]\"\nb: 'it''s, [a]'\n", 1, 2],
    ['url: https://h.example/p?q=1#frag\n', 1, 1],
    ['a: x # comment: [1, 2]\n', 1, 1],
    ['a: |\n  b: 1\n    c: [1, 2,\n      3]\nd: 1\n', 1, 2],
    ['a: [1,\n  2,\n  3]\n', 2, 4],
    ['a: &on true\nb: *on\n', 1, 2],
  ])('%j: depth %i, nodes %i', (text, depth, nodes) => {
    expect(yamlExtent(text)).toEqual({ depth, nodes });
  });

  it('never far below the truth: a flow list of n items counts n, 100 000 levels counts them', () => {
    expect(yamlExtent('a: [' + '1,'.repeat(99_999) + '1]\n').nodes).toBe(100_001);
    expect(yamlExtent('['.repeat(100_000) + ']'.repeat(100_000)).depth).toBe(100_001);
    const block = Array.from({ length: 200 }, (_, i) => ' '.repeat(i) + 'k:').join('\n');
    expect(yamlExtent(block).depth).toBe(200);
    expect(yamlExtent('- '.repeat(5_000) + 'x').depth).toBe(5_001);
  });
});

describe('parseDocumentText refuses YAML on its text', () => {
  it('a 10 MiB-class flow list: refused at the node bound, before parsing', () => {
    const l = limits({ maxKeys: 1_000 });
    const list = (n: number): string => 'a: [' + '1,'.repeat(n - 2) + '1]\n';
    expect(parseDocumentText(list(1_000), 'yaml', l).ok).toBe(true);
    expect(yamlTextProblem(list(1_001), l)).toBe('more than 1000 keys and items in total');
    expect(parseDocumentText(list(1_001), 'yaml', l)).toEqual({
      ok: false,
      format: 'yaml',
      problems: [{ path: [], message: 'more than 1000 keys and items in total' }],
    });
  });

  it('deep flow and block nesting: refused before the parser recurses', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(yamlTextProblem(deep, ACCOUNT_FILE_LIMITS)).toBe('nesting deeper than 32 levels');
    const block = Array.from({ length: 1_000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n');
    expect(yamlTextProblem(block, ACCOUNT_FILE_LIMITS)).toBe('nesting deeper than 32 levels');
  });
});

import { describe, expect, it } from 'vitest';
import { groupedCount } from '../../src/messages/diff-payload.js';

describe('groupedCount', () => {
  it("writes a count as toLocaleString('en-US') does", () => {
    const counts = [0, 1, 9, 10, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 2 ** 53 - 1];
    for (let n = 1; n < 1e15; n *= 7) counts.push(Math.floor(n), Math.floor(n) + 1);
    for (const n of counts) expect(groupedCount(n)).toBe(n.toLocaleString('en-US'));
    for (const n of [-1234, 1.5, 1e21, NaN])
      expect(groupedCount(n)).toBe(n.toLocaleString('en-US'));
  });
});

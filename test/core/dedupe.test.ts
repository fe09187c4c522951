import { describe, expect, it } from 'vitest';
import { createIdMemory } from '../../src/core/endpoint/dedupe.js';

describe('receiver id memory (ring buffer beside a Set)', () => {
  it('remembers up to the cap and forgets the oldest first, across many wraps', () => {
    const m = createIdMemory(3);
    expect(['a', 'b', 'c'].map((id) => m.seenBefore(id))).toEqual([false, false, false]);
    expect(m.seenBefore('a')).toBe(true);
    expect(m.seenBefore('d')).toBe(false); // forgets a
    expect(m.size).toBe(3);
    expect(m.seenBefore('b')).toBe(true);
    expect(m.seenBefore('a')).toBe(false); // a was forgotten; now forgets b
    expect(m.seenBefore('b')).toBe(false);
    // Many wraps: the memory always holds exactly the last 3 distinct new ids.
    for (let i = 0; i < 1_000; i++) m.seenBefore(`x${i}`);
    expect(m.size).toBe(3);
    expect(['x997', 'x998', 'x999'].every((id) => m.seenBefore(id))).toBe(true);
    expect(m.seenBefore('x996')).toBe(false);
  });

  it('is bounded by the ids\u2019 total length too: one huge id pushes the old ones out', () => {
    const m = createIdMemory(1_000, 100);
    for (let i = 0; i < 10; i++) m.seenBefore(`id-${i}`); // 4 chars each
    expect(m.chars).toBe(40);
    m.seenBefore('y'.repeat(90));
    expect(m.chars).toBeLessThanOrEqual(100);
    expect(m.seenBefore('id-0')).toBe(false); // forgotten to make room
    expect(m.seenBefore('y'.repeat(90))).toBe(true);
    // An id longer than the whole bound is still remembered (alone), never an endless loop.
    m.seenBefore('z'.repeat(500));
    expect(m.size).toBe(1);
    expect(m.seenBefore('z'.repeat(500))).toBe(true);
  });

  it('evicts through the ring, never by iterating the Set (the O(n) walk at the cap)', () => {
    const m = createIdMemory(2);
    const values = Set.prototype.values;
    let walked = 0;
    Set.prototype.values = function (this: Set<unknown>) {
      walked++;
      return values.call(this);
    } as typeof values;
    try {
      for (let i = 0; i < 50; i++) m.seenBefore(String(i));
    } finally {
      Set.prototype.values = values;
    }
    expect(walked).toBe(0);
  });
});

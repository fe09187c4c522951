/**
 * The ids a receiver remembers for deduplication, oldest forgotten first, bounded both by count
 * and by the bytes of the ids themselves (1.0 ids are any string a sender chooses).
 *
 * A ring buffer of insertion order beside a Set: eviction deletes the one oldest id by value
 * (O(1)), where taking `set.values().next()` on a Set that has had a million deletes walks the
 * deleted slots first (O(n): 19 → 828 µs an eviction at the 1 M cap, bench/dedupe.js).
 * Memory: ≈ 100 bytes an id at the 1 M cap for 36-character UUIDs (the string ≈ 56, its Set entry
 * ≈ 30, its ring slot 8; bench/dedupe.js measures it).
 */
export interface IdMemory {
  /** True when `id` was already remembered; otherwise remembers it (forgetting the oldest past the caps). */
  seenBefore(id: string): boolean;
  readonly size: number;
  /** Sum of the remembered ids' lengths in UTF-16 code units (≈ bytes for ASCII ids). */
  readonly chars: number;
}

export function createIdMemory(maxIds: number, maxChars = Number.POSITIVE_INFINITY): IdMemory {
  const cap = Math.max(1, Math.floor(maxIds));
  const seen = new Set<string>();
  // Grows to the cap by push (most runs remember a few ids), then wraps: `tail` is where the next
  // id goes, `head` the oldest. Until the first wrap `tail === ring.length`.
  const ring: string[] = [];
  let head = 0;
  let tail = 0;
  let count = 0;
  let chars = 0;
  const evictOldest = (): void => {
    const old = ring[head]!;
    ring[head] = '';
    head = (head + 1) % cap;
    count--;
    chars -= old.length;
    seen.delete(old);
  };
  return {
    seenBefore(id) {
      if (seen.has(id)) return true;
      if (count === cap) evictOldest();
      if (tail === ring.length) ring.push(id);
      else ring[tail] = id;
      tail = (tail + 1) % cap;
      count++;
      chars += id.length;
      seen.add(id);
      while (chars > maxChars && count > 1) evictOldest();
      return false;
    },
    get size() {
      return count;
    },
    get chars() {
      return chars;
    },
  };
}

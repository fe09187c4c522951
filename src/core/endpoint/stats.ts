/** Latency summary of a run, in milliseconds (rounded to 0.1 ms). */
export interface LatencyStats {
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending-sorted list (p in 0..100); undefined when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Summarises latencies (any order); null when there are none. */
export function summarizeLatencies(values: ArrayLike<number>): LatencyStats | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    min: round(sorted[0]!),
    p50: round(percentile(sorted, 50)!),
    p95: round(percentile(sorted, 95)!),
    p99: round(percentile(sorted, 99)!),
    max: round(sorted[sorted.length - 1]!),
    mean: round(sum / sorted.length),
  };
}

import { byCodeUnits } from '../order.js';
import type { Outcome } from './checks.js';

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

/**
 * Running totals of a run, shared by the check suite and burst mode: deliveries, responses,
 * latencies (a flat typed array, so a burst of N stays O(N) numbers), counts per status or
 * failure kind in first-seen order, and the redirects with the first one kept.
 */
export class RunStats {
  private lat: Float64Array;
  deliveries = 0;
  responses = 0;
  redirects = 0;
  firstRedirect: { check: string; outcome: Outcome } | undefined;
  readonly statuses = new Map<string, number>();

  constructor(expected = 16) {
    this.lat = new Float64Array(Math.max(1, expected));
  }

  /** Counts one delivery's outcome, made for `check`. */
  record(check: string, o: Outcome): void {
    this.deliveries++;
    const key = o.kind === 'response' ? String(o.status) : o.failure;
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
    if (o.kind !== 'response') return;
    if (this.responses === this.lat.length) {
      const bigger = new Float64Array(this.lat.length * 2);
      bigger.set(this.lat);
      this.lat = bigger;
    }
    this.lat[this.responses++] = o.ms;
    if (o.status >= 300 && o.status < 400 && this.redirects++ === 0)
      this.firstRedirect = { check, outcome: o };
  }

  /** Latencies of the responses so far (a view, not a copy). */
  latencies(): Float64Array {
    return this.lat.subarray(0, this.responses);
  }

  /** Deliveries answered 2xx. */
  accepted(): number {
    let n = 0;
    for (const [k, v] of this.statuses) if (/^2\d\d$/.test(k)) n += v;
    return n;
  }

  /** The run's figures for a report, over `durationMs` at `concurrency`. */
  summary(durationMs: number, concurrency: number): RunSummary {
    return {
      deliveries: this.deliveries,
      responses: this.responses,
      noResponse: this.deliveries - this.responses,
      durationMs: Math.round(durationMs),
      throughputPerSec:
        durationMs > 0 ? Math.round((this.deliveries / (durationMs / 1000)) * 10) / 10 : 0,
      concurrency,
      latencyMs: summarizeLatencies(this.latencies()),
      statuses: Object.fromEntries([...this.statuses].sort(([a], [b]) => byCodeUnits(a, b))),
    };
  }
}

/** The `stats` block of a report. */
export interface RunSummary {
  deliveries: number;
  responses: number;
  noResponse: number;
  durationMs: number;
  throughputPerSec: number;
  concurrency: number;
  latencyMs: LatencyStats | null;
  /** Count per HTTP status, or per failure kind (`timeout`, `refused`…) when there was no answer. */
  statuses: Record<string, number>;
}

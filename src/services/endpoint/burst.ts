import type { BurstPlan } from '../../core/endpoint/burst-plan.js';
import { BURST_CHECK_IDS, type CheckId, type CheckResult } from '../../core/endpoint/checks.js';
import {
  buildReport,
  checkResult,
  gradeBurst,
  gradeLatency,
  gradeRedirects,
  type Grade,
} from '../../core/endpoint/grade.js';
import { showUrl } from '../../core/endpoint/outcome.js';
import type { EndpointReport } from '../../core/endpoint/report.js';
import { RunStats } from '../../core/endpoint/stats.js';
import type { SendDelivery } from './send.js';
import type { RunnerContext } from './runner.js';

/**
 * Sends a planned burst with `concurrency` workers pulling the next index, stopping at an
 * interruption (which then rejects); progress about 200 times over the run.
 */
async function sendAll(
  plan: BurstPlan,
  ctx: RunnerContext,
  send: SendDelivery,
  stats: RunStats,
): Promise<void> {
  const { deps } = ctx;
  const n = plan.total;
  const every = Math.max(1, Math.floor(n / 200));
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      if (deps.signal?.aborted) return;
      const i = next++;
      if (i >= n) return;
      stats.record('burst', await send(plan.delivery(i)));
      done++;
      if (done % every === 0 || done === n) deps.progress?.({ done, total: n });
    }
  };
  deps.progress?.({ done: 0, total: n });
  await Promise.all(Array.from({ length: Math.min(ctx.concurrency, n) }, worker));
  if (deps.signal?.aborted) throw deps.signal.reason ?? new Error('aborted');
}

/** Runs a planned burst and grades it: burst, no-redirect, latency (those selected). */
export async function runBurst(
  plan: BurstPlan,
  ctx: RunnerContext,
  send: SendDelivery,
): Promise<EndpointReport> {
  const { target, deps } = ctx;
  const stats = new RunStats(plan.total);
  const t0 = deps.clock.now();
  await sendAll(plan, ctx, send, stats);
  const durationMs = deps.clock.now() - t0;
  const selected = new Set<string>(target.checks ?? BURST_CHECK_IDS);
  const grades: Record<(typeof BURST_CHECK_IDS)[number], () => Grade> = {
    burst: () => gradeBurst(stats, plan.total),
    'no-redirect': () => gradeRedirects(stats),
    latency: () => gradeLatency(stats.latencies(), target.warnMs),
  };
  const checks: CheckResult[] = BURST_CHECK_IDS.filter((id) => selected.has(id)).map(
    (id: CheckId & keyof typeof grades) => checkResult(id, grades[id]()),
  );
  return buildReport(
    {
      target,
      url: showUrl(target.url),
      mode: 'burst',
      seed: ctx.seed,
      concurrency: ctx.concurrency,
      durationMs,
      stats,
      ...(target.strict ? { strict: true } : {}),
    },
    checks,
    [],
  );
}

import type { CheckId, CheckResult, Outcome } from '../../core/endpoint/checks.js';
import { SUITE_CHECK_IDS } from '../../core/endpoint/checks.js';
import {
  buildReport,
  checkResult,
  gradeAcceptCheck,
  gradeDuplicate,
  gradeLatency,
  gradeRedirects,
  gradeRejectCheck,
  gradeReserialisation,
  type Grade,
  type SentDelivery,
} from '../../core/endpoint/grade.js';
import { showUrl } from '../../core/endpoint/outcome.js';
import type { EndpointReport } from '../../core/endpoint/report.js';
import { RunStats } from '../../core/endpoint/stats.js';
import type { Delivery, PlannedCheck, SuitePlan } from '../../core/endpoint/suite-plan.js';
import { MESSAGES } from '../../messages/index.js';
import { limiter, type SendDelivery } from './send.js';
import type { RunnerContext } from './runner.js';

/** Sends one planned check's deliveries and grades them. */
async function runCheck(
  c: PlannedCheck,
  deliver: (id: CheckId, d: Delivery) => Promise<Outcome>,
  skipRepeat: () => void,
  plan: SuitePlan,
  authName: string,
): Promise<Grade> {
  switch (c.kind) {
    case 'accept': {
      const outcomes = await Promise.all(c.deliveries.map((d) => deliver(c.id, d)));
      return gradeAcceptCheck(c, outcomes, plan.userPayloads);
    }
    case 'reject':
      return gradeRejectCheck(c.id, await deliver(c.id, c.delivery), authName);
    case 'duplicate': {
      const first = await deliver(c.id, c.delivery);
      const accepted = first.kind === 'response' && first.status >= 200 && first.status < 300;
      if (!accepted) skipRepeat();
      const second = accepted ? await deliver(c.id, c.delivery) : undefined;
      return gradeDuplicate(c.delivery, first, second);
    }
  }
}

/** Runs a planned suite: every check's deliveries through one limiter, then the overall checks. */
export async function runSuite(
  plan: SuitePlan,
  ctx: RunnerContext,
  send: SendDelivery,
): Promise<EndpointReport> {
  const { target, deps } = ctx;
  const stats = new RunStats();
  const limit = limiter(ctx.concurrency);
  const results = new Map<CheckId, CheckResult>();
  let done = 0;
  const tick = (): void => deps.progress?.({ done: ++done, total: plan.total });
  // A repeat not sent still counts as done; the next delivery's progress shows it.
  const skipRepeat = (): void => void done++;
  const sent: SentDelivery[] = [];
  const deliver = async (id: CheckId, d: Delivery): Promise<Outcome> => {
    const o = await limit(() => send(d));
    stats.record(id, o);
    sent.push({ check: id, delivery: d, outcome: o });
    tick();
    return o;
  };
  for (const s of plan.skipped)
    results.set(s.id, checkResult(s.id, { status: s.warn ? 'warn' : 'skip', reason: s.reason }));
  deps.progress?.({ done: 0, total: plan.total });
  const authName = target.authHeader?.name ?? '';
  const t0 = deps.clock.now();
  await Promise.all(
    plan.checks.map(async (c) => {
      const start = deps.clock.now();
      const grade = await runCheck(c, deliver, skipRepeat, plan, authName);
      results.set(c.id, { ...checkResult(c.id, grade), durationMs: deps.clock.now() - start });
    }),
  );
  const durationMs = deps.clock.now() - t0;
  for (const r of gradeReserialisation(sent, results)) results.set(r.id, r);
  if (plan.overall.includes('no-redirect'))
    results.set('no-redirect', checkResult('no-redirect', gradeRedirects(stats)));
  if (plan.overall.includes('latency'))
    results.set('latency', checkResult('latency', gradeLatency(stats.latencies(), target.warnMs)));
  const checks = SUITE_CHECK_IDS.flatMap((id) => results.get(id) ?? []);
  return buildReport(
    {
      target,
      url: showUrl(target.url),
      mode: 'suite',
      seed: ctx.seed,
      concurrency: ctx.concurrency,
      durationMs,
      stats,
      ...(target.strict ? { strict: true } : {}),
    },
    checks,
    notesOf(checks),
  );
}

/** Why checks were skipped, once per reason, in report order ("not selected" is no news). */
function notesOf(checks: readonly CheckResult[]): string[] {
  const notes = new Set<string>();
  for (const c of checks)
    if (c.status === 'skip' && c.reason !== MESSAGES.endpoint.skipNotSelected) notes.add(c.reason);
  return [...notes];
}

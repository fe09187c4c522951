/**
 * Grading of a run, pure: what each check's outcomes mean (next to the per-delivery rules of
 * checks.ts), the checks judged over every delivery (redirects, latency), and the report.
 */
import { REDIRECT_IS_FAILURE, SIGNATURE_HEADER } from '../assumptions.js';
import { sha256Hex } from '../hash.js';
import { MESSAGES } from '../../messages/index.js';
import {
  describeOutcome,
  gradeAccepted,
  gradeRejected,
  type CheckId,
  type CheckResult,
  type CheckStatus,
  type Outcome,
} from './checks.js';
import { statusKey } from './outcome.js';
import type { EndpointPayload, EndpointReport, EndpointTarget, EndpointVerdict } from './report.js';
import { summarizeLatencies, type RunStats } from './stats.js';
import type { Delivery, ForgedCheckId, PlannedCheck } from './suite-plan.js';

const M = MESSAGES.endpoint;

/** A check's verdict without its id and title. */
export type Grade = Pick<CheckResult, 'status' | 'reason'> & { details?: Record<string, unknown> };

/** The full result of check `id`. */
export function checkResult(id: CheckId, g: Grade): CheckResult {
  return {
    id,
    title: M.titles[id] ?? id,
    status: g.status,
    reason: g.reason,
    details: g.details ?? {},
  };
}

/** `x-qualifio-signature` as people write it: `X-Qualifio-Signature`. */
export function displayHeaderName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/**
 * Why a valid delivery may have been refused (401/403) when it was signed: the bytes, their
 * sha256 and the start of the signature sent, so a receiver author can compare. Empty otherwise.
 */
export function explainSignature(d: Delivery, o: Outcome | undefined): Record<string, unknown> {
  const sig = d.headers[SIGNATURE_HEADER];
  if (!sig || !o || o.kind !== 'response' || (o.status !== 401 && o.status !== 403)) return {};
  const sha = sha256Hex(d.bytes);
  const shown = `${sig.slice(0, 'sha256='.length + 12)}…`;
  return {
    signature: {
      bytes: d.bytes.length,
      sha256: sha,
      header: `${displayHeaderName(SIGNATURE_HEADER)}: ${shown}`,
      explain: [M.signatureExplain.sent(d.bytes.length, sha), M.signatureExplain.header(shown)],
      causes: M.signatureExplain.causes,
    },
  };
}

/** An accepts-* check: every delivery 2xx; names the payload source when the bodies are the user's. */
export function gradeAcceptCheck(
  c: Extract<PlannedCheck, { kind: 'accept' }>,
  outcomes: readonly Outcome[],
  userPayloads: boolean,
): Grade {
  // Without a secret nothing was signed: a 401 is not "a correctly signed delivery refused".
  const signed = c.deliveries.some((d) => d.headers[SIGNATURE_HEADER] !== undefined);
  const g = gradeAccepted(outcomes, c.what, signed);
  const i = g.firstBad ? outcomes.indexOf(g.firstBad) : -1;
  const bad: EndpointPayload | undefined = i >= 0 ? c.payloads[i] : undefined;
  return {
    status: g.status,
    reason: g.reason,
    details: {
      deliveries: c.deliveries.length,
      statuses: outcomes.map(statusKey),
      ...(bad && userPayloads ? { source: bad.source } : {}),
      ...(bad ? explainSignature(c.deliveries[i]!, g.firstBad) : {}),
    },
  };
}

/** What accepting each forged delivery means. */
function acceptedForged(id: ForgedCheckId, authName: string): (status: number) => string {
  switch (id) {
    case 'rejects-tampered-body':
      return M.acceptedTampered;
    case 'rejects-wrong-secret':
      return M.acceptedWrongSecret;
    case 'rejects-missing-signature':
      return M.acceptedMissingSignature;
    case 'rejects-missing-auth':
      return (st) => M.acceptedMissingAuth(authName, st);
    case 'rejects-wrong-auth':
      return (st) => M.acceptedWrongAuth(authName, st);
  }
}

/** A rejects-* check: its forged delivery must get a 4xx. */
export function gradeRejectCheck(id: ForgedCheckId, o: Outcome, authName = ''): Grade {
  return { ...gradeRejected(o, acceptedForged(id, authName)), details: { status: statusKey(o) } };
}

/** duplicate-delivery: both deliveries of the same participation accepted (`second` absent when not sent). */
export function gradeDuplicate(d: Delivery, first: Outcome, second: Outcome | undefined): Grade {
  if (gradeAccepted([first], M.delivery).status !== 'pass' || !second)
    return {
      status: 'fail',
      reason: M.duplicateFirstFailed(describeOutcome(first)),
      details: { statuses: [statusKey(first)], ...explainSignature(d, first) },
    };
  const statuses = [statusKey(first), statusKey(second)];
  if (
    first.kind === 'response' &&
    second.kind === 'response' &&
    gradeAccepted([second], M.delivery).status === 'pass'
  )
    return {
      status: 'pass',
      reason: M.duplicatePass(first.status, second.status),
      details: { statuses },
    };
  return {
    status: 'fail',
    reason: M.duplicateSecondFailed(describeOutcome(second)),
    details: { statuses },
  };
}

/**
 * no-redirect over every response of the run. A redirect fails the check while Qualifio is
 * assumed not to follow redirects (`redirectIsFailure`); otherwise it is only a warning.
 */
export function gradeRedirects(stats: RunStats, redirectIsFailure = REDIRECT_IS_FAILURE): Grade {
  if (stats.responses === 0) return { status: 'skip', reason: M.skipNoResponses };
  const first = stats.firstRedirect;
  if (!first) return { status: 'pass', reason: M.noRedirectPass(stats.responses) };
  return {
    status: redirectIsFailure ? 'fail' : 'warn',
    reason: M.noRedirectFail(stats.redirects, describeOutcome(first.outcome), first.check),
    details: { redirects: stats.redirects },
  };
}

/** latency: WARN when p95 is over `warnMs`. */
export function gradeLatency(latencies: ArrayLike<number>, warnMs: number): Grade {
  const s = summarizeLatencies(latencies);
  if (!s) return { status: 'skip', reason: M.skipNoResponses };
  return s.p95 > warnMs
    ? { status: 'warn', reason: M.latencyWarn(s.p95, warnMs), details: { ...s } }
    : { status: 'pass', reason: M.latencyPass(s.p95, warnMs), details: { ...s } };
}

/** burst: all `n` deliveries answered 2xx; otherwise the non-2xx counts, first seen first. */
export function gradeBurst(stats: RunStats, n: number): Grade {
  const ok = stats.accepted();
  if (ok === n) return { status: 'pass', reason: M.burstPass(n) };
  const histogram = [...stats.statuses]
    .filter(([k]) => !/^2\d\d$/.test(k))
    .map(([k, v]) => `${k} ×${v}`)
    .join(', ');
  return { status: 'fail', reason: M.burstFail(n - ok, n, histogram) };
}

/** One delivery of a run and what came of it, for the judgements over several checks. */
export interface SentDelivery {
  check: CheckId;
  delivery: Delivery;
  outcome: Outcome;
}

const VALID_CHECKS: ReadonlySet<CheckId> = new Set<CheckId>([
  'accepts-complete',
  'accepts-incomplete',
  'accepts-both-secrets',
  'duplicate-delivery',
]);
const refusedAuth = (o: Outcome): o is Extract<Outcome, { kind: 'response' }> =>
  o.kind === 'response' && (o.status === 401 || o.status === 403);

/**
 * The re-serialisation verdict: when the receiver accepted compact signed deliveries and refused
 * (401/403) only the ones formatted like the published example, it hashes
 * `JSON.stringify(JSON.parse(body))` instead of the raw bytes. Returns the checks to re-grade
 * with that reason (none when the pattern is not there).
 */
export function gradeReserialisation(
  sent: readonly SentDelivery[],
  results: ReadonlyMap<CheckId, CheckResult>,
): CheckResult[] {
  const valid = sent.filter(
    (s) => VALID_CHECKS.has(s.check) && s.delivery.headers[SIGNATURE_HEADER] !== undefined,
  );
  const compact = valid.filter((s) => !s.delivery.reformatted);
  const compactOk = compact.some(
    (s) => s.outcome.kind === 'response' && s.outcome.status >= 200 && s.outcome.status < 300,
  );
  if (!compactOk || compact.some((s) => refusedAuth(s.outcome))) return [];
  const out: CheckResult[] = [];
  const done = new Set<CheckId>();
  for (const s of valid) {
    if (!s.delivery.reformatted || !refusedAuth(s.outcome) || done.has(s.check)) continue;
    done.add(s.check);
    const before = results.get(s.check);
    out.push(
      checkResult(s.check, {
        status: 'fail',
        reason: M.reserialised(s.outcome.status),
        details: { ...before?.details, reserialised: true },
      }),
    );
  }
  return out;
}

/** Everything about the run a report needs besides its checks. */
export interface RunFacts {
  target: Pick<EndpointTarget, 'version'>;
  /** The target URL as shown (masked). */
  url: string;
  mode: 'suite' | 'burst';
  seed: number;
  concurrency: number;
  durationMs: number;
  stats: RunStats;
  /** --strict: skipped and warned checks become failures. */
  strict?: boolean;
}

/** Under --strict, a skipped or warned check is a failure that still says why it was not a pass. */
export function strictly(c: CheckResult): CheckResult {
  if (c.status !== 'skip' && c.status !== 'warn') return c;
  // No previous secret is no gap in the receiver's guard: there is simply no rotation going on.
  if (c.id === 'accepts-both-secrets' && c.status === 'skip') return c;
  return {
    ...c,
    status: 'fail',
    reason: M.strictFail(c.status, c.reason),
    details: { ...c.details, strict: c.status },
  };
}

/** The report: counts, the verdict (unreachable when nothing answered) and the run's figures. */
export function buildReport(f: RunFacts, graded: CheckResult[], notes: string[]): EndpointReport {
  const checks = f.strict ? graded.map(strictly) : graded;
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const c of checks) counts[c.status]++;
  const { deliveries, responses } = f.stats;
  const verdict: EndpointVerdict =
    deliveries > 0 && responses === 0 ? 'unreachable' : counts.fail > 0 ? 'fail' : 'pass';
  return {
    url: f.url,
    version: f.target.version,
    mode: f.mode,
    seed: f.seed,
    verdict,
    checks,
    counts,
    notes,
    stats: f.stats.summary(f.durationMs, f.concurrency),
  };
}

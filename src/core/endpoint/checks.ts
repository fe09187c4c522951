import type { FailureKind } from '../../contracts/index.js';
import { MESSAGES } from '../../messages/index.js';

/** The check suite of `qwh test-endpoint`, in report order. */
export const SUITE_CHECK_IDS = [
  'accepts-complete',
  'accepts-incomplete',
  'accepts-both-secrets',
  'rejects-tampered-body',
  'rejects-wrong-secret',
  'rejects-missing-signature',
  'rejects-missing-auth',
  'rejects-wrong-auth',
  'no-redirect',
  'duplicate-delivery',
  'latency',
] as const;

/** The checks of burst mode (`--count N`): every delivery valid, none redirected, latency. */
export const BURST_CHECK_IDS = ['burst', 'no-redirect', 'latency'] as const;

export type CheckId = (typeof SUITE_CHECK_IDS)[number] | (typeof BURST_CHECK_IDS)[number];
export const ALL_CHECK_IDS: readonly CheckId[] = [...SUITE_CHECK_IDS, 'burst'];

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** One check's verdict: a status, a one-line reason, and facts a reporter may show. */
export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  reason: string;
  details: Record<string, unknown>;
  /** Time spent on this check's deliveries (the injected clock), for JUnit `time`; absent if none were sent. */
  durationMs?: number;
}

/** What happened to one delivery. */
export type Outcome =
  | { kind: 'response'; status: number; ms: number; location?: string; snippet?: string }
  | { kind: 'failure'; failure: FailureKind; code?: string; message: string; ms: number };

const M = MESSAGES.endpoint;

/** One-line text of an outcome: `401`, `302 → /elsewhere`, `no response: connection refused`. */
export function describeOutcome(o: Outcome): string {
  if (o.kind === 'failure') return M.noResponse(o.message);
  return o.location ? `${o.status} → ${o.location}` : String(o.status);
}

const is2xx = (o: Outcome): boolean => o.kind === 'response' && o.status >= 200 && o.status < 300;
const is3xx = (o: Outcome): boolean => o.kind === 'response' && o.status >= 300 && o.status < 400;

/** Grades deliveries that must all be accepted (2xx); `signed` says a 401/403 may be a signature problem. */
export function gradeAccepted(
  outcomes: readonly Outcome[],
  what: string,
  signed = true,
): { status: CheckStatus; reason: string; firstBad?: Outcome } {
  const bad = outcomes.find((o) => !is2xx(o));
  if (!bad) {
    const statuses = [...new Set(outcomes.map((o) => (o as { status: number }).status))];
    return { status: 'pass', reason: M.acceptedAll(outcomes.length, what, statuses.join('/')) };
  }
  const nBad = outcomes.filter((o) => !is2xx(o)).length;
  const of = outcomes.length > 1 ? M.nOf(nBad, outcomes.length) : '';
  if (bad.kind === 'failure')
    return { status: 'fail', reason: of + M.noResponse(bad.message), firstBad: bad };
  if (is3xx(bad))
    return { status: 'fail', reason: of + M.redirected(describeOutcome(bad)), firstBad: bad };
  if (bad.status >= 500)
    return { status: 'fail', reason: of + M.serverError(bad.status, what), firstBad: bad };
  if (bad.status === 401 || bad.status === 403)
    return {
      status: 'fail',
      reason: of + (signed ? M.refusedValid : M.refusedUnsigned)(bad.status, what),
      firstBad: bad,
    };
  return {
    status: 'fail',
    reason: of + M.rejectedValid(bad.status, what) + (bad.snippet ? ` — ${bad.snippet}` : ''),
    firstBad: bad,
  };
}

/** Grades a forged delivery that must be rejected with a 4xx; `accepted` words the failure. */
export function gradeRejected(
  o: Outcome,
  accepted: (status: number) => string,
): { status: CheckStatus; reason: string } {
  if (o.kind === 'failure') return { status: 'fail', reason: M.noResponse(o.message) };
  if (o.status >= 400 && o.status < 500)
    return { status: 'pass', reason: M.rejectedWith(o.status) };
  if (o.status >= 500) return { status: 'fail', reason: M.forgedServerError(o.status) };
  if (is3xx(o)) return { status: 'fail', reason: M.forgedRedirect(describeOutcome(o)) };
  return { status: 'fail', reason: accepted(o.status) };
}

/**
 * Changes exactly one byte of a body, keeping it valid JSON or form data: the case of a letter
 * (or the value of a digit) in the last string value, so only a signature check can catch it.
 */
export function tamperOneByte(body: Uint8Array): Buffer {
  const out = Buffer.from(body);
  const flip = (i: number): boolean => {
    const c = out[i]!;
    if (c >= 0x61 && c <= 0x7a) out[i] = c - 0x20;
    else if (c >= 0x41 && c <= 0x5a) out[i] = c + 0x20;
    else if (c >= 0x30 && c <= 0x39) out[i] = c === 0x39 ? 0x30 : c + 1;
    else return false;
    return true;
  };
  // Look for the last `:"x` (JSON string value) or `=x` (form value) with an ASCII alphanumeric x.
  for (let i = out.length - 1; i > 0; i--) {
    const prev = out[i - 1];
    const isValueStart =
      prev === 0x3d /* = */ || (prev === 0x22 /* " */ && i >= 2 && out[i - 2] === 0x3a); /* : */
    if (isValueStart && flip(i)) return out;
  }
  for (let i = out.length - 1; i >= 0; i--) if (flip(i)) return out;
  // No letter or digit at all: append one space (still one byte changed as far as the HMAC goes).
  return Buffer.concat([out, Buffer.from(' ')]);
}

/** A plausible but wrong value for an auth header: same scheme word (Bearer/Basic), wrong token. */
export function wrongAuthValue(value: string, token: string): string {
  const m = /^(\S+)\s+\S/.exec(value);
  return m ? `${m[1]} ${token}` : token;
}

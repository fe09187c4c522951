import type { EndpointDeps } from './endpoint-checks.js';
import { runEndpointChecks } from './endpoint-checks.js';
import type { Verifier } from './migrate.js';

/** Options of the verification deliveries. */
export interface VerifierOptions {
  timeoutMs: number;
  warnMs: number;
  ca?: string | Buffer;
  /** Refuses a forbidden target before anything is sent (link-local, metadata). */
  assertAllowed: (url: string) => Promise<void>;
}

/**
 * The `qwh test-endpoint` check suite as migrate's verifier: signed 2.0 test deliveries to the
 * webhook's real host, with its auth header and secret. Incomplete participations are only
 * tested when the webhook pushes them.
 */
export function checkSuiteVerifier(
  base: Pick<EndpointDeps, 'createSender' | 'clock' | 'logger' | 'version'>,
  opts: VerifierOptions,
): Verifier {
  return async (target, signal, progress) => {
    await opts.assertAllowed(target.url);
    const report = await runEndpointChecks(
      {
        url: target.url,
        version: 2,
        ...(target.authHeader ? { authHeader: target.authHeader } : {}),
        ...(target.secret ? { secret: target.secret } : {}),
        sample: target.incompleteParticipations ? 'all' : 'complete',
        timeoutMs: opts.timeoutMs,
        warnMs: opts.warnMs,
        ...(opts.ca ? { ca: opts.ca } : {}),
      },
      { ...base, signal, progress: (p) => progress(p.done, p.total) },
    );
    return {
      verdict: report.verdict,
      checks: report.checks.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        detail: c.reason,
      })),
    };
  };
}

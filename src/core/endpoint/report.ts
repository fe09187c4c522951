/** What a test-endpoint run is asked to do and what it found: the types reporters and callers share. */
import type { SampleState } from '../sample/generate.js';
import type { CheckResult, CheckStatus } from './checks.js';
import type { RunSummary } from './stats.js';

/** A body to deliver, exactly as captured (signatures cover these bytes). */
export interface EndpointPayload {
  bytes: Buffer;
  contentType: string;
  /** Where it came from, for messages: `captures/a.json`, `s.ndjson:3`. */
  source: string;
  state: SampleState;
}

/** What to test and how (flags, env, config and account file already resolved by the caller). */
export interface EndpointTarget {
  url: string;
  version: 1 | 2;
  authHeader?: { name: string; value: string };
  secret?: string;
  /** The secret before a rotation: accepts-both-secrets signs one delivery with each. */
  previousSecret?: string;
  /** The user's own captured bodies; generated samples when absent. */
  payloads?: EndpointPayload[];
  sample?: 'complete' | 'incomplete' | 'all';
  /** Seed of the generated samples and test ids; random (and reported) when absent. */
  seed?: number;
  /** Subset of check ids to run; all when absent. */
  checks?: string[];
  timeoutMs: number;
  warnMs: number;
  /** Extra CA (PEM) for a private certificate authority. */
  ca?: string | Buffer;
  /** Burst mode: this many valid deliveries instead of the check suite. */
  count?: number;
  concurrency?: number;
  /** For CI: any skipped or warned check is a failure. */
  strict?: boolean;
}

/** Progress of a run, for a spinner. */
export interface EndpointProgress {
  done: number;
  total: number;
}

export type EndpointVerdict = 'pass' | 'fail' | 'unreachable';

/** Everything a reporter needs; holds no secret (URL masked, response snippets scrubbed). */
export interface EndpointReport {
  url: string;
  version: 1 | 2;
  mode: 'suite' | 'burst';
  seed: number;
  verdict: EndpointVerdict;
  checks: CheckResult[];
  counts: Record<CheckStatus, number>;
  /** Why checks were skipped, once per reason. */
  notes: string[];
  stats: RunSummary;
}

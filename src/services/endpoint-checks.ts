import { randomBytes } from 'node:crypto';
import type { Logger, Random, Sender, SenderOptions } from '../contracts/index.js';
import { planBurst } from '../core/endpoint/burst-plan.js';
import { BURST_CHECK_IDS, SUITE_CHECK_IDS } from '../core/endpoint/checks.js';
import type { EndpointProgress, EndpointReport, EndpointTarget } from '../core/endpoint/report.js';
import { planSuite } from '../core/endpoint/suite-plan.js';
import { MESSAGES } from '../messages/index.js';
import { runBurst } from './endpoint/burst.js';
import type { RunnerContext } from './endpoint/runner.js';
import { deliverer } from './endpoint/send.js';
import { runSuite } from './endpoint/suite.js';

export { TEST_HEADER } from '../core/endpoint/suite-plan.js';

/** The world as the service sees it: injected, so tests and `qwh migrate` reuse it. */
export interface EndpointDeps {
  /** A ready sender (not closed by the service), or a factory (the service closes what it makes). */
  sender?: Sender;
  createSender?: (o: SenderOptions) => Sender;
  /** The factory of a burst's sender (`--count`), when it differs from `createSender`. */
  createBurstSender?: (o: SenderOptions) => Sender;
  clock: { now(): number };
  logger: Logger;
  progress?: (p: EndpointProgress) => void;
  signal?: AbortSignal;
  /** qwh version, for `User-Agent: qwh/<version>`. */
  version?: string;
  /** Randomness of the run seed (without --seed) and forged values; node:crypto when absent. */
  random?: Random;
}

/** Random hex from node:crypto: forged secrets and tokens nobody can guess. */
const cryptoRandom: Random = { hex: (n) => randomBytes(n).toString('hex') };

/** A run seed from the injected randomness: 32 bits. */
export function randomSeed(random: Random): number {
  return Number.parseInt(random.hex(4).slice(0, 8), 16) >>> 0;
}

/** Validates `--checks` against the known ids; returns the unknown ones. */
export function unknownChecks(checks: readonly string[]): string[] {
  const known = new Set<string>([...SUITE_CHECK_IDS, ...BURST_CHECK_IDS]);
  return checks.filter((c) => !known.has(c));
}

/** The injected sender, or one made for this run: a burst's own factory when given. */
function senderFor(
  target: EndpointTarget,
  deps: EndpointDeps,
  burst: boolean,
  concurrency: number,
): Sender {
  const create = (burst ? deps.createBurstSender : undefined) ?? deps.createSender;
  const sender =
    deps.sender ??
    create?.({
      timeoutMs: target.timeoutMs,
      connections: concurrency,
      ...(target.ca ? { ca: target.ca } : {}),
    });
  if (!sender) throw new Error('runEndpointChecks: deps.sender or deps.createSender is required');
  return sender;
}

/**
 * Runs the check suite (or a burst of `count` valid deliveries) against a receiver, signing the
 * exact bytes of every delivery, and grades each check PASS/FAIL/WARN/SKIP. Throws only for a
 * refused address (UserError, exit 4) or an interruption; an unreachable endpoint is a verdict.
 */
export async function runEndpointChecks(
  target: EndpointTarget,
  deps: EndpointDeps,
): Promise<EndpointReport> {
  const random = deps.random ?? cryptoRandom;
  // Without --seed: 32 random bits (reported, so the run can be replayed with --seed), so runs
  // do not reuse each other's participation ids.
  const seed = (target.seed ?? randomSeed(random)) >>> 0;
  if (target.seed === undefined) deps.logger.info(MESSAGES.endpoint.seedChosen(seed));
  const burst = target.count !== undefined && target.count > 0;
  const concurrency = Math.max(1, target.concurrency ?? (burst ? 8 : 4));
  const sender = senderFor(target, deps, burst, concurrency);
  const ctx: RunnerContext = { target, deps, seed, concurrency };
  const send = deliverer(target, sender, deps.clock, deps.signal);
  const inputs = {
    seed,
    random,
    ...(deps.version ? { version: deps.version } : {}),
  };
  try {
    return burst
      ? await runBurst(planBurst(target, inputs), ctx, send)
      : await runSuite(planSuite(target, inputs), ctx, send);
  } finally {
    if (!deps.sender) await sender.close();
  }
}

import type { EndpointTarget } from '../../core/endpoint/report.js';
import type { EndpointDeps } from '../endpoint-checks.js';

/** What both runners share: the target, the injected world, and the run's seed and concurrency. */
export interface RunnerContext {
  target: EndpointTarget;
  deps: EndpointDeps;
  seed: number;
  concurrency: number;
}

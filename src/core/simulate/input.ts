import type { SIMULATE_OPTIONS } from '../options/simulate.js';
import type { Resolved } from '../options/spec.js';
import { parseMissingRule, type MissingRule } from './back-office.js';

/** simulate's settled input. */
export interface SimulateInput {
  file?: string;
  participations: number;
  seed: number;
  missing: MissingRule[];
  timeoutMs: number;
  dryRun: boolean;
  reporter: 'human' | 'json';
}

/** Parses each `--missing-rule` (exit 2 naming the bad one); `--json` is the json reporter. */
export function resolveSimulateInput(o: Resolved<typeof SIMULATE_OPTIONS>): SimulateInput {
  return {
    ...(o.file !== undefined ? { file: o.file } : {}),
    participations: o.participations,
    seed: o.seed,
    missing: (o.missingRule ?? []).map(parseMissingRule),
    timeoutMs: o.timeout,
    dryRun: o.dryRun,
    reporter: o.json ? 'json' : 'human',
  };
}

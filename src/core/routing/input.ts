import type { ROUTES_OPTIONS, ROUTES_REPORTER_NAMES } from '../options/routes.js';
import type { Resolved } from '../options/spec.js';

/** routes' settled input: the file (maybe still to find), --plan, and the reporter. */
export interface RoutesInput {
  file?: string;
  plan: boolean;
  reporter: (typeof ROUTES_REPORTER_NAMES)[number];
}

/** `--json` is `--reporter json`; the default report is the human table. */
export function resolveRoutesInput(o: Resolved<typeof ROUTES_OPTIONS>): RoutesInput {
  return {
    ...(o.file !== undefined ? { file: o.file } : {}),
    plan: o.plan,
    reporter: o.json ? 'json' : (o.reporter ?? 'human'),
  };
}

import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { MESSAGES } from '../../messages/index.js';
import { MIGRATE_OPTIONS } from '../options/migrate.js';
import { longFlag } from '../options/resolve.js';
import type { Resolved } from '../options/spec.js';
import type { PlanOptions, QueryTokenMode } from './types.js';

const M = MESSAGES.migrate;

export type MigrateOptions = Resolved<typeof MIGRATE_OPTIONS>;

/** Plan options before the account is read: `only` and `queryToken` may still be asked (TTY). */
export type PlanOptionsDraft = Omit<PlanOptions, 'only' | 'queryToken'> & {
  only?: string[];
  queryToken?: QueryTokenMode;
};

/** migrate's input with every layer settled (files unread, prompts not asked yet). */
export interface MigrateInput {
  /** Account file as given; else the saved plan's, config's `account`, or the default file. */
  file?: string;
  /** Saved plan to apply: its options replace every plan-shaping flag. */
  plan?: string;
  /** Save the plan here and stop. */
  planOut?: string;
  dryRun: boolean;
  /** With --dry-run/--plan-out: a blocker exits 4 (CI). */
  failOnBlockers: boolean;
  /** The whole plan before the confirm prompt (else its summary). */
  verbose: boolean;
  yes: boolean;
  json: boolean;
  runbook?: string;
  verifyTimeout: number;
  caFile?: string;
  options: PlanOptionsDraft;
}

/** The rows whose values shape a plan: a saved plan fixes them, so their flags conflict with --plan. */
const SHAPING_KEYS = [
  'secretEnv',
  'incomplete',
  'keepV1',
  'skipVerify',
  'allowInsecureHost',
  'only',
  'queryToken',
] as const;

/**
 * Settles migrate's input from its resolved options (flag > config > default, applied to `o`).
 * `--plan` replays the saved plan's options, so it refuses `--plan-out` and every flag that
 * shapes a plan (values from config do not count: the plan wins over them silently).
 */
export function resolveMigrateInput(o: MigrateOptions): MigrateInput {
  if (o.plan !== undefined && o.planOut !== undefined)
    throw new UserError(M.planAndPlanOut, ExitCode.USAGE);
  if (o.plan !== undefined) {
    const given = MIGRATE_OPTIONS.rows
      .filter((r) => (SHAPING_KEYS as readonly string[]).includes(r.key))
      .filter((r) => o.sources[r.key] === 'flag')
      .map(longFlag);
    if (given.length > 0) throw new UserError(M.planFixesOptions(given.join(', ')), ExitCode.USAGE);
  }
  return {
    ...(o.file !== undefined ? { file: o.file } : {}),
    ...(o.plan !== undefined ? { plan: o.plan } : {}),
    ...(o.planOut !== undefined ? { planOut: o.planOut } : {}),
    dryRun: o.dryRun,
    failOnBlockers: o.failOnBlockers,
    verbose: o.verbose,
    yes: o.yes,
    json: o.json,
    ...(o.runbook !== undefined ? { runbook: o.runbook } : {}),
    verifyTimeout: o.verifyTimeout,
    ...(o.caFile !== undefined ? { caFile: o.caFile } : {}),
    options: {
      ...(o.secretEnv ? { secretEnv: o.secretEnv } : {}),
      incomplete: o.incomplete,
      keepV1: o.keepV1,
      skipVerify: o.skipVerify,
      allowInsecureHost: o.allowInsecureHost,
      ...(o.only !== undefined ? { only: o.only } : {}),
      ...(o.queryToken !== undefined ? { queryToken: o.queryToken } : {}),
    },
  };
}

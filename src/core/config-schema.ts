import * as z from 'zod';
import { configSectionOf } from './options/config-zod.js';
import { DIFF_PAYLOAD_OPTIONS } from './options/diff-payload.js';
import { MIGRATE_OPTIONS } from './options/migrate.js';
import { TEST_ENDPOINT_OPTIONS } from './options/test-endpoint.js';

/** `testEndpoint` section: what `qwh test-endpoint` needs so CI runs it with one line (from its option table). */
export const TestEndpointConfigSchema = configSectionOf(TEST_ENDPOINT_OPTIONS);

/** `migrate` section: the plan options a team fixes once (from migrate's option table). */
export const MigrateConfigSchema = configSectionOf(MIGRATE_OPTIONS);

/** `diff` section: diff-payload's defaults (from its option table; `format` names the reporter). */
export const DiffConfigSchema = configSectionOf(DIFF_PAYLOAD_OPTIONS);

/**
 * `trust` section: what the user allows an account file's secret references to reach
 * (core/account/secret-trust.ts). It lives in the user's config, never in the account file.
 */
export const TrustConfigSchema = z.strictObject({
  /** Environment variable names an account file's `{ env: NAME }` may read. */
  env: z
    .array(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
        error: 'must be an environment variable name',
      }),
    )
    .optional(),
});

/** The qwh config file (qwh.config.*, .qwhrc*, package.json#qwh): data only, validated strictly. */
export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  account: z.string().min(1).optional(),
  testEndpoint: TestEndpointConfigSchema.optional(),
  migrate: MigrateConfigSchema.optional(),
  diff: DiffConfigSchema.optional(),
  trust: TrustConfigSchema.optional(),
});

export type QwhConfig = z.infer<typeof ConfigSchema>;

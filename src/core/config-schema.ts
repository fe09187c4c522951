import { z } from 'zod';
import { configSectionOf } from './options/config-zod.js';
import { TEST_ENDPOINT_OPTIONS } from './options/test-endpoint.js';

const EnvName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be an environment variable name' });

/** `testEndpoint` section: what `qwh test-endpoint` needs so CI runs it with one line (from its option table). */
export const TestEndpointConfigSchema = configSectionOf(TEST_ENDPOINT_OPTIONS);

/** `migrate` section. */
export const MigrateConfigSchema = z.strictObject({
  secretEnv: EnvName.optional(),
  incomplete: z.boolean().optional(),
  keepV1: z.boolean().optional(),
  allowInsecureHost: z.boolean().optional(),
  runbook: z.string().min(1).optional(),
});

/** `diff` section. */
export const DiffConfigSchema = z.strictObject({
  map: z.string().min(1).optional(),
  rules: z.string().min(1).optional(),
  failOn: z.enum(['breaking', 'moved', 'any', 'none']).optional(),
  format: z.enum(['table', 'json', 'markdown']).optional(),
});

/** The qwh config file (qwh.config.*, .qwhrc*, package.json#qwh): data only, validated strictly. */
export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  account: z.string().min(1).optional(),
  testEndpoint: TestEndpointConfigSchema.optional(),
  migrate: MigrateConfigSchema.optional(),
  diff: DiffConfigSchema.optional(),
});

export type QwhConfig = z.infer<typeof ConfigSchema>;

import { z } from 'zod';
import { HEADER_NAME } from './account/schema.js';

const EnvName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be an environment variable name' });
/** A secret in config is never a literal: only where to read it from. */
const SecretFrom = z.union(
  [z.strictObject({ env: EnvName }), z.strictObject({ file: z.string().min(1) })],
  {
    error: 'must be { env: NAME } or { file: PATH } (never the secret itself)',
  },
);

/** `testEndpoint` section: what `qwh test-endpoint` needs so CI runs it with one line. */
export const TestEndpointConfigSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'Invalid URL' }).optional(),
  version: z.union([z.literal(1), z.literal(2)]).optional(),
  authHeader: z
    .strictObject({
      name: z.string().regex(HEADER_NAME, { error: 'must be an HTTP header name' }),
      value: SecretFrom,
    })
    .optional(),
  secret: SecretFrom.optional(),
  payload: z.string().min(1).optional(),
  sample: z.enum(['complete', 'incomplete', 'all']).optional(),
  seed: z
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  checks: z.array(z.string().min(1)).optional(),
  timeoutMs: z.int().min(100).max(600_000).optional(),
  warnMs: z.int().min(1).max(600_000).optional(),
  concurrency: z.int().min(1).max(1024).optional(),
  caFile: z.string().min(1).optional(),
  reporter: z.enum(['human', 'json', 'junit', 'github']).optional(),
  out: z.string().min(1).optional(),
});

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

import * as z from 'zod';
import { HEADER_NAME, HttpUrl } from '../account/schema.js';
import type { ConfigSectionOf, OptionTable, ValueType } from './spec.js';

const EnvName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be an environment variable name' });

/** A secret in config is never a literal: only where to read it from. */
export const SecretFromSchema = z.union(
  [z.strictObject({ env: EnvName }), z.strictObject({ file: z.string().min(1) })],
  { error: 'must be { env: NAME } or { file: PATH } (never the secret itself)' },
);

/** The zod schema of one value type, as it is written in a config file. */
export function configZodOf(v: ValueType): z.ZodType {
  switch (v.type) {
    case 'int':
      return z.int().min(v.min).max(v.max);
    case 'choice':
      return z.enum(v.values as [string, ...string[]]);
    case 'version':
      return z.union([z.literal(1), z.literal(2)]);
    case 'string':
    case 'path':
      return z.string().min(1);
    case 'url':
      return HttpUrl;
    case 'env-name':
      return EnvName;
    case 'boolean':
      return z.boolean();
    case 'list':
      return z.array(z.string().min(1));
    case 'secret-ref':
      return SecretFromSchema;
    case 'auth-header':
      return z.strictObject({
        name: z.string().regex(HEADER_NAME, { error: 'must be an HTTP header name' }),
        value: SecretFromSchema,
      });
  }
}

/** The strict config section of a command: one optional key per row that has a `config` key, in row order. */
export function configSectionOf<T extends OptionTable>(table: T): z.ZodType<ConfigSectionOf<T>> {
  const shape: Record<string, z.ZodType> = {};
  for (const row of table.rows)
    if (row.config) shape[row.config] = configZodOf(row.value).optional();
  return z.strictObject(shape) as unknown as z.ZodType<ConfigSectionOf<T>>;
}

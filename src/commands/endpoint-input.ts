import type { RuntimeContext } from '../contracts/index.js';
import { isAbsolute, resolve } from 'node:path';
import {
  secretFromFlags,
  secretFromEnv,
  secretFromFile,
  type SecretSource,
} from '../adapters/secrets.js';
import { HEADER_NAME } from '../core/account/schema.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';

const E = MESSAGES.endpoint;

/** A whole number flag/env/config value within bounds, or a usage error naming where it came from. */
export function wholeNumber(
  label: string,
  v: unknown,
  min: number,
  max: number,
): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UserError(MESSAGES.options.badNumber(label, String(v), min, max), ExitCode.USAGE);
  return n;
}

/** One of a fixed set of choices from env/config, or a usage error. */
export function choice<T extends string>(
  label: string,
  v: unknown,
  choices: readonly T[],
): T | undefined {
  if (v === undefined || v === '') return undefined;
  const s = String(v);
  if (!(choices as readonly string[]).includes(s))
    throw new UserError(MESSAGES.options.badChoice(label, s, choices), ExitCode.USAGE);
  return s as T;
}

/** Where a secret may come from in config: `{ env }` or `{ file }` (relative to the config folder). */
export type SecretFrom = { env: string } | { file: string };

/** Resolves a config secret reference; registers it for masking. */
export async function secretFromConfig(ref: SecretFrom, src: SecretSource): Promise<string> {
  if ('env' in ref) return secretFromEnv(ref.env, src);
  return secretFromFile(ref.file, src);
}

/** The secret and auth header given by flags (env/file only), each undefined when not given. */
export async function secretAndAuthFromFlags(
  ctx: RuntimeContext,
  opts: Record<string, unknown>,
): Promise<{ secret?: string; authName?: string; authValue?: string }> {
  const src: SecretSource = { env: ctx.env, baseDir: ctx.cwd, redactor: ctx.redactor };
  const secret = await secretFromFlags(
    opts.secretEnv as string | undefined,
    opts.secretFile as string | undefined,
    'the secret',
    src,
  );
  const authValue = await secretFromFlags(
    opts.authHeaderEnv as string | undefined,
    opts.authHeaderFile as string | undefined,
    'the auth header value',
    src,
  );
  const authName = opts.authHeaderName as string | undefined;
  if (authName !== undefined && !HEADER_NAME.test(authName))
    throw new UserError(E.badHeaderName(authName), ExitCode.USAGE);
  return {
    ...(secret !== undefined ? { secret } : {}),
    ...(authName !== undefined ? { authName } : {}),
    ...(authValue !== undefined ? { authValue } : {}),
  };
}

/** Builds the auth header from a name and a value, refusing half of one. */
export function authHeaderOf(
  name: string | undefined,
  value: string | undefined,
): { name: string; value: string } | undefined {
  if (name === undefined && value === undefined) return undefined;
  if (name === undefined) throw new UserError(E.authValueWithoutName, ExitCode.USAGE);
  if (value === undefined) throw new UserError(E.authNameWithoutValue, ExitCode.USAGE);
  return { name, value };
}

/** A path from config is relative to the config file's folder; from a flag, to the cwd. */
export function pathFrom(base: string, p: string): string {
  return isAbsolute(p) ? p : resolve(base, p);
}

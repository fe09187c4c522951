import type { ConversionRule } from './rule.js';

/** Bytes of a generated HMAC secret (written as hex: 64 characters). */
export const GENERATED_SECRET_BYTES = 32;

/** Folder, relative to the account file, holding the secret files qwh writes (0700; files 0600). */
export const SECRETS_DIR = '.qwh/secrets';

/** Path (relative to the account file) of a secret file of one 2.0 webhook. */
export function secretFilePath(fileStem: string, v2Key: string, kind: 'secret' | 'auth'): string {
  return `${SECRETS_DIR}/${fileStem}/${v2Key}.${kind}`;
}

/**
 * Every new 2.0 webhook signs its requests: a new secret of 32 random bytes (hex) in a 0600
 * file beside the account file, or the one in the environment variable named by --secret-env.
 */
export const secretRule: ConversionRule = {
  id: 'secret',
  summary: 'a new HMAC secret: 32 random bytes (hex) in a 0600 file, or --secret-env NAME',
  apply(ctx) {
    if (ctx.mode !== 'create') return {};
    if (ctx.options.secretEnv) return { create: { secret: { env: ctx.options.secretEnv } } };
    const file = secretFilePath(ctx.fileStem, ctx.v2Key, 'secret');
    return {
      create: { secret: { file } },
      secretFiles: [
        {
          file,
          purpose: 'hmac-secret',
          source: { kind: 'random-hex', bytes: GENERATED_SECRET_BYTES },
        },
      ],
    };
  },
};

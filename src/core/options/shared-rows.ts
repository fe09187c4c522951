/** Option rows several commands share, so a flag reads and resolves the same everywhere. */

/** The HMAC secret flags (`--secret-env`, `--secret-file`): test-endpoint, listen, sign, verify. */
export const secretFlagRows = [
  {
    key: 'secretEnv',
    flags: '--secret-env <NAME>',
    description: 'read the HMAC secret from this environment variable',
    value: { type: 'env-name' },
  },
  {
    key: 'secretFile',
    flags: '--secret-file <file>',
    description: 'read the HMAC secret from this file (one trailing newline ignored)',
    value: { type: 'path' },
  },
] as const;

/**
 * The secret before a rotation (`--previous-secret-env`, `--previous-secret-file`): listen,
 * verify, test-endpoint, migrate observe. Qualifio may sign with it for 30 minutes after a change.
 */
export const previousSecretFlagRows = [
  {
    key: 'previousSecretEnv',
    flags: '--previous-secret-env <NAME>',
    description: 'rotation: also accept signatures made with the secret in this variable',
    value: { type: 'env-name' },
  },
  {
    key: 'previousSecretFile',
    flags: '--previous-secret-file <file>',
    description: 'rotation: also accept signatures made with the secret in this file',
    value: { type: 'path' },
  },
] as const;

/** The auth header and secret flags test-endpoint and listen share. */
export const authFlagRows = (what: string) =>
  [
    {
      key: 'authHeaderName',
      flags: '--auth-header-name <name>',
      description: `auth header name ${what}, e.g. Authorization`,
      value: { type: 'string' },
    },
    {
      key: 'authHeaderEnv',
      flags: '--auth-header-env <NAME>',
      description: 'read the auth header value from this environment variable',
      value: { type: 'env-name' },
    },
    {
      key: 'authHeaderFile',
      flags: '--auth-header-file <file>',
      description: 'read the auth header value from this file',
      value: { type: 'path' },
    },
    ...secretFlagRows,
  ] as const;

/** `--json`: the alias of `--reporter json` on every command. */
export const jsonRow = (description: string) =>
  ({ key: 'json', flags: '--json', description, value: { type: 'boolean' } }) as const;

/** The body argument of sign and verify: a file, or `-` (the default) for stdin. */
export const bodyFileRow = {
  key: 'file',
  arg: 0,
  description: 'body file, or - for stdin (default -)',
  value: { type: 'path' },
  default: '-',
} as const;

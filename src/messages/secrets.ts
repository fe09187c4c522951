/** What qwh says for `secrets`. */
export const SECRETS_MESSAGES = {
  previousWithoutCurrent:
    '--previous-secret-env/--previous-secret-file need the current secret too (--secret-env or --secret-file)',
  matched: (which: 'current' | 'previous') =>
    which === 'previous'
      ? 'signed with the PREVIOUS secret (accepted during the rotation window; the new one must take over)'
      : 'signed with the current secret',
  envMissing: (name: string) => `environment variable ${name} is not set or empty`,
  envMissingHint: (name: string) =>
    `Export it first: export ${name}=…  (qwh never takes secrets as arguments)`,
  fileMissing: (file: string) => `secret file ${file} cannot be read`,
  fileMissingHint: 'Check the path (relative paths are resolved from the account or config file).',
  fileEmpty: (file: string) => `secret file ${file} is empty`,
  fileBinary: (file: string) =>
    `secret file ${file} is not text (it holds a NUL byte or invalid UTF-8): qwh reads a secret as UTF-8 text`,
  fileBinaryHint:
    'Write the secret as text (e.g. openssl rand -hex 32 > FILE); a binary key must be encoded (hex or base64) the way the receiver expects.',
  oneSource: (what: string) => `give ${what} from one source only`,
  // Weak secrets (core/redact.ts secretWeakness): 1–3 characters refused, short or common warned.
  tooShort: (label: string) =>
    `${label} holds a secret of 1–3 characters: too short to be secret, and qwh could not mask it in its output`,
  tooShortHint: 'Use a long random value, e.g. openssl rand -hex 32.',
  weak: (label: string | undefined, why: 'short' | 'common' | 'too-short') =>
    `${label ?? 'a secret'} is ${why === 'common' ? 'a common word' : why === 'short' ? 'shorter than 8 characters' : '1–3 characters long'}: easy to guess; qwh masks it where secrets occur (header values, URL credentials, bodies, the migrate diff) but not as part of other text. Use a long random value (openssl rand -hex 32).`,
  // The trust model of an account file's secret references (core/account/secret-trust.ts).
  refusedEnv: (file: string, path: string, ref: string) =>
    `${file} › ${path}: ${ref} is not on the trusted list; qwh reads an account file's environment variables only when you allow them`,
  refusedEnvHint: (name: string) =>
    `If this file is yours, allow it: add ${name} to trust.env in your qwh config (qwh.config.yaml: trust: { env: [${name}] }), or pass the secret yourself (--secret-env / --auth-header-env ${name}).`,
  refusedFile: (file: string, path: string, ref: string, why: 'absolute' | 'parent' | 'symlink') =>
    `${file} › ${path}: ${ref} ${why === 'absolute' ? 'is an absolute path' : why === 'parent' ? 'leaves the account folder (..)' : 'is a symlink leading out of the account folder'}; qwh reads an account file's secret files only inside its folder`,
  refusedFileHint:
    'If this file is yours, move the secret file into the account folder and name it relative to it (e.g. .qwh/secrets/…), or pass it yourself (--secret-file / --auth-header-file).',
  sourceLine: (path: string, ref: string, as: 'auth-header' | 'hmac-key', host: string) =>
    `secret ${path}: ${ref} → ${as === 'auth-header' ? 'sent as the auth header to' : 'signs the deliveries to'} ${host}`,
} as const;

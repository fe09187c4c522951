/** What qwh says for `sign`. */
export const SIGN_MESSAGES = {
  needSecret: 'no secret given',
  needSecretHint: 'Pass --secret-env NAME or --secret-file FILE (never the secret itself).',
  needSignature: 'no --signature given: pass the header value received',
  match: 'signature OK: it matches the body and the secret',
  mismatch: (reason: string, detail: string) => `signature ${reason}: ${detail}`,
  causes:
    'Usual causes: the body was re-serialised (parsed and re-stringified) before verifying, whitespace or line endings changed, or the secret has extra spaces/newline or another encoding.',
  doctor: {
    mismatch: 'digest does not match the body and secret',
    shortHex: (n: number) =>
      `digest is not 64 hex characters (got ${n} hex characters: cut short or another hash?)`,
    base64Shape: (n: number) =>
      `digest is not 64 hex characters (got ${n} characters, a base64 SHA-256 digest)`,
    badShape: (n: number) => `digest is not 64 hex characters (got ${n} characters)`,
    found: (mistakes: readonly string[]) => `it matches when ${mistakes.join(' and ')}`,
    mistakes: {
      'base64-digest': 'the digest is encoded in base64 instead of lower-case hex',
      'reserialised-body':
        'the body is re-serialised (JSON.stringify(JSON.parse(body))) instead of the raw bytes',
      'trailing-newline-added': 'a trailing newline is added to the body',
      'trailing-newline-removed': "the body's trailing newline is removed",
      crlf: 'line ends are changed to CRLF',
      lf: 'CRLF line ends are changed to LF',
      'secret-whitespace': 'the secret has surrounding whitespace (a space or a newline)',
      'previous-secret':
        'the previous secret is used (Qualifio may keep it for up to 30 minutes after a change)',
    },
  },
  bodyFacts: (bytes: number, sha256: string) => `body: ${bytes} bytes, sha256 ${sha256}`,
} as const;

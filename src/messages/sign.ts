/** What qwh says for `sign`. */
export const SIGN_MESSAGES = {
  needSecret: 'no secret given',
  needSecretHint: 'Pass --secret-env NAME or --secret-file FILE (never the secret itself).',
  needSignature: 'no --signature given: pass the header value received',
  match: 'signature OK: it matches the body and the secret',
  mismatch: (reason: string, detail: string) => `signature ${reason}: ${detail}`,
  causes:
    'Usual causes: the body was re-serialised (parsed and re-stringified) before verifying, whitespace or line endings changed, or the secret has extra spaces/newline or another encoding.',
  bodyFacts: (bytes: number, sha256: string) => `body: ${bytes} bytes, sha256 ${sha256}`,
} as const;

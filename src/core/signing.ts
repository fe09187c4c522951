import { createHmac, timingSafeEqual } from 'node:crypto';
import { SECRET_ENCODING, SIGNATURE_DIGEST_ENCODING, SIGNATURE_PREFIX } from './assumptions.js';

/** Bytes of a secret as Qualifio keys the HMAC with them. */
function keyBytes(secret: string | Uint8Array): Uint8Array {
  return typeof secret === 'string' ? Buffer.from(secret, SECRET_ENCODING) : secret;
}

/** HMAC-SHA256 of the exact body bytes keyed with the secret, as Qualifio encodes the digest. */
export function hmacHex(secret: string | Uint8Array, body: Uint8Array): string {
  return createHmac('sha256', keyBytes(secret)).update(body).digest(SIGNATURE_DIGEST_ENCODING);
}

/** The `X-Qualifio-Signature` value for these exact bytes: the prefix and the encoded digest. */
export function signBody(secret: string | Uint8Array, body: Uint8Array): string {
  return SIGNATURE_PREFIX + hmacHex(secret, body);
}

export type SignatureFailure = 'missing' | 'wrong-prefix' | 'wrong-encoding' | 'mismatch';

export type SignatureCheck = { ok: true } | { ok: false; reason: SignatureFailure; detail: string };

/**
 * The shape of a well-formed digest per encoding. Keyed by the assumed encoding's type, so
 * changing SIGNATURE_DIGEST_ENCODING does not compile until its shape is written here.
 */
const DIGEST_SHAPE: Record<typeof SIGNATURE_DIGEST_ENCODING, RegExp> = {
  hex: /^[0-9a-fA-F]{64}$/,
};

/**
 * Checks a signature header against the body in constant time and, when it fails, says why:
 * missing header, wrong prefix, digest not 64 hex characters, or a digest that does not match.
 */
export function verifySignature(
  secret: string | Uint8Array,
  body: Uint8Array,
  header: string | undefined | null,
): SignatureCheck {
  if (header === undefined || header === null || header.trim() === '') {
    return { ok: false, reason: 'missing', detail: 'no X-Qualifio-Signature header' };
  }
  const value = header.trim();
  if (!value.startsWith(SIGNATURE_PREFIX)) {
    return {
      ok: false,
      reason: 'wrong-prefix',
      detail: `value does not start with "${SIGNATURE_PREFIX}"`,
    };
  }
  const digest = value.slice(SIGNATURE_PREFIX.length);
  if (!DIGEST_SHAPE[SIGNATURE_DIGEST_ENCODING].test(digest)) {
    return {
      ok: false,
      reason: 'wrong-encoding',
      detail: `digest is not 64 hex characters (got ${digest.length} characters${/^[A-Za-z0-9+/]+=*$/.test(digest) ? ', looks like base64' : ''})`,
    };
  }
  const expected = Buffer.from(hmacHex(secret, body), SIGNATURE_DIGEST_ENCODING);
  const given = Buffer.from(digest, SIGNATURE_DIGEST_ENCODING);
  if (!timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'mismatch', detail: 'digest does not match the body and secret' };
  }
  return { ok: true };
}

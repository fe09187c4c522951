import { createHmac, createSecretKey, hash, timingSafeEqual } from 'node:crypto';
import { SECRET_ENCODING, SIGNATURE_DIGEST_ENCODING, SIGNATURE_PREFIX } from './assumptions.js';
import { MESSAGES } from '../messages/index.js';

// The last secret's bytes: a receiver checks every delivery with the same one or two secrets.
let lastSecret: string | undefined;
let lastKey: Uint8Array = new Uint8Array(0);

/** Bytes of a secret as Qualifio keys the HMAC with them. */
function keyBytes(secret: string | Uint8Array): Uint8Array {
  if (typeof secret !== 'string') return secret;
  if (secret !== lastSecret) {
    lastKey = Buffer.from(secret, SECRET_ENCODING);
    lastSecret = secret;
  }
  return lastKey;
}

/** HMAC-SHA256 of the exact body bytes keyed with the secret, as Qualifio encodes the digest. */
export function hmacHex(secret: string | Uint8Array, body: Uint8Array): string {
  return createHmac('sha256', keyBytes(secret)).update(body).digest(SIGNATURE_DIGEST_ENCODING);
}

/** The `X-Qualifio-Signature` value for these exact bytes: the prefix and the encoded digest. */
export function signBody(secret: string | Uint8Array, body: Uint8Array): string {
  return SIGNATURE_PREFIX + hmacHex(secret, body);
}

/**
 * signBody with the key imported once (a burst signs tens of thousands of bodies with one
 * secret): the same value as `signBody(secret, body)` for every body.
 */
export function bodySigner(secret: string | Uint8Array): (body: Uint8Array) => string {
  const key = createSecretKey(keyBytes(secret));
  return (body) =>
    SIGNATURE_PREFIX + createHmac('sha256', key).update(body).digest(SIGNATURE_DIGEST_ENCODING);
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

/** A likely mistake of whoever computed a signature, as the doctor names it. */
export type SignatureMistake =
  | 'base64-digest'
  | 'reserialised-body'
  | 'trailing-newline-added'
  | 'trailing-newline-removed'
  | 'crlf'
  | 'lf'
  | 'secret-whitespace'
  | 'previous-secret';

export interface SignatureDiagnosis {
  /** Every mistake of the matching combination (a base64 digest of a re-serialised body: both). */
  mistakes: SignatureMistake[];
  detail: string;
}

/** What the doctor is given: the bytes, the secret (and the previous one), the signature seen. */
export interface DoctorInput {
  body: Uint8Array;
  secret: string | Uint8Array;
  signature: string;
  previousSecret?: string | Uint8Array;
}

type Variant<T> = { value: T; mistake?: SignatureMistake };

/** Bodies someone may have signed instead of the raw bytes. */
function bodyVariants(body: Uint8Array): Variant<Uint8Array>[] {
  const raw = Buffer.from(body);
  const text = raw.toString('utf8');
  const out: Variant<Uint8Array>[] = [{ value: raw }];
  try {
    out.push({
      value: Buffer.from(JSON.stringify(JSON.parse(text)), 'utf8'),
      mistake: 'reserialised-body',
    });
  } catch {
    // not JSON: nothing to re-serialise
  }
  if (text.endsWith('\n'))
    out.push({
      value: Buffer.from(text.replace(/\r?\n$/, ''), 'utf8'),
      mistake: 'trailing-newline-removed',
    });
  else out.push({ value: Buffer.from(`${text}\n`, 'utf8'), mistake: 'trailing-newline-added' });
  if (/(?<!\r)\n/.test(text))
    out.push({ value: Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8'), mistake: 'crlf' });
  if (text.includes('\r\n'))
    out.push({ value: Buffer.from(text.replace(/\r\n/g, '\n'), 'utf8'), mistake: 'lf' });
  return out;
}

/** Secrets someone may have keyed the HMAC with instead of the right one. */
function keyVariants(
  secret: string | Uint8Array,
  previous?: string | Uint8Array,
): Variant<string | Uint8Array>[] {
  const out: Variant<string | Uint8Array>[] = [{ value: secret }];
  if (typeof secret === 'string') {
    const trimmed = secret.trim();
    const spaced = new Set([
      trimmed,
      `${trimmed}\n`,
      `${trimmed}\r\n`,
      ` ${trimmed}`,
      `${trimmed} `,
    ]);
    spaced.delete(secret);
    for (const k of spaced) out.push({ value: k, mistake: 'secret-whitespace' });
  }
  if (previous !== undefined) out.push({ value: previous, mistake: 'previous-secret' });
  return out;
}

/** The digest part of a signature header, prefix and whitespace removed. */
function digestOf(signature: string): string {
  const v = signature.trim();
  return v.startsWith(SIGNATURE_PREFIX) ? v.slice(SIGNATURE_PREFIX.length) : v;
}

/**
 * The signature doctor: tries the usual mistakes (base64 instead of hex, a re-serialised body, a
 * trailing newline added or removed, CRLF line ends, a secret with surrounding whitespace, the
 * previous secret) and names the combination that reproduces `signature`; undefined when none
 * does (or when the signature is right).
 */
export function diagnoseSignature(input: DoctorInput): SignatureDiagnosis | undefined {
  const given = digestOf(input.signature);
  if (given === '') return undefined;
  const D = MESSAGES.sign.doctor;
  for (const key of keyVariants(input.secret, input.previousSecret))
    for (const body of bodyVariants(input.body)) {
      const mac = createHmac('sha256', keyBytes(key.value)).update(body.value).digest();
      const encodings: Variant<string>[] = [
        { value: mac.toString('hex') },
        { value: mac.toString('base64'), mistake: 'base64-digest' },
        { value: mac.toString('base64url'), mistake: 'base64-digest' },
      ];
      for (const enc of encodings) {
        const same = enc.mistake ? given === enc.value : given.toLowerCase() === enc.value;
        if (!same) continue;
        const mistakes = [enc.mistake, body.mistake, key.mistake].filter(
          (m): m is SignatureMistake => m !== undefined,
        );
        if (mistakes.length === 0) return undefined;
        return { mistakes, detail: D.found(mistakes.map((m) => D.mistakes[m])) };
      }
    }
  return undefined;
}

/** Why a digest has the wrong shape, without calling hex text base64. */
function shapeDetail(digest: string): string {
  const D = MESSAGES.sign.doctor;
  if (/^[0-9a-fA-F]+$/.test(digest)) return D.shortHex(digest.length);
  const b64 = /^[A-Za-z0-9+/]+=*$|^[A-Za-z0-9_-]+$/.test(digest);
  const bytes = b64 ? Buffer.from(digest, 'base64').length : 0;
  return bytes === 32 ? D.base64Shape(digest.length) : D.badShape(digest.length);
}

/**
 * Checks a signature header against the body in constant time and, when it fails, says why:
 * missing header, wrong prefix, digest not 64 hex characters, or a digest that does not match.
 */
export function verifySignature(
  secret: string | Uint8Array,
  body: Uint8Array,
  header: string | undefined | null,
  options: { previousSecret?: string | Uint8Array } = {},
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
  // Only on failure: the doctor's guesses are not constant time, and need not be.
  const doctor = (detail: string): string => {
    const d = diagnoseSignature({ body, secret, signature: value, ...options });
    return d ? `${detail}; ${d.detail}` : detail;
  };
  if (!DIGEST_SHAPE[SIGNATURE_DIGEST_ENCODING].test(digest)) {
    return { ok: false, reason: 'wrong-encoding', detail: doctor(shapeDetail(digest)) };
  }
  // The raw MAC against the decoded digest: the same comparison as encoding the MAC, without
  // a 64-character string and its decoding per delivery.
  const expected = createHmac('sha256', keyBytes(secret)).update(body).digest();
  const given = Buffer.from(digest, SIGNATURE_DIGEST_ENCODING);
  if (!timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'mismatch', detail: doctor(MESSAGES.sign.doctor.mismatch) };
  }
  return { ok: true };
}

/** HMAC-SHA256's block size: keys longer than this are hashed first (RFC 2104). */
const BLOCK = 64;

/** HMAC-SHA256 as two one-shot hashes over key pads made once (see paddedSigner). */
export interface PaddedSigner {
  /** K ⊕ ipad: the 64 bytes a padded body starts with. */
  readonly innerPad: Buffer;
  /** The signature header value of `padded.subarray(64)`, `padded` starting with innerPad. */
  sign(padded: Uint8Array): string;
}

/**
 * RFC 2104 HMAC-SHA256 by hand for bursts: createHmac builds a stream object and a native
 * handle per body (and re-derives the pads), which the profile showed costing more than the
 * hashing itself; here the caller keeps the inner pad in front of the body it fills anyway, and
 * each signature is two `crypto.hash` calls. Equal to signBody for every secret and body.
 */
export function paddedSigner(secret: string | Uint8Array): PaddedSigner {
  let key = keyBytes(secret);
  if (key.length > BLOCK) key = hash('sha256', key, 'buffer');
  const innerPad = Buffer.alloc(BLOCK, 0x36);
  const outer = Buffer.alloc(BLOCK + 32, 0x5c);
  for (let i = 0; i < key.length; i++) {
    innerPad[i]! ^= key[i]!;
    outer[i]! ^= key[i]!;
  }
  return {
    innerPad,
    sign(padded) {
      outer.set(hash('sha256', padded, 'buffer'), BLOCK);
      return SIGNATURE_PREFIX + hash('sha256', outer, SIGNATURE_DIGEST_ENCODING);
    },
  };
}

/** Which configured secret a valid signature was made with (rotation: Qualifio's 30-minute window). */
export type SecretMatch = 'current' | 'previous';

export type RotationCheck =
  { ok: true; matched: SecretMatch } | { ok: false; reason: SignatureFailure; detail: string };

/**
 * Checks a signature against the current secret, then (when one is given) the previous one:
 * during a rotation Qualifio may keep signing with the old secret for up to 30 minutes. Both
 * comparisons are constant time; a failure is reported as for the current secret.
 */
export function verifyRotation(
  secret: string | Uint8Array,
  previousSecret: string | Uint8Array | undefined,
  body: Uint8Array,
  header: string | undefined | null,
): RotationCheck {
  const current = verifySignature(
    secret,
    body,
    header,
    previousSecret === undefined ? {} : { previousSecret },
  );
  if (current.ok) return { ok: true, matched: 'current' };
  if (previousSecret !== undefined && current.reason === 'mismatch') {
    if (verifySignature(previousSecret, body, header).ok) return { ok: true, matched: 'previous' };
  }
  return current;
}

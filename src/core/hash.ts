import { createHash } from 'node:crypto';

/** SHA-256 of bytes (or UTF-8 text) as lower-case hex: how qwh names file contents everywhere. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of bytes as a raw digest (constant-time comparisons of secrets hash first). */
export function sha256Digest(data: string | Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

import { V1_KEYS } from '../assumptions.js';
import { looksFormEncoded } from '../payload/v1.js';

/** The field a receiver dedupes on: `id` in 2.0, the participation id key in 1.0. */
export function idField(version: 1 | 2): string {
  return version === 2 ? 'id' : V1_KEYS.participationId;
}

/**
 * A copy of a captured body with a new participation id, so repeated test deliveries are not
 * mistaken for duplicates. JSON is re-serialised compactly (then signed as sent); form bodies
 * keep their encoding. Undefined when the body has no id to replace.
 */
export function withParticipationId(
  body: Uint8Array,
  version: 1 | 2,
  newId: string,
): Buffer | undefined {
  const text = Buffer.from(body).toString('utf8');
  const field = idField(version);
  if (version === 1 && looksFormEncoded(text)) {
    const params = new URLSearchParams(text.trim());
    if (!params.has(field)) return undefined;
    params.set(field, newId);
    return Buffer.from(params.toString(), 'utf8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (!Object.prototype.hasOwnProperty.call(value, field)) return undefined;
  // JSON.parse makes "__proto__" an own data property; assigning an existing own key is safe.
  (value as Record<string, unknown>)[field] = newId;
  return Buffer.from(JSON.stringify(value), 'utf8');
}

import * as z from 'zod';

/**
 * The webhook 1.0 payload [assumed]: one flat object, one key per field, keyed by the account's
 * mapping variables plus participation/campaign/website keys. Values are scalars.
 */
export const ParticipationV1Schema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
  {
    error: 'a 1.0 payload is a flat object of text, number or boolean values',
  },
);
export type ParticipationV1 = z.infer<typeof ParticipationV1Schema>;

/** Parses an application/x-www-form-urlencoded 1.0 body into the flat object (last value wins for repeats). */
export function parseFormEncoded(body: string): Record<string, string> {
  // fromEntries defines own data properties, so a "__proto__" field stays data, never a prototype.
  return Object.fromEntries(new URLSearchParams(body));
}

/** True when a text body looks form-encoded rather than JSON (`a=1&b=2`). */
export function looksFormEncoded(body: string): boolean {
  const t = body.trim();
  return t !== '' && t[0] !== '{' && t[0] !== '[' && /^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/.test(t);
}

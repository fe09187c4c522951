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

// The form-body helpers live apart, so the diff's reader loads them without zod.
export { looksFormEncoded, parseFormEncoded } from './form.js';

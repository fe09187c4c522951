import { V1_KEYS } from '../assumptions.js';

/**
 * The documented 1.0 → 2.0 correspondence (DOMAIN.md table). The 2.0 paths are [doc]; the 1.0
 * key names are the [assumed] ones of V1_KEYS, so a capture with other names is matched by value
 * or by the user's --map instead.
 */
export const KNOWN_CORRESPONDENCES: ReadonlyArray<{ v1: string; v2: string }> = [
  { v1: V1_KEYS.participationId, v2: 'id' },
  { v1: V1_KEYS.participationDate, v2: 'startedAt' },
  { v1: V1_KEYS.campaignId, v2: 'campaign.id' },
  { v1: V1_KEYS.campaignTitle, v2: 'campaign.name' },
  { v1: V1_KEYS.websiteId, v2: 'campaign.channel.website.id' },
  { v1: V1_KEYS.websiteName, v2: 'campaign.channel.website.name' },
];

/**
 * Where the answer of a `variable` item lives [doc]: a form field's (or question's) first
 * response value, an opt-in's response, a FILE UPLOAD's file URL (its response has no value).
 * Tried in this order under `<array>[variable=<v>]`.
 */
export const VARIABLE_ANSWER_LEAVES: readonly string[] = [
  '.responses[0].value',
  '.response',
  '.value',
  '.responses[0].file.path',
];

/** 1.0 keys that carry the participation id, used to pair captures. */
export const V1_ID_KEYS: readonly string[] = [V1_KEYS.participationId];
/** The 2.0 participation id [doc]. */
export const V2_ID_PATH = 'id';

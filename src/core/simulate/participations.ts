import { ANONYMOUS_HAS_NO_FORM, V1_KEYS } from '../assumptions.js';
import type { AccountFile } from '../account/schema.js';
import type { ParticipationV2 } from '../payload/v2.js';
import type { ParticipationContext } from '../routing/route.js';
import { routeTargets, type TargetRow } from '../routing/targets.js';
import { generateSample, type SampleState, type V1Value } from '../sample/generate.js';
import { Rng } from '../sample/rng.js';

/** Share of simulated participations left incomplete (stopped part-way through the form). */
export const INCOMPLETE_SHARE = 0.2;

/** Campaign ids simulate gives participations of campaigns the file does not list (test range). */
const OTHER_CAMPAIGN_ID = 9_900_200;

/** One participation simulate makes: where it happens, and its payloads. */
export interface SimParticipation {
  seed: number;
  context: ParticipationContext;
  state: SampleState;
  campaign: { id: number; name: string };
  website?: { id: number; name: string };
  v2: ParticipationV2;
  /** The 1.0 payload; undefined for incomplete participations (1.0 never sent those [doc]). */
  v1: Record<string, V1Value> | undefined;
}

function placeOf(
  row: TargetRow,
  n: number,
): { campaign: { id: number; name: string }; websiteId?: number } {
  const t = row.target;
  if (t.level === 'campaign') return { campaign: { id: t.id, name: t.name }, ...row.context };
  const id = OTHER_CAMPAIGN_ID + n;
  const name =
    t.level === 'other'
      ? 'qwh simulate — another campaign'
      : `qwh simulate — a campaign of ${t.name}`;
  const websiteId = t.level === 'website' ? t.id : undefined;
  return { campaign: { id, name }, ...(websiteId !== undefined ? { websiteId } : {}) };
}

/** Turns a sample into the participation of `row`: its campaign, website and campaign mode. */
function shape(
  account: AccountFile,
  row: TargetRow,
  n: number,
  seed: number,
  state: SampleState,
): SimParticipation {
  const { v2, v1 } = generateSample(seed, state);
  const place = placeOf(row, n);
  const site = (account.websites ?? []).find((w) => w.id === place.websiteId);
  v2.campaign.id = place.campaign.id;
  v2.campaign.name = place.campaign.name;
  if (site) {
    const had = v2.campaign.channel.website;
    // Keep the sample's choice of carrying the id or not (one published version has none).
    v2.campaign.channel.website = {
      ...('id' in had ? { id: site.id } : {}),
      name: site.name,
      domain: site.domain ?? had.domain,
      country: had.country,
    };
  }
  const anonymous = row.context.kind === 'anonymous' && ANONYMOUS_HAS_NO_FORM;
  if (anonymous) {
    v2.form = [];
    v2.optins = [];
  }
  let flat = v1;
  if (flat) {
    const keep = new Set<string>(Object.values(V1_KEYS));
    flat = Object.fromEntries(
      Object.entries(flat).filter(([k]) => !anonymous || keep.has(k)),
    ) as Record<string, V1Value>;
    flat[V1_KEYS.campaignId] = String(place.campaign.id);
    flat[V1_KEYS.campaignTitle] = place.campaign.name;
    if (site) {
      flat[V1_KEYS.websiteId] = String(site.id);
      flat[V1_KEYS.websiteName] = site.name;
    }
  }
  return {
    seed,
    context: { ...row.context, campaignId: place.campaign.id },
    state,
    campaign: place.campaign,
    ...(site ? { website: { id: site.id, name: site.name } } : {}),
    v2,
    v1: flat,
  };
}

/**
 * `count` participations across the file's targets (each website in both campaign modes, each
 * Master Form, each campaign, any other campaign — `routeTargets`), in turn from a row the seed
 * picks, so every target is covered once count reaches the number of rows. Participation `i`
 * is sample `seed + i`; about INCOMPLETE_SHARE of them are incomplete. Deterministic per seed.
 */
export function* simulatedParticipations(
  account: AccountFile,
  count: number,
  seed: number,
): Generator<SimParticipation> {
  const rows = routeTargets(account);
  const start = seed % rows.length;
  for (let i = 0; i < count; i++) {
    const s = (seed + i) >>> 0;
    const n = (start + i) % rows.length;
    const state: SampleState = new Rng(s ^ 0x51a7e).bool(INCOMPLETE_SHARE)
      ? 'incomplete'
      : 'complete';
    yield shape(account, rows[n]!, n, s, state);
  }
}

import * as z from 'zod';
import type { AccountFile } from '../account/schema.js';
import type { Problem } from '../path.js';
import { zodIssuesToProblems } from '../zod-problems.js';

const Id = z.int({ error: 'must be a whole number' }).positive({ error: 'must be positive' });
const Text = z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' });

/**
 * [doc] A Qualifio campaign feed (developers.qualifio.com, "Campaign Feeds"): `GET
 * https://api.qualifio.com/v1/campaignfeed/channels/{feedUuid}/json?clientId={id}`. Only what
 * qwh reads is required (each channel's website and campaign ids and names); every other key,
 * documented (schedule, integration…) or not, is accepted and ignored.
 */
export const CampaignFeedSchema = z.looseObject({
  numberRows: z.int().nonnegative().optional(),
  channels: z.array(
    z.looseObject({
      channelId: z.string().optional(),
      channel: z.string().optional(),
      website: z.looseObject({ id: Id, name: Text }),
      campaign: z.looseObject({ campaignId: Id, campaignTitle: Text }),
    }),
  ),
});
export type CampaignFeed = z.infer<typeof CampaignFeedSchema>;

/** Checks a parsed feed document; problems name the path (`channels[3].campaign.campaignId`). */
export function parseCampaignFeed(
  data: unknown,
): { ok: true; feed: CampaignFeed } | { ok: false; problems: Problem[] } {
  const r = CampaignFeedSchema.safeParse(data);
  return r.success
    ? { ok: true, feed: r.data }
    : { ok: false, problems: zodIssuesToProblems(r.error.issues) };
}

/** The websites and campaigns a feed lists, as the account file holds them (sorted by id). */
export interface FeedTargets {
  websites: Array<{ id: number; name: string }>;
  campaigns: Array<{ id: number; name: string; websiteId: number }>;
}

/**
 * Websites and campaigns of a feed, each once: a campaign published on several channels keeps
 * the website of its first channel (the account file has one website per campaign).
 */
export function feedTargets(feed: CampaignFeed): FeedTargets {
  const websites = new Map<number, string>();
  const campaigns = new Map<number, { id: number; name: string; websiteId: number }>();
  for (const ch of feed.channels) {
    if (!websites.has(ch.website.id)) websites.set(ch.website.id, ch.website.name);
    const id = ch.campaign.campaignId;
    if (!campaigns.has(id))
      campaigns.set(id, { id, name: ch.campaign.campaignTitle, websiteId: ch.website.id });
  }
  return {
    websites: [...websites].map(([id, name]) => ({ id, name })).sort((a, b) => a.id - b.id),
    campaigns: [...campaigns.values()].sort((a, b) => a.id - b.id),
  };
}

/** What the feed lists that the file does not (or lists differently). */
export interface FeedComparison {
  missingWebsites: FeedTargets['websites'];
  missingCampaigns: FeedTargets['campaigns'];
  /** Campaigns the file puts on another website than the feed (or on none). */
  websiteDiffers: Array<{ id: number; name: string; file?: number; feed: number }>;
}

/** Compares the file's websites and campaigns with a feed's. */
export function compareWithFeed(account: AccountFile, feed: CampaignFeed): FeedComparison {
  const t = feedTargets(feed);
  const sites = new Set((account.websites ?? []).map((w) => w.id));
  const camps = new Map((account.campaigns ?? []).map((c) => [c.id, c]));
  const websiteDiffers: FeedComparison['websiteDiffers'] = [];
  for (const c of t.campaigns) {
    const mine = camps.get(c.id);
    if (mine && mine.websiteId !== c.websiteId)
      websiteDiffers.push({
        id: c.id,
        name: c.name,
        ...(mine.websiteId !== undefined ? { file: mine.websiteId } : {}),
        feed: c.websiteId,
      });
  }
  return {
    missingWebsites: t.websites.filter((w) => !sites.has(w.id)),
    missingCampaigns: t.campaigns.filter((c) => !camps.has(c.id)),
    websiteDiffers,
  };
}

/** The website and campaign lists of init's answers (what a feed fills). */
export interface FeedFillable {
  websites: Array<{ id: number; name: string }>;
  campaigns: Array<{ id: number; name: string; websiteId?: number }>;
}

/**
 * init's answers with a feed's websites and campaigns added: what the admin answered wins (its
 * names), a campaign without a website gets the feed's, everything else of the feed is added.
 */
export function fillFromFeed<T extends FeedFillable>(t: FeedTargets | undefined, a: T): T {
  if (!t) return a;
  const sites = new Set(a.websites.map((w) => w.id));
  const feedSite = new Map(t.campaigns.map((c) => [c.id, c.websiteId]));
  const camps = new Set(a.campaigns.map((c) => c.id));
  return {
    ...a,
    websites: [...a.websites, ...t.websites.filter((w) => !sites.has(w.id))],
    campaigns: [
      ...a.campaigns.map((c) => {
        const w = c.websiteId ?? feedSite.get(c.id);
        return w !== undefined ? { ...c, websiteId: w } : c;
      }),
      ...t.campaigns.filter((c) => !camps.has(c.id)),
    ],
  };
}

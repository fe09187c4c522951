import { resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { decodeUtf8 } from '../core/input/decode.js';
import { ACCOUNT_FILE_LIMITS, MAX_ACCOUNT_FILE_BYTES } from '../core/input/limits.js';
import { parseDocumentText } from '../core/input/parse-document.js';
import { maskUrl } from '../core/redact.js';
import {
  feedTargets,
  parseCampaignFeed,
  type CampaignFeed,
  fillFromFeed,
  type FeedFillable,
} from '../core/routing/campaign-feed.js';
import { MESSAGES } from '../messages/index.js';
import { problemsError } from './account-file.js';
import type { LookupFn } from './http-sender.js';
import { readRegularFile } from './read-file.js';

const M = MESSAGES.routes.feed;

/** How a feed is fetched: the deadline and the read cap (tests pass their own lookup). */
export interface FeedFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  lookup?: LookupFn;
}

/** A feed read and checked, with the source as messages show it (a URL without its query). */
export interface LoadedFeed {
  shown: string;
  feed: CampaignFeed;
}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/** Fetches a feed URL with the project's sender: GET, timeouts, size cap, TLS on, no redirects. */
async function fetchFeed(url: string, shown: string, o: FeedFetchOptions): Promise<Uint8Array> {
  const cap = o.maxBytes ?? MAX_ACCOUNT_FILE_BYTES;
  const timeoutMs = o.timeoutMs ?? 15_000;
  // Loaded only for a feed URL: undici costs as much start-up as zod, and `qwh check FILE` needs neither.
  const { assertAllowedTarget, createHttpSender } = await import('./http-sender.js');
  await assertAllowedTarget(url, o.lookup);
  const sender = createHttpSender({
    timeoutMs,
    maxResponseBytes: cap,
    method: 'GET',
    ...(o.lookup ? { lookup: o.lookup } : {}),
  });
  try {
    const r = await sender.send({
      url,
      headers: { accept: 'application/json' },
      body: new Uint8Array(0),
    });
    if (!r.ok) throw new UserError(M.unreachable(shown, r.message), ExitCode.UNREACHABLE, M.hint);
    if (r.status >= 300 && r.status < 400)
      throw new UserError(M.redirect(shown, r.status), ExitCode.USAGE, M.hint);
    if (r.status < 200 || r.status >= 300)
      throw new UserError(M.status(shown, r.status), ExitCode.USAGE, M.hint);
    if (r.truncated) throw new UserError(M.tooBig(shown, cap), ExitCode.USAGE, M.hint);
    return r.body;
  } finally {
    await sender.close();
  }
}

/**
 * Reads a Qualifio campaign feed from a URL (fetched once) or a saved file (offline), parses
 * the JSON (bounded like an account file) and checks its shape: a problem names the source and
 * the path (`… › channels[3].campaign.campaignId: required`, exit 2).
 */
export async function loadCampaignFeed(
  source: string,
  cwd: string,
  o: FeedFetchOptions = {},
): Promise<LoadedFeed> {
  const shown = isUrl(source) ? maskUrl(source.replace(/\?.*$/, ''), () => true) : source;
  const bytes = isUrl(source)
    ? await fetchFeed(source, shown, o)
    : await readRegularFile(resolve(cwd, source), o.maxBytes ?? MAX_ACCOUNT_FILE_BYTES, source);
  const text = decodeUtf8(bytes, shown);
  const parsed = parseDocumentText(text, 'json', ACCOUNT_FILE_LIMITS);
  if (!parsed.ok) throw problemsError(shown, parsed.problems, M.hint);
  const feed = parseCampaignFeed(parsed.value);
  if (!feed.ok) throw problemsError(shown, feed.problems, M.hint);
  return { shown, feed: feed.feed };
}

/**
 * `qwh init --campaign-feed`: reads the feed (URL or file) first, so a bad feed fails before any
 * question, and returns what adds its websites and campaigns to the answers (identity without one).
 */
export async function campaignFeedFiller(
  source: string | undefined,
  cwd: string,
): Promise<<T extends FeedFillable>(answers: T) => T> {
  if (source === undefined) return (a) => a;
  const targets = feedTargets((await loadCampaignFeed(source, cwd)).feed);
  return (a) => fillFromFeed(targets, a);
}

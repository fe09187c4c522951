import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignFeedFiller, loadCampaignFeed } from '../../src/adapters/campaign-feed.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { InvalidFileError, UserError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { compareWithFeed, feedTargets } from '../../src/core/routing/campaign-feed.js';
import { FIXTURES } from '../helpers/bin.js';

const FEED = join(FIXTURES, 'feeds', 'acme-feed.json');
const BAD = join(FIXTURES, 'feeds', 'invalid-missing-campaign-id.json');

let server: Server;
let base: string;
const requests: Array<{ method?: string; url?: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ method: req.method, url: req.url });
    if (req.url?.startsWith('/v1/campaignfeed/channels/good/json')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(readFileSync(FEED));
    } else if (req.url?.startsWith('/moved')) {
      res.writeHead(302, { location: '/v1/campaignfeed/channels/good/json' });
      res.end();
    } else if (req.url?.startsWith('/big')) {
      res.writeHead(200);
      res.end('x'.repeat(5000));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('campaign feeds', () => {
  it('a saved feed in the documented shape: websites and campaigns, each once', async () => {
    const { feed } = await loadCampaignFeed(FEED, process.cwd());
    expect(feedTargets(feed)).toEqual({
      websites: [
        { id: 1234, name: 'Acme News' },
        { id: 1235, name: 'Acme Sport' },
        { id: 1236, name: 'Acme Kids' },
      ],
      campaigns: [
        { id: 99887, name: 'Summer quiz', websiteId: 1234 },
        { id: 99888, name: 'Winter contest', websiteId: 1235 },
        { id: 99890, name: 'Spring poll', websiteId: 1234 },
        { id: 99891, name: 'Kids draw', websiteId: 1236 },
      ],
    });
  });

  it('fetched with a GET from a local server, same result; the query is not shown', async () => {
    const url = `${base}/v1/campaignfeed/channels/good/json?clientId=4321`;
    const loaded = await loadCampaignFeed(url, process.cwd());
    expect(loaded.shown).toBe(`${base}/v1/campaignfeed/channels/good/json`);
    expect(feedTargets(loaded.feed).campaigns).toHaveLength(4);
    expect(requests.at(-1)).toEqual({
      method: 'GET',
      url: '/v1/campaignfeed/channels/good/json?clientId=4321',
    });
  });

  it('a missing campaign.campaignId is exit 2 naming channels[3].campaign.campaignId', async () => {
    const e = await loadCampaignFeed(BAD, process.cwd()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidFileError);
    expect((e as InvalidFileError).exitCode).toBe(ExitCode.USAGE);
    expect((e as InvalidFileError).message).toContain('channels[3].campaign.campaignId');
  });

  it('a redirect is not followed, a 404 and a body over the cap are refused (exit 2)', async () => {
    for (const [path, text] of [
      ['/moved', 'redirect'],
      ['/nothing', 'HTTP 404'],
      ['/big', 'larger than 1000 bytes'],
    ] as const) {
      const e = await loadCampaignFeed(`${base}${path}`, process.cwd(), { maxBytes: 1000 }).catch(
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).exitCode).toBe(ExitCode.USAGE);
      expect((e as UserError).message).toContain(text);
    }
  });

  it('a refused connection is exit 3', async () => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    const e = await loadCampaignFeed(`http://127.0.0.1:${port}/x`, process.cwd()).catch(
      (x: unknown) => x,
    );
    expect((e as UserError).exitCode).toBe(ExitCode.UNREACHABLE);
  });

  it('fills init answers (answers win) and check compares the file with the feed', async () => {
    const fill = await campaignFeedFiller(FEED, process.cwd());
    const filled = fill({
      websites: [{ id: 1234, name: 'News (mine)' }],
      campaigns: [{ id: 99887, name: 'Summer quiz' }],
    });
    expect(filled.websites.map((w) => w.name)).toEqual(['News (mine)', 'Acme Sport', 'Acme Kids']);
    expect(filled.campaigns[0]).toEqual({ id: 99887, name: 'Summer quiz', websiteId: 1234 });

    const acme = validateAccount(
      (await import('yaml')).parse(readFileSync(join(FIXTURES, 'accounts', 'acme.yaml'), 'utf8')),
    );
    if (!acme.ok) throw new Error('fixture');
    const { feed } = await loadCampaignFeed(FEED, process.cwd());
    const g = compareWithFeed(acme.account, feed);
    expect(g.missingWebsites).toEqual([{ id: 1236, name: 'Acme Kids' }]);
    expect(g.missingCampaigns.map((c) => c.id)).toEqual([99890, 99891]);
    expect(g.websiteDiffers).toEqual([]);
  });
});

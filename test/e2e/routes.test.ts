import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES, runQwh, tempDir } from '../helpers/bin.js';

const R = MESSAGES.routes;
const ACME = join(FIXTURES, 'accounts', 'acme.yaml');
const LOST = join(FIXTURES, 'accounts', 'lost-routing.yaml');

describe('qwh routes', () => {
  it('acme before and after its plan: routing preserved, exit 0', async () => {
    const r = await runQwh(['routes', ACME, '--plan']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      R.preserved(`${R.pair('main', 'main-v2')}, ${R.pair('news', 'news-v2')}`),
    );
    expect(r.stdout).toContain('campaign 99888 (Winter contest), identified');
  });

  it('--json: one document, the rows and the verdict', async () => {
    const r = await runQwh(['routes', ACME, '--plan', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      preserved: boolean;
      rows: Array<{
        label: string;
        before: { delivered: string[] };
        after: { delivered: string[] };
      }>;
    };
    expect(doc.preserved).toBe(true);
    const winter = doc.rows.find((x) => x.label === 'campaign 99888 (Winter contest), identified');
    expect(winter?.before.delivered).toEqual(['main']);
    expect(winter?.after.delivered).toEqual(['main-v2']);
  });

  it('a plan that loses deliveries: the exact rows, exit 1; migrate refuses to apply (exit 4)', async () => {
    const r = await runQwh(['routes', LOST, '--plan']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(R.notPreserved(2));
    expect(r.stdout).toContain(
      R.lostRow(
        'website 1234 (Acme News), identified campaigns',
        'main2',
        R.cause.turnedOff('main2'),
      ),
    );
    expect(r.stdout).toContain(
      R.lostRow('any other campaign, identified', 'main2', R.cause.turnedOff('main2')),
    );
    // The campaign that goes to another integration keeps going there: not a lost row.
    expect(r.stdout).not.toContain('campaign 99888 (Winter contest), identified: loses');

    const { dir, cleanup } = await tempDir();
    try {
      const file = join(dir, 'acme.yaml');
      await writeFile(file, await import('node:fs/promises').then((f) => f.readFile(LOST)));
      const dry = await runQwh(['migrate', file, '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('2 targets that reach 1.0 "main" today would not reach "main2"');
      const apply = await runQwh(['migrate', file, '--yes']);
      expect(apply.code).toBe(4);
    } finally {
      await cleanup();
    }
  });

  it('an invalid account file is exit 2 naming the file', async () => {
    const r = await runQwh(['routes', join(FIXTURES, 'accounts', 'invalid-campaign-mode.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid-campaign-mode.yaml');
    expect(r.stdout).toBe('');
  });
});

describe('campaign feeds (init, check)', () => {
  const FEED = join(FIXTURES, 'feeds', 'acme-feed.json');

  it('init --campaign-feed fills websites and campaigns; check --campaign-feed then finds no gap', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const out = join(dir, 'acme.yaml');
      const init = await runQwh(
        [
          'init',
          '--from-flags',
          '--account-id',
          '4321',
          '--account-name',
          'Acme Media',
          '--v1-url-env',
          'V1',
          '--rule',
          'default:main',
          '--campaign-feed',
          FEED,
          '--out',
          out,
        ],
        { env: { V1: 'https://hooks.acme.example/q' } },
      );
      expect(init.code).toBe(0);
      const text = await import('node:fs/promises').then((f) => f.readFile(out, 'utf8'));
      expect(text).toContain('Acme Kids');
      expect(text).toMatch(
        /id: 99891[^\n]*websiteId: 1236|id: 99891\n\s+name: Kids draw\n\s+websiteId: 1236/,
      );
      const check = await runQwh(['check', out, '--campaign-feed', FEED]);
      expect(check.code).toBe(0);
      expect(check.stdout).toContain(MESSAGES.routes.feed.inSync);
    } finally {
      await cleanup();
    }
  });

  it('check --campaign-feed lists what the file lacks (exit 1); a feed missing a campaignId is exit 2', async () => {
    const r = await runQwh(['check', ACME, '--campaign-feed', FEED]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(MESSAGES.routes.feed.website(1236, 'Acme Kids'));
    const bad = await runQwh([
      'check',
      ACME,
      '--campaign-feed',
      join(FIXTURES, 'feeds', 'invalid-missing-campaign-id.json'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('channels[3].campaign.campaignId');
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES, runQwh, tempDir } from '../helpers/bin.js';

const R = MESSAGES.routes;
const ACME = join(FIXTURES, 'accounts', 'acme.yaml');
const LOST = join(FIXTURES, 'accounts', 'routing-lost.yaml');

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

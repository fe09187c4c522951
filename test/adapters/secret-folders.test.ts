import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../src/adapters/account-store.js';
import { fileStem } from '../../src/core/migrate/plan.js';
import { secretFilePath } from '../../src/core/migrate/rules/secret.js';
import { MESSAGES } from '../../src/messages/index.js';
import { tempDir } from '../helpers/bin.js';

// Issue 17 #2: `.qwh/secrets/<stem>/` dropped the extension, so a.yaml and a.json shared secrets;
// and a secret file this run did not write was adopted silently.

describe('secret folders', () => {
  it('a.yaml, a.json and the default names get folders of their own', () => {
    const paths = ['a.yaml', 'a.json', 'qualifio-account.yaml', 'qualifio-account.json'].map((f) =>
      secretFilePath(fileStem(f), 'main-v2', 'secret'),
    );
    expect(new Set(paths).size).toBe(4);
    expect(paths[0]).toBe('.qwh/secrets/a.yaml/main-v2.secret');
    expect(fileStem('sub/dir/b.yml')).toBe('b.yml');
  });

  it('a secret file the current run did not write is kept with a warning naming it', async () => {
    const t = await tempDir();
    try {
      const warnings: string[] = [];
      const file = join(t.dir, 'a.yaml');
      await writeFile(file, 'x: 1\n');
      const store = new AccountStore(file, 'a.yaml', (m) => warnings.push(m));
      const rel = '.qwh/secrets/a.yaml/main-v2.secret';
      await mkdir(join(t.dir, '.qwh/secrets/a.yaml'), { recursive: true });
      await writeFile(join(t.dir, rel), 'planted-by-someone\n', { mode: 0o600 });
      expect(await store.writeSecretFile(rel, 'fresh-value')).toBe('kept');
      expect(warnings).toEqual([MESSAGES.migrate.store.secretAdopted(rel)]);

      // One this run created (journaled) is kept quietly when the run resumes.
      warnings.length = 0;
      const own = '.qwh/secrets/a.yaml/other-v2.secret';
      await store.appendJournal({
        t: 'begin',
        run: 'r1',
        at: '2026-01-01T00:00:00.000Z',
        command: 'migrate',
        file: 'a.yaml',
        sourceSha256: 'a'.repeat(64),
        options: {
          incomplete: 'drop',
          keepV1: false,
          skipVerify: false,
          allowInsecureHost: false,
          queryToken: 'keep',
        },
        planned: { create: [], twins: 0, disable: [] },
      } as never);
      expect(await store.writeSecretFile(own, 'v1-value')).toBe('created');
      await store.appendJournal({
        t: 'secret-file',
        run: 'r1',
        at: '2026-01-01T00:00:01.000Z',
        file: own,
        state: 'created',
      });
      expect(await store.writeSecretFile(own, 'v2-value')).toBe('kept');
      expect(warnings).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});

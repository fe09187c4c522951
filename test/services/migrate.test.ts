import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../src/adapters/account-store.js';
import { sha256Hex } from '../../src/core/hash.js';
import { resolveSecretRef } from '../../src/adapters/secrets.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { planMigration } from '../../src/core/migrate/plan.js';
import { Redactor } from '../../src/core/redact.js';
import { applyMigration, resumeMigration, type MigrateDeps } from '../../src/services/migrate.js';
import type { AccountSnapshot, VerifyTarget } from '../../src/core/migrate/results.js';
import { silentLogger } from '../../src/ui/logger.js';
import { FIXTURES, tempDir } from '../helpers/bin.js';

function snapshot(text: string): AccountSnapshot {
  const p = parseDocumentText(text, 'yaml', ACCOUNT_FILE_LIMITS);
  if (!p.ok) throw new Error('parse');
  const v = validateAccount(p.value);
  if (!v.ok) throw new Error('invalid');
  return { text, format: 'yaml', data: p.value, account: v.account };
}

function deps(store: AccountStore, seen: VerifyTarget[]): MigrateDeps {
  const redactor = new Redactor();
  let n = 0;
  return {
    store,
    verify: async (t) => {
      seen.push(t);
      return { verdict: 'pass', checks: [{ id: 'accepts-complete', title: 'ok', status: 'pass' }] };
    },
    randomHex: (b) => (++n).toString(16).padStart(2 * b, '0'),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    logger: silentLogger,
    spinner: async () => ({ update: () => {}, succeed: () => {}, fail: () => {}, stop: () => {} }),
    signal: new AbortController().signal,
    resolveSecret: (ref) => resolveSecretRef(ref, { env: {}, baseDir: store.dir, redactor }),
    registerSecret: (v) => redactor.add(v),
  };
}

const OPTS = {
  incomplete: false,
  keepV1: false,
  skipVerify: false,
  allowInsecureHost: false,
  queryToken: 'keep' as const,
};

describe('migrate service: a crash between the journaled intent and the rename', () => {
  it('resume writes once, reuses the run’s backup and secrets, verifies with them, turns 1.0 off', async () => {
    const t = await tempDir();
    try {
      const file = join(t.dir, 'acme.yaml');
      const text = readFileSync(join(FIXTURES, 'accounts/acme.yaml'), 'utf8');
      await writeFile(file, text);
      const store = new AccountStore(file, 'acme.yaml');
      const snap = snapshot(text);
      const plan = planMigration(
        snap.account,
        { file: 'acme.yaml', format: 'yaml', sourceSha256: sha256Hex(text) },
        OPTS,
      );
      // The first run dies inside the atomic write, after the intent record.
      const crashing = Object.create(store) as AccountStore;
      crashing.writeAtomic = async () => {
        throw new Error('simulated crash');
      };
      await expect(applyMigration({ snapshot: snap, plan }, deps(crashing, []))).rejects.toThrow(
        'simulated crash',
      );
      expect(readFileSync(file, 'utf8')).toBe(text);
      const secret = readFileSync(join(t.dir, '.qwh/secrets/acme/main-v2.secret'), 'utf8');

      const seen: VerifyTarget[] = [];
      const out = await resumeMigration(
        async () => snapshot(readFileSync(file, 'utf8')),
        deps(store, seen),
      );
      expect(out.result?.outcome).toBe('complete');
      const doc = parse(readFileSync(file, 'utf8')) as {
        webhooks: Array<{ key: string; enabled: boolean }>;
      };
      expect(doc.webhooks.map((w) => [w.key, w.enabled])).toEqual([
        ['main', false],
        ['main-v2', true],
        ['news', false],
        ['news-v2', true],
      ]);
      // Same secret as the crashed run wrote (kept, not regenerated), used for verification.
      expect(readFileSync(join(t.dir, '.qwh/secrets/acme/main-v2.secret'), 'utf8')).toBe(secret);
      expect(seen.map((s) => [s.v2Key, s.secret])).toEqual([
        ['main-v2', secret.trim()],
        ['news-v2', expect.stringMatching(/^[0-9a-f]{64}$/)],
      ]);
      expect(seen[0]?.authHeader).toEqual({
        name: 'Authorization',
        value: `Basic ${Buffer.from('acme:s3cr3t-pass').toString('base64')}`,
      });
      expect(readdirSync(t.dir).filter((f) => f.includes('.qwh-bak-'))).toHaveLength(1);
      const journal = readFileSync(join(t.dir, '.qwh/journal-acme.yaml.jsonl'), 'utf8');
      expect(journal.match(/"t":"begin"/g)).toHaveLength(1);
      expect(journal).not.toContain('s3cr3t-pass');
      expect(journal).not.toContain('tok-news-123456');
      expect(journal).not.toContain(secret.trim());
      // Nothing left to resume.
      expect(
        await resumeMigration(async () => snapshot(readFileSync(file, 'utf8')), deps(store, [])),
      ).toEqual({
        nothing: true,
      });
    } finally {
      await t.cleanup();
    }
  });
});

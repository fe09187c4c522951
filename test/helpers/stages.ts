import { AccountStore } from '../../src/adapters/account-store.js';
import { StagesFile } from '../../src/adapters/stages-file.js';
import type { MigrateStore } from '../../src/services/migrate.js';
import { FaultStore } from './fault-store.js';

/** The stages file and user of a store's account file, for service tests' deps. */
export function stagesOf(store: MigrateStore): { stages: StagesFile; user: string } {
  const s = store instanceof FaultStore ? store.inner : store;
  const path = s instanceof AccountStore ? s.path : (s as { path?: string }).path;
  if (!path) throw new Error('store without a path');
  return { stages: new StagesFile(path, store.shown), user: 'tester' };
}

/** A stages document where these 1.0 webhooks are already `configured` (their receivers know the secret). */
export async function seedConfigured(accountPath: string, keys: readonly string[]): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  await new StagesFile(accountPath, 'acme.yaml').write({
    version: 1,
    file: 'acme.yaml',
    webhooks: keys.map((k) => ({
      v1Key: k,
      v2Key: `${k}-v2`,
      stage: 'configured' as const,
      history: [
        { from: null, to: 'planned' as const, at, by: 'tester', evidence: 'seed' },
        { from: 'planned' as const, to: 'configured' as const, at, by: 'tester', evidence: 'seed' },
      ],
    })),
  });
}

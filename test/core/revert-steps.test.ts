import { describe, expect, it } from 'vitest';
import type { AccountFile } from '../../src/core/account/schema.js';
import { buildRevertSteps } from '../../src/core/migrate/runbook.js';
import { MESSAGES } from '../../src/messages/index.js';

const before: AccountFile = {
  version: 1,
  account: { id: 1, name: 'Acme' },
  websites: [],
  webhooks: [
    { key: 'main', version: 1, scope: 'account', url: 'https://hooks.example/q', enabled: true },
    {
      key: 'main-v2',
      version: 2,
      scope: 'account',
      name: 'main 2.0',
      host: 'https://hooks.example/q2',
      incompleteParticipations: false,
      enabled: true,
    },
  ],
  pushRules: [
    { level: 'default', destination: 'main' },
    { level: 'default', destination: 'main-v2' },
  ],
} as AccountFile;

describe('buildRevertSteps after a rollback of confirm v1-deleted', () => {
  it('asks to re-create the deleted 1.0 webhook and its rules, never to remove them', () => {
    const after = {
      ...before,
      webhooks: before.webhooks.filter((w) => w.key !== 'main'),
      pushRules: before.pushRules.filter((r) => r.destination !== 'main'),
    } as AccountFile;
    const [step, ...rest] = buildRevertSteps(before, after);
    expect(rest).toEqual([]);
    expect(step?.title).toBe(MESSAGES.migrate.cutover.recreateV1Title);
    const values = step?.items.map((i) => i.value) ?? [];
    expect(values).toContain(MESSAGES.migrate.cutover.recreateRule('main'));
    expect(values.some((v) => v.startsWith('remove'))).toBe(false);
  });
});

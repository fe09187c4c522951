import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../src/core/migrate/journal.js';
import { settleStages } from '../../src/core/migrate/stage-settle.js';
import { advance, plannedStages, type StagesDoc } from '../../src/core/migrate/stages.js';

// #12: the stages as the account file backs them, after a kill between the stages write and the
// account file's write (either order).

const at = '2026-01-01T00:00:00.000Z';
const rec = (run?: string) => ({ at, by: 't', evidence: 'e', ...(run ? { run } : {}) });
let w = plannedStages('main', 'main-v2', { ...rec(), run: 'apply' });
for (const s of ['configured', 'receiver-ready', 'delivering', 'reconciled'] as const)
  w = advance(w, s, rec());
const reconciled: StagesDoc = { version: 1, file: 'a.yaml', webhooks: [w] };
const off: StagesDoc = { ...reconciled, webhooks: [advance(w, 'v1-off', rec('c1'))] };
const opts = {
  incomplete: false,
  keepV1: false,
  skipVerify: false,
  allowInsecureHost: false,
  queryToken: 'keep',
} as const;
const begin: JournalRecord = {
  t: 'begin',
  run: 'c1',
  at,
  command: 'confirm',
  file: 'a.yaml',
  sourceSha256: 'A',
  options: opts,
  planned: { create: [], twins: 0, disable: ['main'] },
};
const backup: JournalRecord = { t: 'backup', run: 'c1', at, backup: 'b', sha256: 'A' };
const write = (phase: 'intent' | 'done'): JournalRecord => ({
  t: 'write',
  run: 'c1',
  at,
  step: 'disable-v1',
  phase,
  before: 'A',
  after: 'B',
});
const stage = (d: StagesDoc) => d.webhooks.map((x) => x.stage);

describe('settleStages', () => {
  it('a confirm killed before its file write: the old stage (the file still says 1.0 on)', () => {
    for (const recs of [[begin], [begin, backup], [begin, backup, write('intent')]])
      expect(stage(settleStages(off, recs, 'A').doc)).toEqual(['reconciled']);
    const r = settleStages(off, [begin, backup, write('intent')], 'A');
    expect(r.dropped).toEqual([{ run: 'c1', why: 'file-not-written' }]);
  });

  it('killed after the rename (journaled or not): the new stage (the file says 1.0 off)', () => {
    expect(stage(settleStages(off, [begin, backup, write('intent')], 'B').doc)).toEqual(['v1-off']);
    expect(
      stage(settleStages(off, [begin, backup, write('intent'), write('done')], 'B').doc),
    ).toEqual(['v1-off']);
  });

  it('a rollback, journaled or killed after restoring the backup: the stage before the run', () => {
    const done = [begin, backup, write('intent'), write('done')];
    const rb: JournalRecord = { t: 'rollback', run: 'c1', at, backup: 's', restoredSha: 'A' };
    expect(stage(settleStages(off, [...done, rb], 'A').doc)).toEqual(['reconciled']);
    expect(stage(settleStages(off, done, 'A').doc)).toEqual(['reconciled']);
    expect(settleStages(off, done, 'B').dropped).toEqual([]);
  });
});

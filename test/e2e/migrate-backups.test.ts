import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES, runQwh, tempDir } from '../helpers/bin.js';

// #16 bug 14: backups under .qwh/backups/ (0600), listed with the run that made them, old ones
// beside the file flagged; --prune keeps the newest N and never the one rollback needs.

const B = MESSAGES.migrate.backups;
const OLD = ['acme.yaml.qwh-bak-20250101T000000Z', 'acme.yaml.qwh-bak-20250102T000000Z'];

describe('qwh migrate backups', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  const qwh = (args: string[]) => runQwh([...args, '--no-progress'], { cwd: t.dir });
  beforeEach(async () => {
    t = await tempDir('qwh-backups-');
    copyFileSync(join(FIXTURES, 'accounts/acme.yaml'), join(t.dir, 'acme.yaml'));
    for (const f of OLD) writeFileSync(join(t.dir, f), 'old bytes\n');
  });
  afterEach(async () => t.cleanup());

  it('lists both locations newest first with the run; prune keeps the newest N and the one rollback needs', async () => {
    const run = await qwh(['migrate', 'acme.yaml', '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const made = readdirSync(join(t.dir, '.qwh/backups'));
    expect(made).toHaveLength(1);
    expect(statSync(join(t.dir, '.qwh/backups', made[0]!)).mode & 0o777).toBe(0o600);
    const journal = readFileSync(join(t.dir, '.qwh/journal-acme.yaml.jsonl'), 'utf8');
    const runId = (JSON.parse(journal.split('\n')[0]!) as { run: string }).run;

    const list = await qwh(['migrate', 'backups', 'acme.yaml', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const doc = JSON.parse(list.stdout) as {
      backups: Array<{ path: string; run: string | null; oldLocation: boolean; needed: boolean }>;
    };
    expect(doc.backups.map((b) => [b.path, b.run, b.oldLocation, b.needed])).toEqual([
      [`.qwh/backups/${made[0]}`, runId, false, true],
      [OLD[1], null, true, false],
      [OLD[0], null, true, false],
    ]);
    const human = await qwh(['migrate', 'backups', 'acme.yaml']);
    expect(human.stdout).toContain(B.oldLocation);
    expect(human.stdout).toContain(`migrate ${runId}`);

    // No terminal, no --yes: refused, nothing deleted.
    const refused = await qwh(['migrate', 'backups', 'acme.yaml', '--prune', '--keep', '0']);
    expect(refused.code).toBe(4);
    expect(OLD.every((f) => existsSync(join(t.dir, f)))).toBe(true);

    const pruned = await qwh([
      'migrate',
      'backups',
      'acme.yaml',
      '--prune',
      '--keep',
      '0',
      '--yes',
    ]);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toContain(B.pruned(2, 1));
    expect(OLD.some((f) => existsSync(join(t.dir, f)))).toBe(false);
    expect(readdirSync(join(t.dir, '.qwh/backups'))).toEqual(made); // rollback still has it
    const back = await qwh(['migrate', 'rollback', 'acme.yaml', '--yes']);
    expect(back.code, back.stderr).toBe(0);
    expect(readFileSync(join(t.dir, 'acme.yaml'), 'utf8')).toBe(
      readFileSync(join(FIXTURES, 'accounts/acme.yaml'), 'utf8'),
    );
  });

  it('--keep is bounded (exit 2)', async () => {
    const r = await qwh(['migrate', 'backups', 'acme.yaml', '--prune', '--keep', '-1']);
    expect(r.code).toBe(2);
  });
});

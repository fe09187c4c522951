import { readdirSync, readFileSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { runQwh } from '../helpers/bin.js';
import { basicOf, captureLine, cutoverFolder, v1StateOf } from '../helpers/cutover.js';

// The staged cut-over on real files, spawned: a file never says 1.0 off before `confirm v1-off`;
// the gate refuses (exit 4) while captures show a participation that reached 1.0 but not 2.0,
// naming its campaign, and passes once the gap is closed; v1-deleted removes 1.0 and its rules;
// no secret in status, runbook, observe's report, the journal or the stages file.

const C = MESSAGES.migrate.cutover;
const PASS = 's3cr3t-pass-cut9';
const BASIC = basicOf(PASS);
const SECRET = 'cutover-secret-6f1d2a9e0b7c';
const ENV = { QWH_CUT_SECRET: SECRET, USER: 'ann' };
const FILE = 'qualifio-account.yaml';
const FLAGS = ['--yes', '--allow-insecure-host', '--secret-env', 'QWH_CUT_SECRET'];

let dir: string;
let cleanup: () => Promise<void>;
const qwh = (args: string[]) => runQwh(args, { cwd: dir, env: ENV });
const v1Enabled = (): unknown => v1StateOf(readFileSync(join(dir, FILE), 'utf8'));

beforeEach(async () => {
  ({ dir, cleanup } = await cutoverFolder('qwh-cutover-', {
    file: FILE,
    secret: SECRET,
    account: { pass: PASS, news: true, campaignRule: true, enabledLine: true },
  }));
});
afterEach(async () => cleanup());

/** One capture line as `qwh listen --save` writes it; 2.0 bodies signed with the secret. */
const capture = (version: 1 | 2, id: string, at: Date, campaign = 99888): string =>
  captureLine({ version, id, at, campaign, secret: SECRET, basic: BASIC, full: true });

describe('qwh migrate: the staged cut-over (e2e)', () => {
  it('1.0 goes off only at confirm v1-off, after the gate; a lost participation refuses it (exit 4) naming its campaign', async () => {
    const apply = await qwh(['migrate', ...FLAGS]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(v1Enabled()).toEqual([['main', true]]);
    // Before the admin confirms anything, every later gate refuses, naming the one not met.
    const early = await qwh(['migrate', 'confirm', 'v1-off', '--yes']);
    expect(early.code).toBe(4);
    expect(early.stderr).toContain(C.gates['not-configured']);
    const noTty = await qwh(['migrate', 'confirm', 'configured']);
    expect(noTty.code).toBe(4);
    expect(noTty.stderr).toContain('--yes');
    const conf = await qwh(['migrate', 'confirm', 'configured', '--yes']);
    expect(conf.code, conf.stderr).toBe(0);
    expect(conf.stdout).toContain(
      C.confirmed('configured', 'main', ['configured', 'receiver-ready']),
    );
    expect(v1Enabled()).toEqual([['main', true]]);

    // The dual run: P1 over both versions, P2 over 1.0 only (its 2.0 rule twin is missing).
    const t0 = Date.now() + 60_000;
    const at = (min: number) => new Date(t0 + min * 60_000);
    const caps = join(dir, 'captures.ndjson');
    await writeFile(
      caps,
      capture(1, 'AAAA0001-0000-4000-8000-000000000001', at(0)) +
        capture(2, 'AAAA0001-0000-4000-8000-000000000001', at(0.01)) +
        capture(1, 'AAAA0002-0000-4000-8000-000000000002', at(61)),
    );
    const obs = await qwh(['migrate', 'observe', '--captures', 'captures.ndjson']);
    expect(obs.code, obs.stderr).toBe(0);
    expect(obs.stdout).toContain(C.lostTitle(1));
    const refused = await qwh(['migrate', 'confirm', 'v1-off', '--yes']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(C.gates['not-reconciled']);
    expect(refused.stderr).toContain('campaign 99888 (Winter contest)');
    expect(v1Enabled()).toEqual([['main', true]]);

    // The admin adds the missing twin; Qualifio's 2.0 delivery of P2 arrives.
    await appendFile(caps, capture(2, 'AAAA0002-0000-4000-8000-000000000002', at(61.02)));
    const obs2 = await qwh(['migrate', 'observe', '--captures', 'captures.ndjson', '--json']);
    const doc = JSON.parse(obs2.stdout) as {
      webhooks: Array<{
        outcome: { stage: string };
        evidence: { lost: unknown[]; verified: number };
      }>;
    };
    expect(doc.webhooks[0]?.outcome.stage).toBe('reconciled');
    expect(doc.webhooks[0]?.evidence).toMatchObject({ lost: [], verified: 2 });
    const off = await qwh(['migrate', 'confirm', 'v1-off', '--yes']);
    expect(off.code, off.stderr).toBe(0);
    expect(v1Enabled()).toEqual([['main', false]]);

    const del = await qwh(['migrate', 'confirm', 'v1-deleted', '--yes']);
    expect(del.code, del.stderr).toBe(0);
    const after = parse(readFileSync(join(dir, FILE), 'utf8')) as {
      webhooks: Array<{ key: string }>;
      pushRules: Array<{ destination: string }>;
    };
    expect(after.webhooks.map((w) => w.key)).toEqual(['main-v2']);
    expect(after.pushRules.map((r) => r.destination)).toEqual(['main-v2', 'main-v2']);

    const status = await qwh(['migrate', 'status', '--json']);
    const rows = (JSON.parse(status.stdout) as { webhooks: Array<{ stage: string; next: string }> })
      .webhooks;
    expect(rows.map((r) => r.stage)).toEqual(['v1-deleted']);
    const runbook = await qwh(['migrate', 'runbook']);
    expect(runbook.code).toBe(0);

    // No secret anywhere: outputs, journal, stages, captures report.
    const qwhDir = join(dir, '.qwh');
    const files = readdirSync(qwhDir)
      .filter((f) => f.endsWith('.json') || f.endsWith('.jsonl'))
      .map((f) => readFileSync(join(qwhDir, f), 'utf8'));
    const texts = [apply, conf, obs, obs2, refused, off, del, status, runbook]
      .flatMap((r) => [r.stdout, r.stderr])
      .concat(files);
    for (const t of texts)
      for (const s of [SECRET, PASS, BASIC, BASIC.slice(6)]) expect(t).not.toContain(s);
    // The capture file holds the signature, never the auth header's value.
    expect(readFileSync(caps, 'utf8')).not.toContain(BASIC.slice(6));
  });

  it('--accept-gap cuts over while not reconciled, journaled and shown by status for ever after', async () => {
    expect((await qwh(['migrate', ...FLAGS])).code).toBe(0);
    expect((await qwh(['migrate', 'confirm', 'configured', '--yes'])).code).toBe(0);
    const now = new Date(Date.now() + 1000);
    await writeFile(join(dir, 'c.ndjson'), capture(2, 'BBBB0001-0000-4000-8000-000000000001', now));
    expect((await qwh(['migrate', 'observe', '--captures', 'c.ndjson'])).code).toBe(0);
    const gap = await qwh([
      'migrate',
      'confirm',
      'v1-off',
      '--yes',
      '--accept-gap',
      'window cut short: test',
    ]);
    expect(gap.code, gap.stderr).toBe(0);
    const st = await qwh(['migrate', 'status']);
    expect(st.stdout).toContain('window cut short: test');
    const rb = await qwh(['migrate', 'rollback', '--yes']);
    expect(rb.code).toBe(0);
    expect(rb.stdout).toContain(MESSAGES.migrate.runbook.revertEnableTitle);
    expect(v1Enabled()).toEqual([['main', true]]);
    const back = await qwh(['migrate', 'status', '--json']);
    expect(
      (JSON.parse(back.stdout) as { webhooks: Array<{ stage: string }> }).webhooks[0]?.stage,
    ).toBe('delivering');
  });
});

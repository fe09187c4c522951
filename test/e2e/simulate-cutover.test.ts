import { readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { runQwh, tempDir } from '../helpers/bin.js';
import { basicOf, cutoverAccountYaml, v1StateOf } from '../helpers/cutover.js';
import { spawnListen, type Listening } from '../helpers/listen.js';

// The dual run with qwh simulate as Qualifio, spawned, on real files and `qwh listen --save`
// receivers on 127.0.0.1: simulate follows the stages (nothing reaches 2.0 before `configured`)
// and a forgotten campaign-level twin (--missing-rule); observe judges its deliveries as real,
// assigns them by routing and accumulates them over runs; confirm v1-off refuses (exit 4) naming
// the campaign while a participation reached 1.0 only, and passes once the same participations
// are pushed again with the twin in place; v1-deleted removes 1.0 and its rules.
// ~16 spawns of the bin: the timeout is a bound for loaded machines, not a timing assertion.

const C = MESSAGES.migrate.cutover;
const S = MESSAGES.simulate;
const PASS = 's3cr3t-pass-sim4';
const BASIC = basicOf(PASS);
const SECRET = 'simulate-secret-0c1d2e3f4a5b';
const ENV = { QWH_SIM_SECRET: SECRET, QWH_SIM_AUTH: BASIC, USER: 'ann' };
const FILE = 'qualifio-account.yaml';

interface SimDoc {
  participations: number;
  absent: Array<{ key: string }>;
  webhooks: Array<{ key: string; version: number; sent: number; ok: number }>;
}
interface ObsDoc {
  tally: { seenBefore: number; simulated: number; tests: number };
  webhooks: Array<{
    outcome: { stage: string };
    evidence: { lost: Array<{ campaign: string }>; verified: number; paired: number };
  }>;
}

let dir: string;
let v1: Listening;
let v2: Listening;
let cleanup: () => Promise<void>;
const qwh = (args: string[]) => runQwh(args, { cwd: dir, env: ENV });
const accountText = () => readFileSync(join(dir, FILE), 'utf8');
const v1State = (): unknown => v1StateOf(accountText());
const captures = ['--captures', 'v1.ndjson', 'v2.ndjson'];

beforeEach(async () => {
  const t = await tempDir('qwh-simulate-');
  dir = t.dir;
  // The CRM: a 2.0 side (Basic auth + HMAC) and a 1.0 side, each saving what it accepts.
  v2 = await spawnListen(
    [
      '--secret-env',
      'QWH_SIM_SECRET',
      '--auth-header-name',
      'Authorization',
      '--auth-header-env',
      'QWH_SIM_AUTH',
      '--save',
      'v2.ndjson',
    ],
    ENV,
    dir,
  );
  v1 = await spawnListen(['--version', '1', '--save', 'v1.ndjson'], ENV, dir);
  // migrate derives the 2.0 host from the 1.0 URL: first the 2.0 side's port.
  await writeFile(
    join(dir, FILE),
    cutoverAccountYaml({
      port: new URL(v2.url).port,
      pass: PASS,
      news: true,
      campaignRule: true,
      enabledLine: true,
    }),
  );
  cleanup = async () => {
    await v1.stop();
    await v2.stop();
    await t.cleanup();
  };
});
afterEach(async () => cleanup());

/** The 1.0 URL now points at the CRM's 1.0 side (the file says where Qualifio delivers 1.0). */
function pointV1AtItsReceiver(): void {
  const port = new URL(v1.url).port;
  writeFileSync(
    join(dir, FILE),
    accountText().replace(/(url: http:\/\/acme:[^@]+@127\.0\.0\.1:)\d+/, `$1${port}`),
  );
}

/** The passage of the dual-run window: `configured` was confirmed 61 minutes ago. */
function configuredAnHourAgo(): void {
  const path = join(dir, '.qwh', `stages-${FILE}.json`);
  const doc = JSON.parse(readFileSync(path, 'utf8')) as {
    webhooks: Array<{ history: Array<{ to: string; at: string }> }>;
  };
  const at = new Date(Date.now() - 61 * 60_000).toISOString();
  for (const w of doc.webhooks) for (const h of w.history) if (h.to === 'configured') h.at = at;
  writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
}

describe('qwh simulate: the dual run against a Qualifio stand-in (e2e)', () => {
  it('follows the stages and a missing campaign twin; v1-off refused naming the campaign, passes once closed; v1-deleted removes 1.0', async () => {
    const apply = await qwh([
      'migrate',
      '--yes',
      '--allow-insecure-host',
      '--secret-env',
      'QWH_SIM_SECRET',
    ]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(v1State()).toEqual([['main', true]]);

    // Before `configured` the 2.0 webhook exists in the file only: nothing is delivered to it.
    const early = await qwh(['simulate', '--participations', '10', '--dry-run', '--json']);
    expect(early.code, early.stderr).toBe(0);
    const e = JSON.parse(early.stdout) as SimDoc;
    expect(e.absent.map((a) => a.key)).toEqual(['main-v2']);
    expect(e.webhooks.map((w) => w.key)).toEqual(['main']);

    const conf = await qwh(['migrate', 'confirm', 'configured', '--yes']);
    expect(conf.code, conf.stderr).toBe(0);
    expect(conf.stdout).toContain(
      C.confirmed('configured', 'main', ['configured', 'receiver-ready']),
    );
    pointV1AtItsReceiver();
    configuredAnHourAgo();

    // The dual run with the campaign-level twin of 99888 missing from the back office.
    const run = ['simulate', '--participations', '24', '--seed', '41', '--json'];
    const sim = await qwh([...run, '--missing-rule', 'campaign:99888:main-v2']);
    expect(sim.code, sim.stderr).toBe(0);
    const s1 = JSON.parse(sim.stdout) as SimDoc;
    const sent = (d: SimDoc, v: number) => d.webhooks.find((w) => w.version === v)?.sent ?? 0;
    expect(sent(s1, 1)).toBeGreaterThan(sent(s1, 2));
    expect(s1.webhooks.every((w) => w.ok === w.sent)).toBe(true);

    const obs = await qwh(['migrate', 'observe', ...captures, '--json']);
    expect(obs.code, obs.stderr).toBe(0);
    const o1 = JSON.parse(obs.stdout) as ObsDoc;
    // simulate stands in for Qualifio: its deliveries are real to observe (only the checks are tests).
    expect(o1.tally.simulated).toBe(sent(s1, 1) + sent(s1, 2));
    expect(o1.webhooks[0]?.evidence.verified).toBe(sent(s1, 2));
    const lost = o1.webhooks[0]?.evidence.lost ?? [];
    expect(lost.length).toBe(sent(s1, 1) - sent(s1, 2));
    expect(new Set(lost.map((l) => l.campaign))).toEqual(new Set(['99888 (Winter contest)']));

    const refused = await qwh(['migrate', 'confirm', 'v1-off', '--yes']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(C.gates['not-reconciled']);
    expect(refused.stderr).toContain('campaign 99888 (Winter contest)');
    expect(v1State()).toEqual([['main', true]]);

    // The admin adds the twin; the same participations are pushed again (same seed, same ids).
    const again = await qwh(run);
    expect(again.code, again.stderr).toBe(0);
    const s2 = JSON.parse(again.stdout) as SimDoc;
    expect(sent(s2, 2)).toBe(sent(s2, 1));
    const obs2 = await qwh(['migrate', 'observe', ...captures, '--json']);
    const o2 = JSON.parse(obs2.stdout) as ObsDoc;
    // The first run's captures are in the files again: counted once (the ledger), not twice.
    expect(o2.tally.seenBefore).toBe(o1.tally.simulated);
    expect(o2.webhooks[0]?.evidence).toMatchObject({ lost: [], verified: sent(s2, 2) });
    expect(o2.webhooks[0]?.outcome.stage).toBe('reconciled');
    expect(v1State()).toEqual([['main', true]]);

    const off = await qwh(['migrate', 'confirm', 'v1-off', '--yes']);
    expect(off.code, off.stderr).toBe(0);
    expect(v1State()).toEqual([['main', false]]);
    // 1.0 is off in the back office: Qualifio delivers over 2.0 only.
    const after = JSON.parse((await qwh(run)).stdout) as SimDoc;
    expect(after.webhooks.map((w) => w.key)).toEqual(['main-v2']);

    const del = await qwh(['migrate', 'confirm', 'v1-deleted', '--yes']);
    expect(del.code, del.stderr).toBe(0);
    const doc = parse(accountText()) as {
      webhooks: Array<{ key: string }>;
      pushRules: Array<{ destination: string }>;
    };
    expect(doc.webhooks.map((w) => w.key)).toEqual(['main-v2']);
    expect(doc.pushRules.map((r) => r.destination)).toEqual(['main-v2', 'main-v2']);

    for (const r of [apply, early, conf, sim, obs, refused, again, obs2, off, del])
      for (const t of [r.stdout, r.stderr])
        for (const secret of [SECRET, PASS, BASIC, BASIC.slice(6)]) expect(t).not.toContain(secret);
  }, 180_000);

  it('a --missing-rule the file does not have is exit 2 naming it; a bad one names the syntax', async () => {
    const none = await qwh(['simulate', '--missing-rule', 'campaign:1:main-v2', '--dry-run']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(S.noSuchRule('campaign:1:main-v2', FILE));
    const bad = await qwh(['simulate', '--missing-rule', 'campaign:main-v2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(S.badMissingRule('campaign:main-v2'));
  });
});

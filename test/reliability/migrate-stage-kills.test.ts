import { existsSync, readFileSync } from 'node:fs';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unfinishedRun, parseJournal } from '../../src/core/migrate/journal.js';
import { ROOT, runQwh, tempDir } from '../helpers/bin.js';
import { basicOf, captureLine, cutoverAccountYaml } from '../helpers/cutover.js';
import { startTestReceiver, type TestReceiver } from '../helpers/migrate-receiver.js';
import { spawnQwh } from '../helpers/proc.js';

// #12: SIGKILL at each stage transition of the staged cut-over (the built bin, a real receiver,
// real files), then `qwh migrate status`: the stage is the old one or the new one, never a mix,
// and the account file says what that stage says (1.0 on before v1-off, off at v1-off, gone at
// v1-deleted). Then the run is finished (resume, the same command again) and lands on the new
// stage. Each transition starts from a copy of a folder prepared once up to its old stage.

const PASS = 's3cr3t-pass-kill7';
const BASIC = basicOf(PASS);
const FILE = 'qualifio-account.yaml';
const SECRET_FILE = `.qwh/secrets/${FILE}/main-v2.secret`;
const PAUSED = join(ROOT, 'test/helpers/qwh-paused.mjs');
const ENV = { USER: 'ann' };
const RANK = [
  'planned',
  'configured',
  'receiver-ready',
  'delivering',
  'reconciled',
  'v1-off',
  'v1-deleted',
];

let root: { dir: string; cleanup: () => Promise<void> };
let receiver: TestReceiver;
/** The folder left at each stage (prepared once, copied per kill). */
const base: Record<string, string> = {};
let copies = 0;
const qwh = (dir: string, args: string[]) => runQwh(args, { cwd: dir, env: ENV });

const capture = (dir: string, version: 1 | 2, id: string, at: Date): string =>
  captureLine({
    version,
    id,
    at,
    secret: readFileSync(join(dir, SECRET_FILE), 'utf8').trim(),
    basic: BASIC,
  });

async function copyOf(stage: string): Promise<string> {
  const to = join(root.dir, `kill-${++copies}`);
  await cp(base[stage]!, to, { recursive: true });
  return to;
}

async function snapshot(dir: string, stage: string): Promise<void> {
  const to = join(root.dir, `base-${stage}`);
  await cp(dir, to, { recursive: true });
  base[stage] = to;
}

async function ok(dir: string, args: string[]): Promise<void> {
  const r = await qwh(dir, args);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
}

beforeAll(async () => {
  root = await tempDir('qwh-stage-kills-');
  const dir = join(root.dir, 'work');
  // The receiver team has the secret file qwh wrote (the hand-off): it verifies with it.
  receiver = await startTestReceiver({
    '/main': { secretFile: () => join(dir, SECRET_FILE), authorization: BASIC },
  });
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir);
  await writeFile(join(dir, FILE), cutoverAccountYaml({ port: receiver.port, pass: PASS }));
  await ok(dir, ['migrate', '--yes', '--allow-insecure-host']);
  await snapshot(dir, 'planned');
  await ok(dir, ['migrate', 'confirm', 'configured', '--yes']);
  await snapshot(dir, 'configured');
  await ok(dir, ['migrate', '--allow-insecure-host']);
  const t0 = Date.now() + 60_000;
  const at = (min: number) => new Date(t0 + min * 60_000);
  const ids = ['AAAA0001-0000-4000-8000-000000000001', 'AAAA0002-0000-4000-8000-000000000002'];
  await writeFile(
    join(dir, 'captures.ndjson'),
    capture(dir, 1, ids[0]!, at(0)) +
      capture(dir, 2, ids[0]!, at(0.01)) +
      capture(dir, 1, ids[1]!, at(61)) +
      capture(dir, 2, ids[1]!, at(61.02)),
  );
  await snapshot(dir, 'receiver-ready');
  await ok(dir, ['migrate', 'observe', '--captures', 'captures.ndjson']);
  await snapshot(dir, 'reconciled');
  await ok(dir, ['migrate', 'confirm', 'v1-off', '--yes']);
  await snapshot(dir, 'v1-off');
  await ok(dir, ['migrate', 'confirm', 'v1-deleted', '--yes']);
  await snapshot(dir, 'v1-deleted');
}, 120_000);
afterAll(async () => {
  await receiver?.close();
  await root?.cleanup();
});

/** The stage `status` shows for main. */
async function stageOf(dir: string): Promise<string> {
  const r = await qwh(dir, ['migrate', 'status', '--json']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const rows = (JSON.parse(r.stdout) as { webhooks: Array<{ v1Key: string; stage: string }> })
    .webhooks;
  expect(rows.map((w) => w.v1Key)).toEqual(['main']);
  return rows[0]!.stage;
}

/** What the account file says of 1.0 main: on, off or deleted (and 2.0 main-v2 is there). */
function fileSays(dir: string): 'on' | 'off' | 'deleted' {
  const doc = parse(readFileSync(join(dir, FILE), 'utf8')) as {
    webhooks: Array<{ key: string; version: number; enabled?: boolean }>;
  };
  expect(doc.webhooks.some((w) => w.key === 'main-v2' && w.version === 2)).toBe(true);
  const v1 = doc.webhooks.find((w) => w.key === 'main' && w.version === 1);
  return !v1 ? 'deleted' : v1.enabled === false ? 'off' : 'on';
}

/** The file agrees with the stage. */
function expectAgrees(dir: string, stage: string): void {
  const want =
    stage === 'v1-deleted'
      ? 'deleted'
      : RANK.indexOf(stage) >= RANK.indexOf('v1-off')
        ? 'off'
        : 'on';
  expect([stage, fileSays(dir)]).toEqual([stage, want]);
}

function openRun(dir: string): boolean {
  const p = join(dir, '.qwh', `journal-${FILE}.jsonl`);
  if (!existsSync(p)) return false;
  const j = parseJournal(readFileSync(p, 'utf8'));
  return j.ok && unfinishedRun(j.records) !== undefined;
}

const TRANSITIONS: Array<{
  name: string;
  from: string;
  to: string;
  args: string[];
  points: string[];
  again: boolean;
}> = [
  {
    name: 'confirm configured',
    from: 'planned',
    to: 'configured',
    args: ['migrate', 'confirm', 'configured', '--yes'],
    points: ['stages'],
    again: true,
  },
  {
    name: 'migrate verifies: receiver-ready',
    from: 'configured',
    to: 'receiver-ready',
    args: ['migrate', '--allow-insecure-host'],
    points: ['stages'],
    again: true,
  },
  {
    name: 'observe: reconciled',
    from: 'receiver-ready',
    to: 'reconciled',
    args: ['migrate', 'observe', '--captures', 'captures.ndjson'],
    points: ['stages'],
    again: true,
  },
  ...(['v1-off', 'v1-deleted'] as const).map((step) => ({
    name: `confirm ${step}`,
    from: step === 'v1-off' ? 'reconciled' : 'v1-off',
    to: step,
    args: ['migrate', 'confirm', step, '--yes'],
    points:
      step === 'v1-off'
        ? ['stages', 'backup', 'file-written', 'write:disable-v1:done']
        : ['stages', 'file-written'],
    again: true,
  })),
  {
    name: 'rollback of confirm v1-deleted',
    from: 'v1-deleted',
    to: 'v1-off',
    args: ['migrate', 'rollback', '--yes'],
    points: ['file-written', 'rollback'],
    again: false,
  },
];

describe('SIGKILL at each stage transition, then status (#12)', () => {
  for (const t of TRANSITIONS)
    it.each(t.points)(
      `${t.name}: killed after "%s": ${t.from} or ${t.to}, the file agrees; finishing lands on ${t.to}`,
      async (point) => {
        const dir = await copyOf(t.from);
        expectAgrees(dir, await stageOf(dir));
        const run = spawnQwh(t.args, {
          cwd: dir,
          env: ENV,
          prefix: [process.execPath, PAUSED, point],
        });
        await run.waitForStderr(`qwh-paused: paused after "${point}"`);
        run.child.kill('SIGKILL');
        expect((await run.exited).signal).toBe('SIGKILL');

        const stage = await stageOf(dir);
        expect([t.from, t.to]).toContain(stage);
        expectAgrees(dir, stage);

        // Finish it: resume an open run, then the same command (a rollback is not repeated:
        // running it again undoes the run before).
        if (openRun(dir)) await ok(dir, ['migrate', 'resume']);
        const mid = await stageOf(dir);
        expect([t.from, t.to]).toContain(mid);
        expectAgrees(dir, mid);
        if (t.again && mid !== t.to) await ok(dir, t.args);
        if (t.again || mid === t.to) {
          expect(await stageOf(dir)).toBe(t.to);
          expectAgrees(dir, t.to);
        }
      },
    );
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { ROOT } from '../helpers/bin.js';

// `npm run demo` is one of the README's two set-up commands: it must keep running end to end.
it('npm run demo: plan, verification table, qwh simulate as Qualifio, the staged cut-over (refused while a participation is lost), diff summary, exit 0', async () => {
  const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/demo.js')], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('close', (c) => resolve({ code: c, out }));
  });
  expect(code, out.slice(-2000)).toBe(0);
  expect(out).toContain('Migration plan for qualifio-account.yaml');
  expect(out).toMatch(/PASS {2}accepts-complete/);
  expect(out).toMatch(/PASS {2}rejects-wrong-secret/);
  const C = MESSAGES.migrate.cutover;
  expect(out).toContain(MESSAGES.migrate.v1On('main'));
  expect(out).toContain(C.confirmed('configured', 'main', ['configured', 'receiver-ready']));
  expect(out).toMatch(/confirm v1-off refused for main: the dual run is not reconciled/);
  expect(out).toContain('campaign 99888 (Winter contest)');
  // The stand-in is qwh simulate: it follows the stages and the forgotten twin.
  const S = MESSAGES.simulate;
  expect(out).toContain(S.notInBackOffice('main-v2', 'planned'));
  expect(out).toContain(S.missingRule('campaign:99888:main-v2'));
  expect(out).toContain('from qwh simulate (counted as real)');
  expect(out).toMatch(/seen by an earlier observe \(counted once\)/);
  expect(out).toContain(C.markedOff(['main', 'news']));
  expect(out).toContain(C.confirmed('v1-deleted', 'main', ['v1-deleted']));
  expect(out).toContain('demo: the 60-minute window was not waited for');
  expect(out).toMatch(/0 changes/);
  expect(out).toMatch(/\d+ moved, \d+ type-changed, 0 removed/);
  expect(out).toContain('Demo finished.');
  expect(out).not.toContain('s3cr3t-pass');
  expect(out).not.toContain('demo-secret-not-for-production');
  // About 20 spawns of the bin: a bound for loaded machines, not a timing assertion.
}, 180_000);

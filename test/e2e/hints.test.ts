import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQwh, tempDir } from '../helpers/bin.js';

// #16 bug 10: a hint names the command the user ran and the file it needs, never another one.

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('hints name the right command and file', () => {
  it('--config nope.yaml: the hint is about --config, not qwh init', async () => {
    const r = await runQwh(['check', 'x.yaml', '--config', 'nope.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.yaml');
    const hint = r.stderr.split('\n').find((l) => l.startsWith('hint:')) ?? '';
    expect(hint).toContain('--config');
    expect(hint).not.toContain('qwh init');
  });
  it('migrate without an account file: the example is a migrate command', async () => {
    const r = await runQwh(['migrate', 'status'], { cwd: dir });
    expect(r.code).toBe(2);
    const hint = r.stderr.split('\n').find((l) => l.startsWith('hint:')) ?? '';
    expect(hint).toContain('qwh migrate');
    expect(hint).not.toContain('qwh check');
  });
});

import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES, tempDir } from '../helpers/bin.js';
import { hasScript, startPty } from '../helpers/pty.js';

// #16 also-list: --no-input (clig.dev) forbids prompts even on a real terminal.

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  await copyFile(join(FIXTURES, 'accounts/acme.yaml'), join(dir, 'acme.yaml'));
});
afterEach(() => cleanup());

describe.skipIf(!hasScript())('--no-input on a terminal', () => {
  it('migrate does not ask to apply: it refuses (exit 4) naming --yes, and writes nothing', async () => {
    const before = await readFile(join(dir, 'acme.yaml'));
    const s = startPty(['migrate', 'acme.yaml', '--no-input'], { cwd: dir });
    const { code, output } = await s.exit(30_000);
    expect(code).toBe(4);
    expect(output).toContain(MESSAGES.cli.needsTty('--yes'));
    expect(await readFile(join(dir, 'acme.yaml'))).toEqual(before);
  });
  it('QWH_NO_INPUT=1 does the same', async () => {
    const s = startPty(['migrate', 'acme.yaml'], { cwd: dir, env: { QWH_NO_INPUT: '1' } });
    const { code } = await s.exit(30_000);
    expect(code).toBe(4);
  });
});

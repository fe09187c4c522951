import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES, runQwh } from '../helpers/bin.js';

// #16 "Stale statements": README says every command takes --no-color and --no-progress.
describe('--no-color and --no-progress', () => {
  it('qwh --no-color alone is the help, not "unknown option"; before a command it applies', async () => {
    const alone = await runQwh(['--no-color']);
    expect(alone.stderr).not.toContain('unknown option');
    expect(alone.code).toBe((await runQwh([])).code);
    const before = await runQwh(['--no-color', 'check', join(FIXTURES, 'accounts/acme.yaml')], {
      env: { FORCE_COLOR: '1' },
    });
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).not.toContain('\u001b[');
    const colored = await runQwh(['check', join(FIXTURES, 'accounts/acme.yaml')], {
      env: { FORCE_COLOR: '1' },
    });
    expect(colored.stdout).toContain('\u001b['); // else the line above proves nothing
  });

  it('--no-progress prints no "… testing" line (without it, a non-TTY run prints one)', async () => {
    const url = 'http://127.0.0.1:9/';
    const line = `… ${MESSAGES.endpoint.testing(url)}`;
    const plain = await runQwh(['test-endpoint', url]);
    expect(plain.stderr).toContain(line);
    for (const args of [
      ['test-endpoint', url, '--no-progress'],
      ['--no-progress', 'test-endpoint', url],
    ]) {
      const r = await runQwh(args);
      expect(r.code).toBe(3);
      expect(r.stderr, args.join(' ')).not.toContain('… ');
    }
  });
});

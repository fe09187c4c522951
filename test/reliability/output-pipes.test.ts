import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runQwh, tempDir } from '../helpers/bin.js';

// `qwh … | head`: the reader closes the pipe before qwh is done writing. That is not an error:
// no EPIPE stack trace, a quiet exit.

/** Runs the bin with its stdout read end closed at once (as `| true` does); returns code and stderr. */
function withClosedStdout(
  args: string[],
  cwd = ROOT,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, CI: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // the reader is gone before qwh writes a byte
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that closes early (qwh … | head)', () => {
  it.each([
    [['--help']],
    [['--version']],
    [['migrate', '--help']],
    [['test-endpoint', '--help']],
    [['completion', 'bash']],
  ])('qwh %s: exit 0, no EPIPE and no stack trace', async (args) => {
    const r = await withClosedStdout(args);
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
  });

  it('qwh sample --count 20000: stops at once, quietly, 130 (it did not finish)', async () => {
    const r = await withClosedStdout(['sample', '--count', '20000']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(130);
  });

  it('qwh migrate --yes: stops quietly (130), the lock released, the file old bytes or a resumable run', async () => {
    const t = await tempDir();
    try {
      const file = join(t.dir, 'qualifio-account.yaml');
      const original =
        'version: 1\naccount: { id: 1, name: A }\nwebhooks:\n  - { key: main, version: 1, scope: account, url: "https://hooks.example.com/q" }\npushRules:\n  - { level: default, destination: main }\n';
      await writeFile(file, original);
      const r = await withClosedStdout(['migrate', '--yes', '--skip-verify'], t.dir);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(130);
      expect(existsSync(join(t.dir, '.qwh', 'qualifio-account.yaml.lock'))).toBe(false);
      if (readFileSync(file, 'utf8') !== original) {
        const resumed = await runQwh(['migrate', 'resume'], { cwd: t.dir });
        expect(resumed.code).toBe(0);
      }
    } finally {
      await t.cleanup();
    }
  });
});

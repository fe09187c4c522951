import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQwh, tempDir } from '../helpers/bin.js';

// The spawned contract of hostile account and config files: the built bin prints one
// `error:` line naming the file and the path, a hint, no stack trace, and exits 2 — and does not
// hang on a FIFO. Every hostile case (nesting, key bounds, __proto__, duplicates, encodings,
// alias bombs, devices…) is proved in-process against the same loaders:
// test/adapters/hostile-account-config.test.ts and,
// for the bounds with injected limits, test/core/input-limits.test.ts.

/** stderr as the user sees it: `error:` lines then a `hint:` line, nothing else. */
function expectOneLineError(stderr: string, first: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toBe(`error: ${first}`);
  expect(lines.filter((l) => l.startsWith('error: '))).toHaveLength(1);
  expect(lines.slice(1).every((l) => l.startsWith('hint: '))).toBe(true);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('hostile account and config files, spawned: exit 2, one line naming file and path', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    t = await tempDir();
  });
  afterAll(async () => t.cleanup());

  it('an account file with a __proto__ key', async () => {
    const file = join(t.dir, 'proto.json');
    await writeFile(file, '{"version":1,"__proto__":{"polluted":true}}');
    const r = await runQwh(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, `${file} › __proto__: key "__proto__" is not allowed`);
  });

  it('a config file with a bad URL (found by the search from the working folder)', async () => {
    const dir = join(t.dir, 'config');
    await mkdir(dir);
    await writeFile(join(dir, '.qwhrc.json'), '{"testEndpoint":{"url":"notaurl"}}');
    const r = await runQwh(['check', 'x.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, '.qwhrc.json › testEndpoint.url: Invalid URL');
  });

  it('a FIFO where a config file is searched: exit 2 at once, no hang', async () => {
    const dir = join(t.dir, 'fifo');
    await mkdir(dir);
    execFileSync('mkfifo', [join(dir, '.qwhrc.json')]);
    const r = await runQwh(['check', 'x.yaml'], { cwd: dir, timeoutMs: 15_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, '.qwhrc.json: is a named pipe (FIFO), not a regular file');
  });
});

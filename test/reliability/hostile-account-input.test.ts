import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQwh, tempDir } from '../helpers/bin.js';

// The spawned contract of hostile account and config files: the built bin prints one
// `error:` line naming the file and the path, a hint, no stack trace, and exits 2; it does not
// hang on a FIFO, and YAML deeper than the yaml library's recursion is a problem, not a crash.
// Every other hostile case (nesting, key bounds, __proto__, duplicates, encodings, alias bombs,
// devices…) is proved in-process against the same loaders in
// test/adapters/hostile-account-config.test.ts and, for the bounds with injected limits,
// test/core/input-limits.test.ts.

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

  // YAML deeper than the yaml library's recursion overflows the stack; qwh turns that into a
  // problem. Proved here, one process each, not in-process: V8 aborts a process (fatal
  // "RegExpCompiler Allocation failed") on about the third such overflow in it.
  it('an account file of 100 000 levels of YAML: a one-line problem, not a crash', async () => {
    const file = join(t.dir, 'deep.yaml');
    await writeFile(file, 'a: ' + '['.repeat(100_000) + ']'.repeat(100_000));
    const r = await runQwh(['check', file]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    // Refused on its text now (issue 17 #7), before the parser recurses and overflows.
    expect(lines[0]).toMatch(/^error: .*deep\.yaml › \(root\): nesting deeper than 32 levels$/);
    expect(lines.every((l) => /^(error|hint): /.test(l))).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a config file of 50 000 levels of YAML: a one-line problem, not a crash', async () => {
    const dir = join(t.dir, 'deep-config');
    await mkdir(dir);
    await writeFile(
      join(dir, 'qwh.config.yaml'),
      'account: ' + '['.repeat(50_000) + ']'.repeat(50_000),
    );
    const r = await runQwh(['check', 'x.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^error: qwh\.config\.yaml › \(root\): nesting deeper than 32 levels$/,
    );
    expect(lines.every((l) => /^(error|hint): /.test(l))).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
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

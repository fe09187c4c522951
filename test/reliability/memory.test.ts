import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQwh, tempDir } from '../helpers/bin.js';

// Issue 17 #7: memory bounded before parsing. A 10 MiB YAML flow list (under the size cap)
// took the yaml library past 4.3 GB and V8 aborted (exit 134, after ~100 s) because the key
// limit was checked on the parsed value; now the text is judged first (core/input/yaml-scan.ts)
// and refused at once. The peak RSS of each command at its ceiling is a benchmark figure
// (bench/memory.js, bench/BENCHMARKS.md), not asserted here.

const MIB = 1024 * 1024;
/** A flow list filling `bytes` (just under the 10 MiB cap): five million items. */
const flowYaml = (bytes: number): string =>
  'version: 1\nwebhooks: [' + '1,'.repeat(Math.floor((bytes - 40) / 2)) + '1]\n';

describe('10 MiB account and config files: refused before parsing, exit 2, no abort', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    t = await tempDir();
  });
  afterAll(async () => t.cleanup());

  it.each([
    ['YAML flow list', 'flow.yaml', flowYaml(10 * MIB - 64)],
    ['JSON array', 'flow.json', '{"version":1,"webhooks":[' + '1,'.repeat(5 * MIB - 40) + '1]}'],
  ])(
    'check of a %s of five million items',
    async (_, name, text) => {
      const file = join(t.dir, name);
      await writeFile(file, text);
      const r = await runQwh(['check', file], { timeoutMs: 60_000 });
      expect(r.signal).toBeNull();
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${file} › (root): more than 500000 keys and items in total`);
      expect(r.stderr).not.toMatch(/\n\s+at |Allocation failed|heap/);
    },
    90_000,
  );

  it('the same as a config file (check --config)', async () => {
    const file = join(t.dir, 'qwh.config.yaml');
    await writeFile(file, flowYaml(10 * MIB - 64).replace('version: 1\nwebhooks', 'check'));
    const r = await runQwh(['check', 'a.yaml', '--config', file], {
      cwd: t.dir,
      timeoutMs: 60_000,
    });
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('more than 500000 keys and items in total');
    expect(r.stdout).toBe('');
  }, 90_000);

  it('block YAML nested 2 000 levels (indentation) is refused before the parser recurses', async () => {
    const file = join(t.dir, 'deep.yaml');
    await writeFile(
      file,
      Array.from({ length: 2_000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n',
    );
    const r = await runQwh(['check', file], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('nesting deeper than 32 levels');
  }, 90_000);
});

describe('migrate never writes an account file it could not read back', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    t = await tempDir();
  });
  afterAll(async () => t.cleanup());

  // Found by bench/memory.js: the largest generated account (19 000 websites, 9.9 MiB) made the
  // dry run exit 70 ("JSON edit did not produce the expected data"), and one of 10 000 websites
  // (5.4 MiB) passed the dry run with a plan whose file would be over 10 MiB: apply would write a
  // file that resume, status and rollback then refuse to read.
  it.each(['--dry-run', '--yes'])(
    'migrate %s of a file just under 10 MiB that the migration would take over: exit 4, nothing written',
    async (mode) => {
      const doc = (pad: number): string =>
        JSON.stringify({
          version: 1,
          account: { id: 1, name: 'A' },
          campaigns: Array.from({ length: 349 }, (_, i) => ({
            id: i + 1,
            name: 'c'.repeat(30_000 + (i === 0 ? pad : 0)),
          })),
          webhooks: [
            { key: 'main', version: 1, scope: 'account', url: 'https://hooks.example.com/q' },
          ],
          pushRules: [{ level: 'default', destination: 'main' }],
        });
      // 100 bytes under the cap: the 2.0 webhook and its rule twin add a few hundred.
      const text = doc(10 * MIB - 100 - doc(0).length);
      expect(text.length).toBeLessThan(10 * MIB);
      const file = join(t.dir, `near-cap${mode}.json`);
      await writeFile(file, text);
      const r = await runQwh(['migrate', file, mode, '--secret-env', 'S'], {
        cwd: t.dir,
        env: { S: 'a-long-enough-secret-for-the-bench-0123' },
        timeoutMs: 60_000,
      });
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toContain(
        `the migrated account file would hold more than ${10 * MIB} bytes, over the bounds`,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
    90_000,
  );
});

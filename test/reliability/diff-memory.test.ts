import { closeSync, openSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../src/core/sample/generate.js';
import { runQwh, tempDir } from '../helpers/bin.js';

// Issue 17 #7 (diff-payload part): memory is bounded by bytes, not by record counts. 1.0
// records waiting for a 2.0 twin that never comes keep a 256-character prefix of each value;
// V8 makes that prefix a view into the whole string, so 1 MB values stayed alive and a few
// hundred unpaired records ran the process out of memory. Here: 200 unpaired 1 MB records
// under a 64 MB heap (the old code aborts with SIGABRT; the ceiling is in docs/reliability.md).

const RECORDS = 200;
const VALUE_BYTES = 1 << 20;

describe('diff-payload memory, spawned: unpaired big records', () => {
  let t: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    t = await tempDir();
    const fd = openSync(join(t.dir, 'v1.ndjson'), 'w');
    const filler = 'x'.repeat(VALUE_BYTES);
    for (let i = 0; i < RECORDS; i++)
      writeSync(
        fd,
        `${JSON.stringify({ participation_id: `UNPAIRED-${i}`, note: `${i} ${filler}` })}\n`,
      );
    closeSync(fd);
    await writeFile(
      join(t.dir, 'v2.ndjson'),
      [1, 2, 3].map((s) => JSON.stringify(generateSample(s).v2)).join('\n') + '\n',
    );
  });
  afterAll(() => t.cleanup());

  it('finishes under a 64 MB heap with every record read and none paired', async () => {
    const r = await runQwh(['diff-payload', 'v1.ndjson', 'v2.ndjson', '--json', '--no-progress'], {
      cwd: t.dir,
      env: { NODE_OPTIONS: '--max-old-space-size=64' },
      timeoutMs: 120_000,
    });
    expect(r.signal).toBeNull();
    expect(r.stderr).not.toMatch(/heap out of memory/i);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      inputs: { v1: { payloads: number } };
      pairing: { v1WithId: number; pairs: number };
    };
    expect(doc.inputs.v1.payloads).toBe(RECORDS);
    expect(doc.pairing.v1WithId).toBe(RECORDS);
    expect(doc.pairing.pairs).toBe(0);
  }, 150_000);
});

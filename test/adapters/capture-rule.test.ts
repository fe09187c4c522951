import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPayloads } from '../../src/adapters/payload-input.js';
import { readPayloads } from '../../src/adapters/payload-reader.js';

// #16 bug 9: test-endpoint --payload and diff-payload read the same file the same way (one
// capture walker, one content rule): a multi-line form-encoded 1.0 file is one body a line.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qwh-rule-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function diffCount(file: string, side: 'v1' | 'v2'): Promise<number> {
  let n = 0;
  for await (const e of readPayloads(file, { side, cwd: dir, stdin: process.stdin }))
    if (e.kind === 'record') n++;
  return n;
}

describe('one capture rule for test-endpoint and diff-payload', () => {
  it('a form-encoded 1.0 file of three lines is three bodies for both', async () => {
    await writeFile(
      join(dir, 'v1.txt'),
      'id=1&email=a%40x.example\nid=2&email=b%40x.example\nid=3&email=c%40x.example\n',
    );
    const sent = await loadPayloads('v1.txt', dir, 1, () => {});
    expect(sent.map((p) => Buffer.from(p.bytes).toString())).toEqual([
      'id=1&email=a%40x.example',
      'id=2&email=b%40x.example',
      'id=3&email=c%40x.example',
    ]);
    expect(await diffCount('v1.txt', 'v1')).toBe(3);
  });
  it('a pretty-printed JSON document stays one body for both', async () => {
    await writeFile(join(dir, 'one.json'), JSON.stringify({ id: 'p1', form: [] }, null, 2) + '\n');
    expect(await loadPayloads('one.json', dir, 2, () => {})).toHaveLength(1);
    expect(await diffCount('one.json', 'v2')).toBe(1);
  });
  it('compact JSON lines are one body a line for both', async () => {
    await writeFile(join(dir, 'lines.txt'), '{"id":"a"}\n{"id":"b"}\n');
    expect(await loadPayloads('lines.txt', dir, 2, () => {})).toHaveLength(2);
    expect(await diffCount('lines.txt', 'v2')).toBe(2);
  });
});

import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParityReport } from '../../src/core/adapter/parity.js';
import { MESSAGES } from '../../src/messages/index.js';
import { runQwh, tempDir } from '../helpers/bin.js';

const A = MESSAGES.adapter;
let t: { dir: string; cleanup: () => Promise<void> };
let V1: string;
let V2: string;

beforeAll(async () => {
  t = await tempDir('qwh-adapter-e2e-');
  // Step 1 of the README's path: the captures (here the bundled samples, same seeds).
  V1 = join(t.dir, 'v1.ndjson');
  V2 = join(t.dir, 'v2.ndjson');
  await writeFile(V1, (await runQwh(['sample', '--version', '1', '--count', '25'])).stdout);
  await writeFile(V2, (await runQwh(['sample', '--version', '2', '--count', '25'])).stdout);
});
afterAll(async () => t.cleanup());

describe('capture → emit → test, with the built bin', () => {
  it('emits to --out (report still on stdout) and the test passes: exit 0', async () => {
    const out = join(t.dir, 'to-v1.js');
    const e = await runQwh(['diff-payload', V1, V2, '--emit-adapter', 'js', '--out', out]);
    expect(e.code).toBe(0);
    expect(e.stdout).toContain('campaign_id');
    expect(e.stderr).toContain(A.wrote('js adapter', out));
    const r = await runQwh(['adapter', 'test', out, V1, V2]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(A.parityOk(25));
  });

  it('without --out the adapter is stdout, byte-identical across runs, with no absolute path', async () => {
    const a = await runQwh(['diff-payload', V1, V2, '--emit-adapter', 'python']);
    const b = await runQwh(['diff-payload', V1, V2, '--emit-adapter', 'python']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^def to_v1\(p\):$/m);
    expect(a.stdout).not.toContain(t.dir);
    expect(a.stderr).toContain(A.adapterOnStdout);
  });

  it.skipIf(spawnSync('jq', ['--version']).status !== 0)(
    'a jq adapter: --json parity document',
    async () => {
      const out = join(t.dir, 'to-v1.jq');
      expect(
        (await runQwh(['diff-payload', V1, V2, '--emit-adapter', 'jq', '--out', out])).code,
      ).toBe(0);
      const r = await runQwh(['adapter', 'test', out, V1, V2, '--json']);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as ParityReport;
      expect(doc).toMatchObject({
        schemaVersion: 1,
        pairs: 25,
        identical: 25,
        ok: true,
        fields: [],
      });
    },
  );

  it('a wrong --map entry: the test exits 1 naming the field and a pair', async () => {
    const map = join(t.dir, 'wrong.yaml');
    await writeFile(map, 'campaign_id: campaign.channel.website.id\n');
    const out = join(t.dir, 'wrong.ts');
    await runQwh(['diff-payload', V1, V2, '--map', map, '--emit-adapter', 'ts', '--out', out]);
    expect(await readFile(out, 'utf8')).toContain(
      'campaign_id: at(p, ["campaign", "channel", "website", "id"]), // campaign.channel.website.id · found by your --map',
    );
    const r = await runQwh(['adapter', 'test', out, V1, V2]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(A.fieldDiffers('campaign_id', 25, 25));
    expect(r.stdout).toMatch(
      /v1\.ndjson:1 ↔ .*v2\.ndjson:1: 1\.0 sent "99001\d\d", the adapter gives 99000\d/,
    );
  });

  it('--emit-schema and --emit-types write their files', async () => {
    const s = join(t.dir, 'v2.schema.json');
    const ty = join(t.dir, 'v2.d.ts');
    const r = await runQwh([
      'diff-payload',
      V1,
      V2,
      '--emit-schema',
      s,
      '--emit-types',
      ty,
      '--json',
    ]);
    expect(r.code).toBe(0);
    JSON.parse(r.stdout);
    const schema = JSON.parse(await readFile(s, 'utf8')) as {
      $schema: string;
      description: string;
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.description).not.toContain(t.dir);
    expect(await readFile(ty, 'utf8')).toContain('export type ParticipationV2 = {');
  });

  it('bad input is exit 2 with one line: --out alone, no pairs, unknown language, missing runtime', async () => {
    const outAlone = await runQwh(['diff-payload', V1, V2, '--out', join(t.dir, 'x.js')]);
    expect(outAlone.code).toBe(2);
    expect(outAlone.stderr).toContain(A.outNeedsEmit);
    const js = join(t.dir, 'to-v1.js');
    const other = join(t.dir, 'other.ndjson');
    await writeFile(other, '{"id": "no-twin"}\n');
    const noPairs = await runQwh(['adapter', 'test', js, V1, other]);
    expect(noPairs.code).toBe(2);
    expect(noPairs.stderr).toContain(A.noPairs(V1, other));
    const unknown = await runQwh(['adapter', 'test', join(t.dir, 'a.rb'), V1, V2]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(A.unknownLanguage(join(t.dir, 'a.rb')));
    const py = join(t.dir, 'to_v1.py');
    await writeFile(py, 'def to_v1(p):\n    return {}\n');
    const missing = await runQwh(['adapter', 'test', py, V1, V2], {
      env: { PATH: join(t.dir, 'no-bin') },
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(A.runtimeMissing('python3', 'python'));
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});

import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runQwh, tempDir } from '../helpers/bin.js';
import { spawnListen } from '../helpers/listen.js';

// #16: every `--json` document carries `schemaVersion` and has a JSON Schema shipped in
// schema/json/ (like oasdiff's). This runs every command with --json and validates what it prints.

const SCHEMA_DIR = join(ROOT, 'schema/json');
const ajv = new Ajv2020({ allErrors: true });
const validators = new Map(
  readdirSync(SCHEMA_DIR).map((f) => [
    f.replace(/\.schema\.json$/, ''),
    ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, f), 'utf8')) as object),
  ]),
);
const used = new Set<string>();

function expectValid(schema: string, text: string, label: string): void {
  const validate = validators.get(schema);
  expect(validate, `schema/json/${schema}.schema.json`).toBeDefined();
  const docs = schema === 'listen-event' ? text.trim().split('\n') : [text];
  for (const d of docs) {
    const doc = JSON.parse(d) as { schemaVersion?: unknown };
    expect(doc.schemaVersion, label).toBe(1);
    const ok = validate!(doc);
    expect(ok, `${label}: ${ajv.errorsText(validate!.errors)}`).toBe(true);
  }
  used.add(schema);
}

describe('every --json document has schemaVersion and validates against its shipped schema (ajv)', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  const qwh = (args: string[], env: Record<string, string> = {}) =>
    runQwh([...args, '--no-progress'], {
      cwd: tmp.dir,
      env: { QWH_S: 'json-schema-secret-1', ...env },
    });
  beforeAll(async () => {
    tmp = await tempDir('qwh-json-schemas-');
    copyFileSync(join(FIXTURES, 'accounts/acme.yaml'), join(tmp.dir, 'acme.yaml'));
  });
  afterAll(async () => {
    await tmp.cleanup();
    // Every shipped schema describes a document the commands print: none is stale.
    expect([...validators.keys()].filter((s) => !used.has(s))).toEqual([]);
  });

  const cases: Array<[string, string[], number]> = [
    ['check', ['check', 'acme.yaml', '--json'], 0],
    ['check', ['check', join(FIXTURES, 'accounts/invalid-wrong-type.yaml'), '--json'], 2],
    ['routes', ['routes', 'acme.yaml', '--json'], 0],
    ['routes', ['routes', 'acme.yaml', '--plan', '--json'], 0],
    ['simulate', ['simulate', 'acme.yaml', '--participations', '5', '--dry-run', '--json'], 0],
    ['sign', ['sign', 'acme.yaml', '--secret-env', 'QWH_S', '--json'], 0],
    [
      'verify',
      ['verify', 'acme.yaml', '--secret-env', 'QWH_S', '--signature', 'sha256=00', '--json'],
      1,
    ],
    [
      'init',
      [
        'init',
        '--from-flags',
        '--account-id',
        '1',
        '--account-name',
        'A',
        '--v1-url',
        'https://h.example/q',
        '--out',
        'i.yaml',
        '--json',
      ],
      0,
    ],
    ['migrate', ['migrate', 'acme.yaml', '--dry-run', '--json'], 0],
    ['migrate', ['migrate', 'acme.yaml', '--yes', '--json'], 0],
    ['migrate-status', ['migrate', 'status', 'acme.yaml', '--json'], 0],
    ['migrate-runbook', ['migrate', 'runbook', 'acme.yaml', '--json'], 0],
    ['migrate-confirm', ['migrate', 'confirm', 'acme.yaml', 'configured', '--yes', '--json'], 0],
    ['migrate-resume', ['migrate', 'resume', 'acme.yaml', '--json'], 0],
    ['diff-payload', ['diff-payload', '--json'], 0],
  ];
  it.each(cases)('%s: qwh %j', async (schema, args, code) => {
    const r = await qwh(args);
    expect(r.code, r.stderr).toBe(code);
    expectValid(schema, r.stdout, args.join(' '));
  });

  it('migrate observe and migrate rollback', async () => {
    const v1 = await qwh(['sample', '--version', '1', '--count', '2']);
    const v2 = await qwh(['sample', '--count', '2']);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(tmp.dir, 'v1.ndjson'), v1.stdout);
    await writeFile(join(tmp.dir, 'v2.ndjson'), v2.stdout);
    const observe = await qwh([
      'migrate',
      'observe',
      'acme.yaml',
      '--captures',
      'v1.ndjson',
      'v2.ndjson',
      '--json',
    ]);
    expectValid('migrate-observe', observe.stdout, 'migrate observe');
    const rollback = await qwh(['migrate', 'rollback', 'acme.yaml', '--yes', '--json']);
    expect(rollback.code, rollback.stderr).toBe(0);
    expectValid('migrate-rollback', rollback.stdout, 'migrate rollback');
    const list = await qwh(['migrate', 'backups', 'acme.yaml', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expectValid('migrate-backups', list.stdout, 'migrate backups');
    const pruned = await qwh([
      'migrate',
      'backups',
      'acme.yaml',
      '--prune',
      '--keep',
      '0',
      '--yes',
      '--json',
    ]);
    expect(pruned.code, pruned.stderr).toBe(0);
    expectValid('migrate-backups', pruned.stdout, 'migrate backups --prune');
  });

  it('test-endpoint against listen (both --json), then adapter test', async () => {
    const listen = await spawnListen(
      ['--secret-env', 'QWH_S'],
      { QWH_S: 'json-schema-secret-1' },
      tmp.dir,
    );
    const te = await qwh(['test-endpoint', listen.url, '--secret-env', 'QWH_S', '--json']);
    const stopped = await listen.stop();
    expectValid('test-endpoint', te.stdout, 'test-endpoint');
    expect(stopped.stdout.trim().split('\n').length).toBeGreaterThan(2);
    expectValid('listen-event', stopped.stdout, 'listen');
    // The same seed in both versions: paired captures (same participation ids).
    const { writeFile } = await import('node:fs/promises');
    for (const v of ['1', '2']) {
      const r = await qwh(['sample', '--version', v, '--seed', '5', '--count', '3']);
      await writeFile(join(tmp.dir, `p${v}.ndjson`), r.stdout);
    }
    const emit = await qwh([
      'diff-payload',
      'p1.ndjson',
      'p2.ndjson',
      '--emit-adapter',
      'js',
      '--out',
      'to-v1.js',
    ]);
    expect(emit.code, emit.stderr).toBe(0);
    const parity = await qwh(['adapter', 'test', 'to-v1.js', 'p1.ndjson', 'p2.ndjson', '--json']);
    expect(parity.code, parity.stderr).toBe(0);
    expectValid('adapter-test', parity.stdout, 'adapter test');
  });
});

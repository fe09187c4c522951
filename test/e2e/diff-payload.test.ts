import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffReport } from '../../src/core/diff/session.js';
import { MESSAGES } from '../../src/messages/index.js';
import { runQwh, tempDir } from '../helpers/bin.js';

type V1 = Record<string, string>;
interface V2 {
  id: string;
  form: Array<{ variable: string; type: string; responses: Array<{ value?: string }> }>;
  optins: Array<{ variable: string; response: string }>;
}

let t: { dir: string; cleanup: () => Promise<void> };
let v1Lines: V1[];
let v2Lines: V2[];
let V1_FILE: string;
let V2_FILE: string;
const ndjson = (rows: readonly unknown[]): string =>
  rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const file = async (name: string, content: string | Buffer): Promise<string> => {
  const p = join(t.dir, name);
  await writeFile(p, content);
  return p;
};
const json = (stdout: string): DiffReport => JSON.parse(stdout) as DiffReport;
const field = (r: DiffReport, p: string) => {
  const f = r.fields.find((x) => x.v1Path === p);
  if (!f) throw new Error(`no finding for ${p}`);
  return f;
};

beforeAll(async () => {
  t = await tempDir('qwh-diff-');
  // The acceptance corpus, generated exactly as a user would: qwh sample, seeds 1–50.
  const a = await runQwh(['sample', '--version', '1', '--count', '50', '--seed', '1']);
  const b = await runQwh(['sample', '--version', '2', '--count', '50', '--seed', '1']);
  expect(a.code).toBe(0);
  expect(b.code).toBe(0);
  V1_FILE = await file('v1.ndjson', a.stdout);
  V2_FILE = await file('v2.ndjson', b.stdout);
  v1Lines = a.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as V1);
  v2Lines = b.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as V2);
});
afterAll(async () => t.cleanup());

describe('qwh diff-payload on qwh sample seeds 1–50 (acceptance)', () => {
  it('reports every form field and opt-in moved to its 2.0 path; questionnaire and categories added', async () => {
    const r = await runQwh(['diff-payload', V1_FILE, V2_FILE, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.inputs.v1).toMatchObject({ payloads: 50, invalid: 0 });
    expect(doc.inputs.v2).toMatchObject({ payloads: 50, invalid: 0 });
    expect(doc.pairing.pairs).toBe(50);
    for (const f of v2Lines[0]!.form) {
      // A FILE UPLOAD response is only { file } [doc]: its answer is the file's path.
      const leaf = f.type === 'FILE UPLOAD' ? 'responses[0].file.path' : 'responses[0].value';
      expect(field(doc, f.variable)).toMatchObject({
        class: 'moved',
        v2Path: `form[variable=${f.variable}].${leaf}`,
        jsonPath: `$.form[?(@.variable=='${f.variable}')].${leaf}`,
      });
    }
    for (const o of v2Lines[0]!.optins) {
      expect(field(doc, o.variable)).toMatchObject({
        class: 'moved',
        v2Path: `optins[variable=${o.variable}].response`,
      });
    }
    // Nothing mis-paired: every 1.0 key once, every target distinct.
    expect(doc.fields.map((f) => f.v1Path).sort()).toEqual(Object.keys(v1Lines[0]!).sort());
    expect(new Set(doc.fields.map((f) => f.v2Path)).size).toBe(doc.fields.length);
    const added = doc.added.map((a) => a.v2Path);
    expect(added).toEqual(
      expect.arrayContaining(['questionnaire', 'optins[variable=*].categories']),
    );
    expect(doc.failed).toBe(false);
  });

  it('matches a renamed 1.0 key by value', async () => {
    const renamed = v1Lines.map(({ dog_name, ...rest }) => ({ ...rest, pet: dog_name! }));
    const r = await runQwh([
      'diff-payload',
      await file('v1-renamed.ndjson', ndjson(renamed)),
      V2_FILE,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(field(json(r.stdout), 'pet')).toMatchObject({
      class: 'moved',
      v2Path: 'form[variable=dog_name].responses[0].value',
      methods: ['value'],
    });
  });

  it('a field dropped from 2.0 is removed; named by --rules it is ERR and --fail-on breaking exits 1', async () => {
    const dropped = v2Lines.map((v) => ({
      ...v,
      form: v.form.filter((f) => f.variable !== 'dog_name'),
    }));
    const v2d = await file('v2-dropped.ndjson', ndjson(dropped));
    const rules = await file('rules.yaml', '- email\n- field: dog_name\n  required: true\n');
    const plain = await runQwh(['diff-payload', V1_FILE, v2d, '--json']);
    expect(plain.code).toBe(0);
    expect(field(json(plain.stdout), 'dog_name')).toMatchObject({
      class: 'removed',
      breaking: true,
    });

    const gated = await runQwh([
      'diff-payload',
      V1_FILE,
      v2d,
      '--rules',
      rules,
      '--fail-on',
      'breaking',
      '--json',
    ]);
    expect(gated.code).toBe(1);
    const doc = json(gated.stdout);
    expect(field(doc, 'dog_name').severity).toBe('ERR');
    expect(field(doc, 'email').severity).toBe('WARN');
    expect(field(doc, 'gender').severity).toBe('INFO');
    expect(doc.failed).toBe(true);
    expect(gated.stderr).toContain(MESSAGES.diff.failed('breaking'));

    const human = await runQwh([
      'diff-payload',
      V1_FILE,
      v2d,
      '--rules',
      rules,
      '--fail-on',
      'breaking',
    ]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(MESSAGES.diff.groups.err);
    expect(human.stdout).toMatch(/ERR\s+dog_name\s+removed/);
  });

  it('--fail-on moved exits 1 on the samples, none and breaking exit 0', async () => {
    expect((await runQwh(['diff-payload', V1_FILE, V2_FILE, '--fail-on', 'moved'])).code).toBe(1);
    expect((await runQwh(['diff-payload', V1_FILE, V2_FILE, '--fail-on', 'breaking'])).code).toBe(
      0,
    );
    expect((await runQwh(['diff-payload', V1_FILE, V2_FILE])).code).toBe(0);
  });
});

describe('qwh diff-payload outputs', () => {
  it('with no inputs diffs the bundled samples (human snapshot)', async () => {
    const r = await runQwh(['diff-payload', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(MESSAGES.diff.demo(20));
    expect(r.stdout).toMatchSnapshot();
  });

  it('colours on request (FORCE_COLOR) and not otherwise', async () => {
    const plain = await runQwh(['diff-payload']);
    expect(plain.stdout).not.toContain('\u001b[');
    const coloured = await runQwh(['diff-payload'], { env: { FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\u001b[');
  });

  it('--format markdown: summary, table with JSONPath and accessor, masked before/after', async () => {
    const r = await runQwh(['diff-payload', V1_FILE, V2_FILE, '--format', 'markdown']);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain(`# ${MESSAGES.diff.markdown.title}`);
    expect(md).toContain(`## ${MESSAGES.diff.markdown.summary}`);
    expect(md).toContain('| **0** | 14 | 2 | 0 | 0 | 0 |');
    expect(md).toContain(
      "| WARN | `email` | moved | `form[variable=email].responses[0].value` | `$.form[?(@.variable=='email')].responses[0].value` | `p.form.find((f) => f.variable === 'email')?.responses[0]?.value` | variable+value · high |",
    );
    expect(md).toContain(`## ${MESSAGES.diff.markdown.sample}`);
    expect(md).toContain('"email": "q•••@•••.com"');
    expect(md).toContain(`"participation_id": "${v1Lines[0]!.participation_id}"`);
    // No person leaks: no e-mail address, first name or birth date of the samples.
    expect(md).not.toMatch(/qwh\.test\+[0-9a-f]+@example\.com/);
    expect(md).not.toContain(`"${v1Lines[0]!.firstname}"`);
    expect(md).not.toContain(v1Lines[0]!.birthdate!);
  });

  it('--help documents the command with examples and exit codes', async () => {
    const r = await runQwh(['diff-payload', '--help']);
    expect(r.code).toBe(0);
    for (const s of [
      '--map',
      '--rules',
      '--fail-on',
      '--format',
      '--skip-invalid',
      'Examples:',
      'Exit codes:',
    ])
      expect(r.stdout).toContain(s);
    expect((await runQwh(['--help'])).stdout).toMatch(/^ {2}diff-payload /m);
  });
});

describe('qwh diff-payload inputs', () => {
  it('reads a folder of JSON files, a JSON array, stdin and form-encoded 1.0 bodies', async () => {
    const folder = join(t.dir, 'v2-folder');
    await mkdir(folder);
    for (const [i, v] of v2Lines.slice(0, 10).entries())
      await writeFile(
        join(folder, `p${String(i).padStart(2, '0')}.json`),
        JSON.stringify(v, null, 2),
      );
    await writeFile(join(folder, 'README.md'), '# not a payload');
    const arr = await file('v1-array.json', JSON.stringify(v1Lines.slice(0, 10), null, 2));
    const r = await runQwh(['diff-payload', arr, folder, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(MESSAGES.diff.folderIgnored(folder, 1));
    const doc = json(r.stdout);
    expect(doc.pairing.pairs).toBe(10);
    expect(field(doc, 'email').v2Path).toBe('form[variable=email].responses[0].value');

    const form = v1Lines.slice(0, 10).map((v) => new URLSearchParams(v).toString());
    const formFile = await file('v1-form.txt', form.join('\n') + '\n');
    const viaStdin = await runQwh(['diff-payload', '-', V2_FILE, '--json'], {
      input: form[0] + '\n',
    });
    expect(viaStdin.code).toBe(0);
    expect(json(viaStdin.stdout).pairing.pairs).toBe(1);
    const viaForm = await runQwh(['diff-payload', formFile, V2_FILE, '--json']);
    expect(viaForm.code).toBe(0);
    const f = json(viaForm.stdout);
    expect(f.inputs.v1.payloads).toBe(10);
    expect(field(f, 'email').class).toBe('moved');
  });

  it('--map overrides and settles; a bad map names the file and key', async () => {
    const one = [{ ...v1Lines[0]!, nl: v1Lines[0]!.my_newsletter! }];
    delete (one[0] as V1).my_newsletter;
    const v1f = await file('v1-one.ndjson', ndjson(one));
    const v2f = await file('v2-one.ndjson', ndjson([v2Lines[0]]));
    const amb = await runQwh(['diff-payload', v1f, v2f, '--json']);
    expect(field(json(amb.stdout), 'nl').class).toBe('ambiguous');
    const map = await file('map.yaml', 'nl: optins[variable=my_newsletter].response\n');
    const settled = await runQwh(['diff-payload', v1f, v2f, '--map', map, '--json']);
    expect(field(json(settled.stdout), 'nl')).toMatchObject({
      class: 'moved',
      methods: ['map', 'value'],
    });
    const bad = await file('bad-map.json', '{"nl": "optins[variable=x"}');
    const r = await runQwh(['diff-payload', v1f, v2f, '--map', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad} › nl: not a 2.0 path`);
    expect(r.stdout).toBe('');
  });

  it('takes diff settings from the config file', async () => {
    const dir = join(t.dir, 'cfg');
    await mkdir(dir);
    await writeFile(
      join(dir, 'qwh.config.json'),
      JSON.stringify({ diff: { failOn: 'moved', format: 'json' } }),
    );
    const r = await runQwh(['diff-payload', V1_FILE, V2_FILE], { cwd: dir });
    expect(r.code).toBe(1);
    expect(json(r.stdout).failOn).toBe('moved');
  });

  it('usage errors exit 2', async () => {
    const one = await runQwh(['diff-payload', V1_FILE]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain(MESSAGES.diff.needBoth);
    expect((await runQwh(['diff-payload', '-', '-'])).stderr).toContain(MESSAGES.diff.twoStdin);
    const missing = await runQwh(['diff-payload', join(t.dir, 'nope.ndjson'), V2_FILE]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect((await runQwh(['diff-payload', V1_FILE, V2_FILE, '--format', 'xml'])).code).toBe(2);
    expect((await runQwh(['diff-payload', '/dev/zero', V2_FILE])).stderr).toContain(
      'character device',
    );
    const empty = await file('empty.ndjson', '\n\n');
    expect((await runQwh(['diff-payload', empty, V2_FILE])).stderr).toContain(
      MESSAGES.diff.noPayloads(empty),
    );
  });
});

describe('qwh diff-payload on invalid and hostile input', () => {
  it('an invalid NDJSON record exits 2 naming file and line; --skip-invalid counts it', async () => {
    const lines = ndjson(v2Lines.slice(0, 5)).split('\n');
    lines.splice(2, 0, '{"id": "7E57", broken');
    const bad = await file('v2-bad.ndjson', lines.join('\n'));
    const r = await runQwh(['diff-payload', V1_FILE, bad, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${bad}:3: invalid JSON`);
    expect(r.stderr).toContain('--skip-invalid');
    expect(r.stdout).toBe('');
    const s = await runQwh(['diff-payload', V1_FILE, bad, '--json', '--skip-invalid']);
    expect(s.code).toBe(0);
    const doc = json(s.stdout);
    expect(doc.inputs.v2).toMatchObject({ payloads: 5, invalid: 1 });
    expect(doc.inputs.v2.invalidExamples[0]!.where).toBe(`${bad}:3`);
    expect(s.stderr).toContain('skipped 1 invalid record');
  });

  it('a JSON document with a syntax error names line and column', async () => {
    const bad = await file('broken.json', '{\n  "id": "x",\n  "form": [\n}\n');
    const r = await runQwh(['diff-payload', V1_FILE, bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[.]/g, '\\.')}:4:1: invalid JSON`));
  });

  it('skips a 50 MB line without holding it, plus deep nesting and invalid UTF-8; __proto__ stays data', async () => {
    const good = v2Lines.slice(0, 3).map((v) => Buffer.from(JSON.stringify(v) + '\n'));
    const huge = Buffer.alloc(50 * 1024 * 1024, 0x61);
    const deep = Buffer.from(`{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}\n`);
    const badUtf8 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d, 0x0a]);
    // Written as text: an object literal's __proto__ would set the prototype, not a key.
    const proto = Buffer.from(
      JSON.stringify(v2Lines[3]).slice(0, -1) +
        ',"__proto__":{"polluted":"yes"},"constructor":{"prototype":1}}\n',
    );
    const bigString = Buffer.from(
      JSON.stringify({ ...v2Lines[4], note: 'x'.repeat(5_000_000) }) + '\n',
    );
    const hostile = await file(
      'hostile.ndjson',
      Buffer.concat([
        good[0]!,
        huge,
        Buffer.from('\n'),
        good[1]!,
        deep,
        badUtf8,
        proto,
        bigString,
        good[2]!,
      ]),
    );
    const stop = await runQwh(['diff-payload', V1_FILE, hostile]);
    expect(stop.code).toBe(2);
    expect(stop.stderr).toContain(
      `${hostile}:2: ${MESSAGES.diff.lineTooLong(huge.length, 8 * 1024 * 1024)}`,
    );

    const r = await runQwh(['diff-payload', V1_FILE, hostile, '--skip-invalid', '--json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc.inputs.v2).toMatchObject({ payloads: 5, invalid: 3 });
    expect(doc.inputs.v2.invalidExamples).toEqual([
      { where: `${hostile}:2`, reason: MESSAGES.diff.lineTooLong(huge.length, 8 * 1024 * 1024) },
      { where: `${hostile}:4`, reason: 'nesting deeper than 64 levels' },
      { where: `${hostile}:5`, reason: MESSAGES.diff.invalidUtf8(6) },
    ]);
    const added = doc.added.map((a) => a.v2Path);
    expect(added).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'note']));
    const note = doc.added.find((a) => a.v2Path === 'note')!;
    expect(String(note.examples[0]).length).toBeLessThanOrEqual(40);
    expect(field(doc, 'email').v2Path).toBe('form[variable=email].responses[0].value');
  });
});

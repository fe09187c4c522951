import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../src/adapters/adapter-runner.js';
import type { PayloadEvent } from '../../src/contracts/index.js';
import type { AdapterLanguage } from '../../src/core/adapter/index.js';
import { stripAdapterTypes } from '../../src/core/adapter/index.js';
import { ADAPTER_ERROR_KEY, type ParityReport } from '../../src/core/adapter/parity.js';
import { generateSample } from '../../src/core/sample/generate.js';
import { isUserError } from '../../src/core/errors.js';
import { MESSAGES } from '../../src/messages/index.js';
import { runDiffWithEmits, type EmitRequest } from '../../src/services/adapter-emit.js';
import { runAdapterTest } from '../../src/services/adapter-test.js';
import type { DiffSource } from '../../src/services/diff-payload.js';
import { silentLogger } from '../../src/ui/logger.js';
import { tempDir } from '../helpers/bin.js';

/** The bundled samples, as `qwh sample --version 1|2 --count 30` prints them (same seeds). */
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);
const PAIRS = SEEDS.map((s) => generateSample(s));
const V1 = PAIRS.map((p) => p.v1);
const V2 = PAIRS.map((p) => p.v2);

const source = (label: string, rows: readonly unknown[]): DiffSource => ({
  label,
  events: rows.map((value, i): PayloadEvent => ({
    kind: 'record',
    value,
    where: `${label}:${i + 1}`,
  })),
});

const has = (cmd: string): boolean => spawnSync(cmd, ['--version']).status === 0;
const RUNTIMES: Record<AdapterLanguage, boolean> = {
  js: true,
  ts: true,
  python: has('python3'),
  jq: has('jq'),
};
const EXT: Record<AdapterLanguage, string> = { js: 'js', ts: 'ts', python: 'py', jq: 'jq' };

let t: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  t = await tempDir('qwh-adapter-');
});
afterAll(async () => t.cleanup());

/** Runs diff-payload's generators in-process; returns every file they wrote. */
async function emit(
  emitReq: EmitRequest,
  opts: {
    map?: Map<string, string | null>;
    v1?: unknown[];
    v2?: unknown[];
    labels?: [string, string];
  } = {},
): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  const [l1, l2] = opts.labels ?? ['v1.ndjson', 'v2.ndjson'];
  await runDiffWithEmits(
    {
      v1: source(l1, opts.v1 ?? V1),
      v2: source(l2, opts.v2 ?? V2),
      failOn: 'none',
      skipInvalid: false,
      ...(opts.map ? { map: opts.map } : {}),
    },
    emitReq,
    { logger: silentLogger, version: '9.9.9', write: async (f, text) => void written.set(f, text) },
  );
  return written;
}

async function adapterFile(
  lang: AdapterLanguage,
  map?: Map<string, string | null>,
): Promise<string> {
  const out = `adapter-${lang}-${map ? 'map' : 'plain'}.${EXT[lang]}`;
  const text = (await emit({ adapter: { lang, out } }, map ? { map } : {})).get(out)!;
  const file = join(t.dir, out);
  await writeFile(file, text);
  return file;
}

async function parity(
  file: string,
  lang: AdapterLanguage,
  v1: readonly unknown[] = V1,
  v2: readonly unknown[] = V2,
): Promise<ParityReport> {
  const run = await loadAdapter(t.dir, file, lang, process.env);
  return runAdapterTest(
    {
      adapter: { file: 'adapter', language: lang, run },
      v1: source('v1.ndjson', v1),
      v2: source('v2.ndjson', v2),
    },
    { logger: silentLogger },
  );
}

describe('generated adapters reach parity on the bundled samples', () => {
  for (const lang of ['js', 'ts', 'python', 'jq'] as const) {
    it.skipIf(!RUNTIMES[lang])(
      `${lang}${RUNTIMES[lang] ? '' : ' (runtime absent: skipped)'}: 30/30 pairs identical`,
      async () => {
        const r = await parity(await adapterFile(lang), lang);
        expect(r.fields).toEqual([]);
        expect(r).toMatchObject({ ok: true, pairs: 30, identical: 30 });
      },
    );
  }
});

describe('what the generator emits', () => {
  it('is byte-identical across runs, and the JS is exactly the TS minus its types', async () => {
    for (const lang of ['js', 'ts', 'python', 'jq'] as const) {
      const a = (await emit({ adapter: { lang, out: 'x' } })).get('x');
      const b = (await emit({ adapter: { lang, out: 'x' } })).get('x');
      expect(a).toBe(b);
    }
    const js = (await emit({ adapter: { lang: 'js', out: 'x' } })).get('x')!;
    const ts = (await emit({ adapter: { lang: 'ts', out: 'x' } })).get('x')!;
    expect(ts).toContain('export function toV1(p: unknown): V1Record {');
    expect(stripAdapterTypes(ts)).toBe(js);
  });

  it('reads each 1.0 field with the conversion the captures show, one line per field', async () => {
    const js = (await emit({ adapter: { lang: 'js', out: 'x' } })).get('x')!;
    expect(js).toContain('campaign_id: text(at(p, ["campaign", "id"])), // campaign.id');
    expect(js).toContain(
      'participation_date: date(at(p, ["startedAt"]), "YYYY-MM-DD HH:mm:ss", 0)',
    );
    // A file upload is read from file.path [doc]; a choice from its code, as 1.0 sent it.
    expect(js).toContain(
      'photo: at(p, ["form", {"variable": "photo"}, "responses", 0, "file", "path"])',
    );
    expect(js).toContain(
      'gender: at(p, ["form", {"variable": "gender"}, "responses", 0, "value"])',
    );
    expect(js).toContain(
      'my_newsletter: at(p, ["optins", {"variable": "my_newsletter"}, "response"])',
    );
    expect(js).toMatch(/^\/\/ Generated by qwh 9\.9\.9 /m);
    expect(js).toMatch(/^\/\/ 1\.0 captures: v1\.ndjson \(30 payloads\)$/m);
  });

  it('holds no captured value, no secret and no absolute path', async () => {
    const SECRET = 'sk_live_9f8e7d6c5b4a';
    const v1 = V1.map((r) => ({ ...r, api_token: SECRET }));
    const v2 = V2.map((r) => ({ ...r, token: SECRET }));
    const labels: [string, string] = [
      join(t.dir, 'caps', 'v1.ndjson'),
      join(t.dir, 'caps', 'v2.ndjson'),
    ];
    for (const lang of ['js', 'ts', 'python', 'jq'] as const) {
      const text = (await emit({ adapter: { lang, out: 'x' } }, { v1, v2, labels })).get('x')!;
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(t.dir);
      expect(text).toContain('v1.ndjson');
      // The account's own website identity is the one table learned from values (the fallback
      // for a 2.0 payload without website.id): it appears on that table's line and nowhere else.
      const identity = new Set(V1.flatMap((r) => [r!.website_id!, r!.website_name!]));
      const lines = text.split('\n');
      const table = /^(const |_|def _)(WEBSITE_IDS_BY_NAME|website_ids_by_name)\b/i;
      for (const v of identity)
        for (const l of lines.filter((x) => x.includes(v)))
          expect(l, `${lang}: ${v}`).toMatch(table);
      // With the identity values taken out of the table, no other captured value is anywhere.
      const scrubbed = lines
        .map((l) =>
          table.test(l)
            ? [...identity].reduce((x, v) => x.split(JSON.stringify(v)).join('""'), l)
            : l,
        )
        .join('\n');
      for (const r of V1)
        for (const [k, v] of Object.entries(r!))
          if (v.length >= 4 && k !== 'my_newsletter')
            expect(scrubbed, `${lang}: ${k}`).not.toContain(v);
    }
  });

  it('gives a field with no 2.0 counterpart an explicit no-value line with its reason', async () => {
    const v1 = V1.map((r) => ({ ...r, legacy_code: 'L-1' }));
    const files = await emit({ adapter: { lang: 'js', out: 'a' } }, { v1 });
    expect(files.get('a')).toMatch(
      /^ {4}legacy_code: undefined, \/\/ no 2\.0 counterpart \(removed\)/m,
    );
    const py = (await emit({ adapter: { lang: 'python', out: 'a' } }, { v1 })).get('a')!;
    expect(py).toMatch(/^ {8}"legacy_code": None, {2}# no 2\.0 counterpart/m);
    const jq = (await emit({ adapter: { lang: 'jq', out: 'a' } }, { v1 })).get('a')!;
    expect(jq).toMatch(/^ {2}"legacy_code": null,? {2}# no 2\.0 counterpart/m);
  });
});

/**
 * Captures unlike the samples, as a real 1.0 may have sent them: the date as "DD/MM/YYYY HH:mm"
 * in UTC+1, the campaign id as a number (2.0: text), opt-ins as "yes"/"no", a file upload with
 * no value [doc], and "" for a form field 2.0 leaves out.
 */
function otherCaptures(): { v1: unknown[]; v2: unknown[] } {
  const v1: unknown[] = [];
  const v2: unknown[] = [];
  PAIRS.forEach(({ v1: a, v2: b }, i) => {
    const one = { ...a! } as Record<string, unknown>;
    const two = structuredClone(b);
    const d = new Date(Date.parse(two.startedAt) + 60 * 60_000);
    const p2 = (n: number): string => String(n).padStart(2, '0');
    one.participation_date = `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
    (two.campaign as { id: unknown }).id = String(two.campaign.id);
    one.campaign_id = Number(a!.campaign_id);
    one.my_newsletter = a!.my_newsletter === '1' ? 'yes' : 'no';
    const photo = two.form.find((f) => f.variable === 'photo')!;
    delete (photo.responses[0] as { value?: string }).value;
    if (i % 2 === 1) {
      two.form = two.form.filter((f) => f.variable !== 'dog_name');
      one.dog_name = '';
    }
    v1.push(one);
    v2.push(two);
  });
  return { v1, v2 };
}

describe('captures unlike the samples', () => {
  const caps = otherCaptures();
  it('the generator reads the conversions off the captures', async () => {
    const js = (await emit({ adapter: { lang: 'js', out: 'x' } }, caps)).get('x')!;
    expect(js).toContain('participation_date: date(at(p, ["startedAt"]), "DD/MM/YYYY HH:mm", 60)');
    expect(js).toContain('campaign_id: num(at(p, ["campaign", "id"]))');
    expect(js).toContain(
      'my_newsletter: code(at(p, ["optins", {"variable": "my_newsletter"}, "response"]), {"0": "no", "1": "yes"})',
    );
    expect(js).toContain(
      'photo: at(p, ["form", {"variable": "photo"}, "responses", 0, "file", "path"])',
    );
    expect(js).toContain(
      'dog_name: orEmpty(at(p, ["form", {"variable": "dog_name"}, "responses", 0, "value"]))',
    );
  });
  for (const lang of ['js', 'ts', 'python', 'jq'] as const) {
    it.skipIf(!RUNTIMES[lang])(`${lang}: every helper reproduces them (30/30)`, async () => {
      const out = `other.${EXT[lang]}`;
      const file = join(t.dir, out);
      await writeFile(file, (await emit({ adapter: { lang, out } }, caps)).get(out)!);
      const r = await parity(file, lang, caps.v1, caps.v2);
      expect(r.fields).toEqual([]);
      expect(r.identical).toBe(30);
    });
  }
});

describe('--map and parity', () => {
  it('an override changes the emitted accessor, and parity follows it', async () => {
    const map = new Map([['photo', 'form[7].responses[0].file.path']]);
    const file = await adapterFile('js', map);
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(file, 'utf8');
    expect(text).toContain(
      'photo: at(p, ["form", 7, "responses", 0, "file", "path"]), // form[7].responses[0].file.path · found by your --map',
    );
    expect((await parity(file, 'js')).ok).toBe(true);
    // Mapped to a path 2.0 never carries (a file upload has no value [doc]), parity says so.
    const none = await adapterFile(
      'js',
      new Map([['photo', 'form[variable=photo].responses[0].value']]),
    );
    const r = await parity(none, 'js');
    expect(r.fields.map((f) => [f.key, f.pairs])).toEqual([['photo', 30]]);
  });

  for (const lang of ['js', 'python', 'jq'] as const) {
    it.skipIf(!RUNTIMES[lang])(
      `${lang}: a wrong entry fails, naming the field and a pair`,
      async () => {
        const map = new Map([['campaign_id', 'campaign.channel.website.id']]);
        const r = await parity(await adapterFile(lang, map), lang);
        expect(r.ok).toBe(false);
        expect(r.fields.map((f) => f.key)).toEqual(['campaign_id']);
        expect(r.fields[0]!.examples[0]).toMatchObject({ v1: 'v1.ndjson:1', v2: 'v2.ndjson:1' });
        expect(r.fields[0]!.examples[0]!.expected).toBe(JSON.stringify(V1[0]!.campaign_id));
        expect(r.fields[0]!.examples[0]!.got).toBe(String(V2[0]!.campaign.channel.website.id));
      },
    );
  }

  it('values shown for a differing personal field are masked', async () => {
    const map = new Map([['lastname', 'form[variable=firstname].responses[0].value']]);
    const r = await parity(await adapterFile('js', map), 'js');
    const e = r.fields.find((f) => f.key === 'lastname')!.examples[0]!;
    expect(e.expected).toBe('"q•••"');
    expect(e.got).toMatch(/^"\p{L}•••"$/u);
  });
});

describe('a website id absent from 2.0 (the published example has none)', () => {
  it('is read by website name from a table learned from the pairs, in every language', async () => {
    expect(V2.some((p) => p.campaign.channel.website.id === undefined)).toBe(true);
    const js = (await emit({ adapter: { lang: 'js', out: 'x' } })).get('x')!;
    expect(js).toContain(
      'website_id: or(text(at(p, ["campaign", "channel", "website", "id"])), lookup(at(p, ["campaign", "channel", "website", "name"]), WEBSITE_IDS_BY_NAME)), //',
    );
    expect(js).toMatch(
      /^\/\/ WEBSITE_IDS_BY_NAME: website ids by website name, seen in 30 pairs of the captures; a website not seen here gives undefined — add it\./m,
    );
    expect(js).toContain(
      'const WEBSITE_IDS_BY_NAME = {"qwh test site FR": "990002", "qwh test website": "990001"};',
    );
    const py = (await emit({ adapter: { lang: 'python', out: 'x' } })).get('x')!;
    expect(py).toMatch(/^_WEBSITE_IDS_BY_NAME = \{"qwh test site FR": "990002", /m);
    expect(py).toMatch(/gives None — add it\./);
    const jq = (await emit({ adapter: { lang: 'jq', out: 'x' } })).get('x')!;
    expect(jq).toMatch(/^def _website_ids_by_name: \{"qwh test site FR": "990002", /m);
    expect(jq).toMatch(/gives null — add it\./);
  });

  /** Pair 3 of the samples on a website the captures never showed, without website.id. */
  function unseenWebsite(): { v1: unknown[]; v2: unknown[] } {
    const v1 = V1.map((r) => ({ ...r! }));
    const v2 = V2.map((p) => structuredClone(p));
    const w = v2[2]!.campaign.channel as { website: Record<string, unknown> };
    w.website = { name: 'qwh test site NL', domain: 'nl.qwh-test.example', country: 'NL' };
    v1[2]!.website_id = '990003';
    v1[2]!.website_name = 'qwh test site NL';
    return { v1, v2 };
  }

  for (const lang of ['js', 'ts', 'python', 'jq'] as const) {
    it.skipIf(!RUNTIMES[lang])(
      `${lang}: a website not in the table is website_id on that pair, not a crash`,
      async () => {
        const caps = unseenWebsite();
        const r = await parity(await adapterFile(lang), lang, caps.v1, caps.v2);
        expect(r).toMatchObject({ ok: false, pairs: 30, identical: 29 });
        expect(r.fields.map((f) => [f.key, f.pairs])).toEqual([['website_id', 1]]);
        expect(r.fields[0]!.examples[0]).toMatchObject({
          v1: 'v1.ndjson:3',
          v2: 'v2.ndjson:3',
          expected: '"990003"',
          got: MESSAGES.adapter.noValue,
        });
      },
    );
  }
});

describe('adapter runtimes', () => {
  it('a missing runtime is exit 2 with the install hint', async () => {
    const file = join(t.dir, 'none.py');
    await writeFile(file, 'def to_v1(p):\n    return {}\n');
    const run = await loadAdapter(t.dir, file, 'python', { PATH: join(t.dir, 'no-bin') });
    const e: unknown = await run([{}]).catch((x: unknown) => x);
    expect(isUserError(e) && e.exitCode).toBe(2);
    expect((e as Error).message).toBe(MESSAGES.adapter.runtimeMissing('python3', 'python'));
  });

  it('an adapter that throws on a payload is a difference on that pair, not a crash', async () => {
    const file = join(t.dir, 'throws.js');
    await writeFile(file, 'export function toV1() { throw new Error("boom"); }\n');
    const r = await parity(file, 'js', V1.slice(0, 2), V2.slice(0, 2));
    expect(r.ok).toBe(false);
    const thrown = r.fields.find((f) => f.key === ADAPTER_ERROR_KEY)!;
    expect(thrown.pairs).toBe(2);
    expect(thrown.examples[0]!.got).toBe('Error: boom');
  });
});

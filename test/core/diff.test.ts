import { describe, expect, it } from 'vitest';
import { V1_KEYS } from '../../src/core/assumptions.js';
import { flattenRecord } from '../../src/core/diff/flatten.js';
import { displayValue, maskRecord } from '../../src/core/diff/mask.js';
import { normalizeValue } from '../../src/core/diff/pairing.js';
import {
  formatShapePath,
  parseShapePath,
  toAccessor,
  toJsonPath,
} from '../../src/core/diff/paths.js';
import { parseMap, parseRules, type RuleField } from '../../src/core/diff/rules.js';
import { DiffSession, type DiffReport } from '../../src/core/diff/session.js';
import type { FailOn, FieldFinding } from '../../src/core/diff/classify.js';
import { LineSplitter } from '../../src/core/input/lines.js';
import { generateSample } from '../../src/core/sample/generate.js';

const SEEDS = Array.from({ length: 50 }, (_, i) => i + 1);
const INPUTS = {
  v1: { source: 'v1', invalid: 0, invalidExamples: [] },
  v2: { source: 'v2', invalid: 0, invalidExamples: [] },
};

type V1 = Record<string, string>;
type V2 = ReturnType<typeof generateSample>['v2'];

function diff(
  v1s: readonly unknown[],
  v2s: readonly unknown[],
  opts: { map?: Map<string, string | null>; rules?: RuleField[]; failOn?: FailOn } = {},
): DiffReport {
  const s = new DiffSession();
  for (const v of v1s) expect(s.addV1(v)).toBeUndefined();
  for (const v of v2s) expect(s.addV2(v)).toBeUndefined();
  return s.finish({
    failOn: opts.failOn ?? 'none',
    inputs: INPUTS,
    map: opts.map,
    rules: opts.rules,
  }).report;
}

function field(r: DiffReport, v1Path: string): FieldFinding {
  const f = r.fields.find((x) => x.v1Path === v1Path);
  if (!f) throw new Error(`no finding for ${v1Path}`);
  return f;
}

const pairs = SEEDS.map((s) => generateSample(s));
const v1s = pairs.map((p) => p.v1!);
const v2s = pairs.map((p) => p.v2);
const sample = pairs[0]!.v2;

describe('shape paths', () => {
  it.each([
    'form[variable=email].responses[0].value',
    'optins[variable=my_newsletter].categories[].parent.id',
    'a["odd key"].b',
    'form[variable="odd ]var"].responses[0].value',
    'form[variable=*].label',
    '__proto__.x',
    '["odd\\"key"][3][]',
  ])('%s parses and formats back identically', (p) => {
    expect(formatShapePath(parseShapePath(p))).toBe(p);
  });
  it('refuses text that is not a path', () => {
    expect(() => parseShapePath('form[variable=email')).toThrow();
    expect(() => parseShapePath('form..x')).toThrow();
    expect(() => parseShapePath('a[x]')).toThrow();
  });
  it('gives the JSONPath and the JavaScript accessor of the issue', () => {
    const segs = parseShapePath('form[variable=email].responses[0].value');
    expect(toJsonPath(segs)).toBe("$.form[?(@.variable=='email')].responses[0].value");
    expect(toAccessor(segs)).toBe(
      "p.form.find((f) => f.variable === 'email')?.responses[0]?.value",
    );
  });
  it('accessors evaluate to the value in a real payload', () => {
    for (const [path, expected] of [
      ['form[variable=email].responses[0].value', sample.form[2]!.responses[0]!.value],
      ['optins[variable=partner_offers].response', sample.optins[1]!.response],
      ['campaign.channel.website.id', sample.campaign.channel.website.id],
      ['campaign.themes[].code', ['QWH_TEST']],
      ['form[variable=nope].responses[0].value', undefined],
    ] as const) {
      const fn = new Function('p', `return ${toAccessor(parseShapePath(path))};`) as (
        p: unknown,
      ) => unknown;
      expect(fn(sample)).toEqual(expected);
    }
  });
  it('escapes quotes in accessors and JSONPath', () => {
    const segs = parseShapePath(`form[variable="it's"].response`);
    expect(toAccessor(segs)).toBe("p.form.find((f) => f.variable === 'it\\'s')?.response");
    expect(toJsonPath(segs)).toBe("$.form[?(@.variable=='it\\'s')].response");
  });
});

describe('flattenRecord', () => {
  it('keys arrays of objects by variable, keeps response positions, merges other arrays', () => {
    const r = flattenRecord(sample);
    if (!r.ok) throw new Error(r.reason);
    const paths = new Set(r.entries.map((e) => e.path));
    expect(paths).toContain('form[variable=email].responses[0].value');
    expect(paths).toContain('optins[variable=my_newsletter].categories[].technicalName');
    expect(paths).toContain('questionnaire[variable=q_flavours].responses[1].score');
    expect(paths).toContain('campaign.themes[].code');
  });
  it('reads __proto__ and constructor keys as data, polluting nothing', () => {
    const v = JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"a":1}');
    const r = flattenRecord(v);
    if (!r.ok) throw new Error(r.reason);
    expect(r.entries.map((e) => e.path)).toEqual(
      expect.arrayContaining(['__proto__', '__proto__.polluted', 'constructor.prototype.x']),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('refuses deep nesting and non-objects without recursion', () => {
    const deep = JSON.parse('{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}');
    const r = flattenRecord(deep);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('nesting deeper than 64');
    const arr = flattenRecord([1, 2]);
    expect(arr.ok).toBe(false);
  });
  it('cuts hostile keys so paths stay small', () => {
    const r = flattenRecord({ ['k'.repeat(100_000)]: 1 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.entries[0]!.path.length).toBeLessThan(200);
  });
});

describe('normalizeValue', () => {
  it('equates numbers and numeric text, trims, and reduces date-times to seconds', () => {
    expect(normalizeValue(' 9900101 ')).toBe(normalizeValue(9900101));
    expect(normalizeValue('2026-01-12 02:03:42')).toBe(normalizeValue('2026-01-12T02:03:42.289Z'));
    expect(normalizeValue('')).toBeUndefined();
    expect(normalizeValue(null)).toBeUndefined();
    expect(normalizeValue(true)).not.toBe(normalizeValue('1'));
    expect(normalizeValue('007')).toBe('007');
  });
});

describe('personal data masking', () => {
  it('masks e-mails, phones, names and birth dates, not ordinary values', () => {
    expect(displayValue('email', 'qwh.test+abc@example.com')).toBe('q•••@•••.com');
    expect(displayValue('x', 'someone@example.org')).toBe('s•••@•••.org');
    expect(displayValue('mobile', '+32 470 12 34 56')).toBe('•••56');
    expect(displayValue('note', '+32 470 12 34 56')).toBe('•••56');
    expect(displayValue('form[variable=lastname].responses[0].value', 'Dupont')).toBe('D•••');
    expect(displayValue('firstname', 'Zoë')).toBe('Z•••');
    expect(displayValue('birthdate', '1994-01-27')).toBe('•••');
    expect(displayValue('form[variable=lastname].label', 'Last name')).toBe('Last name');
    expect(displayValue('campaign.name', 'Summer quiz')).toBe('Summer quiz');
    expect(displayValue('campaign_id', '9900101')).toBe('9900101');
  });
  it('maskRecord masks a whole payload and keeps __proto__ as a data key', () => {
    const masked = maskRecord(JSON.parse('{"email":"a@b.co","__proto__":{"x":"y"},"dog":"Rex"}'));
    const text = JSON.stringify(masked);
    expect(text).toContain('"email":"a•••@•••.co"');
    expect(text).toContain('"__proto__":{"x":"y"}');
    expect(text).toContain('"dog":"Rex"');
  });
});

describe('LineSplitter', () => {
  const split = (chunks: string[], max = 100) => {
    const s = new LineSplitter(max);
    const out: Array<string | number> = [];
    const take = (ev: { bytes?: Uint8Array; tooLong?: number }) =>
      out.push(ev.bytes ? Buffer.from(ev.bytes).toString() : ev.tooLong!);
    for (const c of chunks) for (const ev of s.push(Buffer.from(c))) take(ev);
    for (const ev of s.end()) take(ev);
    return out;
  };
  it('splits across chunks and keeps a last line without newline', () => {
    expect(split(['{"a"', ':1}\n{"b":2}\r\n', '\n{"c"', ':3}'])).toEqual([
      '{"a":1}',
      '{"b":2}\r',
      '',
      '{"c":3}',
    ]);
  });
  it('skips a line over the cap, reporting only its length, and goes on', () => {
    expect(
      split(['ok\n', 'x'.repeat(60), 'x'.repeat(60), 'y'.repeat(500), '\nnext\n'], 100),
    ).toEqual(['ok', 620, 'next']);
  });
});

describe('rules and map files', () => {
  it('accepts a list or { fields }; a field listed twice is an error, not merged', () => {
    const r = parseRules(['email', { field: 'campaign_id', type: 'number', required: true }]);
    expect(r.ok && r.value).toEqual([
      { field: 'email' },
      { field: 'campaign_id', type: 'number', required: true },
    ]);
    expect(parseRules(['email', 'campaign_id', 'email']).ok).toBe(false);
    expect(parseRules({ fields: ['a'] }).ok).toBe(true);
  });
  it('names what is wrong', () => {
    const r = parseRules([{ field: 'x', type: 'text' }]);
    expect(r.ok).toBe(false);
    const m = parseMap({ email: 'form[variable=email' });
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.problems[0]!.path).toEqual(['email']);
    const ok = parseMap({ map: { email: 'form[variable=email].responses[0].value', old: null } });
    expect(ok.ok && [...ok.value]).toEqual([
      ['email', 'form[variable=email].responses[0].value'],
      ['old', null],
    ]);
  });
});

describe('diff of paired samples, seeds 1–50 (acceptance)', () => {
  const r = diff(v1s, v2s);
  // A FILE UPLOAD answer is only { file } [doc]: it has its own case below.
  const formVars = sample.form.filter((f) => f.type !== 'FILE UPLOAD').map((f) => f.variable);
  const optinVars = sample.optins.map((o) => o.variable);

  it('pairs every capture by participation id', () => {
    expect(r.pairing).toMatchObject({ pairs: 50, v1WithId: 50, v2WithId: 50, mode: 'paired' });
  });
  it.each(formVars)('form field %s is moved to form[variable=…].responses[0].value', (v) => {
    const f = field(r, v);
    expect(f.class).toBe('moved');
    expect(f.v2Path).toBe(`form[variable=${v}].responses[0].value`);
    expect(f.jsonPath).toBe(`$.form[?(@.variable=='${v}')].responses[0].value`);
    expect(f.accessor).toBe(`p.form.find((f) => f.variable === '${v}')?.responses[0]?.value`);
    expect(f.methods).toEqual(['variable', 'value']);
    expect(f.confidenceLevel).toBe('high');
  });
  it.each(optinVars)('opt-in %s is moved to optins[variable=…].response', (v) => {
    const f = field(r, v);
    expect(f.class).toBe('moved');
    expect(f.v2Path).toBe(`optins[variable=${v}].response`);
  });
  it.each([
    [V1_KEYS.participationId, 'id', 'moved'],
    [V1_KEYS.participationDate, 'startedAt', 'moved'],
    [V1_KEYS.campaignId, 'campaign.id', 'type-changed'],
    [V1_KEYS.campaignTitle, 'campaign.name', 'moved'],
    [V1_KEYS.websiteId, 'campaign.channel.website.id', 'type-changed'],
    [V1_KEYS.websiteName, 'campaign.channel.website.name', 'moved'],
  ])('%s → %s (%s)', (v1, v2, cls) => {
    const f = field(r, v1);
    expect(f.v2Path).toBe(v2);
    expect(f.class).toBe(cls);
    expect(f.methods).toContain('known');
    if (cls === 'type-changed') {
      expect(f.typeChange).toEqual({ from: ['string'], to: ['number'], compatible: true });
      expect(f.breaking).toBe(false);
    }
  });
  it('nothing is mis-paired: exactly the 1.0 keys, each to its own 2.0 path', () => {
    expect(r.fields.map((f) => f.v1Path).sort()).toEqual(Object.keys(v1s[0]!).sort());
    const targets = r.fields.map((f) => f.v2Path);
    expect(new Set(targets).size).toBe(targets.length);
    expect(r.summary).toMatchObject({
      removed: 0,
      ambiguous: 0,
      breaking: 0,
      moved: 14,
      typeChanged: 2,
    });
  });
  it('the file upload (a response with only { file }) maps to .responses[0].file.path', () => {
    const f = field(r, 'photo');
    expect(f.class).toBe('moved');
    expect(f.v2Path).toBe('form[variable=photo].responses[0].file.path');
    expect(f.methods).toEqual(['variable', 'value']);
    expect(f.confidenceLevel).toBe('high');
  });
  it('notes the date format and choice labels', () => {
    expect(field(r, V1_KEYS.participationDate).notes.map((n) => n.code)).toContain('date-format');
    expect(field(r, 'gender').notes.map((n) => n.code)).toContain('choice-label');
  });
  it('reports the questionnaire and opt-in categories as added', () => {
    const added = r.added.map((a) => a.v2Path);
    expect(added).toContain('questionnaire');
    expect(added).toContain('optins[variable=*].categories');
    expect(added).toContain('browser');
    expect(added).toContain('completedAt');
    for (const a of r.added) expect(a.severity).toBe('INFO');
    // Nothing that a 1.0 field leads to is also reported added.
    for (const f of r.fields) expect(added).not.toContain(f.v2Path);
  });
  it('masks personal data in examples', () => {
    expect(field(r, 'email').examples.v1.every((e) => String(e).includes('•••'))).toBe(true);
    expect(JSON.stringify(r)).not.toMatch(/qwh\.test\+[0-9a-f]+@example\.com/);
  });
  it('fail-on: breaking not met, moved and any met', () => {
    expect(diff(v1s, v2s, { failOn: 'breaking' }).failed).toBe(false);
    expect(diff(v1s, v2s, { failOn: 'moved' }).failed).toBe(true);
    expect(diff(v1s, v2s, { failOn: 'any' }).failed).toBe(true);
    expect(diff(v1s, v2s, { failOn: 'none' }).failed).toBe(false);
  });
});

describe('renamed, dropped, ambiguous and mapped fields', () => {
  const rename = (v: V1, from: string, to: string): V1 => {
    const out: V1 = {};
    for (const [k, x] of Object.entries(v)) out[k === from ? to : k] = x;
    return out;
  };
  const dropForm = (v: V2, variable: string): V2 => ({
    ...v,
    form: v.form.filter((f) => f.variable !== variable),
  });

  it('a renamed 1.0 key equal to no 2.0 variable is matched by value', () => {
    const r = diff(
      v1s.map((v) => rename(v, 'dog_name', 'pet')),
      v2s,
    );
    const f = field(r, 'pet');
    expect(f.class).toBe('moved');
    expect(f.v2Path).toBe('form[variable=dog_name].responses[0].value');
    expect(f.methods).toEqual(['value']);
    expect(f.confidenceLevel).toBe('high');
    // A renamed opt-in ("0"/"1" values) is still told apart from the other opt-in.
    const o = field(
      diff(
        v1s.map((v) => rename(v, 'my_newsletter', 'nl')),
        v2s,
      ),
      'nl',
    );
    expect(o.v2Path).toBe('optins[variable=my_newsletter].response');
  });
  it('a field dropped from the 2.0 captures is removed (breaking); with --rules it is ERR', () => {
    const v2Dropped = v2s.map((v) => dropForm(v, 'dog_name'));
    const r = diff(v1s, v2Dropped, { failOn: 'breaking' });
    const f = field(r, 'dog_name');
    expect(f).toMatchObject({ class: 'removed', breaking: true, severity: 'ERR' });
    expect(f.v2Path).toBeUndefined();
    expect(r.failed).toBe(true);
    const graded = diff(v1s, v2Dropped, {
      failOn: 'breaking',
      rules: [{ field: 'dog_name' }, { field: 'email' }],
    });
    expect(field(graded, 'dog_name').severity).toBe('ERR');
    expect(field(graded, 'email').severity).toBe('WARN');
    expect(field(graded, 'gender').severity).toBe('INFO');
    expect(graded.failed).toBe(true);
    // Not read by the rules: no ERR, so --fail-on breaking is not met.
    expect(diff(v1s, v2Dropped, { failOn: 'breaking', rules: [{ field: 'email' }] }).failed).toBe(
      false,
    );
  });
  it('a renamed opt-in with one pair ties several paths: ambiguous, listed; --map settles it', () => {
    const one = [rename(v1s[0]!, 'my_newsletter', 'nl')];
    const r = diff(one, [v2s[0]!]);
    const f = field(r, 'nl');
    expect(f.class).toBe('ambiguous');
    expect(f.candidates.length).toBeGreaterThan(1);
    expect(f.candidates.map((c) => c.v2Path)).toContain('optins[variable=my_newsletter].response');
    const mapped = diff(one, [v2s[0]!], {
      map: new Map([['nl', 'optins[variable=my_newsletter].response']]),
    });
    expect(field(mapped, 'nl')).toMatchObject({
      class: 'moved',
      v2Path: 'optins[variable=my_newsletter].response',
      confidence: 1,
    });
    expect(field(mapped, 'nl').methods[0]).toBe('map');
  });
  it('without participation ids, names still match (shapes only)', () => {
    const noIds = v1s.map((v) => {
      const { [V1_KEYS.participationId]: _drop, ...rest } = v;
      return rest;
    });
    const r = diff(noIds, v2s);
    expect(r.pairing.mode).toBe('shapes-only');
    expect(field(r, 'email')).toMatchObject({
      class: 'moved',
      methods: ['variable'],
      confidenceLevel: 'high',
    });
  });
  it('flags incompatible type changes and several responses as breaking', () => {
    const v1 = [{ participation_id: v2s[0]!.id, score: 'high', tags: 'a,b' }];
    const v2 = [
      {
        id: v2s[0]!.id,
        score: 7,
        form: [{ variable: 'tags', responses: [{ value: 'a' }, { value: 'b' }] }],
      },
    ];
    const r = diff(v1, v2, { map: new Map([['score', 'score']]) });
    expect(field(r, 'score')).toMatchObject({
      class: 'type-changed',
      breaking: true,
      typeChange: { from: ['string'], to: ['number'], compatible: false },
    });
    expect(field(r, 'tags')).toMatchObject({ class: 'type-changed', breaking: true });
    expect(field(r, 'tags').notes.map((n) => n.code)).toContain('several-responses');
  });
  it('rules: declared type and required are checked against 2.0', () => {
    const incomplete = generateSample(99, 'incomplete').v2;
    const r = diff(v1s, [...v2s, incomplete], {
      rules: [
        { field: 'campaign_id', type: 'string' },
        { field: 'website_id', type: 'number' },
        { field: 'gender', required: true },
        { field: 'fax' },
      ],
    });
    expect(field(r, 'campaign_id').severity).toBe('ERR');
    expect(field(r, 'campaign_id').notes.map((n) => n.code)).toContain('rule-type');
    expect(field(r, 'website_id').severity).toBe('WARN');
    expect(field(r, 'gender').severity).toBe('ERR');
    expect(field(r, 'gender').notes.map((n) => n.code)).toContain('rule-required');
    expect(r.rules).toEqual({ fields: 4, notSeen: ['fax'] });
  });
  it('unchanged when both sides carry the same path', () => {
    const r = diff(v2s.slice(0, 5), v2s.slice(0, 5));
    expect(field(r, 'form[variable=email].responses[0].value')).toMatchObject({
      class: 'unchanged',
      severity: 'INFO',
    });
    expect(r.summary.moved).toBe(0);
    expect(r.added.map((a) => a.v2Path)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildAccountData,
  maskAccountData,
  parseIdPair,
  parseRuleSpec,
  renderAccountFile,
  ruleSpec,
  schemaUrlFor,
  unnamedIds,
  urlHasCredentials,
  urlSecrets,
  validateAnswers,
  type InitAnswers,
} from '../../src/core/account/init.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';

const URL_WITH_CREDS = 'https://acme:s3cr3t-pass@hooks.acme.example/qualifio?token=tok-123456';

function answers(over: Partial<InitAnswers> = {}): InitAnswers {
  return {
    account: { id: 4321, name: 'Acme Media' },
    websites: [{ id: 1234, name: 'Acme News' }],
    masterForms: [],
    campaigns: [],
    webhooks: [
      { scope: 'account', url: URL_WITH_CREDS, origin: '--v1-url-env ACME' },
      {
        scope: { website: 1234 },
        url: 'https://hooks.acme.example/news',
        origin: '--website-webhook 1234=…',
      },
    ],
    rules: [
      { rule: { level: 'default', destination: 'main' }, origin: '--rule default:main' },
      {
        rule: { level: 'website', target: 1234, campaignMode: 'both', destination: 'website-1234' },
        origin: '--rule website:1234:both:website-1234',
      },
    ],
    ...over,
  };
}

describe('push-rule specs', () => {
  it.each([
    ['default:main', { level: 'default', destination: 'main' }],
    [
      'website:1234:both:website-1234',
      { level: 'website', target: 1234, campaignMode: 'both', destination: 'website-1234' },
    ],
    ['masterForm:77:hubspot', { level: 'masterForm', target: 77, destination: 'hubspot' }],
    ['master-form:77:hubspot', { level: 'masterForm', target: 77, destination: 'hubspot' }],
    ['campaign:99887:-', { level: 'campaign', target: 99887, destination: null }],
    [
      'Website:5:Identified:main',
      { level: 'website', target: 5, campaignMode: 'identified', destination: 'main' },
    ],
  ])('%s', (spec, rule) => {
    const r = parseRuleSpec(spec);
    expect(r).toEqual({ ok: true, rule });
    if (r.ok) expect(parseRuleSpec(ruleSpec(r.rule))).toEqual(r);
  });
  it.each([
    ['account:main', 'the level must be one of'],
    ['website:1234:main', 'a website rule is website:ID:MODE:DESTINATION'],
    ['website:1234:all:main', 'the campaign mode must be one of'],
    ['campaign:abc:main', 'is not an id'],
    ['campaign:0:main', 'is not an id'],
    ['campaign:99999999999999999999:main', 'is not an id'],
    ['default:', 'a default rule is default:DESTINATION'],
  ])('refuses %s', (spec, text) => {
    const r = parseRuleSpec(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(text);
  });
});

describe('ID=VALUE pairs', () => {
  it('splits at the first =', () => {
    expect(parseIdPair('1234=Acme = News')).toEqual({ ok: true, id: 1234, value: 'Acme = News' });
  });
  it.each(['1234', '=x', 'x=y', '1234='])('refuses %s', (s) => {
    expect(parseIdPair(s).ok).toBe(false);
  });
});

describe('URL credentials', () => {
  it('detects user:pass@ and token parameters, and lists their secret parts', () => {
    expect(urlHasCredentials(URL_WITH_CREDS)).toBe(true);
    expect(urlHasCredentials('https://hooks.example/q?token=abc')).toBe(true);
    expect(urlHasCredentials('https://hooks.example/q?page=2')).toBe(false);
    expect(urlSecrets(URL_WITH_CREDS)).toEqual(
      expect.arrayContaining(['s3cr3t-pass', 'tok-123456']),
    );
  });
});

describe('the account file init writes', () => {
  it('passes the checks of qwh check, and reads back to the same data (YAML and JSON)', () => {
    const data = buildAccountData(answers());
    for (const format of ['yaml', 'json'] as const) {
      const text = renderAccountFile(data, {
        format,
        schemaRef: schemaUrlFor('9.9.9'),
        header: ['a header line'],
      });
      const parsed = parseDocumentText(text, format, ACCOUNT_FILE_LIMITS);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const v = validateAccount(parsed.value);
      expect(v.ok).toBe(true);
      const { $schema, ...rest } = parsed.value as Record<string, unknown>;
      expect(rest).toEqual(data);
      if (format === 'yaml') {
        expect(text.split('\n')[0]).toBe(
          '# yaml-language-server: $schema=https://cdn.jsdelivr.net/npm/qwh@9.9.9/schema/account.schema.json',
        );
        expect($schema).toBeUndefined();
      } else expect($schema).toBe(schemaUrlFor('9.9.9'));
    }
  });
  it('keeps hostile names as data (quotes, #, colons, newlines cannot inject YAML)', () => {
    const name = 'Acme: "News" # not a comment\nversion: 2\n- [x]';
    const data = buildAccountData(answers({ account: { id: 1, name } }));
    const text = renderAccountFile(data, { format: 'yaml' });
    const parsed = parseDocumentText(text, 'yaml', ACCOUNT_FILE_LIMITS);
    expect(parsed.ok && (parsed.value as { account: { name: string } }).account.name).toBe(name);
  });
  it('masks every URL credential in the preview, and only there', () => {
    const data = buildAccountData(answers());
    const preview = renderAccountFile(maskAccountData(data), { format: 'yaml' });
    expect(preview).not.toContain('s3cr3t-pass');
    expect(preview).not.toContain('tok-123456');
    expect(preview).toContain('hooks.acme.example/qualifio');
    expect(renderAccountFile(data, { format: 'yaml' })).toContain(URL_WITH_CREDS);
  });
  it('reports problems by the flag they came from', () => {
    const a = answers({
      webhooks: [
        ...answers().webhooks,
        { scope: { website: 1234 }, url: 'https://x.example/', origin: '--website-webhook 1234=…' },
      ],
    });
    const { ok, lines } = validateAnswers(a);
    expect(ok).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^--website-webhook 1234=…: a second webhook 1.0 at scope website:1234/,
    );
  });
  it('finds ids that still need a name', () => {
    const a = answers({
      websites: [],
      rules: [{ rule: { level: 'campaign', target: 9, destination: null }, origin: '' }],
    });
    expect(unnamedIds(a)).toEqual({ websites: [1234], masterForms: [], campaigns: [9] });
  });
});

import { describe, expect, it } from 'vitest';
import { validateAccount } from '../../src/core/account/validate.js';
import { decodeUtf8, findInvalidUtf8 } from '../../src/core/input/decode.js';
import { lineColumn, scanJson } from '../../src/core/input/json-scan.js';
import { ACCOUNT_FILE_LIMITS } from '../../src/core/input/limits.js';
import { parseDocumentText } from '../../src/core/input/parse-document.js';
import { formatPath } from '../../src/core/path.js';
import { parseFormEncoded } from '../../src/core/payload/v1.js';
import { Redactor, maskUrl } from '../../src/core/redact.js';

describe('scanJson', () => {
  it('finds the offset of the first syntax error', () => {
    const text = '{\n  "a": [1, }\n}';
    const r = scanJson(text);
    expect(r.error).toBeDefined();
    expect(lineColumn(text, r.error!.offset)).toEqual({ line: 2, column: 12 });
  });
  it('reports duplicate keys with their path', () => {
    const r = scanJson('{"a":{"b":1,"b":2}}');
    expect(r.duplicates).toEqual([{ path: ['a'], key: 'b', offset: 12 }]);
  });
  it('stops at the depth limit without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(scanJson(deep, 64).error?.message).toMatch(/deeper than 64/);
  });
  it('accepts valid JSON of every kind', () => {
    expect(scanJson('{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"],"b":{}}')).toEqual({
      duplicates: [],
    });
  });
});

describe('decodeUtf8', () => {
  it('drops a UTF-8 BOM', () => {
    expect(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), 'f')).toBe('a');
  });
  it('refuses UTF-16 and invalid UTF-8 with the byte offset', () => {
    expect(() => decodeUtf8(Buffer.from([0xff, 0xfe, 0x61, 0]), 'f')).toThrow(/UTF-16/);
    expect(() => decodeUtf8(Buffer.from([0x61, 0x62, 0xc3, 0x28]), 'f')).toThrow(
      /invalid UTF-8 at byte 2/,
    );
    expect(findInvalidUtf8(Buffer.from('héllo 🎁'))).toBe(-1);
    expect(findInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
  });
});

describe('parseDocumentText', () => {
  it('gives line and column for YAML syntax errors', () => {
    const r = parseDocumentText('a: [1, 2\nb: 3\n', 'yaml', ACCOUNT_FILE_LIMITS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.line).toBeGreaterThan(0);
  });
  it('caps YAML alias expansion', () => {
    const bomb = [
      'a: &a [x,x,x,x,x,x,x,x,x]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    ].join('\n');
    const r = parseDocumentText(bomb, 'yaml', ACCOUNT_FILE_LIMITS);
    expect(r.ok).toBe(false);
  });
  it('refuses __proto__ and constructor keys without polluting', () => {
    for (const text of [
      '{"__proto__":{"polluted":1}}',
      '{"a":{"constructor":{"prototype":{"polluted":1}}}}',
    ]) {
      const r = parseDocumentText(text, 'json', ACCOUNT_FILE_LIMITS);
      expect(r.ok).toBe(false);
    }
    const y = parseDocumentText('__proto__: { polluted: 1 }\n', 'yaml', ACCOUNT_FILE_LIMITS);
    expect(y.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('treats a form-encoded __proto__ field as data', () => {
    const o = parseFormEncoded('__proto__=x&email=a%40example.com');
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__', 'email']);
  });
});

describe('validateAccount', () => {
  const base = {
    version: 1,
    account: { id: 1, name: 'A' },
    websites: [{ id: 10, name: 'W' }],
    webhooks: [{ key: 'main', version: 1, scope: 'account', url: 'https://h.example/q' }],
  };
  it('accepts a minimal account and applies defaults', () => {
    const r = validateAccount(base);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.account.pushRules).toEqual([]);
      expect(r.account.webhooks[0]!.enabled).toBe(true);
    }
  });
  it('lists every problem, not just the first', () => {
    const r = validateAccount({
      ...base,
      webhooks: [
        ...base.webhooks,
        { key: 'main', version: 1, scope: 'account', url: 'https://h.example/2' },
        { key: 'w', version: 2, scope: { website: 11 }, name: 'X', host: 'https://u:p@h.example/' },
      ],
      pushRules: [{ level: 'masterForm', destination: 'main' }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const lines = r.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
      expect(lines).toEqual([
        'webhooks[1].key: duplicate key "main" (also webhooks[0])',
        expect.stringMatching(/^webhooks\[1\]\.scope: a second webhook 1\.0 at scope account/),
        'webhooks[2].scope.website: website 11 is not in websites',
        expect.stringMatching(/^webhooks\[2\]\.host: credentials in the host URL/),
        'pushRules[0].target: required at level masterForm',
      ]);
    }
  });
});

describe('redaction', () => {
  it('masks secrets and their encoded forms (the last-line scan: unambiguous secrets)', () => {
    const r = new Redactor();
    r.add('p@ss word!-2026');
    expect(r.redact('a p@ss word!-2026 b p%40ss%20word!-2026 c')).toBe('a •••• b •••• c');
    expect(r.redact(Buffer.from('p@ss word!-2026').toString('base64'))).not.toContain(
      Buffer.from('p@ss word!-2026').toString('base64').slice(0, 12),
    );
  });
  it('masks a short secret where secrets occur (mask), not by substring in every output (redact)', () => {
    const r = new Redactor();
    r.add('p@ss word!');
    expect(r.mask('a p@ss word! b p%40ss%20word! c')).toBe('a •••• b •••• c');
    expect(r.redact('a p@ss word! b')).toBe('a p@ss word! b');
  });
  it('masks URL credentials and token-like query values', () => {
    expect(maskUrl('https://u:p@h.example/q?token=abc&x=1', (k) => k === 'token')).toBe(
      'https://••••:••••@h.example/q?token=••••&x=1',
    );
  });
});
